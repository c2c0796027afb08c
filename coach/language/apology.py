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
_NOT_NEXT = re.compile(
    r"^(?:but|to (?:bother|interrupt|keep|ask|say)|(?:can|could|would|will) you|what|pardon|say (?:that|again)|"
    r"i (?:didn't|did not|missed|couldn't|could not) (?:catch|hear)|you (?:broke|cut) up|the line)\b"
)
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
