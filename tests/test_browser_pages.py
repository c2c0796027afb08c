"""The three screens in real headless Chromium (Debian's, driven by Playwright), against a real server.

Calls are excerpts of tests/data/calls/demo.flac replayed through the API. The analysis is the real
one; transcript lines (from the call's truth file) and, for the floor, an escalation sequence are
scripted on top (see :class:`ScriptedAnalyzer`): the synthesised calls have no ASR text, and the
escalation model never leaves "calm" without it. For the language nudges (agents ``lang-*``), the
nudge, ``nudge.also`` and ``cue`` events are those the real delivery policy makes of scripted
language moments (:func:`language_script`). Screenshots go to artifacts/.

Pacing: no assert depends on how fast this machine is. Live calls replay in real time, but the test
holds each one at seconds of its audio (:class:`~coach.server.replay.ReplayGate`: ``gate.hold(agent,
2.8, 6.0)`` before the replay, then :func:`held` waits until the replay has stopped there) and
asserts what the page shows at that point of the call, then releases it. A live page's own clock
(Playwright's fake clock, :func:`open_live`) is paused from load: its audio-time estimate between
events, the nudge's fade and the call-state pill move only when the test runs it
(``page.clock.run_for``). So a transient state (the floor's "Tense" before "Escalated", a nudge before
it fades, "On a call" before the call ends) is held on screen, not raced; the timeouts are safety nets
for a broken page or a very slow machine, never the thing asserted.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from playwright import sync_api
from playwright.sync_api import Error as PlaywrightError

from coach.config import load_config
from coach.nudges.catalogue import NudgeCatalogue
from coach.nudges.policy import NudgePolicy
from coach.server.replay import ReplayGate
from coach.types import Cue, Nudge, Withdrawal, seconds_to_samples
from tests.conftest import ROOT
from tests.test_server_support import (
    JOE,
    LEAD,
    ScriptedAnalyzer,
    escalation_script,
    make_config,
    request,
    running_server,
    transcript_script,
)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ARTIFACTS = ROOT / "artifacts"
EXCERPT = (29.0, 41.0)
"""Demo call seconds 29-41: the interruption (nudge ~4.7 s in, shown until ~10.7 s), then quiet."""
LATCHED_TIMEOUT_MS = 30_000
"""Expectations wait at most this long for a page to show a held state (a safety net: on a loaded
2-core CI machine the analysis and the page can lag the replay by several seconds)."""
ACTION_TIMEOUT_MS = 60_000
"""Clicks, navigations and waits for an element: a safety net (a page load took over 30 s on a 2-core
machine at load 11)."""
HOLD_TIMEOUT_S = 90.0
"""A safety net for a replay to reach its hold point (12 s of real-time audio; more under load)."""
PAUSE_ATTEMPTS = 5
"""Tries at pausing a page's fake clock just ahead of its own time (see :func:`open_live`)."""
HOT = escalation_script([(0.5, "calm", 0.1), (2.0, "tense", 0.5), (3.5, "escalated", 0.82), (5.0, "escalated", 0.9)])
CALM = escalation_script([(0.5, "calm", 0.05), (3.0, "calm", 0.1)])
DELIVERY_EVENTS = {"nudge", "nudge.also", "nudge.update", "nudge.withdrawn", "cue"}


def _language(kind: str, text: str, severity: str, at_s: float, **evidence) -> Nudge:
    return Nudge(kind, text, severity, evidence, seconds_to_samples(at_s - 0.8), f"u{at_s}:{kind}")


