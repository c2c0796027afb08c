"""A decode scheduler's timeline: when each final was queued, taken and handed over, and what the decoder did
meanwhile (a profiling flag, off unless set; see :mod:`coach.asr.profile`).

With the environment variable :data:`coach.asr.profile.PROFILE_ENV` naming a folder, the server's
:class:`coach.asr.scheduler.DecodeScheduler` appends one JSON line per event to
``<folder>/timeline-<pid>.jsonl``:

- a final: ``{"k": "final", "lane", "utt", "end_s", "q", "t", "d", "how"}``: its lane, its piece (``utt``, the
  transcript event's ``utt``), its speech end (seconds of call audio: the transcript event's ``end``), queued
  (submitted or promoted), taken by a decoder and handed over, on the scheduler's clock (``time.monotonic`` in a
  server: one clock for every process of the machine), and how it was decoded
  (:func:`coach.asr.scheduler.final_shape`);
- a decode: ``{"k": "decode", "what", "s", "e", "slots"}``: a pack of partials (``partials``), of fresh finals
  (``finals``) or a backlog pack (``backlog``), started and ended (the pack's refused slots decoded again
  included) on the same clock.

Times, counts and ids only: no audio, no text. ``scripts/bench_capacity.py --profile`` joins it with the
transcript events the agent pages received, to split each final's latency into its parts (:func:`behind`).
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from coach.asr.profile import profile_folder

DECODE_KINDS = ("finals", "backlog", "partials")
"""What a decoder can be busy with while a final waits (``behind`` adds ``idle``: none of them)."""


class Timeline:
    """Appends the scheduler's finals and decodes to ``folder/timeline-<pid>.jsonl`` (thread-safe)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / f"timeline-{os.getpid()}.jsonl"
        self._lock = threading.Lock()

    @classmethod
    def from_env(cls) -> Timeline | None:
        """A timeline in the profiling folder when :data:`~coach.asr.profile.PROFILE_ENV` is set, else None; a folder
        that cannot be written raises :class:`~coach.errors.ConfigError` (:func:`~coach.asr.profile.profile_folder`),
        so the scheduler does not start rather than failing a pack's hand-over at its first append."""
        folder = profile_folder()
        return None if folder is None else cls(folder)

    def final(self, lane: str, utt: int, end_s: float, queued: float, taken: float, done: float, how: str) -> None:
        """One final (times on the scheduler's clock, seconds; ``end_s``: its speech end in call seconds)."""
        self._append(
            {"k": "final", "lane": lane, "utt": utt, "end_s": round(end_s, 3), "q": queued, "t": taken, "d": done}
            | {"how": how}
        )

    def decode(self, what: str, started: float, ended: float, slots: int) -> None:
        """One pack's decode (``what``: one of :data:`DECODE_KINDS`), started and ended on the scheduler's clock."""
        self._append({"k": "decode", "what": what, "s": started, "e": ended, "slots": slots})

    def _append(self, record: dict[str, Any]) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a") as out:
                out.write(json.dumps(record) + "\n")


def read(folder: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every timeline in ``folder``: its finals and its decodes (each list in file order)."""
    finals: list[dict[str, Any]] = []
    decodes: list[dict[str, Any]] = []
    for path in sorted(Path(folder).glob("timeline-*.jsonl")):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            (finals if record["k"] == "final" else decodes).append(record)
    return finals, decodes


def behind(start: float, end: float, decodes: list[dict[str, Any]]) -> dict[str, float]:
    """How the span ``[start, end]`` (a final's queue wait) splits by what the decoders were doing (seconds, adding
    up to ``end - start``): each moment counts once, for the first of :data:`DECODE_KINDS` being decoded then (a
    final waits for the finals' decoders; a pack of partials on a decoder of their own, ``partial_decoder_nice``,
    counts only while no finals are decoded), else ``idle``."""
    cuts = sorted({start, end} | {t for d in decodes for t in (d["s"], d["e"]) if start < t < end})
    out = dict.fromkeys((*DECODE_KINDS, "idle"), 0.0)
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        busy = {d["what"] for d in decodes if d["s"] < hi and d["e"] > lo}
        out[next((k for k in DECODE_KINDS if k in busy), "idle")] += hi - lo
    return out
