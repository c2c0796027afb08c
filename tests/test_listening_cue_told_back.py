"""A complaint the agent has already told back, told on, is met (issue 9, session 54, Q52, round three; designed on our
wording after c1246-c1269 were opened, none of their lines).

After an agent turn that answered the complaint (told it back: "Oh no, so the present was left out in the rain on the
step and the box got soaked."), a customer turn whose every complaint cue names what that turn already said ("The box
is completely soaked", "He just left it on the step") opens no new mirror moment: the agent cannot mirror it again.
A new fault in the same turn ("... and the telly inside is smashed"), a new complaint ("my other parcel never
arrived"), a hope ("it was meant to be her big surprise") or the same words after a reply that took the complaint on
without its words ("I'm so sorry about that, I'll replace it today.") still ask for the mirror."""

from __future__ import annotations

import pytest

from tests.test_listening_round_three import LISTENING, final, replay

COMPLAINT = (
    "The parcel with my daughter's birthday present was left on the step in the rain and the box is soaked through."
)
TOLD_BACK = "Oh no, so the present was left out in the rain on the step and the box got soaked. I'm sorry about that."
TAKEN_ON = "I'm so sorry about that, I'll replace it today."
BUSINESS = "Can I take the order number, please?"


def _later_mirrors(agent_turn: str, customer_after: str) -> list[str]:
    events = [final("agent", "Good morning, Parcels, Robin speaking.", 0.0, utt="agent-1")]
    events.append(final("customer", COMPLAINT, 2.0, utt="customer-2"))
    events.append(final("agent", agent_turn, events[-1]["at"] + 0.5, utt="agent-3"))
    events.append(final("customer", customer_after, events[-1]["at"] + 1.0, utt="customer-4"))
    events += [final("agent", BUSINESS, events[-1]["at"] + 0.5, utt="agent-5"), {"type": "speech", "at": 90.0}]
    found = replay.replay_events(events, LISTENING)
    return [n.moment for _, n in found if n.kind == "mirror_complaint" and n.moment.startswith("customer-4")]


MET = [
    "Yes, and the card inside is soaked through too.",
    "He just left it on the step, he didn't even knock.",
    "It's soaked, absolutely soaked through.",
]
NEW = [
    "The box is completely soaked, the wrapping paper is ruined.",
    "The box is soaked through, and the telly inside is smashed to bits.",
    "It's soaked, and it came two days late as well.",
    "Also my other parcel never arrived last week.",
    "It was meant to be her big surprise.",
]


@pytest.mark.parametrize("turn", MET)
def test_the_thing_told_back_told_on_opens_no_new_mirror(turn):
    assert _later_mirrors(TOLD_BACK, turn) == []


@pytest.mark.parametrize("turn", MET)
def test_after_a_reply_that_took_it_on_without_its_words_it_still_asks_for_the_mirror(turn):
    assert _later_mirrors(TAKEN_ON, turn)


@pytest.mark.parametrize("turn", NEW)
def test_a_new_fault_a_new_complaint_or_a_hope_still_asks_for_the_mirror(turn):
    assert _later_mirrors(TOLD_BACK, turn)
