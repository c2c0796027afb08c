"""Session 33 (H22, issue 9): behaviour on unseen calls: holds, dead air, raised voice, turn-taking.

c721 (the thirty-first part): a hold asked as "half a minute" while the agent checks a diary, granted ("No problem."),
that ran 88 s. The agent's turn was heard with its hold word garbled ("... and on four half a minute while I check
us,") and still read as a hold of 30 s; the check-in came ``hold_grace_s`` after the half minute ran out (t 73.42 s,
shown 75.42 s), as on every other hold that runs long in the tuning set. The truth file put the moment 45 s into the
silence (``after_s = 45``, 15 s past the count said), so that check-in was scored "extra" and its re-show 30 s later
"17 s late": the call file's convention, not the product's (``scripts/eval_calls.py``: a hold that ran long is timed
"when the announced time ran out"; the other half-minute holds c128, c171, c218, c314, c386, c410, c481, c553, c649
put it at 30 s). Pinned here: a half minute asked in several words (heard right and garbled) is a hold of 30 s, quiet
when kept in time, checked in on at 30 s + ``hold_grace_s`` when it runs long, and never before.

The wordings are new (none from a call). Driven on an injected timeline of 32 ms frames (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold
from tests.test_holds_from_partials import replay
from tests.test_holds_g16 import CUSTOMER_END, silence_after

HALF_MINUTE = [
    "Right, hang on for half a minute while I look at the van rota.",
    "Lovely, and on four half a minute while I check the booking sheet,",  # "hang on for" heard garbled
    "Could you bear with me half a minute while I ring the kitchen?",
    "Give me half a minute to find the order in the system.",
    "Hold for thirty seconds while I check the calendar, please.",
]


@pytest.mark.parametrize("text", HALF_MINUTE)
def test_a_half_minute_asked_is_a_hold_of_thirty_seconds(text: str) -> None:
    assert classify_hold(text, whole=True) == (30.0, False)


@pytest.mark.parametrize("text", HALF_MINUTE[:3])
def test_a_half_minute_kept_in_time_is_quiet(text: str) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END + 27.0  # back 3 s before the half minute runs out
    holds, dead_air = replay(silence_after(text, back=back, answer="No problem."), cfg, until=back + 2.0)
    assert holds and holds[-1].data["hold_s"] == 30.0
    assert dead_air == []


@pytest.mark.parametrize("text", HALF_MINUTE[:3])
def test_a_half_minute_that_runs_long_is_checked_in_on_when_it_runs_out_and_not_before(text: str) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END + 88.0  # c721's shape: an 88 s hold after a half minute was asked
    holds, dead_air = replay(silence_after(text, back=back, answer="No problem."), cfg, until=back)
    [(at, cue)] = dead_air  # one moment, first raised when the announced time ran out
    assert at == pytest.approx(CUSTOMER_END + 30.0 + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True
