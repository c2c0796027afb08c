"""scripts/hearing_by_window.py's parts that need no model (session 47, P4): the scorer's heard test on a decode's
words, the front-end of condition e (speech frames to a fixed RMS; a telephone stretch band-limited at 8 kHz), the
design / check interleaving of the sample, and a phrase split over two stored finals."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from eval_calls import Moment, heard  # noqa: E402
from hearing_by_window import (  # noqa: E402
    ACTIVE_DBFS,
    RATE,
    active_rms_level,
    as_events,
    interleaved,
    line_band,
    split_finals,
)

PHRASE = Moment(
    call="c1",
    kind="avoid_calm_down",
    group="language",
    start_s=10.0,
    end_s=11.5,
    phrase="Calm down, sir",
    speaker="agent",
)


def test_a_decode_is_heard_only_with_the_phrase_in_order_near_its_span() -> None:
    assert heard(PHRASE, as_events([["Just", 9.6], ["calm", 10.1], ["down,", 10.5], ["sir.", 10.9]]))
    assert not heard(PHRASE, as_events([["calm", 10.1], ["sir", 10.5], ["down", 10.9]]))
    assert not heard(PHRASE, as_events([["calm", 20.1], ["down", 20.5], ["sir", 20.9]]))  # far from the span


def test_the_speech_frames_reach_the_fixed_rms_whatever_the_lane_level() -> None:
    t = np.arange(RATE) / RATE
    speech = np.concatenate([0.01 * np.sin(2 * np.pi * 220 * t), np.zeros(RATE)]).astype(np.float32)
    out = active_rms_level(speech)
    rms_db = 10 * np.log10(np.mean(out[:RATE].astype(np.float64) ** 2))
    assert abs(rms_db - ACTIVE_DBFS) < 0.2  # the silent second does not pull the gain up
    assert np.array_equal(active_rms_level(np.zeros(RATE, dtype=np.float32)), np.zeros(RATE, dtype=np.float32))


def test_the_line_band_keeps_the_voice_band_and_drops_what_the_line_cannot_carry() -> None:
    t = np.arange(RATE) / RATE
    voice, hiss = np.sin(2 * np.pi * 1000 * t), np.sin(2 * np.pi * 6000 * t)
    out = line_band((voice + hiss).astype(np.float32))
    assert len(out) == RATE
    spectrum = np.abs(np.fft.rfft(out[2000:-2000]))
    freqs = np.fft.rfftfreq(len(out) - 4000, 1 / RATE)
    assert spectrum[np.argmin(abs(freqs - 6000))] < 0.01 * spectrum[np.argmin(abs(freqs - 1000))]


def test_the_sample_takes_design_and_check_in_turn_and_a_split_phrase_is_seen() -> None:
    def item(n: int) -> tuple[str, dict, Moment]:
        return (f"c{n}_x", {}, PHRASE)

    order = [int(name[1:].split("_")[0]) for name, _, _ in interleaved([item(n) for n in (700, 710, 720, 1040)], 1030)]
    assert order[1] == 1040 and sorted(order) == [700, 710, 720, 1040]
    one = {"t": 9.8, "end": 10.6, "words": [{"w": "calm", "start": 10.1}, {"w": "down", "start": 10.5}]}
    two = {"t": 10.8, "end": 11.6, "words": [{"w": "sir", "start": 11.0}]}
    assert split_finals([one, two], PHRASE) and not split_finals([one], PHRASE)


def test_the_hearing_probes_read_only_an_analysis_of_record(tmp_path: Path, monkeypatch) -> None:
    """hearing_by_window and eval_phrase_hearing (probe_hearing_alternatives likewise) took a call's newest events
    file of any name but ``.noasr.`` as its analysis: a hand-tagged experiment's run kept beside the cache's files
    (``<call>.e52chg-<key>.jsonl``) won when newer. They now read :func:`eval_calls.newest_analysis`, as the
    replays do since 792e247."""
    import os

    import eval_calls
    import eval_phrase_hearing
    import hearing_by_window

    monkeypatch.setattr(eval_calls, "EVENTS_DIR", tmp_path)
    said = {"type": "transcript", "speaker": "agent", "final": True, "start_s": 10.0, "end_s": 11.0}
    files = {
        "c7_kiln.0123456789abcdef.jsonl": "of record",
        "c7_kiln.e52chg-0123456789abcdef.jsonl": "experiment",
        "c7_kiln.noasr.0123456789abcdef.jsonl": "untranscribed",
        "c77_kiln.0123456789abcdef.jsonl": "another call",
    }
    for i, (name, text) in enumerate(files.items()):
        event = {**said, "text": text, "words": [{"w": text, "start": 10.2}]}
        (tmp_path / name).write_text(json.dumps(event) + "\n", encoding="utf-8")
        os.utime(tmp_path / name, (1_000_000 + i, 1_000_000 + i))  # each newer than the one before
    assert eval_calls.newest_analysis("c7_kiln") == tmp_path / "c7_kiln.0123456789abcdef.jsonl"
    assert [e["text"] for e in hearing_by_window.newest_events("c7_kiln")] == ["of record"]
    moment = {"start_s": 10.0, "end_s": 11.0}
    assert eval_phrase_hearing.product_text("c7_kiln", moment, True) == "of record"
    (tmp_path / "c7_kiln.0123456789abcdef.jsonl").unlink()
    assert hearing_by_window.newest_events("c7_kiln") is None
    assert eval_phrase_hearing.product_text("c7_kiln", moment, True) is None
