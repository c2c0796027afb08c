"""Whisper decoding in child processes, so the model's Python work runs outside the server's GIL.

A live ``coach serve`` runs every call's analysis, the event loop (websockets) and the decode
scheduler in one process. faster-whisper is largely Python around CTranslate2 (feature extraction,
the segment loop, word alignment), and each time it comes back from CTranslate2 it has to win the GIL
back from the analysis and the event loop; under load the decode worker then waits more than it
decodes. :class:`DecodeProcesses` moves the model into ``n`` child processes
(``python -m coach.asr.decodeproc``, one model each, ``cpu_threads`` CTranslate2 threads each,
talking over a socket pair): :meth:`DecodeProcesses.decode` sends the audio (16 kHz float32), the
prompt and the options and blocks in ``recv`` (GIL released) until the child sends the segments
back. It has the signature of
:data:`coach.asr.scheduler.SegmentsFn`, so the scheduler uses it in place of the in-process engine.

Contracts: thread-safe (a caller takes a free child, so at most ``n`` decodes run at once); a decode
that fails in the child raises :class:`DecodeProcessError` in the caller (the scheduler turns it into
an empty result, the turn is kept); a child that died is started again on the next decode. A child
exits when its socket closes, so it never outlives the server.

With ``[asr] decode_keep_heap`` a child starts with :data:`KEEP_HEAP_ENV`: glibc's malloc then keeps
each decode's large buffers in its heap for the next decode instead of mapping and unmapping them (and
the kernel zeroing fresh pages) every time, which was about a fifth of a decode's CPU as system time;
the decoded words are the same (docs/benchmarks.md, "Decode processes keep their heap").

"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedSegment, DecodeOptions

log = logging.getLogger(__name__)

_ROOT = Path(__file__).resolve().parent.parent.parent
"""The folder holding the ``coach`` package (the child imports it from there)."""

KEEP_HEAP_ENV = {"MALLOC_MMAP_THRESHOLD_": "1073741824", "MALLOC_TRIM_THRESHOLD_": "1073741824"}
"""glibc tunables a child starts with under ``decode_keep_heap``: allocations up to 1 GiB come from the
heap (not mmap) and freed memory is not returned to the system until 1 GiB is free at its top. The
test target in the Makefile (``TEST_MALLOC``) gives the test suite's processes the same values."""

START_TIMEOUT_S = 120.0
"""How long a child may take to import faster-whisper and load the model."""


class DecodeProcessError(RuntimeError):
    """A decode failed in the child process, or the child died."""


def _serve(conn: Connection, nice: int = 0) -> None:
    """Child main: raise its niceness by ``nice`` >= 0 (before the model's threads exist, so they inherit
    it), receive the :class:`AsrConfig`, load the model, then decode requests until the connection closes
    or ``None`` arrives."""
    from coach.asr.engine import get_engine
    from coach.asr.profile import DecodeProfile

    if nice:
        os.nice(nice)  # raising one's niceness needs no privilege
    try:
        config = conn.recv()
        engine = get_engine(config)
        profile = DecodeProfile.from_env(engine)  # counters only when the profiling flag is set (a bad folder: error)
    except Exception as exc:  # reported to the parent, which raises it
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        pcm, prompt, options = msg

        def serve(pcm: Any = pcm, prompt: str | None = prompt, options: Any = options) -> Any:
            if isinstance(pcm, list):  # a batch (DecodeProcesses.decode_batch)
                return engine.batch_segments(pcm, options=options)
            return engine.segments(pcm, prompt=prompt, options=options)

        try:
            reply: tuple[str, Any] = ("ok", profile.request(pcm, options, serve) if profile else serve())
        except Exception as exc:
            reply = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class _Child:
    """One child process and its end of the pipe (used by one caller at a time)."""

    def __init__(self, config: AsrConfig, name: str, nice: int = 0) -> None:
        self.config, self.name, self.nice = config, name, nice
        self.conn: Connection | None = None
        self.proc: Any = None

    def start(self) -> None:
        parent, child = socket.socketpair()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "coach.asr.decodeproc", str(child.fileno()), str(self.nice)],
            pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL,
            cwd=_ROOT,
            env={**os.environ, **KEEP_HEAP_ENV} if self.config.decode_keep_heap else None,
        )
        child.close()
        self.conn = Connection(parent.detach())
        self.conn.send(self.config)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_ready(self) -> None:
        assert self.conn is not None
        if not self.conn.poll(START_TIMEOUT_S):
            self.stop()
            raise DecodeProcessError(f"{self.name}: the model did not load in {START_TIMEOUT_S:.0f} s")
        try:
            kind, detail = self.conn.recv()
        except EOFError as exc:
            self.stop()
            raise DecodeProcessError(f"{self.name}: exited while loading the model") from exc
        if kind != "ready":
            self.stop()
            raise DecodeProcessError(f"{self.name}: {detail}")

    def decode(self, pcm: np.ndarray | list[np.ndarray], prompt: str | None, options: DecodeOptions) -> Any:
        """The child's reply to one request: segments, or for a list of stretches a batch's segments each."""
        if self.conn is None or not self.alive():
            self.stop()
            self.start()
            self.wait_ready()
        assert self.conn is not None
        try:
            if isinstance(pcm, list):
                audio: Any = [np.ascontiguousarray(p, dtype=np.float32) for p in pcm]
            else:
                audio = np.ascontiguousarray(pcm, dtype=np.float32)
            self.conn.send((audio, prompt, options))
            kind, detail = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise DecodeProcessError(f"{self.name}: died during a decode") from exc
        if kind != "ok":
            raise DecodeProcessError(f"{self.name}: {detail}")
        return detail

    def stop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.conn.close()
            self.conn = None
        if self.proc is not None:
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None


