"""Listening (issue 9): a complaint cue that tells of a person's injury is a hurt to acknowledge, not a fault to mirror.

Session 40, Q38: quiet c929's customer told "I've broken my wrist in two places" (the cue of a thing "broken") and the
agent answered with an acknowledgement and a question ("I can't imagine how frustrating that is, how are you
doing?"), which the truth file counts as well handled; the mirror rule nudged it. ``listening._an_injury``: the cue
ends with an injury word ("broken", "sprained", "hurt" ...) followed in the same clause by a possessive and a body
part, so the mirror's moment is *weak*, as for a death (``_a_death``): an acknowledgement answers it. In the tuning
scripts (c01-c933) two customer sentences have the shape (c551's "she's broken her wrist", c929). Our own wordings,
not the call's. The first test fails at the commit before this change (checked); the controls pass at both.
"""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.language.listening import _an_injury
from coach.language.text import first_match
from tests.test_listening_classes import MIRROR, _reply

FELL = (
    "Hi, it's Tom Reyes. I slipped on the ice on the way to my Tuesday class and I've broken my ankle in two places."
    " I'm in a boot for six weeks and I'm gutted."
)
MIRROR_CUES = LanguageCoach()._mirror._cues


def _cue(text: str):
    m = first_match(text, MIRROR_CUES)
    assert m is not None, text
    return m


def test_an_acknowledged_injury_needs_no_mirror() -> None:
    reply = "Oh no, Tom, that sounds really painful, I'm so sorry, how are you holding up?"
    assert MIRROR not in _reply(FELL, reply)


def test_injury_read_in_one_clause() -> None:
    assert _an_injury(_cue("I've broken my arm, so I can't drive."))
    assert not _an_injury(_cue("The lamp arrived broken, my hall is still dark."))


def test_control_a_broken_thing_is_no_injury() -> None:
    assert not _an_injury(_cue("The gate you fitted has broken already."))


def test_control_business_reply_to_an_injury_still_nudged() -> None:
    assert MIRROR in _reply(FELL, "Okay, what's your membership number?")
