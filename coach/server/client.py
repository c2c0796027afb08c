"""Sending a call to ``coach serve`` over its ingest websocket (``coach replay --server``, ``coach live
--server``, the fan-out benchmark). See :mod:`coach.server.wire` for the messages.

:func:`send_call` streams chunks from an async iterator; :func:`paced_chunks` turns a recording into
such an iterator paced on the event loop's clock (or as fast as the server accepts), and
:func:`thread_chunks` adapts a blocking iterator (the microphones). Nudges the server sends back are
handed to ``on_event`` as they arrive.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from coach.errors import CoachError
from coach.server.wire import encode_audio, encode_stereo
from coach.sources.recording import CallRecording
from coach.types import SAMPLE_RATE, AudioChunk, Lane


def ingest_url(server: str) -> str:
    """``http://host:port`` (or ``ws://...``) to the ingest websocket ``ws://host:port/ws/ingest``."""
    parts = urlsplit(server if "//" in server else f"http://{server}")
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
        raise CoachError(f"--server must look like http://127.0.0.1:8765, not {server!r}")
    scheme = "wss" if parts.scheme in ("https", "wss") else "ws"
    return urlunsplit((scheme, parts.netloc, "/ws/ingest", "", ""))


@dataclass
class CallResult:
    """What the server said about the call: its id, whether it completed (and if not, why), the summary,
    the nudges; ``sent_s``: seconds of call audio sent (per lane, the furthest)."""

    call_id: str = ""
    complete: bool | None = None
    reason: str | None = None
    summary: dict[str, Any] | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    close_reason: str = ""
    close_code: int | None = None
    sent_s: float = 0.0

    @property
    def why_incomplete(self) -> str:
        """Why the call did not complete, in words (the server's reason, else how the connection ended)."""
        if self.reason:
            return self.reason
        if self.complete is False:
            return "the server ended it"
        how = f"code {self.close_code}" + (f": {self.close_reason}" if self.close_reason else "")
        return f"the connection to the server closed before the call ended ({how})"


async def paced_chunks(
    recording: CallRecording, *, realtime: bool, chunk_ms: int = 20
) -> AsyncIterator[tuple[AudioChunk, AudioChunk]]:
    """The recording as (agent, customer) chunk pairs; with ``realtime`` each pair waits for its end time."""
    step = SAMPLE_RATE * chunk_ms // 1000
    total = len(recording.agent)
    loop = asyncio.get_running_loop()
    origin = loop.time()
    for start in range(0, total, step):
        end = min(start + step, total)
        if realtime:
            delay = origin + end / SAMPLE_RATE - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
        agent = AudioChunk(Lane.AGENT, start, recording.agent[start:end])
        yield agent, AudioChunk(Lane.CUSTOMER, start, recording.customer[start:end])


async def thread_chunks(chunks: Iterator[AudioChunk]) -> AsyncIterator[AudioChunk]:
    """Adapt a blocking chunk iterator (read in a worker thread) to an async one."""
    sentinel = object()
    while True:
        chunk = await asyncio.to_thread(next, chunks, sentinel)
        if chunk is sentinel:
            return
        yield chunk  # type: ignore[misc]


async def send_call(
    server: str,
    chunks: AsyncIterator[AudioChunk | tuple[AudioChunk, AudioChunk]],
    *,
    agent_id: str,
    token: str | None = None,
    source: str = "replay",
    realtime: bool = True,
    metadata: dict[str, Any] | None = None,
    on_started: Callable[[str], None] | None = None,
    on_event: Callable[[dict[str, Any]], None] | None = None,
) -> CallResult:
    """Stream one call to the server and wait for its analysis to finish; raises CoachError when refused.

    ``chunks`` yields single-lane chunks, or (agent, customer) pairs of equal length sent as one
    stereo message. Audio is sent once the server has answered the start message (``on_started``
    has then been called), so a refused call sends none.
    """
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    result = CallResult()
    connected = False
    try:
        async with connect(ingest_url(server), additional_headers=headers, max_size=2**20, compression=None) as ws:
            connected = True
            start = {
                "type": "start",
                "agent_id": agent_id,
                "source": source,
                "realtime": realtime,
                "sample_rate": SAMPLE_RATE,
            }
            await ws.send(json.dumps({**start, "metadata": metadata or {}}))
            started = asyncio.Event()
            reader = asyncio.create_task(_read_replies(ws, result, on_started, on_event, started))
            try:
                waiting = asyncio.create_task(started.wait())
                try:  # the server's answer to the start message (or its refusal) first
                    await asyncio.wait({waiting, reader}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    waiting.cancel()
                async for item in chunks:
                    if reader.done():
                        break
                    if isinstance(item, tuple):  # both lanes of the same stretch: one stereo message
                        await ws.send(encode_stereo(item[0].pcm, item[1].pcm))
                        end = item[0].end_sample
                    else:
                        await ws.send(encode_audio(item.lane, item.pcm))
                        end = item.end_sample
                    result.sent_s = max(result.sent_s, end / SAMPLE_RATE)
                if not reader.done():
                    await ws.send(json.dumps({"type": "end"}))
            except ConnectionClosed:
                pass
            except asyncio.CancelledError:
                reader.cancel()
                raise
            await reader
    except InvalidStatus as exc:
        raise CoachError(f"the server refused the call: {_refusal(exc)}") from None
    except OSError as exc:
        if connected:
            raise
        raise CoachError(f"cannot reach the server at {server}: {exc.strerror or exc}") from None
    if not result.call_id:
        raise CoachError(f"the server refused the call: {result.close_reason or 'no reason given'}")
    return result


async def _read_replies(
    ws: Any,
    result: CallResult,
    on_started: Callable[[str], None] | None,
    on_event: Callable[[dict[str, Any]], None] | None,
    started: asyncio.Event,
) -> None:
    try:
        async for message in ws:
            reply = json.loads(message)
            if reply.get("type") == "started":
                result.call_id = reply["call_id"]
                if on_started:
                    on_started(result.call_id)
                started.set()
            elif reply.get("kind") == "event":
                result.events.append(reply["event"])
                if on_event:
                    on_event(reply["event"])
            elif reply.get("type") == "ended":
                result.complete = reply.get("complete")
                result.reason = reply.get("reason")
                result.summary = reply.get("summary")
    except ConnectionClosed:
        pass
    with contextlib.suppress(Exception):
        result.close_reason = ws.close_reason or ""
        result.close_code = ws.close_code


def _refusal(exc: InvalidStatus) -> str:
    try:
        return json.loads(exc.response.body)["error"]["message"]
    except Exception:
        return f"HTTP {exc.response.status_code}"
