"""The shape of a wait asked (issue 9, session 35, H24): a request to wait, the customer put on hold, the agent away
or back in a moment, or the agent's time with the customer's leave asked, and a short time or the errand, in the
last sentence (:func:`coach.turns.holds.wait_shape`), read by ``classify_hold`` where the hold phrases read no hold
or only a look-up; and a wait that is the customer's own task is no hold for the phrases either. Every wording here
is our own; text level, and one silence replayed with an injected 32 ms clock (about a second in all)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold, hold_word_only, wait_shape
from coach.types import Lane, seconds_to_samples
from tests.test_holds_customer_consent import push, spoken
from tests.test_holds_from_partials import replay, transcript, words

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from eval_hold_shape import LOOKALIKES  # noqa: E402

NEW_WORDINGS = [  # (a final no hold phrase reads as a hold, the seconds it announces): the shape's families
    ("Could you linger a wee moment while I ring the yard?", None),  # a waiting verb, a size word, the errand
    ("Can you stand by for a moment while I grab the foreman?", None),
    ("Bide a wee moment while I look.", None),
    ("Could you remain on the line a short while?", None),
    ("I'll just duck out to the stores for two ticks.", None),  # the agent away: a verb of going, its direction
    ("I'm going to nip through to the back for a minute.", 60.0),
    ("Let me step out to the yard for two minutes.", 120.0),
    ("I'll run down to the stores for a few minutes.", 180.0),
    ("Can I park you on hold for half a minute?", 30.0),  # the customer put on hold
    ("Can I leave you on hold a couple of minutes?", 120.0),
    ("Sorry, would you be happy to linger a tick while I ring the chef?", None),  # the request's frame
]


@pytest.mark.parametrize(("text", "seconds"), NEW_WORDINGS)
def test_a_new_wording_in_the_shape_of_a_wait_asked_is_a_hold(text: str, seconds: float | None) -> None:
    assert classify_hold(text, whole=True, shape=False) in (None, (None, True))  # the phrases: none, or a look-up
    assert wait_shape(text) == (seconds, False)
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize("text", LOOKALIKES)
def test_a_look_alike_is_no_hold(text: str) -> None:
    """A wait the customer must do, a delivery time, "hold" of possession, a remark after "hang on", a visit."""
    assert wait_shape(text) is None
    reading = classify_hold(text, whole=True)
    assert reading is None or reading[1]


@pytest.mark.parametrize(
    "text",
    ["Could you wait a minute before you switch it back on?", "Can you wait ten seconds and then plug it back in?",
     "Wait a minute until the kettle clicks off, then pour.", "Hold on a sec, is that the old account?"],
)  # fmt: skip
def test_a_wait_followed_by_the_customers_own_task_or_a_remark_is_no_hold_for_the_phrases(text: str) -> None:
    assert classify_hold(text, whole=True, shape=False) is None


def test_a_wait_on_the_line_until_something_happens_stays_a_hold() -> None:
    assert classify_hold("Not to worry, I'll stay on the line until the locksmith calls you.", whole=True) == (
        None,
        False,
    )


def test_time_asked_in_seconds_with_no_wait_word_stays_a_look_ups_moment() -> None:
    """Time asked as "give me a few seconds to ..." is vague for the phrases (``hold_vague_s``): the shape keeps it."""
    assert wait_shape("Give me a few seconds to find the slot.") == (None, True)
    assert classify_hold("Give me a few seconds to find the slot.", whole=True) == (None, True)
    assert wait_shape("Spare me a couple of minutes to phone the depot.") == (120.0, False)


def test_a_request_with_its_time_in_the_sentence_before_or_its_leave_asked_after() -> None:
    assert wait_shape("It'll take a couple of minutes. Could you linger?") == (120.0, False)
    assert wait_shape("I'll park you on hold for about a minute while I ask Dai. Is that alright?") == (60.0, False)
    assert wait_shape("It'll take me half a minute, is that okay?") == (30.0, False)
    assert wait_shape("Linger, please.") is None  # an imperative with neither a time nor the errand


def test_a_partials_committed_words_read_the_shape_only_up_to_their_last_stop() -> None:
    assert wait_shape("Could you wait a minute", whole=False) is None  # it may go on "... before you switch it on"
    assert wait_shape("Could you linger a wee moment. I'll", whole=False) == (None, False)
    assert classify_hold("Could you linger a wee moment", whole=False) is None


def test_a_moment_sized_by_its_word_covers_hold_default_s_and_a_count_its_time() -> None:
    assert not hold_word_only("I'll just duck out to the stores for two ticks.")


@pytest.mark.parametrize(("text", "covers"), [(NEW_WORDINGS[0][0], "hold_default_s"), (NEW_WORDINGS[5][0], 60.0)])
def test_a_silence_after_a_wait_in_the_shape_is_checked_in_on_after_its_time(text: str, covers: str | float) -> None:
    cfg = TurnConfig()
    hold_s = getattr(cfg, covers) if isinstance(covers, str) else covers
    start, end, back = 1.0, 5.0, 1.0 + 4.0 + hold_s + 10.0
    steps = spoken(Lane.AGENT, start, end)
    steps[end + 0.6] = push(transcript(words(text, start, end), final=True))
    steps[back + 0.2] = lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(back), now)
    holds, dead_air = replay(steps, cfg, until=back)
    assert [h.data["hold_s"] for h in holds] == [hold_s]
    [(at, cue)] = dead_air
    assert at == pytest.approx(end + hold_s + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]
