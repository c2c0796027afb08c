"""Thanks said as praise of the agent, and a manager asked for, are no feeling told (issue 9, session 54, Q52).

- A whole sentence praising the agent ("You've been ever so good to me.", "That's really kind of you.",
  ``listening.toml`` [courtesy]) says no feeling and no complaint, whatever the heads rate it: tuning quiet c1216's
  closing thanks took an acknowledgement and a mirror in script text. Sarcasm ("... a great help, haven't you?"),
  praise that turns ("... for years and now you've cut me off"), and complaints about what "you've been" doing still
  ask for both.
- Asking for a manager ("Can I speak to a manager please?"), or not reaching one ("I couldn't even speak to a
  manager"), is a request or a service complaint, not a feeling: no upset cue reads it (the escalation lexicon still
  reads the demand). A feeling said beside it is still read.

Every line is our wording; the rules are driven directly with the heads' readings injected (milliseconds each)."""

from __future__ import annotations

import pytest

from tests.test_quiet_call_classes import _ack, _mirror_q28

ACK, MIRROR = "acknowledge_feelings", "mirror_complaint"
BARE = "Which size was it, the medium or the large?"

PRAISE = [
    "You've been ever so good to me.",
    "You've been really helpful.",
    "You've been a great help.",
    "That's really kind of you.",
    "That's very good of you.",
    "Oh, you've been so patient with me.",
]
NOT_PRAISE = [
    "You've been no help at all.",
    "Well, you've been a great help, haven't you?",
    "You've been useless from start to finish.",
    "You've been so good to me for years and now you've cut me off.",
    "You've been sending me the wrong bill for months.",
    "You've been charging me twice since March.",
    "That's not very good of you, is it?",
    "You've been really rude to me on this call.",
    "You've been ignoring my emails for weeks.",
    "That was really unkind of your driver.",
    "You've been promising a refund for a month.",
]


@pytest.mark.parametrize("line", PRAISE)
def test_praise_of_the_agent_says_no_feeling_and_no_complaint(line):
    assert _ack(line, BARE, feeling=0.9) == []
    assert _mirror_q28(line, BARE, complaint=0.9) == []


@pytest.mark.parametrize("line", NOT_PRAISE)
def test_sarcasm_turned_praise_and_complaints_about_you_are_still_read(line):
    assert _ack(line, BARE, feeling=0.9) == [ACK]
    assert _mirror_q28(line, BARE, complaint=0.9) == [MIRROR]


MANAGER = [
    "I couldn't even speak to a manager.",
    "Can I speak to a manager please?",
    "I'd like to speak to a manager about my bill.",
    "Could I talk to your supervisor about the contract?",
]


@pytest.mark.parametrize("line", MANAGER)
def test_a_manager_asked_for_or_not_reached_is_no_feeling(line):
    assert _ack(line, BARE) == []


@pytest.mark.parametrize(
    "line",
    [
        "I want to speak to a manager right now, this is ridiculous.",
        "Put me through to your supervisor, I'm absolutely furious.",
        "I'm so fed up, can I speak to a manager?",
    ],
)
def test_a_feeling_beside_the_request_is_still_read(line):
    assert _ack(line, BARE) == [ACK]
