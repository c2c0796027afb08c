"""Session 55 (Q53; issue 9, after helper R19's probe of session 54): an exception excuses a sentence from the complaint
head only when the sentence does not turn after it (``listening._excused``).

The mirror's ``not_complaints`` ("made up with / about", "made up for it", "no problem", ...) kept the whole sentence
from the head, so a delight or an amends told first and then taken back ("..., but two of them came with flat tyres")
was never read. Now a contrast word ("but", "though", "only", ...), "until" or a complaint cue after the exception's
words lets the head read the sentence; a sentence that goes on gladly stays excused. The wordings are written for this
test; the head's readings set by hand (milliseconds).
"""

from __future__ import annotations

import pytest

from coach.language.config import load_language_config
from coach.language.listening import _excused
from coach.language.patterns import compile_patterns
from tests.test_quiet_call_classes import _mirror_q28

_C = load_language_config().mirror_complaint
_NOT, _CUES = compile_patterns(_C.not_complaints), compile_patterns(_C.cues)
BARE = "Which size was it, the medium or the large?"

TURNED = [
    "They said a voucher made up for it, but the voucher doesn't even work.",
    "The kids were made up with the bikes, but two of them came with flat tyres.",
    "My nan was made up about the chair, only the arm came loose the next day.",
    "We were made up with the tent, though the zip jammed on the first night.",
]
STILL_GLAD = [
    "He'll be made up with that!",
    "She was made up with the flowers, thank you so much.",
    "We're all made up about the new kitchen, it looks lovely.",
    "The extra day made up for it, honestly.",
    "My dad was made up with the card, he's still got it on the mantelpiece.",
    "They'll be made up about the party, it's the first one in years.",
    "I was made up with the colour, it's exactly what we wanted.",
    "She'll be made up with that, she's been on about it for weeks.",
    "The kids were made up with the bikes and rode them all afternoon.",
    "He was made up about the tickets, now he wants to book another show.",
    "We were made up with the service, then we booked again for June.",
    "No problem at all, the Tuesday slot suits us fine.",
]


@pytest.mark.parametrize("text", TURNED)
def test_a_delight_taken_back_is_read_by_the_head(text):
    assert not _excused(text, _NOT, _CUES)
    assert _mirror_q28(text, BARE, complaint=0.9) == ["mirror_complaint"]


@pytest.mark.parametrize("text", STILL_GLAD)
def test_a_sentence_that_goes_on_gladly_stays_excused(text):
    assert _excused(text, _NOT, _CUES)
    assert _mirror_q28(text, BARE, complaint=0.9) == []


def test_a_sentence_with_no_exception_is_not_excused():
    assert not _excused("The bikes came with flat tyres.", _NOT, _CUES)