def language_script() -> list[dict]:
    """Delivery events of language moments (and a dead-air condition that lasts), as the real policy
    words and times them, in excerpt seconds; display_s 3 s and min_gap_s 0.5 s so the 12 s excerpt
    holds three nudges, an "also" line, and moments that are folded or expire."""
    cfg = dataclasses.replace(load_config().nudges, display_s=3.0, min_gap_s=0.5)
    catalogue = NudgeCatalogue(cfg.texts)
    policy = NudgePolicy(cfg, catalogue)
    moments: dict[float, list] = {
        1.0: [
            _language(
                "positive_language",
                "Say what you can do",
                "medium",
                1.0,
                said="unfortunately there's nothing I can do",
                why="Negative wording sounds like a closed door.",
                rephrase="Here's what I can do: I'll raise it with billing today.",
            )
        ],
        5.0: [
            _language(
                "avoid_calm_down",
                "Don't say 'calm down': name the feeling instead.",
                "high",
                5.0,
                said="calm down",
                suggestion="I can hear how frustrating this has been.",
                why="Telling someone to calm down reads as dismissing them.",
            )
        ],
        8.6: [
            _language(
                "mirror_complaint",
                "Mirror the complaint before you fix it.",
                "medium",
                8.6,
                said="I was charged twice this month",
                suggested_line="So you were charged twice this month. Let me put that right.",
                why="Repeating the complaint in their words shows you listened.",
            )
        ],
        9.0: [catalogue.word(Cue("long_monologue", seconds_to_samples(1.0), "mono:1", {"monologue_s": 45.0}))],
        9.1: [
            _language(
                "over_apologizing",
                "One good apology is enough; now offer the fix.",
                "low",
                9.1,
                said=["sorry", "so sorry", "really sorry"],
                why="Repeated apologies sound scripted.",
            )
        ],
        9.2: [
            _language(
                "slow_down",
                "Slow down a little: pause between points.",
                "low",
                9.2,
                rate_wpm=210,
                why="Fast speech is harder to follow on a phone line.",
            )
        ],
        9.3: [
            _language(
                "check_anything_else",
                "Before closing: recap and ask 'Anything else?'",
                "low",
                9.3,
                said="okay bye",
                why="A recap and 'anything else?' catch loose ends.",
            )
        ],
        9.4: [  # a fourth moment waiting when the call ends: one is shown, two are listed under it, this expires
            _language(
                "acknowledge_feelings",
                "Acknowledge the feeling first.",
                "low",
                9.4,
                said="right, what's the account number",
                why="An upset customer needs to hear the feeling named.",
            )
        ],
    }
    for i in range(14):  # dead air from 0.5 s, reported from 1.5 s while it lasts, over at 5.0 s
        t = round(1.5 + i * 0.25, 2)
        cue = Cue("dead_air", seconds_to_samples(0.5), "quiet:0.5", {"silence_s": round(t - 0.5, 1)}, ongoing=True)
        moments.setdefault(t, []).append(catalogue.word(cue))
    over = Cue("dead_air", seconds_to_samples(0.5), "quiet:0.5", {"silence_s": 4.5}, end=seconds_to_samples(5.0))
    moments.setdefault(5.0, []).append(catalogue.word(over))
    return delivered(policy, moments)


def delivered(policy: NudgePolicy, moments: dict[float, list], until_s: float = 12.0) -> list[dict]:
    """Offer ``moments`` ({excerpt second: [Nudge | Withdrawal]}) to ``policy`` frame by frame."""
    events = []
    for frame in range(int(until_s / 0.032)):
        now = round(frame * 0.032, 3)
        found = [n for t in sorted(moments) if t <= now for n in moments.pop(t)]
        events += policy.offer(found, seconds_to_samples(now))
    events += policy.close(seconds_to_samples(until_s))
    return [e.to_dict() for e in events]


def withdrawal_script() -> list[dict]:
    """A "calm down" nudge shown at 1 s and withdrawn at 3 s (a later decode retracted the words),
    while it would have stayed on screen until 7 s."""
    cfg = load_config().nudges
    calm = _language("avoid_calm_down", "Don't say 'calm down'", "high", 1.0, said="calm down", why="Dismissive.")
    retracted = Withdrawal(calm.moment, "a later decode heard other words")
    return delivered(NudgePolicy(cfg, NudgeCatalogue(cfg.texts)), {1.0: [calm], 3.0: [retracted]})


def joined_script() -> list[dict]:
    """One agent reply that missed both the acknowledgement and the mirror (one join group) at 1 s: one
    nudge carrying both; at 3 s the rest of the turn acknowledged the feeling: only that part drops."""
    cfg = load_config().nudges
    ack = _language(
        "acknowledge_feelings",
        "Acknowledge the feeling: 'I can see why you're upset.'",
        "medium",
        1.0,
        said="I was so embarrassed",
        why="An upset customer needs to hear the feeling named.",
    )
    mirror = _language(
        "mirror_complaint",
        "Mirror the complaint before you fix it.",
        "medium",
        1.0,
        said="my card was declined",
        suggested_line="So your card was declined. Is that right?",
        why="Repeating the complaint shows you listened.",
    )
    ack, mirror = (dataclasses.replace(n, join="reply:a1") for n in (ack, mirror))
    acknowledged = Withdrawal(ack.moment, "the rest of the turn acknowledged the feeling")
    return delivered(NudgePolicy(cfg, NudgeCatalogue(cfg.texts)), {1.0: [ack, mirror], 3.0: [acknowledged]})


