"""``scripts/bench_escalation.py --parts``: the timed stage behaves as the stage and counts its fusion ticks
(the CPU figures themselves are measurements, not asserted). Time is the call's sample clock."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Event, Lane

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_escalation.py"
_spec = importlib.util.spec_from_file_location("bench_escalation", SCRIPT)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def _drive(stage: EscalationStage) -> list[tuple[float, str, float]]:
    """Four seconds of (silent) customer speech, an interruption at 2 s (evidence: ticked at once): the
    reports (at, level, score)."""
    out = []
    for start in range(0, 4 * SAMPLE_RATE, FRAME_SAMPLES):
        now = start + FRAME_SAMPLES
        stage.push_speech(start, np.zeros(FRAME_SAMPLES, dtype=np.float32))
        events = []
        if now == 2 * SAMPLE_RATE:  # the customer cuts the agent off: a marker
            events = [
                Event.at_samples("overlap", now - FRAME_SAMPLES, now, by=Lane.CUSTOMER.value, kind="interruption")
            ]
        stage.observe(events, now)
        event = stage.tick(now)
        if event is not None:
            out.append((event.at, event.data["level"], event.data["score"]))
    return out


def test_the_timed_stage_reports_as_the_stage_and_counts_its_ticks() -> None:
    plain = EscalationStage(EscalationConfig(), text_scorer=None)
    ticks: list[int] = []
    advance = plain._tracker.advance  # noqa: SLF001
    plain._tracker.advance = lambda sample: ticks.append(sample) or advance(sample)  # type: ignore[method-assign]  # noqa: SLF001
    expected = _drive(plain)

    cpu: dict[str, float] = {}
    advances = [0]
    no_text = SimpleNamespace(model_cpu_s=0.0)  # no text scorer: the embedder never runs
    timed = bench.time_by_method(EscalationStage, no_text, cpu, advances)(EscalationConfig(), text_scorer=None)
    assert _drive(timed) == expected and len(expected) >= 4
    assert advances[0] == len(ticks) > 0
    assert set(cpu) == {"push_speech", "observe", "tick"} and all(v >= 0 for v in cpu.values())


def test_voice_against_another_features_file_alternates_both_and_compares_their_readings(capsys) -> None:
    """``--voice-against``: this tree's features against a features file (here the same one, so the
    readings must agree) on a few seconds of noise-like speech; both sides timed, exit 0 when identical."""
    features = SCRIPT.parent.parent / "coach" / "classify" / "arousal_features.py"
    rng = np.random.default_rng(3)
    pcm = (0.1 * rng.standard_normal(4 * SAMPLE_RATE) * np.sin(np.linspace(0, 40, 4 * SAMPLE_RATE)) ** 2).astype(
        np.float32
    )
    assert bench.bench_voice_against(pcm, 1.0, features, repeat=1) == 0
    out = capsys.readouterr().out
    assert "this tree" in out and str(features) in out and "identical: True" in out
