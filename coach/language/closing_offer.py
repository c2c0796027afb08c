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

:func:`asks_more` is the weakest: a question whether there is more in any frame ("Was there anything more on your list
today?", "Any other thing to sort before you fly?"). It counts as the ask only when the customer's next turn says no
to it and raises nothing (session 58, Q56).
"""

from __future__ import annotations

from coach.language.patterns import WORD
from coach.language.text import Sentence, find_phrases, sentence_of, sentences, tokens

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
DETAIL_THINGS = frozenset(
    {
        *("address", "name", "number", "colour", "color", "day", "date", "time", "email", "phone", "card", "account"),
        *("size", "postcode", "contact", "detail", "details", "person", "slot", "method", "room", "door", "payee"),
    }
)
"""Things a :data:`WANTING_ASKS` question names that make it a question about a detail of the errand, not an offer of
more: "Is there any other address you want it sent to?", "Any other day you need the van?" (helper R20's look-alikes,
session 55; session 56, C26)."""
OBJECT_WORDS = frozenset({"it", "them", "us", "me", "him", "her", "the", "a", "an", "that", "this", "your", "my"})
"""A word straight after the want / need of :data:`WANTING_ASKS` that makes it a detail wanted of something else
("any other number you want us to ring", "any other bag you need the driver to take"): the question asks how the
errand is done, not whether the customer wants more."""


OPENERS = frozenset(
    {
        *("is", "are", "was", "there", "any", "anything", "everything", "something", "some", "the", "a", "one"),
        *("and", "so", "but", "isn't", "aren't", "wasn't"),
        *("now", "then", "also", "just", "lastly", "finally", "well", "okay", "ok", "right", "oh", "lovely", "great"),
    }
)
"""Words an offer's clause may open with before its :data:`MORE_WORDS` word: the question's own ("is there any",
"anything") and a joining or filler word ("and the other thing", "okay, so is there some other"). A clause whose
words before it say anything else is a statement about what exists ("I'll send you a leaflet about the other services
we can help with.", "There's a form for anything else we can help with.", "Your plan covers a few more things I can
help with."; helper R20's look-alikes of round one, session 56, C26)."""
ASKING_OPENERS = frozenset({"do", "did", "you", "have", "got", "need", "want"})
"""Words a clause may also open with when its sentence ends on "?": "Do you have any other questions I can help
with?", "Have you got any more queries we can help with?"."""
CLAUSE_JOINS = frozenset({"and", "so", "but"})
"""Words that open a new clause inside a sentence, as a comma does ("... within the week and the other thing I can
tell with", c1257 as heard)."""
QUESTION_OPENS = frozenset({"is", "isn't", "are", "aren't", "was", "wasn't"})
"""Words that open a question inside a run-on sentence when "there" follows them ("... and it'll show on this lunch
card is there anything else I can tell with.", c1288 at 59.6 s as heard: the recogniser's sentence runs the ask on
without a stop)."""
ASKED_THINGS = frozenset(
    {
        *("thing", "things", "query", "queries", "question", "questions", "worry", "worries", "problem", "problems"),
        *("issue", "issues", "matter", "matters", "way", "ways"),
    }
)
"""The things an offer of more help names, read as the offer without a question mark: "... and the other thing I can
tell with" (c1257), "is there some other query I might hell with". A sentence without "?" that names something else
("..., and the other bins we can help with.") says what exists; asked with "?" any thing is the offer ("Any other
kit I can help with?")."""


def _clause_start(sentence: Sentence, more: int) -> int:
    """The token index in ``sentence`` where the clause holding the :data:`MORE_WORDS` word at token ``more`` opens:
    after the last comma before it, or at the last :data:`CLAUSE_JOINS` word or :data:`QUESTION_OPENS` word before
    "there" before it, whichever is later; 0 when none."""
    toks, start, spoken = sentence.tokens, 0, 0
    for piece in sentence.text.split(",")[:-1]:
        spoken += len(WORD.findall(piece))
        after = next((i for i, src in enumerate(sentence.source) if src >= spoken), len(toks))
        if after <= more:
            start = after
    asked = (i for i in range(start, more - 1) if toks[i] in QUESTION_OPENS and toks[i + 1] == "there")
    joins = [*(i for i in range(start, more) if toks[i] in CLAUSE_JOINS), *asked]
    return max(joins, default=start)


def _asked_in_words(lead: list[str]) -> bool:
    """Whether a clause's words before its :data:`MORE_WORDS` word (``lead``, all :data:`OPENERS`) ask by themselves,
    a question mark or not: a :data:`QUESTION_OPENS` word before "there" ("is there any", "was there any"). Not "any"
    alone: "We'll sort the bins and any other jobs we can help with." says what will be done."""
    return any(w in QUESTION_OPENS and lead[i + 1 : i + 2] == ["there"] for i, w in enumerate(lead))


def _invites(sentence: Sentence, more: int, gap: list[str]) -> bool:
    """Whether the clause of the :data:`MORE_WORDS` word at token ``more`` of ``sentence`` is an invitation, not a
    statement: its words before that word are all :data:`OPENERS` (or :data:`ASKING_OPENERS` when the sentence asks,
    ending on "?"), and, unless it asks by its mark or by its words (:func:`_asked_in_words`: the recogniser often
    writes a real offer without "?": "Was there any other bits I can help with.", helper R21's look-alikes, session
    56), the thing named after it (the first word of ``gap``, if any) is one of :data:`ASKED_THINGS`."""
    asks = sentence.text.rstrip().endswith("?")
    opener = OPENERS | ASKING_OPENERS if asks else OPENERS
    lead = list(sentence.tokens[_clause_start(sentence, more) : more])
    if not all(w in opener for w in lead):
        return False
    return asks or not gap or gap[0] in ASKED_THINGS or _asked_in_words(lead)


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
        if any(w in COPULAS or w.endswith("'s") for w in (*lead, *gap)):
            continue
        if _invites(parts[-1], more[-1], gap):
            return True
    return False


MORE_ASKS = ("(anything|something|owt|aught) (else|more|further)",)
"""Words that ask whether there is *more* whatever follows them ("Was there anything more on your list today?",
"Anything more on the trip I can chase up?"): see :func:`asks_more`."""
OTHER_ASKS = ("any (other|more|further)",)
"""Words that ask for more only with the offer's thing or the agent's own help after them ("Any other thing to sort
before you fly?", "... any other little job I could be doing for you ..."): "any more bags?", "any other colour?" ask
about the errand (see :func:`asks_more`)."""
OTHER_THINGS = ASKED_THINGS | frozenset({"job", "jobs", "bit", "bits", "business", "errand", "errands", "little"})
"""The thing an :data:`OTHER_ASKS` question may name straight after it for it to be the offer of more."""
NOT_MORE_AFTER = frozenset({"of", "than", "time", "times"})
"""A word straight after a :data:`MORE_ASKS` or :data:`OTHER_ASKS` phrase that makes it a quantity or a comparison, not
more business ("anything more of the blue ones?", "any more than that?", "any other time?")."""
MORE_THING_REACH = 3
"""How many words after the phrase are read: a :data:`DETAIL_THINGS` word among them makes the question one about a
detail of the errand ("Is there any other address I could use?"); an "I / we" among them is the agent's own help (an
:data:`OTHER_ASKS` question: "any other letter than I could be doing for you", c1339 as heard)."""


def asks_more(text: str) -> bool:
    """Whether the agent's ``text`` ends on a question whether there is more, in words :func:`offers_more` and the
    ``asks`` table may not read: its last sentence ends on "?" and holds a :data:`MORE_ASKS` phrase, or an
    :data:`OTHER_ASKS` phrase with one of :data:`OTHER_THINGS` straight after it or an "I / we" within
    :data:`MORE_THING_REACH` words after it; never with a :data:`NOT_MORE_AFTER` word straight after the phrase or a
    :data:`DETAIL_THINGS` word in those words ("Was there anything more on your list today?", "... is there any other
    letter than I could be doing for you this morning?", c1339 at 55.7 s as heard). As often a question about the
    errand as the offer of more help, it counts as the ask only when the customer's next turn says no to it and
    nothing more (:meth:`coach.language.closing.ClosingRule._answers_unsure_ask`; session 58, Q56). Its clause
    opens as an offer does (:func:`_invites`: "is there", "was there", "do you need", or nothing before it); a
    question about more of what someone said or did ("Did the last engineer say anything more about the part?",
    helper R23's look-alike) is none."""
    parts = sentences(text)
    if not parts or not parts[-1].text.rstrip().endswith("?"):
        return False
    last = parts[-1].text
    words = [w.lower() for w in tokens(last)]
    for m in find_phrases(last, (*MORE_ASKS, *OTHER_ASKS)):
        after = words[m.offset + m.end : m.offset + m.end + MORE_THING_REACH]
        if (after[:1] and after[0] in NOT_MORE_AFTER) or not DETAIL_THINGS.isdisjoint(after):
            continue
        if not _invites(parts[-1], m.offset + m.start + 1, after):
            continue  # "Did the last engineer say anything more about the part?": more of something told (R23)
        if m.phrase in MORE_ASKS or (after[:1] and after[0] in OTHER_THINGS) or not HELPERS.isdisjoint(after):
            return True
    return False


def wants_more(text: str) -> bool:
    """Whether the agent's ``text`` asks the weaker "any other <thing> you want" (:data:`WANTING_ASKS`) as an offer of
    more: the thing is none of :data:`DETAIL_THINGS` and the want / need has no :data:`OBJECT_WORDS` straight after it
    ("... any other cut you want in front of the world this week.", c1251 as heard; not "Is there any other address
    you want it sent to?")."""
    for m in find_phrases(text, WANTING_ASKS):
        sentence = sentence_of(text, m)
        if sentence is None:
            continue
        said = sentence.tokens[m.start : m.end]
        after = sentence.tokens[m.end : m.end + 1]
        if DETAIL_THINGS.isdisjoint(said) and OBJECT_WORDS.isdisjoint(after):
            return True
    return False
