"""``scripts/eval_call_escalation.py --replay`` keeps a call's stage inputs keyed by the code that recorded them, and
the prosody reports are among them (issue 10; session 49, E53).

The saved inputs (customer speech frames, turn-taking events, prosody reports) come from the analyser's VAD, turn
tracking and prosody; they used to be keyed by the call and its latest full analysis only, so after a change there
(E52's per-turn loudness window, session 48) a replay read the old inputs until someone deleted the cache, and the
prosody of a call's later replays came from the events file (the full analysis's code) while its first replay used
this code's. Small trees in ``tmp_path`` and synthetic events; nothing is analysed.
"""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from coach.config import load_config
from coach.types import SAMPLE_RATE, Event
from training.escalation_replay import ReplayStage, StageInputs, recorded_prosody

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import eval_call_escalation as E  # noqa: E402


def _product(root: Path) -> Path:
    """A product tree with one file in each place the key reads or skips."""
    for rel, text in {
        "coach/prosody/tracker.py": "WINDOW = 1\n",
        "coach/classify/escalation.py": "TENSE = 0.4\n",
        "coach/language/closing.py": "BYE = 'bye'\n",
        "coach/asr/engine.py": "BEAM = 5\n",
        "coach/default_config.toml": "[vad]\n",
        "models/vad.onnx": "graph",
        "coach/README.md": "not code",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_the_key_follows_the_code_that_records_the_inputs(tmp_path: Path) -> None:
    product = _product(tmp_path / "p")
    key = E.recording_code(product)
    for rel in ("coach/prosody/tracker.py", "coach/default_config.toml", "models/vad.onnx"):
        before = (product / rel).read_text(encoding="utf-8")
        (product / rel).write_text(before + "threshold = 2\n", encoding="utf-8")
        assert E.recording_code(product) != key, rel
        (product / rel).write_text(before, encoding="utf-8")
    assert E.recording_code(product) == key


def test_the_replayed_stage_the_transcription_and_the_word_coaching_do_not_change_it(tmp_path: Path) -> None:
    product = _product(tmp_path / "p")
    key = E.recording_code(product)
    for rel in ("coach/classify/escalation.py", "coach/language/closing.py", "coach/asr/engine.py", "coach/README.md"):
        (product / rel).write_text("changed\n", encoding="utf-8")
    tables = "[vad]\n\n[escalation]\ntense_enter = 0.5\n\n[asr]\nbeam_size = 1\n"
    (product / "coach/default_config.toml").write_text(tables, encoding="utf-8")
    assert E.recording_code(product) == key  # the stage's own settings are replayed too; no transcription runs


def test_the_configuration_is_part_of_the_key(tmp_path: Path) -> None:
    product = _product(tmp_path / "p")
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text("[prosody]\nreport_every_s = 1.0\n", encoding="utf-8")
    b.write_text("[prosody]\nreport_every_s = 0.5\n", encoding="utf-8")
    keys = {E.recording_code(product), E.recording_code(product, a), E.recording_code(product, b)}
    assert len(keys) == 3
    b.write_text("[prosody]\nreport_every_s = 0.5\n\n[escalation]\ntense_enter = 0.5\n", encoding="utf-8")
    assert E.recording_code(product, b) in keys


def _prosody(at_s: float, speaker: str, loudness_db: float) -> Event:
    now = int(round(at_s * SAMPLE_RATE))
    return Event.at_samples("prosody", now - SAMPLE_RATE, now, speaker=speaker, loudness_db=loudness_db)


def test_the_first_replay_records_the_prosody_it_was_handed() -> None:
    """What the analyser's prosody gave the stage is saved with the inputs and replayed from them; inputs saved
    before that (no reports) fall back to the events file's."""
    stage = ReplayStage(load_config().escalation, [])
    reports = [_prosody(1.024, "customer", -25.0), _prosody(1.024, "agent", -30.0)]
    stage.push_speech(15872, np.zeros(512, dtype=np.float32))
    stage.observe(reports, 16384)
    assert [(d["speaker"], d["loudness_db"], d["at"]) for d in stage.inputs.prosody] == [
        ("customer", -25.0, 1.024),
        ("agent", -30.0, 1.024),
    ]
    assert recorded_prosody(stage.inputs, None) == stage.inputs.prosody
    assert recorded_prosody(StageInputs(), None) == []


def test_the_replay_reads_only_an_analysis_of_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hand-tagged experiment's run (``<call>.e52chg-<key>.jsonl``) or an untranscribed analysis kept beside the
    cache's own files is never the call's latest full analysis, however new it is (R14's note, session 50)."""
    events = tmp_path / "events"
    events.mkdir()
    monkeypatch.setattr(E.C, "RENDER_DIR", tmp_path)
    monkeypatch.setattr(E.C, "EVENTS_DIR", events)
    (tmp_path / "c7_kiln.flac").write_bytes(b"audio")
    of_record = events / "c7_kiln.0123456789abcdef.jsonl"
    names = (
        "c7_kiln.e52chg-0123456789abcdef.jsonl",
        "c7_kiln.noasr.0123456789abcdef.jsonl",
        "c77_kiln.0123456789abcdef.jsonl",
    )
    for i, path in enumerate([of_record, *(events / n for n in names)]):
        path.write_text("{}\n", encoding="utf-8")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # each newer than the one before
    assert E.replay_files("c7_kiln")[1] == of_record
    of_record.unlink()
    assert E.replay_files("c7_kiln")[1] is None


def _imported_tree(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A product tree as :func:`_product` with the replay's own module, its prosody tracker and its replay module
    loaded in this process (as a recording loads them), and the replay's paths (audio, events, saved inputs) in
    ``root``; a call ``c7_kiln`` with its analysis of record."""
    product = _product(root / "p")
    for rel in ("training/escalation_replay.py", "coach/telephony/audiohook.py"):
        (product / rel).parent.mkdir(parents=True, exist_ok=True)
        (product / rel).write_text("VERSION = 1\n", encoding="utf-8")
    for name, rel in {
        "coach._r16_tracker": "coach/prosody/tracker.py",  # run by the recording
        "coach._r16_stage": "coach/classify/escalation.py",  # the replayed stage: never in the key
        "training._r16_replay": "training/escalation_replay.py",  # the recording's own code
    }.items():
        module = types.ModuleType(name)
        module.__file__ = str(product / rel)
        monkeypatch.setitem(sys.modules, name, module)
    events = root / "events"
    events.mkdir()
    (root / "c7_kiln.flac").write_bytes(b"audio")
    (events / "c7_kiln.0123456789abcdef.jsonl").write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(E.C, "RENDER_DIR", root)
    monkeypatch.setattr(E.C, "EVENTS_DIR", events)
    monkeypatch.setattr(E, "REPLAY_CACHE", root / "cache")
    monkeypatch.setattr(E, "imported_roots", lambda: {"coach": product, "training": product})
    monkeypatch.setattr(E, "_imported", lambda config, fn: fn(product, config))
    (root / "cache").mkdir()
    return product


def test_the_saved_inputs_hold_while_the_files_their_recording_ran_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Session 52 (R16): the inputs are kept with the list of the files their recording imported (R15's proposal);
    an edit to a file it never imports (a telephony socket) keeps them, an edit to one it ran (the prosody tracker,
    the replay's own module) records them again; the replayed stage's own code never counts."""
    product = _imported_tree(tmp_path, monkeypatch)
    assert E.replay_files("c7_kiln")[2] is None  # nothing saved yet: the first replay records
    stem = E._stem(
        "c7_kiln", tmp_path / "c7_kiln.flac", E.C.newest_analysis("c7_kiln"), E._imported(None, E.recording_data)
    )
    recorded = tmp_path / "cache" / "recorded.tmp"
    recorded.write_bytes(b"inputs")
    saved = E.save_inputs(recorded, stem)
    listed = json.loads(saved.with_suffix(E.DEPS_SUFFIX).read_text(encoding="utf-8"))
    assert {"coach/prosody/tracker.py", "training/escalation_replay.py"} <= set(listed)
    assert not any(rel.startswith(("coach/classify/", "coach/telephony/")) for rel in listed)
    assert E.replay_files("c7_kiln")[2] == saved
    for rel in ("coach/telephony/audiohook.py", "coach/classify/escalation.py", "coach/README.md"):
        (product / rel).write_text("VERSION = 2\n", encoding="utf-8")
        assert E.replay_files("c7_kiln")[2] == saved, rel  # not run by the recording, or replayed
    for rel in ("coach/prosody/tracker.py", "training/escalation_replay.py", "coach/default_config.toml"):
        before = (product / rel).read_text(encoding="utf-8")
        (product / rel).write_text(before + "threshold = 2\n", encoding="utf-8")
        assert E.replay_files("c7_kiln")[2] is None, rel  # what the recording ran, or its configuration
        (product / rel).write_text(before, encoding="utf-8")
    assert E.replay_files("c7_kiln")[2] == saved


def test_inputs_saved_under_the_old_key_are_taken_over_where_it_still_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Inputs saved before session 52 under :func:`recording_code` (every ``coach`` file outside the replayed packages)
    are kept where that key matches the imported tree: linked under the new name with the files the recording runs, so
    a later edit to a file it never imports keeps them too; a stale one is not taken."""
    product = _imported_tree(tmp_path, monkeypatch)
    flac, latest = tmp_path / "c7_kiln.flac", E.C.newest_analysis("c7_kiln")
    stale = tmp_path / "cache" / f"{E._stem('c7_kiln', flac, latest, E.recording_code(product))}.pkl"
    stale.write_bytes(b"old inputs")
    (product / "coach/prosody/tracker.py").write_text("WINDOW = 2\n", encoding="utf-8")
    assert E.replay_files("c7_kiln")[2] is None  # recorded by other code: not taken
    old = tmp_path / "cache" / f"{E._stem('c7_kiln', flac, latest, E.recording_code(product))}.pkl"
    old.write_bytes(b"old inputs")
    saved = E.replay_files("c7_kiln")[2]
    assert saved is not None and saved != old and saved.read_bytes() == b"old inputs"
    assert saved.stat().st_ino == old.stat().st_ino and old.is_file()  # a link: older checkouts still find theirs
    (product / "coach/telephony/audiohook.py").write_text("VERSION = 2\n", encoding="utf-8")
    assert E.replay_files("c7_kiln")[2] == saved  # the old key changed, the files the recording runs did not
