"""An analysis depends on its own call only (issue 9, ground rules; session 40, P3): in one process, a call analysed
after another gets the events it gets on its own. The models, sessions and caches a process shares between calls
(the recogniser, Silero, MiniLM's embedding cache, the heads, the phrase sets' memos) carry nothing from one call to
the next: the evaluation tools that analyse or replay many calls in one process report each call as alone. And the
whole product path gives the same events on the same file every time: ``coach analyze``, run as its own process at
the same time, writes those of the first analysis."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf

from coach.config import load_config
from coach.pipeline.factory import build_analyzer
from coach.sources.recording import load_recording
from coach.sources.replay import replay_chunks
from coach.types import SAMPLE_RATE
from tests.conftest import CALLS


def excerpt(name: str, start_s: float, end_s: float):
    """``tests/data/calls/<name>.flac`` from ``start_s`` to ``end_s`` (both lanes)."""
    rec = load_recording(CALLS / f"{name}.flac")
    a, b = int(start_s * SAMPLE_RATE), int(end_s * SAMPLE_RATE)
    return dataclasses.replace(rec, agent=rec.agent[a:b].copy(), customer=rec.customer[a:b].copy())


def analyse(recording, call_id: str) -> list[dict]:
    """Every event of one call through the product's analyser (transcription inline, so timing-independent)."""
    analyzer = build_analyzer(load_config(), call_id=call_id, transcribe=True)
    events = [e.to_dict() for chunk in replay_chunks(recording, chunk_ms=200) for e in analyzer.push(chunk)]
    return events + [e.to_dict() for e in analyzer.finish()]


@pytest.mark.slow
def test_a_call_analysed_after_another_gets_the_events_it_gets_alone(tmp_path):
    """The end of rude's second complaint and the agent's "Ma'am, calm down" (18-22 s), analysed, then polite's
    calm opening complaint (5.5-9.5 s), then rude's excerpt again: identical events, transcripts, escalation,
    nudges (the interruption's and the calm-down's among them) and cues. While the first analysis runs, ``coach
    analyze`` (transcription and escalation, its own process: imports, models, the command's chunking and events
    file) analyses the same excerpt as a WAV, so the two compete for the CPU: what it writes must be the same
    events (one run of the command and one in this process: session 47, T6; until then tests/test_delivery_calls.py
    ran the command twice at once, ~13 CPU-s more). About 12 s of audio with real decoding (~2.2 CPU-s a second of
    audio) and one command's start (~6 CPU-s)."""
    rude = excerpt("rude", 18.0, 22.0)
    wav, written = tmp_path / "b.wav", tmp_path / "b.jsonl"  # the command names the call by the file: "b"
    sf.write(wav, np.stack([rude.agent, rude.customer], axis=1), SAMPLE_RATE)
    rude = load_recording(wav)  # what the command reads
    cli = "import sys; from coach import cli; sys.exit(cli.main(sys.argv[1:]))"
    command = subprocess.Popen([sys.executable, "-c", cli, "analyze", str(wav), "--events", str(written), "--quiet"])
    try:
        first = analyse(rude, "b")
        assert command.wait(timeout=600) == 0
    finally:
        command.kill()  # (only if the analysis here failed first)
    assert [json.loads(line) for line in written.read_text().splitlines()] == json.loads(json.dumps(first))
    other = analyse(excerpt("polite", 5.5, 9.5), "a")
    assert any(e["type"] == "transcript" and e["final"] for e in other)
    assert analyse(rude, "b") == first
    assert {"transcript", "escalation", "nudge", "cue"} <= {e["type"] for e in first}
    assert {"stop_interrupting", "avoid_calm_down"} <= {e["kind"] for e in first if e["type"] == "nudge"}
