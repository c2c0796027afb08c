"""Feeding a recording into a live call on the server, paced in real time or as fast as analysis allows.

Used by ``POST /api/calls/replay`` (demos, tests). The same chunking as
:func:`coach.sources.replay.replay_chunks`; pacing uses the event loop's clock, so many replays run
as tasks side by side. Fast replays wait for the call's analysis backlog instead of dropping audio.

A :class:`ReplayGate` (tests only: ``CoachServer(replay_gate=...)``) holds a replay at a chosen second
of its audio until released, so a test can assert what the pages show at that point of the call
whatever this machine's speed; without one (the default, ``coach serve``) replays never wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import threading
from pathlib import Path

from coach.server.calls import ServerCall
from coach.sources.recording import CallRecording
from coach.types import SAMPLE_RATE, AudioChunk, Lane

BOUNDS_RULE = "start_s and end_s must be finite numbers of seconds"
"""What an excerpt's bounds must be (the API's replay says it for a bound too large for a float, too)."""


def excerpt(recording: CallRecording, start_s: float, end_s: float | None) -> CallRecording:
    """The part of a recording between ``start_s`` and ``end_s`` seconds (None: to the end); ValueError for an
    empty part or a bound that is not a finite number (``1e400`` in a request's JSON reads as infinity)."""
    if not math.isfinite(start_s) or (end_s is not None and not math.isfinite(end_s)):
        raise ValueError(f"{BOUNDS_RULE}, not {start_s} and {end_s}")
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


class ReplayGate:
    """Holds server-side replays at seconds of their audio until the test releases them (a test-only
    pacing hook; thread-safe: the test's thread calls :meth:`hold`, :meth:`wait_held` and
    :meth:`release`, the replay awaits :meth:`passing` on the server's event loop).

    Holds are per agent id, set before the replay starts (its call id is not known yet). A replay
    held at ``at_s`` has pushed every chunk that ends at or before ``at_s`` seconds of its audio and
    none after; a real-time replay's pace restarts from there when released (no catch-up burst).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._holds: dict[str, list[float]] = {}  # agent id -> hold points (audio seconds), ascending
        self._held: dict[str, tuple[float, asyncio.AbstractEventLoop, asyncio.Event]] = {}

    def hold(self, agent_id: str, *at_s: float) -> None:
        """The next replays for ``agent_id`` stop at each of ``at_s`` (seconds of the replayed audio)."""
        with self._cond:
            self._holds[agent_id] = sorted({*self._holds.get(agent_id, []), *at_s})

    def wait_held(self, agent_id: str, timeout_s: float) -> float:
        """Block until ``agent_id``'s replay is held; the audio second it is held at. TimeoutError
        after ``timeout_s`` seconds (a safety net for a broken replay, not a timing assertion)."""
        with self._cond:
            if not self._cond.wait_for(lambda: agent_id in self._held, timeout=timeout_s):
                raise TimeoutError(f"the replay for {agent_id!r} did not reach its hold in {timeout_s} s")
            return self._held[agent_id][0]

    def release(self, agent_id: str) -> None:
        """Let ``agent_id``'s held replay go on (to its next hold point, or to the end)."""
        with self._cond:
            _, loop, event = self._held.pop(agent_id)
        loop.call_soon_threadsafe(event.set)

    def release_all(self) -> None:
        """Forget every hold point and let every held replay go on."""
        with self._cond:
            self._holds.clear()
            held = list(self._held)
        for agent_id in held:
            self.release(agent_id)

    async def passing(self, agent_id: str, end_s: float) -> None:
        """Return once the replay may push audio up to ``end_s``: at once, unless a hold point lies before it."""
        with self._cond:
            points = self._holds.get(agent_id, [])
            if not points or end_s <= points[0]:
                return
            at_s = points.pop(0)
            event = asyncio.Event()
            self._held[agent_id] = (at_s, asyncio.get_running_loop(), event)
            self._cond.notify_all()
        try:
            await event.wait()
        finally:
            with self._cond:  # cancelled while held: no longer held
                if agent_id in self._held and self._held[agent_id][2] is event:
                    del self._held[agent_id]


async def replay_into(
    call: ServerCall, recording: CallRecording, *, realtime: bool, chunk_ms: int = 20, gate: ReplayGate | None = None
) -> None:
    """Push the recording into ``call`` and end it; a cancelled replay ends the call incomplete.
    ``gate``: hold points set for the call's agent (tests; None: never wait)."""
    step = SAMPLE_RATE * chunk_ms // 1000
    total = len(recording.agent)
    loop = asyncio.get_running_loop()
    origin = loop.time()
    try:
        for start in range(0, total, step):
            end = min(start + step, total)
            if gate is not None:
                before = loop.time()
                await gate.passing(call.agent_id, end / SAMPLE_RATE)
                origin += loop.time() - before  # real-time pace resumes from the hold
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
