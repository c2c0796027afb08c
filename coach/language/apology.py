"""An apology said as a whole clause: the agent's "I'm sorry" on its own, whatever the recogniser made of
the words after it.

An agent answering an upset or bereaved customer often says "I'm sorry about your aunt" or "... and I'm
sorry." The acknowledgement patterns need the words after "sorry" ("sorry to hear", "sorry about"),
and the recogniser often mishears them ("I'm sorry, I'm out of your own", c304): a clause that is only
"(oh|and|so) I'm (so|really ...) sorry", ended by a comma or a full stop, is an acknowledgement too.
It is not one when it asks ("I'm sorry?") or when the next clause turns it into a "but", an
interruption or a request to repeat ("I'm sorry, could you say that again?", "I'm sorry, but ...").
Text only; nothing is logged.
"""

from __future__ import annotations

import re

_LEAD = r"(?:(?:oh|and|so|well|look|honestly|okay|ok|right)\s+)*"
_SORRY = r"(?:i'm|i am|we're|we are)\s+(?:(?:so|really|very|truly|terribly|awfully|genuinely|ever so|so very)\s+)?sorry"
_CLAUSE = re.compile(rf"^{_LEAD}{_SORRY}$")
_OPENING = re.compile(rf"^\W*{_LEAD}{_SORRY}\b")
_NOT = (("didn't",), ("did", "not"), ("couldn't",), ("could", "not"))
_HEARD = ("you", "that", "what", "it", "the", "your", "a", "all", "properly", "clearly", "everything", "much")
"""What "I didn't hear" asks to repeat: the speaker or what they said ("I didn't hear you", "... the last bit", "...
your postcode"); not "I didn't hear back from the engineer" nor "... from them", news of the fault."""
_LINE_WENT = ("went", "goes", "keeps", "crackled", "crackles", "crackling", "dropped", "dipped", "broke", "cut")
_LINE_SOUNDS = (
    "bad", "poor", "awful", "terrible", "quiet", "funny", "faint", "crackly", "noisy", "breaking", "cutting",
    "dropping", "unclear", "muffled", "echoing", "echoey",
)
"""How the telephone line itself sounds after "the line went / is / was / 's" ("sorry, the line went funny", "the
line's breaking up"): talk. "The line" as the fault ("the line fault", "the line rental was charged twice", "the
line engineer didn't turn up", "the line is down") is no talk (helper R19's look-alikes, session 54; R20, session
55)."""
TURN_TAKING = (
    ("but",),
    *(("to", w) for w in ("bother", "interrupt", "keep", "ask", "say", "hear")),
    ("to", "go", "on"),
    *((w, "you") for w in ("can", "could", "would", "will")),
    ("what",),
    ("pardon",),
    ("say", "that"),
    ("say", "again"),
    *(("i", *n, "catch") for n in _NOT),
    *(("i", *n, "hear", w) for n in _NOT for w in _HEARD),
    ("you", "broke", "up"),
    ("you", "cut", "up"),
    *(("the", "line", w) for w in _LINE_WENT),
    *(("the", *v, w) for v in (("line", "is"), ("line", "was"), ("line's",)) for w in _LINE_SOUNDS),
    ("go", "on"),
    ("carry", "on"),
    ("i'm", "back"),
    ("yes", "i'm", "back"),
)
"""Words right after an apology that make it one for the talk itself, not for the fault or the customer's trouble: a
"but", an interruption or a wait ("sorry to bother you", "sorry to keep you", "sorry to go on"), a request to repeat
("sorry, could you say that again?", "sorry, what was it?", "sorry, I didn't catch that", "sorry, you broke up"),
leave to go on ("sorry, go on", "sorry, carry on") or a return from a hold ("sorry, yes, I'm back"). Lower-case word
sequences; their one source, read here (:func:`bare_apology`) and by :mod:`coach.classify.amends` (an apology that
makes amends: c1127's return from a hold, c1129's and c1177's rambling agents read as amends before amends had these,
session 53, E61). One list since session 54 (Q52): this module's and amends' had grown apart (amends lacked the
requests to repeat, this module leave to go on and a return from a hold; no tuning agent line's verdict moves)."""
_NOT_NEXT = re.compile("^(?:" + "|".join(re.escape(" ".join(words)) for words in TURN_TAKING) + r")\b")
_SENTENCE = re.compile(r"([^.!?]+)([.!?]*)")


def _fold(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no punctuation but apostrophes."""
    text = text.lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text).split())


def bare_apology(text: str) -> bool:
    """Whether the agent's ``text`` holds a clause that is only "I'm sorry" (see the module docstring),
    not a question and not followed by "but" or a request to repeat."""
    for body, end in _SENTENCE.findall(text):
        if end.startswith("?"):
            continue
        pieces = [_fold(p) for p in body.split(",")]
        for i, piece in enumerate(pieces):
            after = next((p for p in pieces[i + 1 :] if p), "")
            if _CLAUSE.match(piece) and not _NOT_NEXT.match(after):
                return True
    return False


def opens_with_apology(text: str) -> bool:
    """Whether the agent's ``text`` opens with "I'm sorry" (partials often drop the comma after it, "I'm
    sorry I'm out here on"): the verdict on such a reply waits for its whole turn."""
    return _OPENING.match(_fold(text)) is not None
