"""scripts/train_text_anger.py --calls (issue 10, session 20, E21): the customer turns it fine-tunes on come
from the tuning call scripts only (never a held-out call), labelled by the script's mood (angry 1; calm, happy,
upset and a quiet call's unlabelled turn 0; any other unlabelled turn left out), grouped by tuning part."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import eval_calls as C  # noqa: E402
import train_text_anger as T  # noqa: E402


def test_call_turns_are_tuning_customer_turns_labelled_by_mood() -> None:
    texts, y, group, quiet, names = T.call_turns()
    assert len(texts) == len(y) == len(group) == len(quiet) == len(names) > 2000
    assert max(C.call_number(n) for n in names) < C.FIRST_HELDOUT_CALL
    assert set(group.tolist()) == {1, *C.TUNING_GROUPS}
    for n, g in zip(names, group, strict=True):
        assert g <= C.call_number(n) and all(not (g < t <= C.call_number(n)) for t in C.TUNING_GROUPS)
    assert np.isnan(y[quiet]).sum() == 0  # a quiet call's turn is always labelled (calm unless stated)
    assert set(np.unique(y[~np.isnan(y)]).tolist()) == {0.0, 1.0}
    assert 100 < int(np.nansum(y)) < int((y == 0).sum())  # angry turns are the minority


def test_the_fine_tuned_head_stays_one_linear_head_over_the_base_logit() -> None:
    p = np.array([0.01, 0.5, 0.99])
    assert np.allclose(1 / (1 + np.exp(-T._logit(p))), p)
    assert T.BASE_PATH.name == "text_anger.goemotions.onnx"
