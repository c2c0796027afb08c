"""Session 33 (W1, issue 9): the wording head refitted on today's data (``scripts/train_wording_head.py``).

Cheap checks of what the refit may read and how it is judged: the wording lists it trains on are frozen by
name and never a blind one (``eval_language_wording.BLIND``), the calls never a held-out one, the groups
left out one at a time (``--groups``) are trained groups, and the product's rule the judgement goes
through (``product_fired``) is the one the wording lists are scored by. No embedding is computed here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_wording_head as training  # noqa: E402
from eval_calls import FIRST_HELDOUT_CALL  # noqa: E402
from eval_language_wording import BLIND  # noqa: E402

from coach.language.wording_head import HEAD_PATH  # noqa: E402


def test_training_lists_are_frozen_exist_and_are_never_blind():
    names = [p.stem for p in training.wording_lists()]
    assert names == sorted(set(training.TRAIN_LISTS) - set(BLIND))
    assert not set(names) & set(BLIND) and "held_out_ae" not in names
    assert all(p.exists() for p in training.wording_lists())


def test_training_calls_are_tuning_calls_only():
    assert training.LAST_CALL < FIRST_HELDOUT_CALL
    assert training.group_of(training.LAST_CALL) == "c742-c765"


def test_the_groups_left_out_are_trained_groups():
    lists = [g for g in training.RECENT if g.startswith("held_out")]
    parts = [g for g in training.RECENT if g.startswith("c")]
    assert len(lists) == 7 and set(lists) <= set(training.TRAIN_LISTS)
    assert parts == [training.group_of(n) for n in range(598, 743, 24)]
    assert all(training.group_of(int(g.split("-c")[1])) == g for g in parts)


def test_the_committed_head_records_its_training_and_stays_small():
    spec = json.loads(HEAD_PATH.read_text(encoding="utf-8"))
    assert spec["training_calls"].startswith(f"c01-c{training.LAST_CALL} ")
    assert 0 < spec["positives"] < spec["pieces"] and len(spec["weights"]) == 384
    assert HEAD_PATH.stat().st_size < 16_000


def test_the_judgement_goes_through_the_products_rule():
    fired, unmatched = training.product_fired(
        ["I'm afraid there's nothing I can do about that.", "Your parcel is out for delivery today."]
    )
    assert fired == [True, False]
    assert unmatched == [False, True]  # the head is asked only where no phrase family matched