LANGUAGE = language_script()
WITHDRAWN = withdrawal_script()
JOINED = joined_script()
SCRIPTS = {"lang": LANGUAGE, "withdraw": WITHDRAWN, "join": JOINED}


@pytest.fixture(scope="module")
def gate():
    """Hold points for this module's replays; whatever a test left held is released after it."""
    gate = ReplayGate()
    sync_api.expect.set_options(timeout=LATCHED_TIMEOUT_MS)
    yield gate
    sync_api.expect.set_options(timeout=5_000)  # Playwright's default


@pytest.fixture(autouse=True)
def _release_replays(gate):
    yield
    gate.release_all()


@pytest.fixture(scope="module")
def server(tmp_path_factory, gate):
    holder = {}

    def make(call_id):
        agent = holder["server"].manager.calls[call_id].agent_id
        script = transcript_script(*EXCERPT) + (HOT if agent.startswith("hot") else CALM)
        delivery = SCRIPTS.get(agent.split("-")[0])
        if delivery is not None:
            return ScriptedAnalyzer(call_id, holder["cfg"], script + delivery, replace={"escalation", *DELIVERY_EVENTS})
        return ScriptedAnalyzer(call_id, holder["cfg"], script, replace={"escalation"})

    cfg = make_config(tmp_path_factory.mktemp("browser"))
    holder["cfg"] = cfg
    with running_server(cfg, make_analyzer=make, replay_gate=gate) as srv:
        holder["server"] = srv
        yield srv


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (make test installs it)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    context.close()
    assert errors == [], f"JavaScript errors or CSP violations on the page: {errors}"


def wait_js(page, expression, timeout=LATCHED_TIMEOUT_MS / 1000):
    """Poll a JavaScript expression until truthy (page.evaluate: the pages' CSP forbids eval-based polling); at most
    ``timeout`` s, the same safety net as the expectations' (10 s timed out on the review page's load in a CI run
    beside other work, load ~15-30, session 43)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {expression}")


def open_live(page, url):
    """Open a live page with a fake clock paused once the page has loaded: what it shows then
    changes only with the events it receives, or when the test runs its clock."""
    page.clock.install()
    page.goto(url)
    for attempt in range(PAUSE_ATTEMPTS):
        try:
            page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 0.5)
            return
        except PlaywrightError as error:
            # The page's clock ran past the target between reading it and pausing (a loaded machine:
            # "Cannot fast-forward to the past"); read it again.
            if "past" not in str(error) or attempt == PAUSE_ATTEMPTS - 1:
                raise


def held(gate, agent, at_s):
    """Wait until ``agent``'s replay is held at ``at_s`` seconds of its audio (set by ``gate.hold``)."""
    assert gate.wait_held(agent, HOLD_TIMEOUT_S) == at_s


