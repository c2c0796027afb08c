"""Feeding a recording into a live call on the server, paced in real time or as fast as analysis allows.

Used by ``POST /api/calls/replay`` (demos, tests). The same chunking as
:func:`coach.sources.replay.replay_chunks`; pacing uses the event loop's clock, so many replays run
as tasks side by side. Fast replays wait for the call's analysis backlog instead of dropping audio.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from coach.server.calls import ServerCall
from coach.sources.recording import CallRecording
from coach.types import SAMPLE_RATE, AudioChunk, Lane


def excerpt(recording: CallRecording, start_s: float, end_s: float | None) -> CallRecording:
    """The part of a recording between ``start_s`` and ``end_s`` seconds (None: to the end)."""
    a = int(round(start_s * SAMPLE_RATE))
    b = len(recording.agent) if end_s is None else min(len(recording.agent), int(round(end_s * SAMPLE_RATE)))
    if not 0 <= a < b:
        raise ValueError(f"empty excerpt: start_s={start_s}, end_s={end_s}, length {recording.duration_s:.1f} s")
    return CallRecording(
        agent=recording.agent[a:b],
        customer=recording.customer[a:b],
        source_rate=recording.source_rate,
        path=recording.path,
    )


def resolve_replay_path(path: str, allowed: list[Path]) -> Path:
    """The recording ``path`` as an absolute path inside one of the ``allowed`` folders; ValueError otherwise."""
    p = Path(path)
    candidates = [p] if p.is_absolute() else [root / p for root in allowed]
    for candidate in candidates:
        resolved = candidate.resolve()
        if any(resolved.is_relative_to(root) for root in allowed) and resolved.is_file():
            return resolved
    raise ValueError(f"no recording {path!r} inside the replay folders ([server] replay_dirs)")


async def replay_into(call: ServerCall, recording: CallRecording, *, realtime: bool, chunk_ms: int = 20) -> None:
    """Push the recording into ``call`` and end it; a cancelled replay ends the call incomplete."""
    step = SAMPLE_RATE * chunk_ms // 1000
    total = len(recording.agent)
    loop = asyncio.get_running_loop()
    origin = loop.time()
    try:
        for start in range(0, total, step):
            end = min(start + step, total)
            if realtime:
                delay = origin + end / SAMPLE_RATE - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
            else:
                await call.wait_for_room(1.0)
            call.push_many(
                [
                    AudioChunk(Lane.AGENT, start, recording.agent[start:end]),
                    AudioChunk(Lane.CUSTOMER, start, recording.customer[start:end]),
                ]
            )
    except asyncio.CancelledError:
        call.end(complete=False, reason="the replay was stopped")
        raise
    except Exception:
        with contextlib.suppress(Exception):
            call.end(complete=False, reason="the replay failed")
        raise
    call.end(complete=True)
