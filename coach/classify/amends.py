"""Whether the agent's answer makes amends: it apologises *and* commits to an action, at some length.

An angry customer's next turn after an agent turn that both apologises or owns the fault ("I'm sorry", "that's on
us", "you're right") and commits to doing something ("I'll send ...", "I've credited ...", "we're sending ...") is,
on the scripted calls, almost always calm: on the tuning scripts c01-c1221, after such an agent turn of at least
:data:`MIN_WORDS` words, the customer turn after an angry one is calm 241 times, happy 4, upset 1 and angry 1 (any
earlier mood: calm 273, happy 8, upset 7, angry 2; issue 10, ``models/arousal.md``, session 53, E61). That calm
reply often starts as loud as the angry line it answers, and a turn that starts raised is "tense" on the raised voice
alone; the escalation stage reads this as counter-evidence for the raised-voice routes that need no words
(``agent_amends_damp``), as it reads the customer's own thanks.

Compliance: reads an agent transcript's text only to say yes or no; infers nothing about the agent; keeps and logs
nothing. Cost: one pass over the tokens of the agent's words since the customer's latest final.
"""

from __future__ import annotations

from coach.classify.lexicon import sentence_tokens
from coach.language.apology import TURN_TAKING

MIN_WORDS = 25
"""The fewest words of the agent's answer (their finals since the customer's latest final) that can make amends: a
short "Sorry, I'll check" is a holding line, not a remedy."""
APOLOGY = (
    ("sorry",),
    ("apologise",),
    ("apologize",),
    ("apologies",),
    ("my", "fault"),
    ("our", "fault"),
    ("my", "mistake"),
    ("our", "mistake"),
    ("on", "us"),
    ("you're", "right"),
)
"""Word sequences by which an agent apologises or owns the fault."""
COMMITMENT = (
    ("i'll",),
    ("we'll",),
    ("i've",),
    ("i", "will"),
    ("we", "will"),
    *(("i'm", w) for w in ("sending", "putting", "booking", "refunding", "crediting", "going")),
    *(("we're", w) for w in ("sending", "putting", "booking", "refunding", "crediting", "going")),
)
"""Word sequences by which an agent commits to an action ("I'll send", "I've booked", "we're sending")."""


def _has(
    sentences: list[list[str]], phrases: tuple[tuple[str, ...], ...], not_next: tuple[tuple[str, ...], ...] = ()
) -> bool:
    """Whether a sequence of ``phrases`` occurs within one of ``sentences`` (token lists), not followed in its
    sentence by one of ``not_next``."""
    for words in sentences:
        for i in range(len(words)):
            for p in phrases:
                if tuple(words[i : i + len(p)]) != p:
                    continue
                after = words[i + len(p) :]
                if not any(tuple(after[: len(n)]) == n for n in not_next):
                    return True
    return False


def makes_amends(text: str) -> bool:
    """Whether the agent's ``text`` (their words since the customer's latest final) apologises or owns the fault
    (:data:`APOLOGY`, not one for the talk itself: :data:`coach.language.apology.TURN_TAKING`), commits to an action
    (:data:`COMMITMENT`) and holds at least :data:`MIN_WORDS` words."""
    sentences = sentence_tokens(text)
    if sum(len(s) for s in sentences) < MIN_WORDS:
        return False
    return _has(sentences, APOLOGY, TURN_TAKING) and _has(sentences, COMMITMENT)
