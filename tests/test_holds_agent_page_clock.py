"""The agent page's hold clock (issue 9): while an announced hold runs, ``/agent`` shows how long the customer has
waited against the time the agent gave, on the call's audio clock, and stops when either side speaks.

Real headless Chromium against a real server (the fixtures and helpers of ``tests/test_browser_pages.py``): a silent
stereo file is replayed as a live call and the turn events of a hold are scripted on top
(:class:`~tests.test_server_support.ScriptedAnalyzer`) at the audio times written below: the agent asks "Could you
hold for about two minutes?" (1.0-2.4 s), the customer grants it (3.0-3.8 s), the line goes quiet, and at 10.0 s the
agent is back. The replay is held at 5.0 s (the silence 0.5 s old by the latest event, at 4.3 s) and the page's own
clock (Playwright's, paused) is run on: during a hold no event arrives, so the page counts from the latest event's
``at``, as it does on a live call. One page load. A second call scripts a look-up said in passing ("Let me check
that for you.", the ``hold`` event's ``vague``) before the same silence: no clock (session 39).
"""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf
from playwright import sync_api

from tests.test_browser_pages import (  # noqa: F401  (fixtures: browser, page, gate, _release_replays)
    LATCHED_TIMEOUT_MS,
    _release_replays,
    browser,
    gate,
    held,
    open_live,
    page,
)
from tests.test_server_support import LEAD, ScriptedAnalyzer, make_config, request, running_server

AGENT = "hold-hana"
SILENT_S = 16.0
HOLD_SCRIPT = [
    {"type": "transcript", "speaker": "agent", "utt": "agent-1", "t": 1.0, "at": 1.8, "end": 1.7,
     "text": "Could you hold", "final": False, "stable": 2},
    {"type": "hold", "t": 1.0, "at": 2.6, "announced_s": 120.0, "hold_s": 120.0},
    {"type": "speech", "speaker": "agent", "t": 1.0, "at": 2.9, "end": 2.4},
    {"type": "transcript", "speaker": "agent", "utt": "agent-1", "t": 1.0, "at": 3.0, "end": 2.4,
     "text": "Could you hold for about two minutes?", "final": True},
    {"type": "transcript", "speaker": "customer", "utt": "customer-1", "t": 3.0, "at": 4.1, "end": 3.8,
     "text": "Sure, take your time.", "final": True},
    {"type": "speech", "speaker": "customer", "t": 3.0, "at": 4.3, "end": 3.8},
    {"type": "transcript", "speaker": "agent", "utt": "agent-2", "t": 10.0, "at": 10.8, "end": 10.7,
     "text": "Thanks for holding", "final": False, "stable": 2},
    {"type": "speech", "speaker": "agent", "t": 10.0, "at": 11.5, "end": 11.0},
]  # fmt: skip
LOOKUP_AGENT = "lookup-lior"
LOOKUP_SCRIPT = [
    {"type": "transcript", "speaker": "agent", "utt": "agent-1", "t": 1.0, "at": 1.8, "end": 1.7,
     "text": "Let me check", "final": False, "stable": 2},
    {"type": "hold", "t": 1.0, "at": 2.6, "announced_s": None, "hold_s": 8.0, "vague": True},
    {"type": "speech", "speaker": "agent", "t": 1.0, "at": 2.9, "end": 2.4},
    {"type": "transcript", "speaker": "agent", "utt": "agent-1", "t": 1.0, "at": 3.0, "end": 2.4,
     "text": "Let me check that for you.", "final": True},
    {"type": "speech", "speaker": "customer", "t": 3.0, "at": 4.3, "end": 3.8},
    {"type": "speech", "speaker": "agent", "t": 14.0, "at": 15.0, "end": 14.5},
]  # fmt: skip
"""A look-up said in passing (the product's ``hold`` event with ``vague: true``, ``hold_s`` = ``hold_vague_s``), then
the same silence as the hold's: no clock (session 39, R3; before, "On hold 0:03" and "... check in" past 8 s)."""
TURN_EVENTS = {"speech", "transcript", "hold", "prosody", "overlap", "dead_air", "escalation"}


