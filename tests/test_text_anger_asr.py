"""scripts/train_text_anger.py --calls --asr (issue 10, session 23, E24): the reads of the tuning calls it adds
come from tuning calls only, the hand-written lines keep a report split out of the fit, hard negatives are the
calm turns that read like angry ones, and the exported map puts two raw probabilities where asked."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import eval_calls as C  # noqa: E402
import train_text_anger as T  # noqa: E402


def _sigmoid(z: float) -> float:
    return float(1 / (1 + np.exp(-z)))


def test_own_lines_hold_both_labels_and_a_report_split() -> None:
    texts, y, report = T.own_lines()
    assert len(texts) == len(y) == len(report) >= 40
    assert set(y.tolist()) == {0.0, 1.0}
    for label in (0.0, 1.0):
        assert report[y == label].any() and (~report[y == label]).any()
    assert len(set(texts)) == len(texts)


def test_hard_negatives_are_calm_turns_that_read_like_angry_ones() -> None:
    assert T.hard_negative("But can I move the fitting to Friday?", 0.0, "c900_x", opener=False)
    assert T.hard_negative("No, the flat upstairs.", 0.0, "c900_x", opener=False)
    # the opener of a quiet call whose customer opens upset, read from its fields (c955: quiet, first mood upset)
    assert T.hard_negative("My order came in pieces.", 0.0, "c955_quiet_sitar_lessons_upset_mirrored", opener=True)
    assert not T.hard_negative("My order came in pieces.", 0.0, "c955_quiet_sitar_lessons_upset_mirrored", opener=False)
    assert not T.hard_negative("My order came in pieces.", 0.0, "c900_quiet_x_upset_mirrored", opener=True)  # a name
    assert not T.hard_negative("My order came in pieces.", 0.0, "c937_cuckoo_clock_hold_overruns_neighbour", True)
    assert not T.hard_negative("But that's your fault, not mine.", 1.0, "c900_x", opener=False)
    assert not T.hard_negative("Nobody rang me back.", 0.0, "c900_x", opener=False)
    assert not T.hard_negative("Sorry, which day was it?", 0.0, "c900_x", opener=False)


def test_a_final_belongs_to_the_utterance_it_covers() -> None:
    final = {"t": 10.0, "end": 14.0, "at": 15.0}
    assert T._overlap(final, 9.8, 14.2)
    assert T._overlap(final, 12.0, 20.0)  # half the final
    assert not T._overlap(final, 13.9, 30.0)  # 0.1 s of a 16 s utterance and of the 4 s final
    assert not T._overlap(final, 15.0, 18.0)


def test_the_exported_map_puts_the_raw_threshold_at_full_and_the_raw_floor_at_no_evidence() -> None:
    for raw_threshold, raw_floor in ((0.85, 0.6), (0.92, 0.75)):
        k, shift = T.logit_map(raw_threshold, raw_floor, 0.08, 0.45)
        assert k > 1
        assert _sigmoid(k * T._logit(np.array(raw_threshold)) + shift) == pytest.approx(0.45)
        assert _sigmoid(k * T._logit(np.array(raw_floor)) + shift) == pytest.approx(0.08)
    k, shift = T.logit_map(0.92, 0.0, 0.08, 0.45)  # E21's recipe: a shift only
    assert k == 1.0 and _sigmoid(T._logit(np.array(0.92)) + shift) == pytest.approx(0.45)


def _recorded_call(calls: Path, render: Path, name: str, line: str, heard: str, mood: str) -> None:
    """A call script with one customer turn, its rendered truth and a recorded analysis whose customer final
    and partial read ``heard`` (the layout of ``scripts/calls`` and ``artifacts/calls``; audio bytes unread)."""
    import json

    (calls / f"{name}.toml").write_text(f'[[turn]]\nspeaker = "customer"\ntext = "{line}"\nmood = "{mood}"\n')
    (render / f"{name}.flac").write_bytes(b"not audio")
    truth = {"utterances": [{"speaker": "customer", "text": line, "start_s": 1.0, "end_s": 4.0}], "moments": []}
    (render / f"{name}.truth.json").write_text(json.dumps(truth))
    words = [{"w": w, "p": 0.9} for w in heard.split()]
    events = [
        {
            "type": "transcript",
            "speaker": "customer",
            "final": False,
            "t": 1.0,
            "at": 2.5,
            "words": words,
            "stable": len(words),
            "text": heard,
        },
        {"type": "transcript", "speaker": "customer", "final": True, "t": 1.0, "at": 4.2, "end": 4.0, "text": heard},
    ]
    analysis = render / "events" / f"{name}.0123456789abcdef.jsonl"  # named as eval_calls.analyse() names them
    analysis.write_text("".join(json.dumps(e) + "\n" for e in events))


def test_asr_reads_of_a_held_out_call_are_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Deterministic, on recorded analyses written here: a tuning call's final and committed partial are read
    with its script's mood; a held-out call's recorded analysis, though present, is not."""
    calls, render = tmp_path / "calls", tmp_path / "render"
    (render / "events").mkdir(parents=True)
    calls.mkdir()
    _recorded_call(calls, render, "c07_kettle_angry", "This is the third kettle.", "this is the third kettle", "angry")
    late = f"c{C.FIRST_HELDOUT_CALL + 3}_toaster_calm"
    _recorded_call(calls, render, late, "The toaster is fine now.", "the toaster is fine now", "calm")
    monkeypatch.setattr(C, "CALLS_DIR", calls)
    monkeypatch.setattr(C, "RENDER_DIR", render)
    monkeypatch.setattr(C, "EVENTS_DIR", render / "events")
    texts, y, group, quiet, names, kinds, opener = T.asr_turns()
    assert names == ["c07_kettle_angry", "c07_kettle_angry"]
    assert sorted(kinds) == ["final", "partial"]
    assert texts == ["this is the third kettle"] * 2
    assert y.tolist() == [1.0, 1.0] and group.tolist() == [1, 1] and opener == [True, True]


def test_asr_reads_come_from_tuning_calls_only() -> None:
    """On this machine's recorded analyses, where there are any (a fresh clone has none: the test above holds
    the same contract on analyses written for it)."""
    texts, y, group, quiet, names, kinds, opener = T.asr_turns()
    if not texts:
        pytest.skip("no recorded full analysis of a tuning call in artifacts/calls/events")
    assert len(texts) == len(y) == len(group) == len(quiet) == len(names) == len(kinds) == len(opener)
    assert max(C.call_number(n) for n in names) < C.FIRST_HELDOUT_CALL
    assert set(kinds) <= {"final", "partial"}
    assert set(group.tolist()) <= {1, *C.TUNING_GROUPS}
    assert all(t.strip() for t in texts)
    assert np.isnan(y[quiet]).sum() == 0
