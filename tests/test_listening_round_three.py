"""Session 53, round three (Q51; designed AFTER c1222-c1245 were opened, on c1233, quiet c1238 and quiet c1244: in
sample for them; issue 9). Our wording throughout, none a call's sentence (milliseconds each, no audio).

- A thing that never came, told with a negative subject, is a complaint cue as "nobody came" is ("Nothing has come
  since last Monday", "not one parcel has arrived", "nothing since Monday"); not a thing that came up or came of
  something, nor "nothing for me".
- Leave to go ahead at the end of a short sentence whose polite words were heard garbled ("Now I can't all go
  ahead.", said "Not at all, go ahead.") says no feeling ([courtesy]); a plan that cannot go ahead is still read.
- A customer turn opening by confirming what the agent's last turn told back ("Yes, that's it exactly.") tells on
  the story just mirrored: a complaint cue in it opens no new mirror moment; without the confirmation, or after a
  reply that told nothing back, it does.
"""

from __future__ import annotations

import pytest

from coach.language.listening import complaint_match
from tests.test_language_rules import final
from tests.test_listening_near_miss_run_on import _CUES, _NOT
from tests.test_listening_unsure_cue import LISTENING, replay
from tests.test_quiet_call_classes import _acked

NEVER_CAME = [
    "Nothing has come since last Monday.",
    "Nothing has come in last Monday.",
    "Nothing has arrived, and it's been ten days.",
    "Not a thing has turned up.",
    "Not one parcel has arrived yet.",
    "No milk has come for a week.",
    "No engineer has turned up.",
    "Nothing since last Tuesday, not even a text.",
    "We've heard nowt, and nowt has come through.",
]
NOT_NEVER_CAME = [
    "Nothing has come up on the scan, which is good.",
    "Nothing for me, thanks.",
    "Nothing came of it in the end, but that's fine.",
    "No problem, it came yesterday.",
    "Nothing has changed with my address.",
]


@pytest.mark.parametrize("text", NEVER_CAME)
def test_a_thing_that_never_came_is_a_complaint_cue(text):
    assert complaint_match(text, _CUES, _NOT) is not None


@pytest.mark.parametrize("text", NOT_NEVER_CAME)
def test_a_thing_that_came_up_or_nothing_wanted_is_no_complaint_cue(text):
    assert complaint_match(text, _CUES, _NOT) is None


@pytest.mark.parametrize(
    "reply", ["Not at all, go ahead.", "Now I can't all go ahead.", "Yes please, carry on.", "Sure, fire away."]
)
def test_leave_to_go_ahead_says_no_feeling(reply):
    assert not _acked(reply)


@pytest.mark.parametrize("line", ["The wedding can't go ahead.", "I told them not to go ahead with it."])
def test_a_plan_that_cannot_go_ahead_is_still_read(line):
    assert _acked(line)


COMPLAINT = (
    "I bought one of your pottery days for my dad's birthday in March, and the voucher email went into my junk "
    "folder, and now your website says the code has expired."
)
TOLD_BACK = "So the voucher email went to your junk folder and the code expired before you'd even seen it."
NOT_TOLD_BACK = "Pottery days run every Saturday from ten until four at the studio."
BUSINESS = "Can I take the order number, please?"


def _mirrors(agent_turn: str, customer_after: str) -> list[str]:
    events = [final("agent", "Good morning, Clayworks, Robin speaking.", 0.0, utt="agent-1")]
    events.append(final("customer", COMPLAINT, 2.0, utt="customer-2"))
    events.append(final("agent", agent_turn, events[-1]["at"] + 0.5, utt="agent-3"))
    events.append(final("customer", customer_after, events[-1]["at"] + 1.0, utt="customer-4"))
    events += [final("agent", BUSINESS, events[-1]["at"] + 0.5, utt="agent-5"), {"type": "speech", "at": 90.0}]
    return [n.moment for _, n in replay.replay_events(events, LISTENING) if n.kind == "mirror_complaint"]


CONFIRMED = [
    "Yes, that's it exactly. He's wanted to try the wheel for years, this was meant to be the real thing.",
    "Exactly. He's wanted to try the wheel for years, this was supposed to be his big treat.",
    "You've got it in one. And the reminder email was meant to come a week before.",
]


@pytest.mark.parametrize("turn", CONFIRMED)
def test_a_cue_in_a_turn_confirming_the_told_back_story_opens_no_mirror(turn):
    assert _mirrors(TOLD_BACK, turn) == []


@pytest.mark.parametrize("turn", CONFIRMED)
def test_without_the_confirmation_the_later_cue_still_asks_for_its_mirror(turn):
    unconfirmed = turn.split(". ", 1)[1]
    assert [m for m in _mirrors(TOLD_BACK, unconfirmed) if m.startswith("customer-4")]


@pytest.mark.parametrize("turn", CONFIRMED)
def test_a_confirmation_after_a_reply_that_told_nothing_back_is_no_pass(turn):
    assert _mirrors(NOT_TOLD_BACK, turn)
