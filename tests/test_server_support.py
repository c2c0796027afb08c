"""Helpers shared by the server, store and browser tests (this module holds no tests itself).

A real server on 127.0.0.1 with a random port and a real SQLite file in ``tmp_path``; real websocket
and HTTP clients. :class:`ScriptedAnalyzer` wraps the real :class:`CallAnalyzer` and adds events that
the analysis cannot produce on the synthesised test calls yet (transcript lines from the call's truth
file; an escalation sequence, since the text half of the escalation model needs transcripts).
"""

from __future__ import annotations

import contextlib
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf

from coach.config import CoachConfig, config_from_table, default_table
from coach.pipeline.analyzer import CallAnalyzer
from coach.server.app import CoachServer, ServerThread
from coach.server.replay import ReplayGate
from coach.tables import merge_tables
from coach.types import AudioChunk, Event
from tests.conftest import CALLS, load_truth

LEAD = "lead-token-123"
JOE = "joe-token-1234"
ANN = "ann-token-1234"
EXPIRED = "old-token-1234"
DEMO = CALLS / "demo.flac"
INTERRUPTION_EXCERPT = (29.0, 35.0)
"""Seconds of demo.flac around its interruption (32.6 s): stop_interrupting fires ~4.7 s in."""


def make_config(tmp_path: Path, **sections: dict[str, Any]) -> CoachConfig:
    """Defaults + a store in ``tmp_path`` + test tokens, overlaid with ``sections``."""
    table = merge_tables(
        default_table(),
        {
            "store": {"path": str(tmp_path / "store" / "calls.sqlite3"), "retention_days": 0},
            "server": {"replay_dirs": [str(CALLS.parent), str(tmp_path)], "ended_linger_s": 60.0, "transcribe": False},
            "auth": {
                "tokens": {
                    "lead": {"secret": LEAD, "role": "team_lead"},
                    "joe": {"secret": JOE, "role": "agent", "agent_id": "joe"},
                    "ann": {"secret": ANN, "role": "agent", "agent_id": "ann"},
                    "old": {"secret": EXPIRED, "role": "team_lead", "expires": "2020-01-01T00:00:00+00:00"},
                }
            },
        },
    )
    return config_from_table(merge_tables(table, sections))


@contextlib.contextmanager
def running_server(
    cfg: CoachConfig, *, auth: bool = True, make_analyzer: Any = None, replay_gate: ReplayGate | None = None
) -> Iterator[CoachServer]:
    """A started server on a free loopback port, stopped afterwards; ``replay_gate``: hold points for
    its API replays (:class:`~coach.server.replay.ReplayGate`)."""
    server = CoachServer(
        cfg, host="127.0.0.1", port=0, auth_enabled=auth, make_analyzer=make_analyzer, replay_gate=replay_gate
    )
    thread = ServerThread(server)
    thread.start()
    try:
        yield thread.server
    finally:
        thread.stop()


def excerpt_file(tmp_path: Path, start_s: float, end_s: float, name: str = "excerpt.flac") -> Path:
    """Write seconds ``[start_s, end_s)`` of the demo call as a stereo FLAC file."""
    data, rate = sf.read(str(DEMO), dtype="float32", always_2d=True)
    path = tmp_path / name
    sf.write(str(path), data[int(start_s * rate) : int(end_s * rate)], rate)
    return path


def request(
    base: str,
    method: str,
    path: str,
    *,
    token: str | None = None,
    body: Any = None,
    raw: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any, Message]:
    """One HTTP request; returns (status, parsed JSON or raw bytes, headers: case-insensitive, as HTTP's).
    Never raises for 4xx/5xx."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    h = dict(headers or {})
    if token:
        h["Authorization"] = f"Bearer {token}"
    if data is not None:
        h.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(base + path, method=method, data=data, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            status, payload, rh = resp.status, resp.read(), resp.headers
    except urllib.error.HTTPError as exc:
        status, payload, rh = exc.code, exc.read(), exc.headers
    ctype = rh.get("Content-Type", "")
    return status, (json.loads(payload) if ctype.startswith("application/json") else payload), rh


def transcript_script(start_s: float, end_s: float) -> list[dict[str, Any]]:
    """Final transcript lines of demo.flac's utterances overlapping the excerpt, in excerpt time."""
    lines = []
    for u in load_truth("demo")["utterances"]:
        if u["end_s"] > start_s and u["start_s"] < end_s:
            t = round(max(0.0, u["start_s"] - start_s), 3)
            end = round(min(end_s, u["end_s"]) - start_s, 3)
            lines.append(
                {"type": "transcript", "speaker": u["speaker"], "t": t, "end": end, "text": u["text"], "final": True,
                 "at": round(end + 0.3, 3)}
            )  # fmt: skip
    return lines


def escalation_script(levels: list[tuple[float, str, float]]) -> list[dict[str, Any]]:
    """``(at, level, score)`` triples as escalation events."""
    return [{"type": "escalation", "t": at, "at": at, "level": lv, "score": sc} for at, lv, sc in levels]


class ScriptedAnalyzer:
    """The real analyzer plus scripted events, each emitted once the audio reaches its ``at``.

    Real events whose type is in ``replace`` are dropped (the script stands in for them).
    """

    def __init__(self, call_id: str, cfg: CoachConfig, script: list[dict[str, Any]], replace: set[str]) -> None:
        self._inner = CallAnalyzer(cfg, call_id=call_id)
        self._script = sorted(script, key=lambda e: e["at"])
        self._replace = replace

    @property
    def position(self) -> int:
        return self._inner.position

    def _due(self, final: bool = False) -> list[Event]:
        now = self._inner.position / 16000
        out = []
        while self._script and (final or self._script[0]["at"] <= now):
            e = dict(self._script.pop(0))
            out.append(Event(e.pop("type"), e.pop("t"), e.pop("at"), e))
        return out

    def _keep(self, events: list[Event]) -> list[Event]:
        return [e for e in events if e.type not in self._replace]

    def push(self, chunk: AudioChunk) -> list[Event]:
        return self._keep(self._inner.push(chunk)) + self._due()

    def finish(self, *, complete: bool = True, reason: str | None = None) -> list[Event]:
        events = self._keep(self._inner.finish(complete=complete, reason=reason))
        return events[:-1] + self._due(final=True) + events[-1:]


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * 16000), dtype=np.float32)
