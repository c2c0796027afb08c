"""Replay the turn tracker with and without frame levels: which overlaps the agent's voice onset moves (issue 9).

Usage: ``.venv/bin/python scripts/replay_agent_onset.py NAME ...`` (rendered calls in ``artifacts/calls/``, written by
``scripts/eval_calls.py``; held-out ones are never looked at unless named).

Each call is analysed once, VAD only (no transcription, no escalation), and every input the analyser gives its
:class:`~coach.turns.tracker.TurnTracker` (speech boundaries, per-frame voice decisions and levels) is recorded. The
record is then replayed into two fresh trackers: one without the levels (an agent overlap measured from the VAD's
onset, as before session 36) and one with them (from where the agent's voice rose to its own level before the onset:
``[turns] onset_level_db``). Prints per call ``SAME`` or ``DIFF`` with the truth's ``stop_interrupting`` starts, and
for a difference the ``stop_interrupting`` / ``let_them_finish`` cues (start, when raised) and ``overlap`` events of
each. No words are read or printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_calls as ev  # noqa: E402

from coach.config import load_config  # noqa: E402
from coach.pipeline.analyzer import CallAnalyzer  # noqa: E402
from coach.sources.recording import load_recording  # noqa: E402
from coach.sources.replay import replay_chunks  # noqa: E402
from coach.turns.config import TurnConfig  # noqa: E402
from coach.turns.tracker import TurnTracker  # noqa: E402
from coach.types import SAMPLE_RATE, Cue, Event  # noqa: E402

_KINDS = ("stop_interrupting", "let_them_finish")


class _Recorder:
    """Stands in for the analyser's tracker: forwards every call to it and records the calls made."""

    def __init__(self, tracker: TurnTracker) -> None:
        self._tracker = tracker
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._tracker, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return attr(*args, **kwargs)

        return call


def replay(calls: list, cfg: TurnConfig, *, levels: bool) -> tuple[list, list]:
    """(cues of ``_KINDS``: kind, start s, raised at s; overlap events: by, kind, t s) of the recorded calls."""
    tracker = TurnTracker(cfg)
    cues: dict[str, tuple[str, float, float]] = {}
    overlaps: list[tuple[str, str, float]] = []
    for name, args, kwargs in calls:
        if name == "tick" and not levels:
            args = args[:2]
        out = getattr(tracker, name)(*args, **kwargs)
        if name not in ("tick", "on_start", "on_end") or not out:
            continue
        now = args[0] if name == "tick" else args[-1]
        for x in out:
            if isinstance(x, Cue) and x.kind in _KINDS and x.moment not in cues:
                cues[x.moment] = (x.kind, round(x.start / SAMPLE_RATE, 2), round(now / SAMPLE_RATE, 2))
            elif isinstance(x, Event) and x.type == "overlap":
                overlaps.append((x.data["by"], x.data["kind"], round(x.t, 2)))
    return sorted(cues.values()), overlaps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", metavar="NAME", help="a rendered call")
    args = parser.parse_args(argv)
    cfg = load_config(None)
    for name in args.names:
        analyzer = CallAnalyzer(cfg, call_id=name, escalation=False, transcription=None)
        recorder = _Recorder(analyzer._turns)
        analyzer._turns = recorder  # type: ignore[assignment]
        for chunk in replay_chunks(load_recording(ev.RENDER_DIR / f"{name}.flac"), chunk_ms=500):
            analyzer.push(chunk)
        before = replay(recorder.calls, cfg.turns, levels=False)
        after = replay(recorder.calls, cfg.turns, levels=True)
        truth = [m.start_s for m in ev.load_moments(name) if m.kind == "stop_interrupting"]
        print(name, "SAME" if before == after else "DIFF", "stop_interrupting at", truth, flush=True)
        if before != after:
            print("   without levels", before[0], [o for o in before[1] if o not in after[1]])
            print("   with levels   ", after[0], [o for o in after[1] if o not in before[1]])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