def run_until(page, selector, step_ms=200, limit_ms=6_000):
    """Run the page's clock in ``step_ms`` steps until ``selector`` matches (``limit_ms`` of page time)."""
    for _ in range(limit_ms // step_ms):
        if page.locator(selector).count():
            return
        page.clock.run_for(step_ms)
    pytest.fail(f"{selector} not shown within {limit_ms} ms of page time")


def replay(server, agent, *, realtime=True, span=EXCERPT):
    body = {"path": "calls/demo.flac", "agent_id": agent, "start_s": span[0], "end_s": span[1], "realtime": realtime}
    status, reply, _ = request(server.url, "POST", "/api/calls/replay", token=LEAD, body=body)
    assert status == 201, reply
    return reply["call_id"]


def stored_call(server, agent):
    """Replay the excerpt as fast as possible for ``agent`` and wait until the store has it (a safety
    net of 30 s, not a timing assert); its call id."""
    call_id = replay(server, agent, realtime=False)
    deadline = time.monotonic() + 30
    while request(server.url, "GET", f"/api/calls/{call_id}", token=LEAD)[1].get("status") != "complete":
        assert time.monotonic() < deadline, "the call was not stored"
        time.sleep(0.1)
    return call_id


def test_a_replayed_call_puts_its_nudge_on_the_agent_page_and_fades_it(server, gate, page):
    gate.hold("joe", 7.0, 11.5)  # the nudge on screen (shown ~4.7 s in); then past its expiry (~10.7 s)
    open_live(page, f"{server.url}/agent/joe?token={JOE}")
    sync_api.expect(page.locator("#call-state")).to_have_text("Waiting for a call")
    replay(server, "joe")
    held(gate, "joe", 7.0)
    sync_api.expect(page.locator("#call-state")).to_contain_text("On a call")
    page.locator('#nudge[data-kind="stop_interrupting"]').wait_for(timeout=LATCHED_TIMEOUT_MS)
    sync_api.expect(page.locator("#nudge-text")).to_have_text("Let them finish")
    sync_api.expect(page.locator("#nudge-reason")).to_contain_text("You started talking while the customer")
    sync_api.expect(page.locator("#nudge-severity")).to_have_text("high priority")
    sync_api.expect(page.locator("#nudge-reason")).to_have_class("nudge-reason")
    sync_api.expect(page.locator("#nudge-suggestion")).to_be_hidden()  # behaviour: no line to say
    page.clock.run_for(100)  # one animation frame: the latency is measured then
    wait_js(page, "window.coachMetrics.nudgeLatencyMs.length > 0")  # measured, not asserted (machine speed)
    sync_api.expect(page.locator("#transcript .line.customer").first).to_contain_text("promises me a refund")
    sync_api.expect(page.locator("#m-level")).to_have_text("Calm")
    sync_api.expect(page.locator("#m-talk")).to_contain_text("Customer")
    page.screenshot(path=str(ARTIFACTS / "agent-page.png"))
    gate.release("joe")
    held(gate, "joe", 11.5)
    sync_api.expect(page.locator("#transcript .line.customer")).to_have_count(2)  # the last line ends 10.0 s in
    sync_api.expect(page.locator("#transcript .line.agent")).to_have_count(1)
    # the nudge expires 6 s of call audio after it was shown, and fades (then leaves 1.5 s later)
    run_until(page, "#nudge.fading")
    page.clock.run_for(1_600)
    sync_api.expect(page.locator("#nudge")).to_have_class("panel idle")
    gate.release("joe")
    sync_api.expect(page.locator("#call-state")).to_have_text("Call ended")
    page.keyboard.press("t")  # keyboard only: hide the transcript
    sync_api.expect(page.locator("#transcript-section")).to_be_hidden()


def test_the_floor_shows_live_calls_hottest_first_and_alerts_when_one_escalates(server, gate, page):
    gate.hold("hot-bob", 2.8, 6.0)  # tense from 2.0 s, escalated from 3.5 s; 6.0 s: its nudge on screen
    gate.hold("calm-ann", 6.0)
    open_live(page, f"{server.url}/floor?token={LEAD}")
    sync_api.expect(page.locator("#count")).to_contain_text("live call")
    calm_id = replay(server, "calm-ann")
    hot_id = replay(server, "hot-bob")
    calm_tile = page.locator(f'.tile[data-call="{calm_id}"]')
    hot_tile = page.locator(f'.tile[data-call="{hot_id}"]')
    sync_api.expect(calm_tile).to_contain_text("calm-ann")
    held(gate, "hot-bob", 2.8)
    sync_api.expect(hot_tile).to_contain_text("Tense")
    sync_api.expect(hot_tile).to_have_attribute("data-level", "tense")
    gate.release("hot-bob")
    held(gate, "hot-bob", 6.0)
    held(gate, "calm-ann", 6.0)
    sync_api.expect(hot_tile).to_contain_text("Escalated")
    sync_api.expect(hot_tile).to_have_attribute("data-level", "escalated")
    sync_api.expect(page.locator("#alerts .alert").first).to_contain_text("agent hot-bob's customer is escalated")
    sync_api.expect(page.locator(".tile").first).to_have_attribute("data-call", hot_id)  # hottest first
    sync_api.expect(hot_tile).to_contain_text("rising")
    sync_api.expect(calm_tile).to_contain_text("Calm")
    sync_api.expect(hot_tile).to_contain_text("Nudge: Let them finish")
    sync_api.expect(hot_tile).to_contain_text("Interruptions: agent 1")
    page.screenshot(path=str(ARTIFACTS / "floor-page.png"))
    hot_tile.focus()  # keyboard only: Enter follows the call
    page.keyboard.press("Enter")
    sync_api.expect(page.locator("#follow")).to_be_visible()
    sync_api.expect(page.locator("#follow-heading")).to_have_text("Following agent hot-bob")
    sync_api.expect(page.locator("#follow-events")).to_contain_text("Customer Escalated")
    sync_api.expect(page.locator("#follow-transcript .line").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "floor-following.png"))
    page.keyboard.press("Escape")
    sync_api.expect(page.locator("#follow")).to_be_hidden()
    page.clock.run_for(100)  # one animation frame: the latency is measured then
    assert page.evaluate("window.floorMetrics.tileLatencyMs.length") > 0  # measured, not asserted (machine speed)


