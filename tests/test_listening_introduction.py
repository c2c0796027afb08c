"""A sentence that only says who is calling says no feeling (session 52, round four, Q50; designed after c1198-c1221
were opened, on quiet c1221: in sample for them; issue 9): "Hello Sad, it's Can Off, it's Morris at Coca-Cola and
Writing School." (a garbled greeting the feeling head rated 0.65 or more) is a greeting, names and a place. Not an
introduction: a sentence that goes on to the trouble, "it's" before a day or a state ("It's Monday and nothing works",
"It's been a horrible week"). An upset cue said with an introduction is still read (the cue comes before the head).
The wordings are written for this test, not the calls' sentences (milliseconds).
"""

from __future__ import annotations

import pytest

from coach.language.listening import _introduces
from tests.test_language_rules import final
from tests.test_listening_unsure_cue import LISTENING, replay

INTRODUCTIONS = [
    "Hello Sad, it's Can Off, it's Morris at Coca-Cola and Writing School.",
    "Hi, this is Jan from the parish council.",
    "Good morning, my name is Priya Shah.",
    "Hiya, it's Bernie from Bernie's Bikes.",
    "Morning Tom, it's Alys at the Red Lion.",
]
NOT_INTRODUCTIONS = [
    "Hello, it's Dev, and I'm really not happy with the marquee.",
    "It's been a horrible week.",
    "It's Monday and nothing works.",
    "Hi, it's Gwen, I'm in bits.",
    "Hello, it's me again, the one whose boiler flooded the kitchen on Friday night.",
    "Hi, so sad.",
]


@pytest.mark.parametrize("text", INTRODUCTIONS)
def test_an_introduction_says_no_feeling(text):
    assert _introduces(text)


@pytest.mark.parametrize("text", NOT_INTRODUCTIONS)
def test_a_sentence_going_on_to_the_trouble_is_no_introduction(text):
    assert not _introduces(text)


@pytest.mark.parametrize(
    "turn",
    ["Hi, it's Gwen from Upper Farm, and I'm absolutely furious.", "Hello, this is Jan. I'm so worried about Dad."],
)
def test_an_upset_cue_beside_an_introduction_is_still_acknowledged(turn):
    events = [final("agent", "Good afternoon, Harbour Supplies, Sam speaking.", 0.0, utt="agent-1")]
    events.append(final("customer", turn, 3.0, utt="customer-1"))
    events += [final("agent", "Can I take your postcode?", events[-1]["at"] + 0.5, utt="agent-2")]
    events.append({"type": "speech", "at": 40.0})
    assert "acknowledge_feelings" in [n.kind for _, n in replay.replay_events(events, LISTENING)]
