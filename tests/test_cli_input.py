"""`coach analyze` on awkward and broken input: a clear message (exit 2) or correct handling, never a
traceback."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach import cli
from coach.sources.recording import load_recording
from coach.types import SAMPLE_RATE
from tests.conftest import CALLS


def analyze(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["analyze", *args, "--quiet", "--no-asr"])
    out, err = capsys.readouterr()
    return code, out, err


def demo_excerpt(seconds: tuple[float, float] = (25.0, 50.0)) -> np.ndarray:
    rec = load_recording(CALLS / "demo.flac")
    a, b = (int(s * SAMPLE_RATE) for s in seconds)
    return np.stack([rec.agent[a:b], rec.customer[a:b]], axis=1)


def test_missing_file(capsys, tmp_path):
    code, _, err = analyze(capsys, str(tmp_path / "nope.wav"))
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_a_file_that_is_not_audio(capsys, tmp_path):
    path = tmp_path / "notes.wav"
    path.write_text("this is not audio\n" * 50)
    code, _, err = analyze(capsys, str(path))
    assert code == 2 and "not a readable audio file (Invalid data found when processing input)" in err
    assert "Errno" not in err  # FFmpeg's error number (1094995529) says nothing to the person running it


def test_mono_says_how_to_supply_two_lanes(capsys, tmp_path):
    path = tmp_path / "mono.wav"
    sf.write(path, demo_excerpt()[:, 0], SAMPLE_RATE)
    code, _, err = analyze(capsys, str(path))
    assert code == 2 and "mono" in err and "sox -M" in err and "--agent-channel" in err


def test_more_than_two_channels_is_refused_with_a_hint(capsys, tmp_path):
    path = tmp_path / "three.wav"
    sf.write(path, np.zeros((16000, 3), dtype=np.float32), SAMPLE_RATE)
    code, _, err = analyze(capsys, str(path))
    assert code == 2 and "3 channels" in err and "remix" in err


def test_a_file_with_a_header_and_no_samples(capsys, tmp_path):
    path = tmp_path / "empty.wav"
    sf.write(path, np.zeros((0, 2), dtype=np.float32), SAMPLE_RATE)
    code, _, err = analyze(capsys, str(path))
    assert code == 2 and "no audio" in err


def test_silence_only_gives_an_empty_timeline_and_a_zero_summary(capsys, tmp_path):
    path = tmp_path / "silence.wav"
    sf.write(path, np.zeros((SAMPLE_RATE * 20, 2), dtype=np.float32), SAMPLE_RATE)
    events = tmp_path / "e.jsonl"
    code, _, _ = analyze(capsys, str(path), "--events", str(events))
    assert code == 0
    records = [json.loads(line) for line in events.read_text().splitlines()]
    assert [r["type"] for r in records] == ["call.start", "call.end"]
    summary = records[-1]["summary"]
    assert summary["talk_ratio"] == {"agent": 0.0, "customer": 0.0}
    assert summary["dead_air_s"] == 0.0 and summary["nudges"] == {}


def test_clipped_audio_is_analysed(capsys, tmp_path):
    path = tmp_path / "clipped.wav"
    sf.write(path, np.clip(demo_excerpt() * 30.0, -1.0, 1.0), SAMPLE_RATE, subtype="PCM_16")
    code, out, _ = analyze(capsys, str(path))
    assert code == 0 and "Call length" in out


def test_8_khz_telephone_audio_is_resampled_and_analysed_like_16_khz(capsys, tmp_path):
    import soxr

    pcm8 = soxr.resample(demo_excerpt(), SAMPLE_RATE, 8000)
    path = tmp_path / "tel8k.wav"
    sf.write(path, pcm8, 8000, subtype="PCM_16")
    events = tmp_path / "e.jsonl"
    assert analyze(capsys, str(path), "--events", str(events))[0] == 0
    records = [json.loads(line) for line in events.read_text().splitlines()]
    kinds = [r["kind"] for r in records if r["type"] == "nudge"]
    assert "stop_interrupting" in kinds and "dead_air" in kinds
    assert records[-1]["summary"]["duration_s"] == pytest.approx(25.0, abs=0.05)


def test_a_wav_truncated_mid_frame_is_analysed_up_to_where_it_stops(capsys, tmp_path):
    whole = tmp_path / "whole.wav"
    sf.write(whole, demo_excerpt(), SAMPLE_RATE, subtype="PCM_16")
    data = whole.read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(data[: len(data) // 2 + 3])  # half the samples and a stray byte: mid-frame
    events = tmp_path / "e.jsonl"
    code, _, err = analyze(capsys, str(cut), "--events", str(events))
    assert code == 0, err
    records = [json.loads(line) for line in events.read_text().splitlines()]
    assert records[-1]["type"] == "call.end" and records[-1]["complete"] is True and "reason" not in records[-1]
    assert records[-1]["summary"]["duration_s"] == pytest.approx(12.5, abs=0.1)


def test_agent_channel_swaps_the_lanes(capsys, tmp_path):
    path = tmp_path / "swapped.wav"
    sf.write(path, demo_excerpt()[:, ::-1], SAMPLE_RATE)
    events = tmp_path / "e.jsonl"
    assert analyze(capsys, str(path), "--agent-channel", "1", "--events", str(events))[0] == 0
    records = [json.loads(line) for line in events.read_text().splitlines()]
    assert any(r["type"] == "nudge" and r["kind"] == "stop_interrupting" for r in records)


def test_timeline_output_lists_nudges_and_the_summary_and_long_files_show_a_progress_bar_on_stderr(capsys):
    """One run of the whole 79 s demo call (without --quiet): the timeline on stdout, the bar on stderr."""
    code = cli.main(["analyze", str(CALLS / "demo.flac"), "--no-asr"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "NUDGE [high] Let them finish" in out
    assert "Pause and breathe" in out and "Check in with the customer" in out
    assert "Interruptions: agent 1" in out
    assert "analysing [" in err and "100%" in err
    assert "analysing" not in out  # the bar stays off the timeline


def test_an_events_path_that_cannot_be_written_is_refused_first_and_an_old_events_file_outlives_a_bad_input(
    capsys, tmp_path
):
    call = tmp_path / "call.wav"
    sf.write(call, demo_excerpt((25.0, 27.0)), SAMPLE_RATE)
    code, _, err = analyze(capsys, str(call), "--events", str(tmp_path / "no-such-folder" / "e.jsonl"))
    assert code == 2 and "cannot write the events to" in err and "No such file or directory" in err
    assert "Traceback" not in err
    old = tmp_path / "old.jsonl"
    old.write_text('{"type": "call.start"}\n')
    broken = tmp_path / "broken.wav"
    broken.write_text("not audio")
    code, _, err = analyze(capsys, str(broken), "--events", str(old))
    assert code == 2 and "not a readable audio file" in err
    assert old.read_text() == '{"type": "call.start"}\n'  # not emptied by a run that never started
    assert not (tmp_path / "e.jsonl").exists()


def _set_file_size_limit(limit: int) -> tuple[int, int]:
    """Stand-in for a disk that fills up: writes past ``limit`` bytes fail with EFBIG (SIGXFSZ ignored)."""
    import resource
    import signal

    before = resource.getrlimit(resource.RLIMIT_FSIZE)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, before[1]))
    return before


def test_a_disk_that_fills_mid_call_keeps_the_events_so_far_as_whole_lines_and_prints_the_rest(capsys, tmp_path):
    """A file-size limit stands in for a full disk (a tmpfs needs root); /dev/full gives the real ENOSPC."""
    import resource

    call = tmp_path / "call.wav"
    sf.write(call, demo_excerpt((25.0, 35.0)), SAMPLE_RATE)
    whole = tmp_path / "whole.jsonl"
    assert analyze(capsys, str(call), "--events", str(whole))[0] == 0
    reference = [json.loads(line) for line in whole.read_text().splitlines()]
    cut = tmp_path / "cut.jsonl"
    before = _set_file_size_limit(len(whole.read_bytes()) // 2)
    try:
        code, out, err = analyze(capsys, str(call), "--events", str(cut))
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, before)
    assert code == 2 and "File too large" in err and "Traceback" not in err
    assert "the file holds every event before that as whole lines" in err
    kept = [json.loads(line) for line in cut.read_text().splitlines()]  # every line parses: none was cut
    assert 0 < len(kept) < len(reference) and cut.read_text().endswith("\n")
    assert [(r["type"], r["t"]) for r in kept] == [(r["type"], r["t"]) for r in reference[: len(kept)]]
    assert kept[-1]["type"] != "call.end"  # the call is cut where the disk filled
    assert "Call length" in out  # the rest of the call, summary included, went to the timeline
    code, out, err = analyze(capsys, str(call), "--events", "/dev/full")
    assert code == 2 and "No space left on device" in err and "Call length" in out


def test_an_agent_id_with_a_store_that_is_not_a_database_is_a_clear_error(capsys, tmp_path):
    not_a_store = tmp_path / "calls.sqlite3"
    not_a_store.write_text("a text file where the call store should be\n" * 40)
    config = tmp_path / "c.toml"
    config.write_text(f"[store]\npath = '{not_a_store}'\n")
    call = tmp_path / "call.wav"
    sf.write(call, demo_excerpt((25.0, 26.0)), SAMPLE_RATE)
    code, _, err = analyze(capsys, str(call), "--agent-id", "joe", "--config", str(config))
    assert code == 2 and "Traceback" not in err
    assert "cannot read agent joe's voice baseline from" in err and "file is not a database" in err
    assert "or run without --agent-id" in err


def test_ctrl_c_mid_analysis_keeps_the_events_so_far_and_says_where_it_stopped(capsys, tmp_path, monkeypatch):
    call = tmp_path / "call.wav"
    sf.write(call, demo_excerpt((25.0, 31.0)), SAMPLE_RATE)
    real = cli.replay_chunks

    def interrupted(recording, **kwargs):  # the person presses Ctrl-C 2 s into the call
        for chunk in real(recording, **kwargs):
            if chunk.start_sample >= 2 * SAMPLE_RATE:
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(cli, "replay_chunks", interrupted)
    events = tmp_path / "e.jsonl"
    code, _, err = analyze(capsys, str(call), "--events", str(events))
    assert code == 130 and "stopped at 2.0 s of 6.0 s" in err and "ends with the summary of that part only" in err
    records = [json.loads(line) for line in events.read_text().splitlines()]
    assert records[-1]["type"] == "call.end" and records[-1]["summary"]["duration_s"] == pytest.approx(2.0, abs=0.05)
    assert records[-1]["complete"] is False and records[-1]["reason"] == "stopped with Ctrl-C"


@pytest.mark.parametrize("fmt", ["FLAC", "OGG"])
def test_flac_and_ogg_cut_in_half_are_analysed_up_to_where_they_stop(capsys, tmp_path, fmt):
    whole = tmp_path / f"whole.{fmt.lower()}"
    sf.write(whole, demo_excerpt((25.0, 31.0)), SAMPLE_RATE, format=fmt)
    data = whole.read_bytes()
    cut = tmp_path / f"cut.{fmt.lower()}"
    cut.write_bytes(data[: len(data) // 2])
    events = tmp_path / "e.jsonl"
    code, _, err = analyze(capsys, str(cut), "--events", str(events))
    assert code == 0, err
    records = [json.loads(line) for line in events.read_text().splitlines()]
    assert records[-1]["type"] == "call.end"
    assert 1.0 < records[-1]["summary"]["duration_s"] < 5.5  # about half of the 6 s, by bytes


def test_a_missing_model_file_is_a_clear_error_naming_how_to_rebuild_it(capsys, tmp_path, monkeypatch):
    """A model of models/ deleted or not checked out (a sparse clone, a partial copy): one line naming the
    script that rebuilds it, exit 2, no traceback (it was a FileNotFoundError the command line did not catch)."""
    from coach.classify import arousal

    monkeypatch.setattr(arousal, "MODEL_PATH", tmp_path / "arousal.onnx")
    call = tmp_path / "call.wav"
    sf.write(call, demo_excerpt((30.0, 32.0)), SAMPLE_RATE)
    code, _, err = analyze(capsys, str(call))
    assert code == 2 and "arousal.onnx is missing" in err and "scripts/train_arousal.py" in err
    assert "Traceback" not in err


def test_an_empty_file_says_so(capsys, tmp_path):
    path = tmp_path / "call.wav"
    path.touch()  # a recorder that never wrote, a failed copy
    code, _, err = analyze(capsys, str(path))
    assert code == 2 and "empty (0 bytes)" in err and "Errno" not in err


@pytest.mark.parametrize("rate", [1000, 4000])
def test_a_rate_below_telephone_audio_is_refused_with_the_rate_needed(capsys, tmp_path, rate):
    """The server refuses such rates on its ingest socket; a file at one was analysed as a call with no speech."""
    path = tmp_path / "call.wav"
    sf.write(path, np.zeros((2 * rate, 2), dtype=np.float32), rate)
    code, _, err = analyze(capsys, str(path))
    assert code == 2 and f"recorded at {rate} Hz" in err and "at least 8000 Hz" in err


def test_a_rate_above_studio_audio_is_refused_and_the_top_rate_is_read(capsys, tmp_path):
    """A 16 kHz call whose header says 1 MHz lasts 1/62 of its time: it was analysed as a call with no speech."""
    path = tmp_path / "call.wav"
    sf.write(path, np.zeros((100_000, 2), dtype=np.float32), 1_000_000)  # 0.1 s
    code, _, err = analyze(capsys, str(path))
    assert code == 2 and "recorded at 1000000 Hz" in err and "at most 384000 Hz" in err
    sf.write(path, np.full((38_400, 2), 0.25, dtype=np.float32), 384_000)  # 0.1 s at the top rate: read
    assert len(load_recording(path).agent) == SAMPLE_RATE // 10


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_a_full_disk_under_the_printed_timeline_is_a_clear_error(capsys, tmp_path, monkeypatch):
    """`coach analyze call.wav > timeline.txt` on a full disk printed a traceback (OSError out of print)."""
    call = tmp_path / "call.wav"
    sf.write(call, demo_excerpt((30.0, 32.0)), SAMPLE_RATE)
    full = open("/dev/full", "w")  # noqa: SIM115 (every write fails with ENOSPC, as on a full disk)
    monkeypatch.setattr(sys, "stdout", full)
    code = cli.main(["analyze", str(call), "--quiet", "--no-asr"])
    with contextlib.suppress(OSError):  # its buffer cannot be flushed either
        full.close()
    err = capsys.readouterr().err
    assert code == 2 and "could not print the timeline (No space left on device)" in err and "Traceback" not in err


def test_a_reader_that_goes_away_ends_the_run_quietly(capsys, tmp_path, monkeypatch):
    """`coach analyze call.wav | head -1`: the reader closes the pipe; the run stops with 128 + SIGPIPE and no
    BrokenPipeError traceback, as a shell tool does."""
    call = tmp_path / "call.wav"
    sf.write(call, demo_excerpt((30.0, 32.0)), SAMPLE_RATE)
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    with os.fdopen(write, "w") as pipe:
        monkeypatch.setattr(sys, "stdout", pipe)
        code = cli.main(["analyze", str(call), "--quiet", "--no-asr"])
    assert code == 141 and "Traceback" not in capsys.readouterr().err
