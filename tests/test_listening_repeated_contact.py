"""A repeated contact, and the silence after it, is a complaint (issue 9; session 52, Q50): the customer counts the
times they rang, wrote or chased ("I've rung twice", "we've emailed you three times about it") or says nothing came
back ("I've heard nothing back", "not heard a word since"), whatever the thing was. Such a turn, answered by a reply
that goes straight to business, is nudged for a mirror; one told back is not; thanks given twice, praise heard
("heard nothing but good things") and "got nothing to do with" open no moment. Cue level (``complaint_match`` on the
packaged tables) and through the product's composition (``scripts/replay_listening``); the wordings are written for
this test, not the calls' sentences (milliseconds). A contact counted in the words an upset cue reads ("I've rung five
times") stays the acknowledgement's (tests/test_language_wording_l.py's complaint list).
"""

from __future__ import annotations

import pytest

from coach.language.config import load_language_config
from coach.language.listening import complaint_match
from coach.language.patterns import compile_patterns
from tests.test_language_rules import final
from tests.test_listening_unsure_cue import LISTENING, replay

_CFG = load_language_config().mirror_complaint
_CUES, _NOT = compile_patterns(_CFG.cues), compile_patterns(_CFG.not_complaints)

CONTACTS = [
    "Morning. I've rung twice about the hedge trimmer we booked for Saturday.",
    "Hello, it's Dev. We've emailed you a few times about the invoice for the marquee.",
    "Hi. I have chased repeatedly about my daughter's swimming certificate.",
    "Afternoon. I'd phoned them a couple of times before the weekend about the organ tuning.",
    "Hello there. I've already complained twice about the bin collection on our close.",
    "Hi, Ruth speaking. We have contacted your team several times about the allotment key.",
    "Good morning. I wrote to you every week in June about the piano stool.",
]
SILENCES = [
    "Hello. I sent the form for the fishing permit in April and I've heard nothing back.",
    "Hi, it's Omar. I filled in the survey for the loft and not heard a word since.",
    "Good afternoon. We had nothing back from your office about the church hall booking.",
    "Hello. I posted the photographs for the calendar and still heard nothing.",
]
NOT_COMPLAINTS = [
    "I called twice to say thank you, the flowers were lovely.",
    "I've heard nothing but good things about your bakery.",
    "That's got nothing to do with the knee, he was fine after.",
    "I rang you yesterday to book a table for six.",
    "We emailed the form in on Tuesday, as you asked.",
]
BUSINESS = ["What's the booking reference, please?", "Can I take your postcode?"]


@pytest.mark.parametrize("text", CONTACTS + SILENCES)
def test_a_repeated_contact_or_the_silence_after_it_is_a_complaint_cue(text):
    assert complaint_match(text, _CUES, _NOT) is not None


@pytest.mark.parametrize("text", NOT_COMPLAINTS)
def test_thanks_praise_and_plain_contacts_are_no_complaint_cue(text):
    assert complaint_match(text, _CUES, _NOT) is None


def _call(turn: str, reply: str) -> list[str]:
    events = [final("agent", "Good afternoon, Parish Services, Sam speaking.", 0.0, utt="agent-1")]
    events.append(final("customer", turn, 3.0, utt="customer-1"))
    events += [final("agent", reply, events[-1]["at"] + 0.5, utt="agent-2"), {"type": "speech", "at": 40.0}]
    return [n.kind for _, n in replay.replay_events(events, LISTENING)]


@pytest.mark.parametrize("reply", BUSINESS)
@pytest.mark.parametrize("text", CONTACTS + SILENCES)
def test_a_business_reply_to_it_is_nudged_for_a_mirror(text, reply):
    assert "mirror_complaint" in _call(text, reply)


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (CONTACTS[0], "So you've rung twice about the hedge trimmer for Saturday and nobody got back to you."),
        (SILENCES[0], "So you sent the fishing permit form in April and you've heard nothing back from us."),
    ],
)
def test_a_reply_telling_it_back_is_not_nudged(text, reply):
    assert "mirror_complaint" not in _call(text, reply)


@pytest.mark.parametrize("reply", BUSINESS)
@pytest.mark.parametrize("text", NOT_COMPLAINTS[:2])
def test_thanks_or_praise_answered_with_business_is_not_nudged(text, reply):
    assert "mirror_complaint" not in _call(text, reply)
