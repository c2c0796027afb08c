"""A hold's time said as a sentence of its own before the hold, the request around it garbled (issue 9, session 53, H2).

c1202: the agent said "Give me fifteen seconds, I'll just pop out to the loading bay." and was heard "Good meeting 15
seconds. I'll just pop out to the login way."; the final read a look-up's moment and the customer's "Right here, I'll
wait." granted a hold of unsaid length (``hold_default_s``), so the check-in on the 71 s hold came 16 s after the
fifteen seconds ran out. At most three words and a hold's time as a sentence, straight before the sentence that reads a
hold, give that hold its length; a time of something else (a copula's, a task's, a time from now, one said after other
words) does not, and the time alone announces no hold. Sentences written for this test (heard-style garbles included),
not c1202's but the first. Replays run on the audio's clock (32 ms frames, no wall clock).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold
from tests.test_holds_customer_consent import CUSTOMER_END, call
from tests.test_holds_from_partials import replay

HEARD = [  # (final as heard, the time said)
    ("Good meeting 15 seconds. I'll just pop out to the login way.", 15.0),
    ("Give me fifteen seconds. I'll just pop out to the loading bay.", 15.0),
    ("Give me 20 seconds. Let me check the board.", 20.0),
    ("Go meet her thirty seconds. I'll have a look at the diary.", 30.0),
    ("Can we forty seconds? I'm just pulling that up.", 40.0),
    ("Two minutes. Bear with me.", 120.0),
    ("Good meeting two minutes please. Let me check with the yard.", 120.0),
    ("Okay. Give me about a minute. I'll just ring the depot.", 60.0),
    ("Half a minute. Can you hold?", 30.0),
    ("Given me a couple of minutes. I'll just nip out to the stores.", 120.0),
    ("Give meat 45 seconds. Let me look that up.", 45.0),
    ("Right, good meeting 15 seconds. Let me just find your order.", 15.0),
    # the errand that fills the time opening the next sentence, the stop the recogniser's
    ("Thanks. Give meat thirty seconds. To check whether your cover includes subsidence.", 30.0),
    ("Good meeting half a minute. To pop through to the shed and ask Sam.", 30.0),
    ("Thank you. Gimme about twenty seconds. While I open the payment history.", 20.0),
    ("Good idea. Go meet her twenty seconds. And I'll see which of the vans is closest.", 20.0),
]


@pytest.mark.parametrize(("text", "seconds"), HEARD)
def test_the_time_said_alone_before_the_hold_is_its_length(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize(
    "text",
    [
        "That's 15 seconds. Let me check.",  # a copula's time: said of something
        "It takes two minutes. Let me check the diary.",  # a task's length
        "In two minutes. Let me check.",  # a time from now
        "About every 30 seconds. Let me check the log.",
        "The timer is set to 15 seconds. Let me check.",  # said after other words in its sentence
        "Good meeting 20 minutes. Let me check.",  # longer than a hold: a visit or a job
        "Good meeting 15 seconds. Thanks for calling. Let me check.",  # not straight before the hold's sentence
        "Give me a few seconds. Let me check.",  # a moment, not a time: a look-up's moment as before
    ],
)
def test_a_time_of_something_else_gives_no_length(text: str) -> None:
    reading = classify_hold(text, whole=True)
    assert reading is not None and reading[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "Good meeting 15 seconds. Thanks for calling.",  # no hold after the time: it announces none itself
        "Two minutes. And the postcode there?",
        "Good meeting two minutes. That's the whole of it.",
        "Fifteen seconds. To be honest, it's the van.",  # a verb of talk opens the next sentence: no errand
        "Two minutes. And we'll see you on Tuesday.",
        "Twenty seconds. And I'll tell you what, it's a bargain.",
    ],
)
def test_the_time_alone_announces_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def test_committed_words_wait_for_the_final() -> None:
    """A partial's words may go on ("... Let me check whether it's in. It takes two minutes."): only finals read it."""
    assert classify_hold("Good meeting 15 seconds. Let me check.", whole=False) == (None, True)


def test_the_granted_hold_is_checked_in_on_after_the_time_said() -> None:
    """c1202's shape: the final as heard, the customer granting the wait, a silence to 100 s: the check-in comes
    ``hold_grace_s`` after the fifteen seconds (was after ``hold_default_s``)."""
    cfg = TurnConfig()
    holds, dead_air = replay(call(HEARD[0][0], "Right here, I'll wait."), cfg)
    assert holds[-1].data["announced_s"] == 15.0 and holds[-1].data["hold_s"] == 15.0
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + 15.0 + cfg.hold_grace_s, abs=0.05) and cue.evidence["on_hold"]


def test_a_look_up_with_no_time_said_keeps_its_moment() -> None:
    """Recall kept: the same turn without the time covers a look-up's moment, ungranted; the silence is dead air."""
    cfg = TurnConfig()
    holds, dead_air = replay(call("Right. I'll just pop out to the login way.", "Okay."), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_vague_s]
    [(at, _)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)
