"""Evaluate customer escalation through the product's path: a two-lane call played through ``CallAnalyzer``.

Used by ``scripts/eval_escalation.py``. A call is built from one speaker's EmoDB clips on the customer
lane, in phases (e.g. neutral, anger, neutral), with a short agent line (a real telephone prompt from
``asr/asterisk_8k``) between phases while the customer is silent. The analyser runs exactly as in a
live call (VAD, turns, prosody, escalation stage; no transcription, since EmoDB is German acted speech),
and every ``escalation`` event it emits is labelled with the clip the customer was speaking at that time.

Times are call samples at 16 kHz inside, seconds in the results. Compliance: emotion is scored on the
customer lane only; the agent lane carries speech so that the call looks like a call, never to score it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from coach.types import SAMPLE_RATE, AudioChunk, Lane
from training.datasets import EmoClip, load_audio

GAP_S = 0.25
"""Pause between two clips of one customer phase (seconds)."""
TURN_GAP_S = 0.4
"""Pause between a customer phase and the agent's line, and back (seconds)."""
LABEL_SLACK_S = 0.5
"""An event up to this long after a clip's end still belongs to the clip (the 1 s report cadence)."""
LEVELS = ("calm", "tense", "escalated")


@dataclass(frozen=True)
class Phase:
    """One customer phase: ``label`` (an EmoDB emotion letter) and its clips, in order."""

    label: str
    clips: tuple[EmoClip, ...]


@dataclass
class BuiltCall:
    """The two lanes (float32, 16 kHz) and, per customer clip, ``(start, end, label)`` in samples;
    ``phase_starts`` / ``agent_turns`` give each customer phase's first sample and each agent line's
    ``(start, end)``."""

    customer: np.ndarray
    agent: np.ndarray
    clips: list[tuple[int, int, str]] = field(default_factory=list)
    phase_starts: list[tuple[int, str]] = field(default_factory=list)
    agent_turns: list[tuple[int, int]] = field(default_factory=list)


def agent_lines(asterisk_dir: Path, n: int = 4) -> list[np.ndarray]:
    """``n`` real 8 kHz telephone prompts of 1.5-3.5 s, resampled to 16 kHz (deterministic choice)."""
    import soundfile as sf
    import soxr

    out = []
    for path in sorted(asterisk_dir.glob("*.flac")):
        pcm, sr = sf.read(str(path), dtype="float32", always_2d=True)
        pcm = pcm.mean(axis=1)
        if 1.5 <= len(pcm) / sr <= 3.5:
            out.append(soxr.resample(pcm, sr, SAMPLE_RATE).astype(np.float32))
        if len(out) == n:
            break
    if not out:
        raise FileNotFoundError(f"no agent prompts of 1.5-3.5 s under {asterisk_dir}")
    return out


def build_call(
    phases: Sequence[Phase],
    lines: Sequence[np.ndarray],
    channel: Callable[[np.ndarray], np.ndarray] | None = None,
    *,
    tail_s: float = 2.0,
) -> BuiltCall:
    """Customer phases with an agent line between consecutive phases (and none before the first).

    ``channel`` (e.g. a simulated telephone line) is applied to every customer clip.
    """
    cust: list[np.ndarray] = []
    agent: list[np.ndarray] = []
    call = BuiltCall(np.zeros(0, np.float32), np.zeros(0, np.float32))
    pos = 0

    def add(customer: np.ndarray | None, agent_pcm: np.ndarray | None, n: int) -> None:
        nonlocal pos
        cust.append(customer if customer is not None else np.zeros(n, np.float32))
        agent.append(agent_pcm if agent_pcm is not None else np.zeros(n, np.float32))
        pos += n

    gap = int(GAP_S * SAMPLE_RATE)
    turn_gap = int(TURN_GAP_S * SAMPLE_RATE)
    for k, phase in enumerate(phases):
        if k > 0:
            line = lines[(k - 1) % len(lines)]
            add(None, None, turn_gap)
            call.agent_turns.append((pos, pos + len(line)))
            add(None, line, len(line))
            add(None, None, turn_gap)
        call.phase_starts.append((pos, phase.label))
        for i, clip in enumerate(phase.clips):
            pcm = load_audio(clip.path)
            if channel is not None:
                pcm = channel(pcm)
            call.clips.append((pos, pos + len(pcm), clip.emotion))
            add(pcm.astype(np.float32), None, len(pcm))
            if i < len(phase.clips) - 1:
                add(None, None, gap)
    add(None, None, int(tail_s * SAMPLE_RATE))
    call.customer = np.concatenate(cust)
    call.agent = np.concatenate(agent)
    return call


def cycle(clips: Sequence[EmoClip], min_seconds: float, clip_s: float = 2.0, *, reverse: bool = False) -> tuple:
    """The clips in order (or reversed), repeated until they last at least ``min_seconds``."""
    base = list(reversed(clips)) if reverse else list(clips)
    n = max(len(base), int(np.ceil(min_seconds / clip_s)))
    return tuple(base[i % len(base)] for i in range(n))


def run_call(call: BuiltCall, analyzer_factory: Callable[[], object], chunk_s: float = 0.5) -> dict:
    """Play both lanes through a fresh analyser; return its ``escalation`` events and the call summary."""
    analyzer = analyzer_factory()
    step = int(chunk_s * SAMPLE_RATE)
    events = []
    for s in range(0, len(call.customer), step):
        for lane, pcm in ((Lane.AGENT, call.agent), (Lane.CUSTOMER, call.customer)):
            events += analyzer.push(AudioChunk(lane, s, pcm[s : s + step]))  # type: ignore[attr-defined]
    events += analyzer.finish()  # type: ignore[attr-defined]
    esc = [e.to_dict() for e in events if e.type == "escalation"]
    summary = next(e.to_dict()["summary"] for e in events if e.type == "call.end")
    return {"events": esc, "summary": summary}


def label_events(call: BuiltCall, events: Sequence[dict]) -> list[tuple[float, float, str, float]]:
    """``(t, score, label, voice)`` for each escalation event inside a customer clip (plus slack)."""
    slack = int(LABEL_SLACK_S * SAMPLE_RATE)
    out = []
    for e in events:
        s = int(round(e["t"] * SAMPLE_RATE))
        for start, end, label in call.clips:
            if start < s <= end + slack:
                out.append((e["t"], float(e["score"]), label, float(e.get("drivers", {}).get("voice", 0.0))))
                break
    return out


def level_at(events: Sequence[dict], t: float) -> str:
    """The level in force at time ``t`` (the last event at or before it; calm before any event)."""
    level = "calm"
    for e in events:
        if e["t"] <= t + 1e-9:
            level = e["level"]
    return level


def max_level(events: Sequence[dict], t0: float, t1: float) -> str:
    """Highest level in force at any time in ``[t0, t1]``."""
    best = LEVELS.index(level_at(events, t0))
    for e in events:
        if t0 <= e["t"] <= t1:
            best = max(best, LEVELS.index(e["level"]))
    return LEVELS[best]


def seconds_to_calm(events: Sequence[dict], t0: float) -> float | None:
    """Seconds from ``t0`` until the level is calm (0 if already calm); None if it never gets there."""
    if level_at(events, t0) == "calm":
        return 0.0
    for e in events:
        if e["t"] > t0 and e["level"] == "calm":
            return round(e["t"] - t0, 2)
    return None
