"""Two real ``coach serve`` nodes on one private Redis (tests/services_redis.py): a call sent to one
node is on the other node's floor from start to end, and ``/api/health`` reports the bus. The replay is
held at 2 s of its audio (:class:`~coach.server.replay.ReplayGate`) until the other floor has shown the
call live, so a fast replay cannot end before the floor's first tile (fresh-clone run 54)."""

from __future__ import annotations

import json
import time
import uuid

from websockets.sync.client import connect

from coach.server.replay import ReplayGate
from tests.test_server_support import LEAD, make_config, request, running_server

FAILSAFE_S = 60.0


def test_a_call_on_one_node_is_on_the_other_nodes_floor_and_its_health_reports_the_bus(tmp_path, redis_server):
    bus = {"url": redis_server.url, "prefix": f"t{uuid.uuid4().hex[:10]}", "heartbeat_s": 0.1, "node_lost_s": 3.0}
    cfg_a = make_config(tmp_path / "a", bus=bus, store={"node_id": "node-a"})
    cfg_b = make_config(tmp_path / "b", bus=bus, store={"node_id": "node-b"})
    gate = ReplayGate()
    gate.hold("joe", 2.0)
    with running_server(cfg_a, replay_gate=gate) as a, running_server(cfg_b) as b:
        seen: dict[str, list[str]] = {}
        with connect(f"{b.url.replace('http', 'ws')}/ws/floor?token={LEAD}") as floor:
            assert json.loads(floor.recv())["kind"] == "floor"
            status, body, _ = request(
                a.url, "POST", "/api/calls/replay", token=LEAD,
                body={"path": "calls/demo.flac", "agent_id": "joe", "start_s": 29, "end_s": 35, "realtime": False},
            )  # fmt: skip
            assert status == 201, body
            call_id = body["call_id"]
            deadline = time.monotonic() + FAILSAFE_S
            released = False
            while "ended" not in seen.get(call_id, []) and time.monotonic() < deadline:
                message = json.loads(floor.recv(timeout=FAILSAFE_S))
                for tile in message.get("tiles", []) if message["kind"] == "tiles" else []:
                    seen.setdefault(tile["call_id"], []).append(tile["status"])
                if not released and "live" in seen.get(call_id, []):  # shown live on b: let the call run to its end
                    gate.wait_held("joe", FAILSAFE_S)
                    gate.release("joe")
                    released = True
        status, health, _ = request(b.url, "GET", "/api/health")
        _, live_on_b, _ = request(b.url, "GET", "/api/live", token=LEAD)
    assert seen[call_id][0] == "live" and seen[call_id][-1] == "ended"
    assert [t["call_id"] for t in live_on_b["calls"]] == [call_id]  # b serves the call a runs
    assert status == 200 and health["bus"]["backend"] == "redis" and health["bus"]["ok"]
    assert health["bus"]["node_id"] == "node-b" and health["bus"]["applied"] >= 3  # start, events..., end
    assert set(health["bus"]["lag"]) == {"entries", "seconds", "capped"}
    assert health["calls"]["started"] == 0  # the call ran on a, not b
