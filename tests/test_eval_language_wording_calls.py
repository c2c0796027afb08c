"""scripts/eval_language_wording.py's call-script tallies count nudges only: the language rules also return
withdrawals (a closing taken back when the call went on), which are no nudge and carry no kind (session 48: the
``--calls-part`` run stopped at the first call whose closing was taken back)."""

from __future__ import annotations

import sys
from pathlib import Path

from coach.types import Nudge, Withdrawal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import eval_language_wording  # noqa: E402


def test_withdrawals_are_left_out_of_the_kinds_found():
    closing = Nudge("check_anything_else", "Ask if there is anything else.", "low", {}, 16_000, "u1:close")
    calm = Nudge("avoid_calm_down", "Avoid 'calm down'.", "high", {}, 32_000, "u2:calm")
    found = [closing, Withdrawal(moment="u1:close", why="the call went on"), calm]
    assert eval_language_wording.nudge_kinds(found) == ["check_anything_else", "avoid_calm_down"]