def test_the_review_pages_list_the_call_play_it_and_seek_from_transcript_and_timeline(server, page):
    call_id = stored_call(server, "joe")

    page.goto(f"{server.url}/calls?token={LEAD}")
    page.fill("input[name=agent]", "joe")
    page.select_option("select[name=nudge]", "stop_interrupting")
    page.keyboard.press("Enter")
    row = page.locator(f'tr[data-call="{call_id}"]')
    sync_api.expect(row).to_contain_text("Stop interrupting ×1")
    sync_api.expect(page.locator("#count")).not_to_have_text("0 calls")
    page.screenshot(path=str(ARTIFACTS / "calls-page.png"))
    row.get_by_role("link", name="Review").click()

    wait_js(page, "window.reviewState && window.reviewState.ready")
    assert page.evaluate("window.reviewState.lines") == 3
    sync_api.expect(page.locator("#scorecard")).to_contain_text("Agent interruptions")
    page.click("#play")
    wait_js(page, "document.getElementById('audio').currentTime > 0.3")
    # paused for the seeks: a playing recording moves on while the check polls, by how slow the machine is
    page.click("#play")
    wait_js(page, "document.getElementById('audio').paused")
    line = page.locator(".tline.agent")
    target = float(line.get_attribute("data-t"))
    line.click()
    wait_js(page, f"Math.abs(document.getElementById('audio').currentTime - {target}) < 0.3")
    sync_api.expect(line).to_have_attribute("aria-current", "true")  # the transcript follows playback
    nudge = page.locator(".tl-item.nudge.shown")
    sync_api.expect(nudge).to_have_attribute("data-outcome", "shown")
    nudge_t = float(nudge.get_attribute("data-t"))
    nudge.click()
    wait_js(page, f"Math.abs(document.getElementById('audio').currentTime - {nudge_t}) < 0.3")
    page.click("#play")  # playing again from the nudge
    wait_js(page, f"document.getElementById('audio').currentTime > {nudge_t} + 0.1")
    # the playhead follows the audio: both read in one evaluation (three separate reads while the audio
    # plays drift apart by how slow the machine is), polled so that one late animation frame is not a failure
    wait_js(
        page,
        "Math.abs(parseFloat(document.querySelector('.playhead').style.left) / 100 * window.reviewState.duration"
        " - document.getElementById('audio').currentTime) < 0.5",
    )
    page.keyboard.press("2")  # keyboard: agent lane only
    assert page.evaluate("window.reviewState.lane") == "agent"
    sync_api.expect(page.locator("input[name=lane][value=agent]")).to_be_checked()
    page.screenshot(path=str(ARTIFACTS / "review-page.png"))


def test_pages_say_why_when_the_token_is_missing_or_wrong(server, page):
    page.goto(f"{server.url}/floor")
    sync_api.expect(page.locator("#error")).to_contain_text("Access denied: this needs an access token")
    page.goto(f"{server.url}/agent/ann?token={JOE}")
    sync_api.expect(page.locator("#error")).to_contain_text("opens only the page of agent joe")
    page.goto(f"{server.url}/calls?token={JOE}")
    sync_api.expect(page.locator("#error")).to_contain_text("needs a team-lead token")


def _shown(kind: str) -> dict:
    [event] = [e for e in LANGUAGE if e["type"] == "nudge" and e["kind"] == kind]
    return event


