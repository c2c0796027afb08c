"""Whether an agent's words push back on the customer: context for the customer's next turn.

An agent final that refuses, cites a rule or puts the fault on someone else ("We can't take reeds back once they've
been blown", "that's our policy", "so your cook must have been pushing it") is, on the scripted calls, answered by an
angry turn far more often than not: on the tuning scripts c01-c1245, the customer turn after an agent turn one of the
pushing-back ``positive_language`` phrase families (:data:`FAMILIES`) matches, and that neither tells them to calm down
nor makes amends (:mod:`coach.classify.amends`), is angry 222 times, upset 32, calm 13, happy 1 (after an agent turn
with none of these: angry 689, upset 670, calm 2,503, happy 691; issue 10, ``models/arousal.md``, session 54, E64).
The calm words the customer said *before* that answer describe them as they were, not as they answer it; the
escalation tracker stops them damping the voice of that next turn (``agent_pushback_undamps``). The words are judged
by the product's own phrase families (the language coach's ``positive_language`` rule of the call's own settings,
:func:`pushback_rule`, or of the packaged ones for a stage built without them; without its word-sureness bars: a
garbled refusal still tells the stage what the customer is answering, and only an aroused voice can use it).

Compliance: reads an agent transcript's text only to say yes or no; infers nothing about the agent; keeps and logs
nothing. Cost: one pass of the phrase families over an agent final (as the language coach's own rule makes).
"""

from __future__ import annotations

import dataclasses
import functools
import re

from coach.language.config import LanguageConfig, load_language_config
from coach.language.phrasing import PositiveLanguageRule
from coach.language.text import Match, sentences, tokens

FAMILIES = frozenset({"nothing_we_can_do", "not_our_job", "policy", "cant_do", "blame"})
"""The phrase families that push back on the customer (a refusal, a rule, the blame elsewhere). Not counted: the
families of merely negative wording ("unfortunately", "I don't know", "problem": "Unfortunately the weather looks
grim for Saturday", "I don't know the exact time yet, but I'll text you") and the refusal grammar's findings
(``grammar_refusal``, ``grammar_blame``: parts put together from loose words, which read garbled amends, "Not I'll
send 12 beers of gloves ...", as refusals)."""


NEVER_REFUSED = frozenset(
    {"remember", "recall", "hear", "think", "believe", "imagine", "thank", "wait", "apologise", "apologize"}
)
"""Verbs after the ``cant_do`` family's "I can't" that refuse the customer nothing: a memory, the line, a feeling ("I
can't remember", "I can't hear you", "I can't thank you enough", "I can't wait")."""
UNKNOWN_TOLD = frozenset({"tell", "say", "see"})
"""... and verbs of knowing that refuse nothing where the sentence ends with them or goes on to what is not known
(:data:`NOT_KNOWN_NEXT`): "I can't tell.", "I can't say when the driver will be there", "I can't see why not" (c1280's
closing question "Is there anything else I can help you with?" heard "In American Hills, I can't tell. You win.").
"I can't tell you his home number" stays a refusal."""
NOT_KNOWN_NEXT = frozenset(
    {"if", "whether", "when", "what", "how", "why", "where", "who", "which", "for", "exactly", "yet", "offhand", "from"}
)
"""Words after a verb of :data:`UNKNOWN_TOLD` (past a "you") that say what is not known ("for sure", "from here")."""
SEEN_DOING = frozenset({"us", "that", "it", "this", "them", "myself", "anyone", "anybody", "him", "her", "you"})
"""Who or what "I can't see" doing a thing refuses ("I can't see us doing that this week", "I can't see that
happening"); "I can't see" a thing on the file or in a photo is information ("I can't see your old address, so we'll
send it to the new one", "I can't see any damage in the photos, but I'd replace it anyway")."""
SEEN_AGREEING = frozenset(
    {"agreeing", "approving", "signing", "paying", "covering", "refunding", "accepting", "allowing", "authorising"}
    | {"authorizing", "giving", "replacing", "waiving", "budging", "sanctioning", "okaying"}
)
"""Verbs of someone giving way, said straight after a one- or two-word doer of "I can't see" ("I can't see my manager
agreeing to a refund", "I can't see the warranty covering it"): a refusal (helper R21's look-alikes of E69's 32697b74,
session 56: they pushed back at b1c6b2c)."""
SEEN_WAYS = (("any", "way"), ("a", "way", "round"), ("a", "way", "around"), ("any", "point"), ("the", "point"))
"""Words after "I can't see" that deny a way or a point ("I can't see any way to refund that", "I can't see a way
round that", "I can't see any point in sending another one"): a refusal."""