class DecodeProcesses:
    """``n`` child processes, each holding ``config``'s model (see module docstring), running at
    niceness ``nice`` >= 0 above the server's (0: the same; above 0 the kernel gives other processes'
    decodes the CPU first, see ``AsrConfig.partial_decoder_nice``).

    The constructor starts them all and returns once every model is loaded (raises
    :class:`DecodeProcessError` if one fails to load)."""

    def __init__(self, config: AsrConfig, n: int = 1, *, nice: int = 0, name: str = "coach-asr-proc") -> None:
        if n < 1 or nice < 0:
            raise ValueError("DecodeProcesses needs n >= 1 and nice >= 0")
        self._children = [_Child(config, f"{name}-{i}", nice) for i in range(n)]
        for child in self._children:
            child.start()
        try:
            for child in self._children:
                child.wait_ready()
        except DecodeProcessError:
            self.close()
            raise
        self._free: queue.SimpleQueue[_Child] = queue.SimpleQueue()
        for child in self._children:
            self._free.put(child)
        self._closed = threading.Event()
        log.info("asr decode processes started", extra={"processes": n})

    def decode(self, pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        """Decode ``pcm`` (16 kHz float32) in a free child; blocks until its segments are back."""
        return self._in_free_child(pcm, prompt, options)

    def decode_batch(self, pcms: list[np.ndarray], options: DecodeOptions) -> list[list[DecodedSegment] | None]:
        """Decode ``pcms`` as one batch in a free child (:meth:`coach.asr.engine.WhisperEngine.batch_segments`:
        ``None`` for a stretch to decode again alone); blocks until the segments are back."""
        return self._in_free_child(list(pcms), None, options)

    def _in_free_child(self, pcm: np.ndarray | list[np.ndarray], prompt: str | None, options: DecodeOptions) -> Any:
        if self._closed.is_set():
            raise DecodeProcessError("decode processes closed")
        child = self._free.get()
        try:
            return child.decode(pcm, prompt, options)
        finally:
            self._free.put(child)

    def pids(self) -> list[int]:
        """Process ids of the live children (for tests and health pages)."""
        return [c.proc.pid for c in self._children if c.alive()]

    def cpu_s(self) -> float:
        """User + system CPU seconds of the live children (all their threads; Linux ``/proc``, else 0)."""
        total = 0.0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def close(self) -> None:
        """Stop every child (waits up to 5 s each)."""
        if hasattr(self, "_closed"):
            self._closed.set()
        for child in self._children:
            child.stop()


if __name__ == "__main__":  # a child started by _Child.start: argv[1] its end of the socket pair, argv[2] its niceness
    _serve(Connection(int(sys.argv[1])), int(sys.argv[2]) if len(sys.argv) > 2 else 0)