def _on_screen(script: list[dict], kind: str, at_s: float) -> bool:
    """Whether the nudge of ``kind`` is the latest one shown at ``at_s`` (excerpt seconds) and not expired."""
    shown = [e for e in script if e["type"] == "nudge" and e["at"] <= at_s]
    return bool(shown) and shown[-1]["kind"] == kind and at_s < shown[-1]["expires"]


def test_language_nudges_show_their_reason_the_line_to_say_and_the_also_line(server, gate, page):
    outcomes = {e["outcome"] for e in LANGUAGE if e["type"] == "cue"}
    assert outcomes >= {"shown", "folded", "expired"}  # the script exercises what the screens must show
    holds = {"positive_language": 2.0, "avoid_calm_down": 6.0, "mirror_complaint": 10.0}
    assert all(_on_screen(LANGUAGE, kind, at) for kind, at in holds.items())
    gate.hold("lang-ann", *holds.values())
    open_live(page, f"{server.url}/agent/lang-ann?token={LEAD}")
    sync_api.expect(page.locator("#call-state")).to_have_text("Waiting for a call")
    replay(server, "lang-ann")
    box = page.locator("#nudge")

    positive = _shown("positive_language")
    held(gate, "lang-ann", holds["positive_language"])
    page.locator('#nudge[data-kind="positive_language"]').wait_for(timeout=LATCHED_TIMEOUT_MS)
    sync_api.expect(page.locator("#nudge-reason")).to_have_text(positive["reason"])
    sync_api.expect(page.locator("#nudge-line")).to_have_text(f"\u201c{positive['suggestion']}\u201d")  # the rephrase
    sync_api.expect(page.locator("#nudge-heard")).to_have_text(f"\u201c{positive['said']}\u201d")
    sync_api.expect(page.locator("#nudge-also")).to_have_text("Also: Check in with the customer")  # dead air waits
    page.screenshot(path=str(ARTIFACTS / "agent-positive-language.png"))

    calm = _shown("avoid_calm_down")
    gate.release("lang-ann")
    held(gate, "lang-ann", holds["avoid_calm_down"])
    page.locator('#nudge[data-kind="avoid_calm_down"]').wait_for(timeout=LATCHED_TIMEOUT_MS)
    sync_api.expect(box).to_have_class("panel active high")
    sync_api.expect(page.locator("#nudge-reason")).to_have_text(calm["reason"])
    sync_api.expect(page.locator("#nudge-line")).to_have_text(f"\u201c{calm['suggestion']}\u201d")
    sync_api.expect(page.locator("#nudge-heard")).to_have_text("\u201ccalm down\u201d")

    mirror = _shown("mirror_complaint")
    gate.release("lang-ann")
    held(gate, "lang-ann", holds["mirror_complaint"])
    page.locator('#nudge[data-kind="mirror_complaint"]').wait_for(timeout=LATCHED_TIMEOUT_MS)
    sync_api.expect(page.locator("#nudge-text")).to_have_text(mirror["text"])
    sync_api.expect(page.locator("#nudge-reason")).to_have_text(
        "Repeating the complaint in their words shows you listened."
    )
    sync_api.expect(page.locator("#nudge-line")).to_have_text(
        "\u201cSo you were charged twice this month. Let me put that right.\u201d"
    )
    also = [e for e in LANGUAGE if e["type"] == "nudge.also" and e["moment"] == mirror["moment"] and e["also"]]
    expected = "Also: " + " \u00b7 ".join(a["text"] for a in also[-1]["also"])
    sync_api.expect(page.locator("#nudge-also")).to_have_text(expected)
    page.screenshot(path=str(ARTIFACTS / "agent-mirror.png"))

    # the moment shown as the call ends stays on screen for the wrap-up, with its "also" line
    last = [e for e in LANGUAGE if e["type"] == "nudge"][-1]
    assert last["at"] == 12.0 and last["kind"] == "over_apologizing"
    gate.release("lang-ann")
    sync_api.expect(page.locator("#call-state")).to_have_text("Call ended")
    sync_api.expect(box).to_have_attribute("data-kind", "over_apologizing")
    also_line = "Also: " + " \u00b7 ".join(a["text"] for a in last["also"])
    sync_api.expect(page.locator("#nudge-also")).to_have_text(also_line)


