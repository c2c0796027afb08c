"""The wording head (coach/language/wording_head.py): refusals, hand-offs and blame by meaning, as the
positive-language rule's second opinion on finals no phrase family matched. Off in the shipped config
(``[positive_language] model_threshold`` above 1, docs/nudges.md "Session 10 (R)" and "Session 20 (L14, issue
9)"); these tests turn it on. The training script's grouping (``scripts/train_wording_head.py``: folds are whole
call groups and lists, never a held-out list) is checked at the end.

Real ONNX session (all-MiniLM-L6-v2, int8) on real sentences; none of them is in
``training/data/agent_wording_sentences.txt`` or an evaluation call's script.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.wording_head import HEAD_PATH, get_wording_head
from tests.test_language_rules import final, kinds, run

SPEC = json.loads(HEAD_PATH.read_text(encoding="utf-8"))
THRESHOLD = SPEC["threshold"]  # the cross-validated operating point
ON = 0.9  # the hook's tests turn the head on a little below it, so a rebuild does not flip them

# A hand-off no phrase family lists (checked below: the tables alone are silent on it).
HAND_OFF = "Honestly, the shop has to deal with that one, not us."
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


def coach(threshold: float) -> LanguageCoach:
    """The head at ``threshold`` beside the phrase tables, the refusal grammar off (it finds HAND_OFF's
    "..., not us" by itself: ``test_the_head_is_off_in_the_shipped_config``)."""
    overrides = {"positive_language": {"model_threshold": threshold, "grammar": {"on": False}}}
    return LanguageCoach(load_language_config(overrides=overrides))


def test_the_committed_head_was_built_from_the_committed_sentences():
    """Rebuild with ``scripts/train_wording_head.py`` after editing the data (``--check`` compares)."""
    data = HEAD_PATH.parent.parent / "training" / "data" / "agent_wording_sentences.txt"
    assert SPEC["data_sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert len(SPEC["weights"]) == 384 and 0.0 < THRESHOLD <= 1.0


def test_the_head_is_off_in_the_shipped_config():
    shipped = load_language_config().positive_language.model_threshold
    assert shipped > 1.0
    assert run(final("agent", HAND_OFF, 1.0), coach=coach(shipped)) == []
    (found,) = run(final("agent", HAND_OFF, 1.0))  # the shipped rule: the refusal grammar's "not us"
    assert found.evidence["family"] == "grammar_blame" and found.evidence.get("basis") != "meaning"


def test_a_hand_off_no_family_lists_is_nudged_by_meaning():
    assert run(final("agent", HAND_OFF, 1.0), coach=coach(1.1)) == []  # the tables alone (grammar off)
    nudges = run(final("agent", HAND_OFF, 1.0), coach=coach(ON))
    assert kinds(nudges) == ["positive_language"]
    ev = nudges[0].evidence
    assert ev["basis"] == "meaning" and ev["score"] >= ON and ev["sentence"] == HAND_OFF
    assert ev["rephrase"] and "meaning" in ev["why"] and len(nudges[0].text) <= 60


@pytest.mark.parametrize("line", ORDINARY)
def test_ordinary_agent_lines_are_rated_under_the_threshold(line):
    assert max(s.p for s in get_wording_head().read(line)) < THRESHOLD
    assert all(n.evidence.get("basis") != "meaning" for n in run(final("agent", line, 1.0), coach=coach(THRESHOLD)))


def test_the_head_reads_finals_only_not_committed_words():
    """Committed words of a partial are left to the phrase tables: no embedding per partial, and a nudge
    from a final never needs taking back."""
    e = final("agent", HAND_OFF, 1.0, utt="a1")
    partial = dict(e, final=False, stable=len(HAND_OFF.split()), at=e["words"][-1]["end"] + 0.3)
    c = coach(ON)
    assert c.push(partial) == []
    assert kinds(c.push(e)) == ["positive_language"]


def test_a_sentence_with_a_misheard_word_is_not_judged_by_meaning():
    e = final("agent", HAND_OFF, 1.0)
    e["words"][3] = dict(e["words"][3], p=0.1)  # "deal" heard unsurely
    assert run(e, coach=coach(ON)) == []


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
