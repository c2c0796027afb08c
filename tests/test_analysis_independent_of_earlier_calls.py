"""An analysis depends on its own call only (issue 9, ground rules; session 40, P3): in one process, a call analysed
after another gets the events it gets on its own. The models, sessions and caches a process shares between calls
(the recogniser, Silero, MiniLM's embedding cache, the heads, the phrase sets' memos) carry nothing from one call to
the next: the evaluation tools that analyse or replay many calls in one process report each call as alone."""

from __future__ import annotations

import dataclasses

import pytest

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
def test_a_call_analysed_after_another_gets_the_events_it_gets_alone():
    """The end of rude's second complaint and the agent's "Ma'am, calm down" (18-22 s), analysed, then polite's
    calm opening complaint (5.5-9.5 s), then rude's excerpt again: identical events, transcripts, escalation and
    nudges among them. About 12 s of audio with real decoding (~2.2 CPU-s a second of audio)."""
    rude = excerpt("rude", 18.0, 22.0)
    first = analyse(rude, "b")
    other = analyse(excerpt("polite", 5.5, 9.5), "a")
    assert any(e["type"] == "transcript" and e["final"] for e in other)
    assert analyse(rude, "b") == first
    assert {"transcript", "escalation", "nudge"} <= {e["type"] for e in first}