@pytest.fixture(scope="module")
def server(tmp_path_factory, gate):  # noqa: F811  (this module's server: the scripted hold)
    folder = tmp_path_factory.mktemp("hold-clock")
    sf.write(str(folder / "silence.flac"), np.zeros((int(SILENT_S * 16000), 2), dtype=np.float32), 16000)
    holder = {"cfg": make_config(folder), "folder": folder, "script": HOLD_SCRIPT}

    def make(call_id):
        return ScriptedAnalyzer(call_id, holder["cfg"], holder["script"], replace=TURN_EVENTS)

    with running_server(holder["cfg"], make_analyzer=make, replay_gate=gate) as srv:
        srv.folder = folder
        srv.holder = holder  # a test sets the script of the next call here
        yield srv


def replay_to_the_silence(server, gate, page, agent, script, *later_s):  # noqa: F811
    """Open ``agent``'s page, replay the silent file with ``script``'s events, held at 5.0 s (and then at
    ``later_s``): the latest event in (at 4.3 s), 0.5 s into the silence. The page's hold clock."""
    gate.hold(agent, 5.0, *later_s)
    open_live(page, f"{server.url}/agent/{agent}?token={LEAD}")
    sync_api.expect(page.locator("#call-state")).to_have_text("Waiting for a call")
    server.holder["script"] = script  # the analyzer is made when the replay starts, from the script set then
    body = {"path": str(server.folder / "silence.flac"), "agent_id": agent, "realtime": False}
    status, reply, _ = request(server.url, "POST", "/api/calls/replay", token=LEAD, body=body)
    assert status == 201, reply
    held(gate, agent, 5.0)
    sync_api.expect(page.locator("#m-talk")).to_have_text("You 64% \u00b7 Customer 36%")  # the 4.3 s event is in
    return page.locator("#hold-clock")


def test_the_hold_clock_counts_against_the_time_given_and_stops_when_the_agent_is_back(server, gate, page):  # noqa: F811
    clock = replay_to_the_silence(server, gate, page, AGENT, HOLD_SCRIPT, 12.0)
    # latest event at 4.3 s: the customer's "Sure" ended at 3.8 s, the hold's silence began
    sync_api.expect(clock).to_be_hidden()  # 0.5 s of silence: a pause between turns shows nothing
    page.clock.run_for(3_000)  # no event comes during a hold: the page counts on from the latest event's audio time
    sync_api.expect(clock).to_have_text("On hold 0:03 of 2:00")
    sync_api.expect(clock).to_be_visible()
    page.clock.run_for(67_000)
    sync_api.expect(clock).to_have_text("On hold 1:10 of 2:00")
    sync_api.expect(clock).not_to_have_class("pill hold over")
    page.clock.run_for(60_000)  # past the two minutes promised
    sync_api.expect(clock).to_have_text("On hold 2:10 \u2014 2:00 promised: check in")
    sync_api.expect(clock).to_have_class("pill hold over")

    gate.release(AGENT)
    held(gate, AGENT, 12.0)  # the agent's "Thanks for holding" (10.0 s) heard, its segment ended at 11.0 s
    sync_api.expect(clock).to_be_hidden()
    sync_api.expect(page.locator("#m-talk")).to_have_text("You 75% \u00b7 Customer 25%")  # the 11.5 s event is in
    page.clock.run_for(10_000)  # the silence after the agent is back is no longer the hold's
    sync_api.expect(clock).to_be_hidden()
    sync_api.expect(page.locator("#call-state")).to_have_text("On a call \u00b7 0:21")


def test_a_look_up_said_in_passing_shows_no_hold_clock(server, gate, page):  # noqa: F811
    clock = replay_to_the_silence(server, gate, page, LOOKUP_AGENT, LOOKUP_SCRIPT)
    # the same silence as the hold's, after "Let me check that for you."
    page.clock.run_for(3_000)
    sync_api.expect(clock).to_be_hidden()
    page.clock.run_for(7_000)  # past hold_vague_s (8 s): still no clock (the check-in is the dead_air nudge's)
    sync_api.expect(clock).to_be_hidden()
    gate.release(LOOKUP_AGENT)
