"""Whole-call transcription of two lanes (``coach transcribe CALL``).

Each lane's speech segments are decoded one by one (no streaming: the whole segment is known),
guarded like the streaming finals (an agent lane normalised in level like theirs when
``agent_level_dbfs`` is set), and merged into one time-ordered list of final transcript
dicts in the event format (``type``, ``t``, ``at``, ``speaker``, ``utt``, ``end``, ``text``,
``final``, ``words``). ``at`` equals ``end`` (offline: no detection delay).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from coach.asr.agreement import Word, join_words
from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeOptions, WhisperEngine
from coach.asr.guards import judge
from coach.asr.level import decode_audio
from coach.asr.segments import speech_fraction, speech_segments
from coach.types import SAMPLE_RATE, Event, Lane, samples_to_seconds, seconds_to_samples


def lane_segments(pcm: np.ndarray) -> list[tuple[int, int]]:
    """Speech segments of one lane (the project VAD; long ones are decoded window by window)."""
    return speech_segments(pcm)


def transcribe_lane(
    pcm: np.ndarray,
    lane: Lane,
    *,
    engine: WhisperEngine,
    segments: Sequence[tuple[int, int]],
    config: AsrConfig | None = None,
) -> list[dict[str, Any]]:
    """Final transcript dicts of one lane (one per segment with accepted text)."""
    config = config or AsrConfig()
    options = DecodeOptions.from_config(config)
    pre, post = seconds_to_samples(config.pre_pad_s), seconds_to_samples(config.post_pad_s)
    out = []
    prompt = None
    for n, (start, end) in enumerate(segments, 1):
        a, b = max(0, start - pre), min(len(pcm), end + post)
        result = engine.transcribe(
            decode_audio(lane, pcm[a:b], config), prompt=prompt if config.prompt_previous else None, options=options
        )
        verdict, keep = judge(result, config.guards, speech_fraction=speech_fraction(list(segments), a, b))
        if not verdict.ok:
            continue
        words = [
            Word(
                w.word,
                a + int(round(w.start * SAMPLE_RATE)),
                a + int(round(w.end * SAMPLE_RATE)),
                w.probability,
            )
            for w in result.words[:keep]
        ]
        text = join_words(words)
        if not text:
            continue
        prompt = text
        out.append(
            Event.at_samples(
                "transcript",
                start,
                end,
                speaker=lane.value,
                utt=f"{lane.value}-{n}",
                end=samples_to_seconds(end),
                text=text,
                final=True,
                words=[w.to_dict() for w in words],
            ).to_dict()
        )
    return out


def transcribe_call(
    agent_pcm: np.ndarray,
    customer_pcm: np.ndarray,
    *,
    engine: WhisperEngine,
    speech_segments_per_lane: Mapping[Lane, Sequence[tuple[int, int]]] | None = None,
    config: AsrConfig | None = None,
) -> list[dict[str, Any]]:
    """Both lanes (16 kHz float32 each) -> final transcript dicts ordered by start time.

    ``speech_segments_per_lane`` gives ``[(start, end)]`` samples per lane; missing lanes are segmented
    with :func:`coach.asr.segments.speech_segments`.
    """
    config = config or AsrConfig()
    given = speech_segments_per_lane or {}
    finals: list[dict[str, Any]] = []
    for lane, pcm in ((Lane.AGENT, agent_pcm), (Lane.CUSTOMER, customer_pcm)):
        pcm = np.asarray(pcm, dtype=np.float32)
        segments = given.get(lane)
        if segments is None:
            segments = lane_segments(pcm)
        finals += transcribe_lane(pcm, lane, engine=engine, segments=segments, config=config)
    return sorted(finals, key=lambda d: (d["t"], d["speaker"]))


def format_text(finals: Sequence[Mapping[str, Any]]) -> str:
    """Human-readable two-lane transcript: ``[mm:ss.s] speaker: text`` per line."""
    lines = []
    for f in finals:
        minutes, seconds = divmod(float(f["t"]), 60)
        lines.append(f"[{int(minutes):02d}:{seconds:04.1f}] {f['speaker']:>8}: {f['text']}")
    return "\n".join(lines)


def format_json(finals: Sequence[Mapping[str, Any]]) -> str:
    """One JSON object per line (the event format)."""
    return "\n".join(json.dumps(dict(f), ensure_ascii=False) for f in finals)
