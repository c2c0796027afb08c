"""The call store on real databases: what it keeps, how it survives a crash, retention, list filters, bad paths.

Tests taking ``store_cfg`` run on both backends: a SQLite file and a private PostgreSQL server
(``tests/services_pg.py``). The lock file, the WAL journal and an unwritable folder are SQLite's own.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import time
from datetime import date

import numpy as np
import pytest
import soundfile as sf

from coach.config import ConfigError, StoreConfig
from coach.store import CallQuery, CallStore, QueryError, StoreError, StoreReader, StoreWriter
from coach.store.recording import StereoRecorder
from coach.types import Lane
from tests.ports import free_loopback_port
from tests.store_backends import (  # noqa: F401  (fixtures)
    assert_flushed_part_is_reviewable,
    kill_a_writer_mid_call,
    open_store,
    pg_url_fixture,
    postgres_fixture,
    reader_of,
    store_cfg_fixture,
)


def tone(seconds: float, freq: float = 220.0, amp: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * 16000)) / 16000
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_a_call_keeps_its_events_summary_and_stereo_recording(store_cfg):
    store = open_store(store_cfg, node_id="node-a")
    store.create_call("c1", agent_id="joe", source="test", metadata={"file": "x.flac"})
    store.push_audio("c1", Lane.AGENT, 0, tone(2.0, 220))
    store.push_audio("c1", Lane.CUSTOMER, 0, tone(2.0, 440))
    events = [
        {"type": "call.start", "t": 0.0, "at": 0.0, "call_id": "c1"},
        {"type": "overlap", "t": 0.5, "at": 1.0, "by": "agent", "kind": "interruption", "end": 0.9},
        {"type": "nudge", "t": 0.5, "at": 1.1, "kind": "stop_interrupting", "text": "Let them finish"},
        {"type": "escalation", "t": 1.5, "at": 1.5, "level": "tense", "score": 0.5},
        {"type": "escalation", "t": 1.9, "at": 1.9, "level": "calm", "score": 0.1},
    ]
    store.add_events("c1", events)
    store.end_call("c1", complete=True, reason=None, summary={"duration_s": 2.0})
    store.flush()
    store.close()

    reader = reader_of(store_cfg)
    call = reader.get_call("c1")
    assert call["status"] == "complete"
    assert call["node_id"] == "node-a"
    assert call["summary"] == {"duration_s": 2.0}
    assert call["peak_level"] == "tense"  # the peak, not the last level
    assert call["nudges"] == {"stop_interrupting": 1}
    assert call["interruptions"] == 1
    assert call["metadata"] == {"file": "x.flac"}
    assert reader.events("c1") == events
    path, why = reader.recording_path("c1")
    audio, rate = sf.read(str(path), dtype="float32")
    assert (why, rate, audio.shape) == ("ok", 16000, (32000, 2))
    # agent left, customer right: the left channel has the 220 Hz tone
    spectrum = np.abs(np.fft.rfft(audio[:16000, 0]))
    assert np.argmax(spectrum) == pytest.approx(220, abs=2)
    spectrum = np.abs(np.fft.rfft(audio[:16000, 1]))
    assert np.argmax(spectrum) == pytest.approx(440, abs=2)


def test_the_recorder_fills_a_gap_and_a_stalled_lane_with_silence(tmp_path):
    rec = StereoRecorder(tmp_path / "r.flac")
    rec.push(Lane.AGENT, 0, tone(1.0))
    rec.push(Lane.AGENT, 32000, tone(1.0))  # one second missing on the agent lane
    rec.push(Lane.CUSTOMER, 0, tone(0.5))  # the customer lane stalls after half a second
    rec.flush()
    assert rec.written_s == pytest.approx(3.0 - 2.0)  # the stalled lane is filled up to 2 s behind the other
    rec.push(Lane.CUSTOMER, 8000, tone(0.25))  # late audio for a position already written is dropped
    rec.push(Lane.AGENT, 48000, tone(3.0))
    rec.flush()
    assert rec.written_s == pytest.approx(6.0 - 2.0)
    rec.close()
    audio, _ = sf.read(str(tmp_path / "r.flac"), dtype="float32")
    assert len(audio) == 6 * 16000
    assert np.abs(audio[16000:32000, 0]).max() < 1e-3  # the agent's gap
    assert np.abs(audio[8000:, 1]).max() < 1e-3  # the customer after the stall


def test_a_writer_killed_mid_call_keeps_what_was_flushed_and_the_call_is_reviewable_as_incomplete(store_cfg):
    kill_a_writer_mid_call(store_cfg, "crashed")
    writer = StoreWriter(store_cfg)
    recovered = writer.start()  # the next server start (on the same node)
    writer.stop()
    assert recovered == ["crashed"]
    call = assert_flushed_part_is_reviewable(reader_of(store_cfg), "crashed")
    assert "stopped before the call ended" in call["end_reason"]


def test_retention_deletes_old_recordings_and_keeps_recent_ones(store_cfg, tmp_path):
    now = time.time()
    store = open_store(store_cfg)
    for call_id, age_days in (("old", 40), ("new", 5), ("live-old", 40)):
        store.create_call(call_id, agent_id="joe", source="test", started_at=now - age_days * 86400)
        store.push_audio(call_id, Lane.AGENT, 0, tone(0.5))
        store.push_audio(call_id, Lane.CUSTOMER, 0, tone(0.5))
        if call_id != "live-old":
            store.end_call(call_id, complete=True, reason=None, summary=None)
    store.flush()
    assert store.apply_retention(30, now=now) == ["old"]
    assert store.apply_retention(0, now=now) == []  # 0 keeps everything
    store.close()

    reader = reader_of(store_cfg)
    assert reader.recording_path("old") == (None, "deleted")
    assert not (tmp_path / "recordings" / "old.flac").exists()
    assert reader.recording_path("new")[1] == "ok"
    assert reader.get_call("old")["recording"] == {"available": False, "deleted": True, "seconds": 0.5}
    assert reader.events("old") == []  # metadata and events stay; only the recording goes


def test_the_writer_applies_retention_when_it_starts(store_cfg):
    store = open_store(store_cfg)
    store.create_call("old", agent_id="joe", source="test", started_at=time.time() - 10 * 86400)
    store.end_call("old", complete=True, reason=None, summary=None)
    store.flush()
    store.close()
    writer = StoreWriter(dataclasses.replace(store_cfg, retention_days=7))
    writer.start()
    writer.sync()
    writer.stop()
    assert reader_of(store_cfg).recording_path("old") == (None, "deleted")


def test_an_unwritable_store_path_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store folder should be")
    with pytest.raises(StoreError, match="cannot open the call store at .*not-a-folder"):
        CallStore(blocker / "calls.sqlite3")
    writer = StoreWriter(StoreConfig(path=str(blocker / "calls.sqlite3")))
    with pytest.raises(StoreError, match="not-a-folder is a file, not a folder"):
        writer.start()


def test_an_unreachable_database_is_a_clear_error_without_the_password(tmp_path):
    port = free_loopback_port()  # nobody listens on it
    cfg = StoreConfig(url=f"postgresql://coach:s3cret@127.0.0.1:{port}/calls", recordings_dir=str(tmp_path))
    writer = StoreWriter(cfg)
    with pytest.raises(
        StoreError, match=f"cannot open the call store at postgresql://coach@127.0.0.1:{port}/calls: "
    ) as err:
        writer.start()
    assert "s3cret" not in str(err.value)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"url": "mysql://db/calls", "recordings_dir": "/r"}, "url must be empty"),
        ({"url": "postgresql://db/calls"}, "recordings_dir must be set when url is set"),
        ({"node_id": "node one"}, "node_id must be"),
    ],
)
def test_store_settings_are_checked(settings, message):
    with pytest.raises(ConfigError, match=message):
        StoreConfig(**settings)


def test_the_node_id_defaults_to_the_host_name():
    assert StoreConfig().node == socket.gethostname()
    assert StoreConfig(node_id="n7").node == "n7"


def test_a_second_writer_on_the_same_store_is_refused(tmp_path):
    first = CallStore(tmp_path / "calls.sqlite3")
    with pytest.raises(StoreError, match="another coach server is using the call store"):
        CallStore(tmp_path / "calls.sqlite3")
    first.close()
    CallStore(tmp_path / "calls.sqlite3").close()  # free again once the first one closed


def test_writes_failing_on_a_full_disk_are_reported_and_do_not_stop_the_writer(store_cfg):
    writer = StoreWriter(dataclasses.replace(store_cfg, flush_s=0.1))
    writer.start()
    writer.create_call("c1", agent_id="joe", source="test", metadata={})
    assert writer.sync()
    # the recording file becomes unwritable mid-call, as on a full disk
    store = writer._store
    recorder = store._calls["c1"].recorder

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(recorder.path))

    recorder._file.write = full
    writer.push_audio("c1", Lane.AGENT, 0, tone(1.0))
    writer.push_audio("c1", Lane.CUSTOMER, 0, tone(1.0))
    writer.add_events("c1", [{"type": "speech", "t": 0.0, "at": 1.0, "speaker": "agent", "end": 0.5}])
    assert writer.sync()
    status = writer.status()
    assert "No space left on device" in status["last_error"]
    assert status["failed_writes"] >= 1
    writer.end_call("c1", complete=True, reason=None, summary={"duration_s": 1.0})
    assert writer.sync()
    writer.stop()
    reader = reader_of(store_cfg)
    call = reader.get_call("c1")
    assert call["status"] == "complete"  # the events and the call row were still written
    assert len(reader.events("c1")) == 1


def _seed_for_queries(cfg: StoreConfig) -> StoreReader:
    store = open_store(cfg)
    day = 86400
    base = 1_780_000_000.0  # 2026-05-28 UTC
    rows = [
        ("a", "joe", base, [{"type": "nudge", "t": 1, "at": 1, "kind": "dead_air"}], "escalated"),
        ("b", "ann", base + day, [{"type": "transcript", "t": 1, "at": 2, "text": "my refund is late"}], "calm"),
        ("c", "joe", base + 2 * day, [], None),
    ]
    for call_id, agent, started, events, level in rows:
        store.create_call(call_id, agent_id=agent, source="test", started_at=started, record=False)
        if level:
            events = [*events, {"type": "escalation", "t": 3, "at": 3, "level": level, "score": 0.5}]
        store.add_events(call_id, events)
        store.end_call(call_id, complete=call_id != "c", reason=None, summary=None)
    store.flush()
    store.close()
    return reader_of(cfg)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["c", "b", "a"]),
        ({"agent": "joe"}, ["c", "a"]),
        ({"peak": "escalated"}, ["a"]),
        ({"peak": "none"}, ["c"]),
        ({"nudge": "dead_air"}, ["a"]),
        ({"from": "2026-05-29", "to": "2026-05-29"}, ["b"]),
        ({"q": "refund"}, ["b"]),
        ({"q": "an"}, ["b"]),  # agent id
        ({"q": "REFUND"}, ["b"]),  # any case, on both databases
        ({"q": "_"}, []),  # a literal underscore, not a wildcard
        ({"status": "incomplete"}, ["c"]),
        ({"limit": "1", "offset": "1"}, ["b"]),
    ],
)
def test_the_call_list_filters(store_cfg, params, expected):
    reader = _seed_for_queries(store_cfg)
    calls, total = reader.list_calls(CallQuery.from_params(params))
    assert [c["id"] for c in calls] == expected
    if "limit" not in params:
        assert total == len(expected)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"peak": "furious"}, "peak must be"),
        ({"from": "yesterday"}, "from must be a date"),
        ({"limit": "0"}, "limit must be between"),
        ({"limit": "ten"}, "limit must be a whole number"),
        ({"nudge": "DROP TABLE"}, "nudge must be a nudge kind"),
        ({"colour": "red"}, "unknown parameter"),
    ],
)
def test_malformed_filters_are_refused_with_the_reason(params, message):
    with pytest.raises(QueryError, match=message):
        CallQuery.from_params(params)


def test_a_query_day_range_is_inclusive_utc():
    where, params = CallQuery(date_from=date(2026, 1, 2), date_to=date(2026, 1, 2)).where()
    assert params == [1767312000.0, 1767398400.0]
    assert "started_at >= ?" in where and "started_at < ?" in where


def test_events_are_stored_as_json_objects(tmp_path):
    store = CallStore(tmp_path / "calls.sqlite3")
    store.create_call("c", agent_id="joe", source="t", record=False)
    store.add_events("c", [{"type": "x", "t": 0, "at": 0, "nested": {"a": [1, 2]}}])
    store.flush()
    raw = store._conn.execute("SELECT data FROM events").fetchone()[0]
    mode = store._conn.execute("PRAGMA journal_mode").fetchone()[0]
    store.close()
    assert json.loads(raw)["nested"] == {"a": [1, 2]}
    assert mode == "wal"
