"""scripts/eval_escalation_configs.py's lane gain mismatch (issue 10, session 44): the customer's absolute loudness
moves by the gain; the agent's reports and the loudness against the customer's own level do not."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from eval_escalation_configs import shift_customer_level  # noqa: E402

REPORTS = [
    {"type": "prosody", "at": 2.0, "speaker": "agent", "loudness_db": -27.0, "loudness_delta_db": None},
    {"type": "prosody", "at": 5.0, "speaker": "customer", "loudness_db": -24.0, "loudness_delta_db": None},
    {"type": "prosody", "at": 9.0, "speaker": "customer", "loudness_db": -25.5, "loudness_delta_db": 3.2},
    {"type": "prosody", "at": 9.5, "speaker": "customer", "loudness_db": None, "loudness_delta_db": 1.0},
]


def test_only_the_customers_absolute_loudness_moves() -> None:
    hot = shift_customer_level(REPORTS, 2.0)
    assert [d["loudness_db"] for d in hot] == [-27.0, -22.0, -23.5, None]
    assert [d["loudness_delta_db"] for d in hot] == [d["loudness_delta_db"] for d in REPORTS]
    assert REPORTS[1]["loudness_db"] == -24.0  # the input is not changed
    assert [d["loudness_db"] for d in shift_customer_level(REPORTS, -3.0)][1:3] == [-27.0, -28.5]
    assert shift_customer_level(REPORTS, 0.0) == REPORTS
