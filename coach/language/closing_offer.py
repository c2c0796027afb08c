"""The agent's offer of more help read by its shape, for the closing rule (issue 9, session 55, C25).

The closing rule (:mod:`coach.language.closing`) reads "anything else?" from its words (``asks`` in ``phrases.toml``).
At a call's end the recogniser often garbles the question's words but keeps its shape: "Any other thing I can help
with?" heard "... and the other thing I can tell with" (c1257 at 157.8 s), the goodbye after it then nudged as a close
with no ask. :func:`offers_more` reads that shape: the turn's last sentence *ends* on "<other / else / more / further>
<a few words> I / we can / could / might / may <help-like verb> (you) with / for". A sentence ending on the preposition
is the question's own shape; mid-sentence the same words go on to say something ("The other thing I can help with is
the delivery charge."). A negation before it ("there's nothing more I can help with", "no other way we can help
with") is a refusal, not an offer.

:data:`WANTING_ASKS` is a weaker shape, "any other <thing> you want / need / are wanting": as often a question about a
detail ("Is there any other address you want it sent to?") as the offer ("Is there any other kit you're wanting for
the build?", heard "This near any other cut you want in front of the world this week.", c1251 at 139.3 s). It counts
as the ask only when the customer's next turn answers it by closing: it asks nothing and ends on thanks
(:meth:`coach.language.closing.ClosingRule._answers_unsure_ask`).
"""

from __future__ import annotations

from coach.language.text import sentences

MORE_WORDS = frozenset({"other", "else", "more", "further"})
"""Words that make the offer one of *more* help ("any other", "anything else", "anything more", "anything further")."""
OFFER_GAP = 4
"""The most words between a :data:`MORE_WORDS` word and the "I / we" of the offer ("any other worry about the hutch I
can help with": 4)."""
HELPERS = frozenset({"i", "we"})
MODALS = frozenset({"can", "could", "might", "may"})
HELP_VERBS = frozenset({"help", "hell", "yelp", "held", "tell", "tail", "hail", "film", "assist"})
""""help" and the words tiny.en writes for it at a call's end ("tell", "hell", "film": c617, c203, c1257). Not "do":
"anything more I can do for you" is in ``asks`` word for word, and "... and the other one I can do for you" is a
promise."""
OFFER_ENDS = (("with",), ("for",), ("for", "you"), ("with", "today"), ("for", "you", "today"), ("for", "today"))
"""How the offer's sentence ends after its verb (and an optional "you"): on the preposition, the question's shape."""
NEGATIONS = frozenset({"no", "not", "nothing", "never", "none", "cannot", "can't", "cant", "won't", "unable"})
"""Words before the offer that make it a refusal ("there's nothing more I can help with")."""
NEGATION_REACH = 2
"""How many words before the :data:`MORE_WORDS` word a :data:`NEGATIONS` word refuses the offer from ("there's no
other way we can help with"); the words of the gap after it count too."""
COPULAS = frozenset({"is", "are", "was", "were", "'s", "be"})
"""Words between the :data:`MORE_WORDS` word and the offer that make it a statement ("the other one is the one we can
help with"), or a contraction of one (a word ending "'s")."""
STATEMENT_REACH = 3
"""How many words before the :data:`MORE_WORDS` word a :data:`COPULAS` word or an "'s" contraction makes the sentence a
statement ("that's definitely something else I can help with", "it's the other one we can help with"), unless the
copula opens the question before "there" ("Is there any other worry ...")."""
WANTING_ASKS = (
    "any other * (you|you're) (want|wanting|need|needing|after)",
    "any other * * (you|you're) (want|wanting|need|needing|after)",
)
"""The weaker shape, answered by the customer's closing turn only: see the module docstring."""


def offers_more(text: str) -> bool:
    """Whether the agent's ``text`` ends on an offer of more help by its shape (see the module docstring): its last
    sentence's tokens end "<MORE_WORDS> <0..OFFER_GAP words> i|we <MODALS> <HELP_VERBS> (you) <OFFER_ENDS>", with no
    :data:`NEGATIONS` word from :data:`NEGATION_REACH` words before the "more" word on and no :data:`COPULAS` word
    (or "'s" contraction) in the gap."""
    parts = sentences(text)
    if not parts:
        return False
    toks = list(parts[-1].tokens)
    for end in OFFER_ENDS:
        if tuple(toks[-len(end) :]) != end:
            continue
        head = toks[: -len(end)]
        if head[-1:] == ["you"]:
            head = head[:-1]
        if len(head) < 3 or head[-1] not in HELP_VERBS or head[-2] not in MODALS or head[-3] not in HELPERS:
            continue
        before = head[:-3]
        more = [i for i, w in enumerate(before) if w in MORE_WORDS and len(before) - 1 - i <= OFFER_GAP]
        if not more:
            continue
        gap = before[more[-1] + 1 :]
        if NEGATIONS.intersection(before[max(0, more[-1] - NEGATION_REACH) :]):
            continue  # "there's nothing more I can help with": a refusal
        at = max(0, more[-1] - STATEMENT_REACH)
        lead = [w for i, w in enumerate(before[at : more[-1]], at) if before[i + 1 : i + 2] != ["there"]]
        if not any(w in COPULAS or w.endswith("'s") for w in (*lead, *gap)):
            return True
    return False