def test_a_withdrawn_nudge_leaves_the_agent_page_at_once(server, gate, page):
    [withdrawn] = [e for e in WITHDRAWN if e["type"] == "nudge.withdrawn"]
    [shown] = [e for e in WITHDRAWN if e["type"] == "nudge"]
    assert shown["at"] < 2.0 < withdrawn["at"] < 4.0 < shown["expires"] and withdrawn["on_screen"]
    gate.hold("withdraw-cy", 2.0, 4.0)  # shown; then withdrawn, still before it would have expired
    open_live(page, f"{server.url}/agent/withdraw-cy?token={LEAD}")
    sync_api.expect(page.locator("#call-state")).to_have_text("Waiting for a call")
    replay(server, "withdraw-cy")
    held(gate, "withdraw-cy", 2.0)
    page.locator('#nudge[data-kind="avoid_calm_down"]').wait_for(timeout=LATCHED_TIMEOUT_MS)
    gate.release("withdraw-cy")
    held(gate, "withdraw-cy", 4.0)
    page.locator(f'#nudge.idle[data-withdrawn="{withdrawn["moment"]}"]').wait_for(timeout=LATCHED_TIMEOUT_MS)
    sync_api.expect(page.locator("#nudge-text")).to_have_text("No nudge right now")


def test_one_reply_that_missed_both_shows_one_nudge_and_a_withdrawn_part_leaves_only_that_part(server, gate, page):
    [shown] = [e for e in JOINED if e["type"] == "nudge"]
    [update] = [e for e in JOINED if e["type"] == "nudge.update"]
    assert shown["kinds"] == ["acknowledge_feelings", "mirror_complaint"]
    assert shown["at"] < 2.0 < update["at"] < 4.0 < update["expires"]
    gate.hold("join-dee", 2.0, 4.0)  # both parts shown; then only the mirror
    open_live(page, f"{server.url}/agent/join-dee?token={LEAD}")
    sync_api.expect(page.locator("#call-state")).to_have_text("Waiting for a call")
    replay(server, "join-dee")
    held(gate, "join-dee", 2.0)
    page.locator('#nudge[data-kind="acknowledge_feelings mirror_complaint"]').wait_for(timeout=LATCHED_TIMEOUT_MS)
    sync_api.expect(page.locator("#nudge-text")).to_have_text(shown["text"])
    sync_api.expect(page.locator("#nudge-reason")).to_have_text(shown["reason"])
    sync_api.expect(page.locator("#nudge-line")).to_have_text("\u201cSo your card was declined. Is that right?\u201d")
    page.screenshot(path=str(ARTIFACTS / "agent-joined.png"))
    gate.release("join-dee")
    held(gate, "join-dee", 4.0)
    page.locator('#nudge.active[data-kind="mirror_complaint"]').wait_for(timeout=LATCHED_TIMEOUT_MS)  # ack dropped
    sync_api.expect(page.locator("#nudge-text")).to_have_text("Mirror the complaint before you fix it.")


def test_the_review_page_lists_every_moment_with_its_outcome(server, page):
    call_id = stored_call(server, "lang-bob")
    cues = [e for e in LANGUAGE if e["type"] == "cue"]
    page.goto(f"{server.url}/calls/{call_id}?token={LEAD}")
    wait_js(page, "window.reviewState && window.reviewState.ready")
    items = page.locator("#timeline .tl-item.nudge")
    sync_api.expect(items).to_have_count(len(cues))
    for outcome in ("shown", "folded", "expired"):
        n = sum(c["outcome"] == outcome for c in cues)
        sync_api.expect(page.locator(f'#timeline .tl-item.nudge[data-outcome="{outcome}"]')).to_have_count(n)
    rows = page.locator("#moments tbody tr")
    sync_api.expect(rows).to_have_count(len(cues))
    expired = [c for c in cues if c["outcome"] == "expired"][0]
    row = page.locator(f'#moments tr[data-kind="{expired["kind"]}"]')
    sync_api.expect(row).to_contain_text("Not shown in time")
    sync_api.expect(row).to_contain_text(expired["reason"])
    sync_api.expect(page.locator("#scorecard")).to_contain_text("Not shown in time")
    page.locator(".tl-item.nudge.expired").first.click()  # an unseen moment still seeks the recording
    wait_js(page, f"Math.abs(document.getElementById('audio').currentTime - {expired['t']}) < 0.3")
    page.screenshot(path=str(ARTIFACTS / "review-moments.png"), full_page=True)
