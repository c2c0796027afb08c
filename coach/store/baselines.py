"""Each agent's voice baseline, remembered across calls (table ``agent_baselines``).

Agents take many calls a day: the analyser of a new call starts from the agent's remembered level
and pitch (:class:`~coach.dsp.baseline.VoiceBaseline`) instead of a generic prior, so a raised voice is
caught from the first words. The call's summary carries the updated baseline (``agent_voice``: the
remembered one merged with this call's calm speech); :meth:`CallStore.end_call
<coach.store.db.CallStore.end_call>` stores it for the call's agent (the table is created by
:mod:`coach.store.migrations`). Only levels in dBFS, a pitch in Hz and seconds of speech are kept:
nothing of what was said.
"""

from __future__ import annotations

import sqlite3

from coach.dsp.baseline import VoiceBaseline
from coach.store.backend import StoreConnection


def load_agent_baseline(conn: StoreConnection, agent_id: str) -> VoiceBaseline | None:
    """The remembered baseline of ``agent_id``, or None for an agent never heard."""
    try:
        row = conn.execute(
            "SELECT loudness_db, pitch_hz, speech_s FROM agent_baselines WHERE agent_id = ?", (agent_id,)
        ).fetchone()
    except sqlite3.OperationalError:  # an old SQLite store not opened by a writer since
        return None
    if row is None:
        return None
    return VoiceBaseline(loudness_db=float(row[0]), pitch_hz=row[1], speech_s=float(row[2]))


def save_agent_baseline(conn: StoreConnection, agent_id: str, baseline: VoiceBaseline, *, now: float) -> None:
    """Insert or replace the remembered baseline of ``agent_id`` (``now``: wall-clock Unix seconds)."""
    conn.execute(
        "INSERT INTO agent_baselines (agent_id, loudness_db, pitch_hz, speech_s, updated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (agent_id) DO UPDATE SET loudness_db = excluded.loudness_db, pitch_hz = excluded.pitch_hz,"
        " speech_s = excluded.speech_s, updated_at = excluded.updated_at, calls = agent_baselines.calls + 1",
        (agent_id, baseline.loudness_db, baseline.pitch_hz, baseline.speech_s, now),
    )
