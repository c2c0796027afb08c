"""The wording head (coach/language/wording_head.py): refusals, hand-offs and blame by meaning, the positive-language
rule's second opinion until session 40 (docs/nudges.md "Session 10 (R)" and "Session 20 (L14, issue 9)"), when the
positive-language head (``coach/language/positive_head.py``, ``tests/test_positive_head.py``) took its place behind
``[positive_language] model_threshold``. Its file, its scores and the training script's grouping
(``scripts/train_wording_head.py``: folds are whole call groups and lists, never a held-out list) are checked here.

Real ONNX session (all-MiniLM-L6-v2, int8) on real sentences; none of them is in
``training/data/agent_wording_sentences.txt`` or an evaluation call's script.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from coach.language.wording_head import HEAD_PATH, get_wording_head

SPEC = json.loads(HEAD_PATH.read_text(encoding="utf-8"))
THRESHOLD = SPEC["threshold"]  # the cross-validated operating point
# An agent's ordinary lines, several with negative-looking words: the head rates them under its threshold.
ORDINARY = [
    "There's no extra cost for the second visit.",
    "You won't need to be in for the engineer.",
    "You should have a text with the tracking link shortly.",
    "I'm going to pop you on hold for two minutes while I check the stock.",
    "Thanks so much for calling, enjoy the rest of your evening.",
    "Could you read me the number on the back of the card?",
    "I'm sorry we let you down on Saturday.",
    "Well, the reminder went to your inbox three times.",
]


def test_the_committed_head_was_built_from_the_committed_sentences():
    """Rebuild with ``scripts/train_wording_head.py`` after editing the data (``--check`` compares)."""
    data = HEAD_PATH.parent.parent / "training" / "data" / "agent_wording_sentences.txt"
    assert SPEC["data_sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert len(SPEC["weights"]) == 384 and 0.0 < THRESHOLD <= 1.0


@pytest.mark.parametrize("line", ORDINARY)
def test_ordinary_agent_lines_are_rated_under_the_threshold(line):
    assert max(s.p for s in get_wording_head().read(line)) < THRESHOLD


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import train_wording_head as training  # noqa: E402


def test_training_reads_no_held_out_list_and_no_held_out_call():
    from eval_calls import FIRST_HELDOUT_CALL
    from eval_language_wording import BLIND

    lists = training.wording_lists()
    assert lists and all(p.stem not in BLIND for p in lists)  # floored held_out lists train it (session 33)

    assert training.LAST_CALL < FIRST_HELDOUT_CALL


def test_calls_are_grouped_by_tuning_part_and_folds_are_whole_groups():
    assert [training.group_of(n) for n in (1, 237, 238, 405, 406, 429)] == [
        "c01-c237",
        "c01-c237",
        "c238-c261",
        "c382-c405",
        "c406-c429",
        "c406-c429",
    ]
    groups = training.np.array(["written3", "c01-c237", "tuning", "c01-c237", "written0", "refusal_a"])
    folds = training.group_folds(groups)
    assert folds[0] == 3 and folds[4] == 0 and folds[1] == folds[3]
    assert all(0 <= f < training.FOLDS for f in folds)


def test_the_operating_threshold_is_the_lowest_at_the_allowed_false_positive_rate():
    y = training.np.array([0.0] * 1000 + [1.0] * 10)
    p = training.np.concatenate([training.np.linspace(0.0, 0.853, 997), [0.95, 0.96, 0.97], [0.99] * 10])
    assert training.operating_threshold(p, y) == 0.86  # 3 of 1,000 negatives at or over it (0.3 %), 7 at 0.85
    assert training.operating_threshold(training.np.ones(1010), y) == 0.99  # none is: the top step