FIRM_WOULD = frozenset({"we'd", "i'd"})
"""The firm (or the agent) as the subject of a modal in one token: "we'd refund it"."""
FIRM = frozenset({"we", "i", "anyone", "anybody"})
"""... or before a modal of :data:`MODALS`: "we could refund", "anyone would pay"."""
MODALS = frozenset({"would", "could", "should", "can", "will", "might"})
"""Modals; "not" or "never" after one, or a negated one ("we couldn't refund that"), says the opposite."""
HEDGES = frozenset({"ever", "possibly", "actually", "really", "just"})
"""Words that may stand between the modal and its verb ("why we'd ever pay for that")."""
GIVEN = frozenset(
    {
        "refund",
        "pay",
        "replace",
        "cover",
        "compensate",
        "reimburse",
        "credit",
        "waive",
        "honour",
        "honor",
        "accept",
        "exchange",
        "repair",
        "give",
        "offer",
        "extend",
        "allow",
        "swap",
    }
)
"""Verbs of what the firm gives the customer: "I can't see why we'd refund it" refuses it; "I can't see why we'd
charge you for that" reassures and is not sought ("do", "send" and "fix" neither: "I can't think of a better way we
could do it", "I can't imagine we'd send it to the wrong address again")."""
THOUGHT_LINKS = {
    "see": ((), ("why",), ("how",), ("that",), ("any", "way"), ("any", "reason"), ("a", "way")),
    "think": (
        ("why",),
        ("how",),
        ("of", "any", "way"),
        ("of", "a", "way"),
        ("of", "any", "reason"),
        ("of", "a", "reason"),
        ("of", "anything"),
    ),
    "imagine": ((), ("that",), ("why",), ("how",)),
}
"""The words that join a verb of thinking to the firm's giving as its own complement ("see why we'd refund it",
"think of any way we could refund that", "imagine we'd refund that"): nothing else may stand between them, so a
giving in a later clause ("I can't see the tracking yet, so we will send a replacement") is not the thought."""
DOUBTED_REQUEST = frozenset({"expect", "want", "ask", "think"})
"""Verbs after "I can't believe you'd" that scorn the customer's request ("I can't believe you'd expect a refund for
that"); "I can't believe you'd have to wait so long" sides with them."""
CANT = frozenset({"can't", "cannot", "cant"})
"""The tokens of "can't" as :func:`~coach.language.text.tokens` folds them."""
WAITED_OUT = frozenset({"any", "longer", "past", "beyond"})
"""Words after "I can't wait" that end a wait on the customer ("I can't wait any longer for the paperwork");
"I can't wait to hear how it goes" refuses nothing."""
CLAUSE_END = re.compile(r"[,;:()]|\s[-\u2013\u2014]\s|\b(?:but|so|and|because)\b", re.IGNORECASE)
"""Where a clause ends within a sentence: the thought and the giving it doubts must share one."""


def _firm_gives(words: list[str]) -> bool:
    """Whether ``words`` open with the firm as the subject of a modal, not negated, and its verb of :data:`GIVEN`
    (past a hedge of :data:`HEDGES`): "we could refund that", "we'd ever pay for it"; not "we would not refund it"."""
    if words[:1] and words[0] in FIRM_WOULD:
        rest = words[1:]
    elif words[1:2] and words[0] in FIRM and words[1] in MODALS:
        rest = words[2:]
    else:
        return False
    while rest and rest[0] in HEDGES:
        rest = rest[1:]
    return bool(rest) and rest[0] in GIVEN


