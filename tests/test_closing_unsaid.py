"""An agent goodbye the recogniser wrote over no speech, talking something over, and the ask heard with its opening
lost and then answered (issue 9, session 52, C22, in sample: tuning c1066 at 75.5 s, "... Come off the gym. We'll see
you next time." with "see you next time" heard in 0.00 s; c1085 at 50.6 s, "... before we talk about this."; quiet
c1216 and c1039, "... and everything else I can do from the store."). Wording written for these tests."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge
from tests.closing_exchange import closes_after
from tests.test_language_rules import final

OPENING = "Hi, my crampon snapped on the ridge and my friend hurt her ankle."
FOUND_IT = "Right, I've found the hire on the system."


def nudged(agent: str, unsaid: int) -> bool:
    """Whether the agent's reply ``agent`` (after the customer's thanks) is nudged as a close when its last ``unsaid``
    words were heard in no time, squeezed to the end of the turn's last word before them, as the recogniser writes a
    farewell over silence."""
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 5.0))
    coach.push(final("agent", FOUND_IT, 12.0, utt="agent-1"))
    coach.push(final("customer", "Thank you, that's what I wanted to hear.", 60.0, utt="customer-2"))
    event = final("agent", agent, 70.0, utt="agent-3")
    if unsaid:
        at = event["words"][-unsaid - 1]["end"]
        for w in event["words"][-unsaid:]:
            w["start"] = w["end"] = at
    found = coach.push(event)
    return any(isinstance(n, Nudge) and n.kind == "check_anything_else" for n in found)


SUBTITLE = "Please keep the broken crampon as it is and we will collect it. We'll see you next time."


def test_a_goodbye_heard_in_no_time_is_no_close() -> None:
    assert not nudged(SUBTITLE, unsaid=4)


def test_the_same_goodbye_said_closes() -> None:
    assert nudged(SUBTITLE, unsaid=0)


@pytest.mark.parametrize("agent", ["Lovely, all done, bye.", "Right, that's you sorted. Bye."])
def test_a_one_word_goodbye_squeezed_to_the_end_still_closes(agent: str) -> None:
    assert nudged(agent, unsaid=1)


@pytest.mark.parametrize(
    ("agent", "closed"),
    [
        ("Look, I'm going to ask you to set yourself down before we talk about this.", False),
        ("Okay, I'll put the kettle on and then we'll talk it over.", False),
        ("Right, let me pull up the paperwork first and we can chat through it.", False),
        ("Lovely, we'll talk soon.", True),
        ("Grand, we talk again.", True),
    ],
)
def test_talking_something_over_is_no_close(agent: str, closed: bool) -> None:
    assert closes_after(OPENING, FOUND_IT, "Thanks, that's great.", agent) is closed


def close_after_ask_heard(agent_before: str, customer: str) -> bool:
    """Whether the agent's goodbye is nudged as a close after the agent's turn ``agent_before`` (the ask "anything
    else?" as the recogniser may leave it, or not) and the customer's answer ``customer``."""
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 5.0))
    coach.push(final("agent", FOUND_IT, 12.0, utt="agent-1"))
    coach.push(final("customer", "Thank you, that's very good of you.", 40.0, utt="customer-2"))
    coach.push(final("agent", agent_before, 50.0, utt="agent-3"))
    coach.push(final("customer", customer, 60.0, utt="customer-3"))
    found = coach.push(final("agent", "I hope Saturday goes well, bye now.", 70.0, utt="agent-4"))
    return any(isinstance(n, Nudge) and n.kind == "check_anything_else" for n in found)


@pytest.mark.parametrize(
    ("agent_before", "customer", "closed"),
    [
        # the ask heard with its opening lost, answered as an ask: it was said (quiet c1216, c1039 as heard)
        (
            "I'll pop in a few for wrapping the jars and everything else I can do from the store.",
            "That's the lot.",
            False,
        ),
        ("You're booked in, there's nothing more I can do for you today.", "Oh, that's all I rang about.", False),
        # no such words, or the customer's turn no answer (a question, a long objection): the close stands
        ("I'll pop in a few for wrapping the jars from the store.", "That's the lot.", True),
        ("There's nothing more I can do for you today.", "Nothing more you can do? Really?", True),
        (
            "There's nothing more I can do for you today.",
            "Well that's a disgrace, I've been a customer for twenty years and I expected far better than this, bye.",
            True,
        ),
    ],
)
def test_an_ask_heard_unsure_is_an_ask_once_the_customer_answers_it(
    agent_before: str, customer: str, closed: bool
) -> None:
    assert close_after_ask_heard(agent_before, customer) is closed
