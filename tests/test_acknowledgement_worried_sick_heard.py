""" "Worried sick" read in the customer, heard with its first word garbled, is an acknowledgement (issue 9, session 49
Q47, round two: designed on quiet c1148 after c1126-c1149 were opened, whose "You must be worried sick" was heard "You
must be wearing sick" and the reply then read as passing the feeling over).

``listening.toml`` ``[acknowledging]``: a frame that reads a feeling in the customer ("you must be", "you'll be"), one
word, then "sick". Look-alikes: no such frame, or "sick" not after one word. Every line is our wording. Text level."""

from __future__ import annotations

import pytest

from coach.language.config import load_language_config
from coach.language.listening import acknowledges
from coach.language.patterns import compile_patterns

ACKS = compile_patterns(load_language_config().acknowledge_feelings.acknowledgements)


@pytest.mark.parametrize(
    "reply",
    [
        "You must be wearing sick, and this was meant to be lovely.",
        "You must be worrying sick about him.",
        "Oh, you'll be whirring sick with all this.",
        "You must have been worried sick when it didn't come.",
        "You must be heartily sick of us by now.",
        "You'd be fed sick of it, I know.",
    ],
)
def test_a_feeling_read_in_the_customer_then_sick_acknowledges(reply: str) -> None:
    assert acknowledges(reply, ACKS), reply


@pytest.mark.parametrize(
    "reply",
    [
        "It must be the sick pay form you need.",
        "The driver rang in sick this morning.",
        "You'll get sick pay from the first day.",
        "You must be sent a new code.",
        "Was he sick on the ferry?",
    ],
)
def test_sick_without_the_frame_does_not(reply: str) -> None:
    assert not acknowledges(reply, ACKS), reply