def _thought_refusal(verb: str, rest: list[str]) -> bool:
    """Whether a "can't" of thinking, knowing or waiting (``verb``, the words of its clause after it ``rest``) still
    refuses: the firm's giving thought impossible, as the verb's own complement (:data:`THOUGHT_LINKS`: "I can't think
    of any way we could refund that", "I can't see why we should pay for that"), the customer's request scorned ("I
    can't believe you'd expect a refund"), a wait ended on them ("I can't wait any longer for the paperwork")."""
    if verb == "wait":
        return bool(rest) and rest[0] in WAITED_OUT
    if verb == "believe":
        return rest[:1] in (["you'd"], ["you"]) and any(v in DOUBTED_REQUEST for v in rest[1:3])
    return any(
        tuple(rest[: len(link)]) == link and _firm_gives(rest[len(link) :]) for link in THOUGHT_LINKS.get(verb, ())
    )


def _refuses(family: str, m: Match) -> bool:
    """Whether finding ``m`` of phrase family ``family`` refuses: every finding of :data:`FAMILIES` but a ``cant_do``
    "can't" followed by a verb of :data:`NEVER_REFUSED`, or of :data:`UNKNOWN_TOLD` at the sentence's end or before
    what is not known, or "see" but before someone or something seen doing (:data:`SEEN_DOING`), a doer giving way
    (:data:`SEEN_AGREEING`) or a way or point denied (:data:`SEEN_WAYS`); those that still refuse are read by
    :func:`_refused_in_thought`."""
    if family != "cant_do":
        return True
    after = tokens(m.sentence)[m.end :]
    if not after:
        return True
    if after[0] in NEVER_REFUSED:
        return False
    if after[0] not in UNKNOWN_TOLD:
        return True
    if after[0] == "see":
        seen = after[1:]
        ways = any(tuple(seen[: len(w)]) == w for w in SEEN_WAYS)
        return (seen[:1] != [] and seen[0] in SEEN_DOING) or ways or bool(SEEN_AGREEING.intersection(seen[1:3]))
    rest = after[2:] if after[1:2] == ["you"] else after[1:]
    return bool(rest) and rest[0] not in NOT_KNOWN_NEXT


def _refused_in_thought(text: str) -> bool:
    """Whether a clause (:data:`CLAUSE_END`) of a sentence of ``text`` holds "can't" (or "cannot") before a verb of
    thinking, knowing or waiting whose words still refuse (:func:`_thought_refusal`): the phrase families' exceptions
    keep "I can't imagine", "I can't believe", "I can't wait" and "I can't see why" from the rule, so they are read
    here."""
    for sentence in sentences(text):
        for clause in CLAUSE_END.split(sentence.text):
            words = [w for w in tokens(clause or "") if w != "even"]
            for i, w in enumerate(words[:-1]):
                if w in CANT and _thought_refusal(words[i + 1], words[i + 2 :]):
                    return True
    return False


def pushback_rule(language: LanguageConfig) -> PositiveLanguageRule:
    """The ``positive_language`` rule of the language settings ``language`` (a call's own: the analyser builds the
    escalation stage's from its config's ``[language]``, as it does the calm-down rule), its refusal grammar off (not
    counted here, and most of the rule's cost)."""
    cfg = language.positive_language
    off = dataclasses.replace(cfg, grammar=dataclasses.replace(cfg.grammar, on=False))
    return PositiveLanguageRule(off, language.slots)


@functools.cache
def packaged_positive_language() -> PositiveLanguageRule:
    """:func:`pushback_rule` of the packaged language settings, built once a process (a stage built without a call's
    settings)."""
    return pushback_rule(load_language_config())


def pushes_back(text: str, rule: PositiveLanguageRule | None = None) -> bool:
    """Whether the agent's final ``text`` refuses, cites a rule or shifts the blame by one of ``rule``'s phrase
    families of :data:`FAMILIES` (None: :func:`packaged_positive_language`), its exceptions included; the refusal
    grammar's findings do not count (and with the packaged rule are not sought); nor does a "can't" that refuses
    nothing (:func:`_refuses`: "I can't remember", "I can't say when"); a "can't" of thinking, knowing or waiting
    that still refuses counts whatever the families' exceptions (:func:`_refused_in_thought`: "I can't see why we'd
    refund it")."""
    if not text.strip():
        return False
    return _refused_in_thought(text) or any(
        found.family in FAMILIES and _refuses(found.family, m)
        for found, m in (rule or packaged_positive_language()).candidates(text)
    )
