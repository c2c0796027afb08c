/* Agent page: the current nudge (large, with its reason in plain words, the line to say in quotes,
   the words heard, and an "also" line for moments that could not take the screen; fading when it
   expires), meters and the live two-lane transcript of this agent's current call. Everything arrives
   on /ws/agent/<id> (nudge, nudge.also, nudge.update, nudge.withdrawn: docs/events.md). A nudge that
   joins the moments of one reply shows its combined text, reasons and line(s); nudge.update changes it.
   While an announced hold runs, a quiet hold clock in the header counts the silence against the time the agent
   gave ("On hold 1:10 of 2:00"; past it, "On hold 2:20 — 2:00 promised: check in"), on the call's audio clock.
   window.coachMetrics.nudgeLatencyMs: ms from the server emitting a nudge to it being painted. */
"use strict";

(function () {
  const C = window.Coach;
  const agentId = decodeURIComponent(location.pathname.split("/")[2] || "");
  const metrics = (window.coachMetrics = { nudgeLatencyMs: [], nudges: 0, events: 0 });
  const $ = (id) => document.getElementById(id);

  let current = null; // call id shown
  const tiles = new Map(); // call id -> tile
  let view = freshView();

  function freshView() {
    return {
      nudge: null, lastAt: 0, lastAtWall: performance.now(), speech: { agent: 0, customer: 0 },
      partial: {}, finals: {}, lines: 0, live: false,
      hold: null, quietFrom: 0, voiceAt: null,
    };
  }

  $("agent-name").textContent = agentId;
  document.title = `Coach – ${agentId}`;

  // -- audio clock: call-audio seconds now, from the latest event's `at` ------------------------
  function audioNow() {
    if (!view.live) return view.lastAt;
    return view.lastAt + (performance.now() - view.lastAtWall) / 1000;
  }

  // -- nudge -------------------------------------------------------------------------------------
  function showNudge(ev, emitted, live, update = false) {
    const box = $("nudge");
    view.nudge = ev;
    box.className = `panel active ${ev.severity || "medium"}`;
    $("nudge-severity").className = `sev ${ev.severity || ""}`;
    $("nudge-severity").textContent = `${ev.severity || ""} priority`;
    $("nudge-text").textContent = ev.text || "";
    $("nudge-reason").textContent = C.nudgeReason(ev);
    $("nudge-reason").className = "nudge-reason";
    quoteLine("nudge-suggestion", "nudge-line", ev.suggestion);
    quoteLine("nudge-said", "nudge-heard", ev.said);
    alsoLine(ev.also);
    box.dataset.kind = (ev.kinds || [ev.kind || ""]).join(" ");
    box.dataset.moment = ev.moment || "";
    delete box.dataset.withdrawn;
    if (live && emitted) {
      requestAnimationFrame(() => {
        const ms = C.nowMs() - emitted;
        metrics.nudgeLatencyMs.push(ms);
        box.dataset.latencyMs = ms.toFixed(1);
      });
    }
    if (!update) metrics.nudges += 1;
  }

  /** A line in quotation marks (the line to say, the words heard); hidden when there is none. */
  function quoteLine(rowId, quoteId, text) {
    const words = String(text || "").trim().replace(/^["'\u201c\u2018]+|["'\u201d\u2019]+$/g, "");
    $(quoteId).textContent = words ? `\u201c${words}\u201d` : "";
    $(rowId).hidden = !words;
  }

  /** "Also: <text> · <text>": moments that could not take the screen (at most two). */
  function alsoLine(items) {
    const list = (items || []).slice(0, 2);
    $("nudge-also").textContent = list.length ? `Also: ${list.map((a) => a.text).join(" · ")}` : "";
    $("nudge-also").hidden = !list.length;
  }

  function idleNudge(text) {
    const box = $("nudge");
    view.nudge = null;
    box.className = "panel idle";
    box.dataset.kind = "";
    box.dataset.moment = "";
    quoteLine("nudge-suggestion", "nudge-line", null);
    quoteLine("nudge-said", "nudge-heard", null);
    alsoLine(null);
    $("nudge-severity").textContent = "";
    $("nudge-text").textContent = text || "No nudge right now";
    $("nudge-reason").textContent = view.live ? "Keep going – nudges appear here, one at a time." : "";
    $("nudge-reason").className = "nudge-reason muted";
  }

  /** The call is over: a nudge on screen stays for the wrap-up (the audio clock stops, so it no
      longer fades; a close without "anything else?" is shown as the call ends), else `text`. */
  function callOver(text) {
    view.live = false;
    holdClock();
    if (!view.nudge) idleNudge(text);
  }

  setInterval(() => {
    const n = view.nudge;
    if (!n || n.expires == null) return;
    const box = $("nudge");
    if (audioNow() >= n.expires && !box.classList.contains("fading")) {
      box.classList.add("fading");
      setTimeout(() => { if (view.nudge === n) idleNudge(); }, 1500);
    }
  }, 200);

  // -- hold clock --------------------------------------------------------------------------------
  /* The latest `hold` event (docs/events.md: `t` its words' first word, `hold_s` the time the silence may last,
     `announced_s` the time the agent gave or null) and the silence after it. The silence began where the latest
     `speech` event ended (`quietFrom`); speech heard after that (a partial, a speech, an overlap, a dead_air event's
     end, a prosody event well after it) stops the clock. Speech before the hold's silence has lasted HOLD_TAKEN_S
     (the customer's "sure, take your time") only moves its start; speech after it ends the hold. The clock shows once
     the silence has lasted HOLD_SHOW_S (a pause between turns never flashes it), and only for a silence that begins
     within HOLD_OPENS_S of the hold event (a later one, after more talk, is not the hold's). Everything is in
     call-audio seconds (audioNow), so a replay shows what the live call showed. */
  const HOLD_TAKEN_S = 6; // [turns] dead_air_s: a silence this long after the words is the hold under way
  const HOLD_SHOW_S = 3; // longer than a pause between turns (with the 0.5 s the VAD takes to confirm an end)
  const HOLD_OPENS_S = 15; // the customer's answer to the hold and a few words more
  const PROSODY_LAG_S = 1; // a prosody event comes with its speech; one this long after the silence began is new speech

  function heard(from) {
    if (from <= view.quietFrom + 0.05) return;
    const h = view.hold;
    if (h && view.quietFrom >= h.t && from - view.quietFrom >= HOLD_TAKEN_S) view.hold = null; // back from the hold
    if (view.voiceAt == null || from < view.voiceAt) view.voiceAt = from;
  }

  function holdText(now) {
    const h = view.hold;
    if (!h || !view.live || view.voiceAt != null || view.quietFrom < h.t) return "";
    if (view.quietFrom > h.at + HOLD_OPENS_S) { view.hold = null; return ""; }
    const waited = Math.max(0, now - view.quietFrom);
    if (waited < HOLD_SHOW_S) return "";
    const said = h.announcedS != null ? C.clock(h.announcedS) : null;
    if (waited < h.holdS) return said ? `On hold ${C.clock(waited)} of ${said}` : `On hold ${C.clock(waited)}`;
    return said ? `On hold ${C.clock(waited)} \u2014 ${said} promised: check in` : `On hold ${C.clock(waited)} \u2014 check in`;
  }

  function holdClock() {
    const pill = $("hold-clock");
    const now = audioNow();
    const text = holdText(now);
    pill.hidden = !text;
    pill.textContent = text;
    pill.classList.toggle("over", Boolean(text) && now - view.quietFrom >= view.hold.holdS);
  }
  setInterval(holdClock, 250);

  function holdEvent(ev) {
    switch (ev.type) {
      case "hold": {
        if (ev.vague) { heard(ev.t); view.hold = null; break; } // a look-up said in passing ("let me check"): no hold
        const same = view.hold && view.hold.t === ev.t; // a later event for the same words updates the duration
        view.hold = { t: ev.t, at: ev.at, holdS: Number(ev.hold_s) || 0, announcedS: ev.announced_s ?? null };
        if (!same) heard(ev.t);
        break;
      }
      case "speech":
        if (typeof ev.end !== "number") break;
        heard(ev.t);
        view.quietFrom = Math.max(view.quietFrom, ev.end);
        if (view.voiceAt != null && view.voiceAt <= view.quietFrom) view.voiceAt = null;
        break;
      case "transcript": case "overlap": heard(ev.t); break;
      case "dead_air": if (typeof ev.end === "number") heard(ev.end); break;
      case "prosody": heard(ev.at - PROSODY_LAG_S); break;
      case "call.end": view.hold = null; break;
      default: return;
    }
    holdClock();
  }

  // -- meters ------------------------------------------------------------------------------------
  function setBar(id, fraction, now) {
    const bar = $(id);
    bar.firstElementChild.style.width = `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%`;
    if (now != null) bar.setAttribute("aria-valuenow", String(now));
  }

  function loudness(delta) {
    if (delta == null) {
      $("m-loud").textContent = "learning your usual level…";
      setBar("m-loud-bar", 0);
      return;
    }
    const sign = delta >= 0 ? "+" : "\u2212";
    const words = delta >= 6 ? "louder than usual" : delta <= -6 ? "quieter than usual" : "your usual level";
    $("m-loud").textContent = `${sign}${Math.abs(delta).toFixed(0)} dB · ${words}`;
    setBar("m-loud-bar", (delta + 10) / 22, delta.toFixed(1));
    $("m-loud-bar").classList.toggle("loud", delta >= 6);
  }

  function pace(wpm) {
    if (wpm == null) return;
    const words = wpm > 180 ? "fast" : wpm < 110 ? "slow" : "steady";
    $("m-pace").textContent = `${Math.round(wpm)} words/min · ${words}`;
    setBar("m-pace-bar", (wpm - 80) / 140, Math.round(wpm));
  }

  function talk() {
    const a = view.speech.agent, c = view.speech.customer;
    const total = a + c;
    if (!total) { $("m-talk").textContent = "–"; return; }
    const share = Math.round((100 * a) / total);
    $("m-talk").textContent = `You ${share}% · Customer ${100 - share}%`;
    const bar = $("m-talk-bar");
    bar.children[0].style.width = `${share}%`;
    bar.children[1].style.width = `${100 - share}%`;
    bar.setAttribute("aria-label", `You talked ${share}% of the time, the customer ${100 - share}%`);
  }

  // -- transcript ---------------------------------------------------------------------------------
  function transcript(ev) {
    const box = $("transcript");
    const empty = $("transcript-empty");
    if (empty) empty.remove();
    const speaker = ev.speaker === "customer" ? "customer" : "agent";
    const stick = box.scrollTop + box.clientHeight >= box.scrollHeight - 30;
    const key = ev.utt || speaker; // one line per utterance: partials are replaced, then the final
    let line = view.partial[key];
    if (!line) {
      line = C.el("div", { class: `line ${speaker}` },
        C.el("span", { class: "who", text: speaker === "agent" ? "You" : "Customer" }),
        C.el("span", { class: "words" }));
      box.append(line);
      view.lines += 1;
    }
    line.querySelector(".words").textContent = ev.text || "";
    line.classList.toggle("partial", !ev.final);
    if (ev.final) { delete view.partial[key]; view.finals[key] = { line, t: ev.t, speaker }; }
    else view.partial[key] = line;
    while (box.children.length > 200) box.firstElementChild.remove();
    if (stick) box.scrollTop = box.scrollHeight;
  }

  // A final decoded again with the speech after it (docs/events.md, transcript.revised): its line shows the new words.
  // Only a final this page showed, of the same speaker and start; anything else (another call's utt) is ignored.
  function revised(ev) {
    const shown = view.finals[ev.revises];
    if (!shown || ev.utt !== ev.revises || shown.speaker !== ev.speaker || Math.abs(shown.t - ev.t) > 0.002) return;
    if (!shown.line.isConnected) return;
    shown.line.querySelector(".words").textContent = ev.text || "";
    shown.line.dataset.revised = "1";
  }

  // -- events --------------------------------------------------------------------------------------
  function applyEvent(ev, emitted, live) {
    metrics.events += 1;
    if (typeof ev.at === "number" && ev.at >= view.lastAt) {
      view.lastAt = ev.at;
      view.lastAtWall = performance.now();
    }
    holdEvent(ev);
    switch (ev.type) {
      case "nudge": showNudge(ev, emitted, live); break;
      case "nudge.also":
        if (view.nudge && view.nudge.moment === ev.moment) { view.nudge.also = ev.also; alsoLine(ev.also); }
        break;
      case "nudge.update":  // a joined nudge gained or lost a part (same reply): show what it carries now
        if (view.nudge && view.nudge.moment === ev.moment) showNudge({ ...view.nudge, ...ev, type: "nudge" }, 0, false, true);
        break;
      case "nudge.withdrawn":
        if (view.nudge && (view.nudge.moment === ev.moment || view.nudge.moment === ev.screen)) {
          if ((ev.remaining || []).length) { $("nudge").dataset.withdrawn = ev.moment; break; }  // update follows
          idleNudge();
          $("nudge").dataset.withdrawn = ev.moment;
        }
        break;
      case "transcript": transcript(ev); break;
      case "transcript.revised": revised(ev); break;
      case "prosody":
        if (ev.speaker === "agent") { loudness(ev.loudness_delta_db); pace(ev.rate_wpm); }
        break;
      case "speech":
        if (ev.speaker in view.speech) { view.speech[ev.speaker] += Math.max(0, ev.end - ev.t); talk(); }
        break;
      case "escalation": C.levelBadge($("m-level"), ev.level); break;
      case "call.end": callOver("Call ended"); break;
      default: break;
    }
  }

  function callState() {
    const pill = $("call-state");
    const tile = current && tiles.get(current);
    if (!tile) { pill.className = "pill"; pill.textContent = "Waiting for a call"; return; }
    if (tile.status === "live") {
      pill.className = "pill live";
      pill.textContent = `On a call · ${C.clock(audioNow())}`;
    } else {
      pill.className = tile.status === "incomplete" ? "pill warn" : "pill";
      pill.textContent = tile.status === "incomplete" ? "Call cut short" : "Call ended";
    }
  }
  setInterval(callState, 500);

  function switchTo(tile) {
    current = tile.call_id;
    view = freshView();
    view.live = tile.status === "live";
    view.lastAt = tile.duration_s || 0;
    view.speech = { agent: tile.speech_s.agent || 0, customer: tile.speech_s.customer || 0 };
    $("transcript").replaceChildren(C.el("p", { class: "empty", id: "transcript-empty",
      text: "The transcript appears here when transcription is running." }));
    C.levelBadge($("m-level"), tile.level);
    loudness(tile.loudness_delta_db);
    pace(tile.rate_wpm);
    talk();
    idleNudge(view.live ? "No nudge right now" : "Call ended");
    callState();
  }

  function onMessage(msg) {
    if (msg.kind === "snapshot") {
      const calls = msg.calls.slice().sort((a, b) => a.tile.started_at - b.tile.started_at);
      const live = calls.filter((c) => c.tile.status === "live");
      const pick = live.length ? live[live.length - 1] : calls[calls.length - 1];
      for (const c of calls) tiles.set(c.tile.call_id, c.tile);
      if (pick) {
        switchTo(pick.tile);
        const speechFromTile = { ...view.speech };
        for (const m of pick.events) applyEvent(m.event, m.emitted, false);
        const last = pick.events[pick.events.length - 1];
        if (view.live && last && last.emitted) {
          // opened mid-call: the audio clock has run on since the latest event was sent (a hold's silence sends none)
          view.lastAtWall = performance.now() - Math.max(0, C.nowMs() - last.emitted);
          holdClock();
        }
        view.speech = speechFromTile; // the tile already counted the speech
        talk();
        if (view.nudge && view.nudge.expires != null && audioNow() >= view.nudge.expires) idleNudge();
      } else {
        callState();
      }
      return;
    }
    if (msg.kind === "call") {
      const tile = msg.tile;
      tiles.set(tile.call_id, tile);
      const cur = current && tiles.get(current);
      if (tile.status === "live" && (!cur || cur.status !== "live" || tile.started_at >= cur.started_at)) {
        if (tile.call_id !== current) switchTo(tile);
      } else if (tile.call_id === current && tile.status !== "live") {
        callOver(tile.status === "incomplete" ? "Call cut short" : "Call ended");
      }
      callState();
      return;
    }
    if (msg.kind === "event") {
      if (msg.call_id !== current) return;
      applyEvent(msg.event, msg.emitted, true);
    }
  }

  function onState(state, reason) {
    const conn = $("conn");
    if (state === "open") { conn.hidden = true; C.showError(""); return; }
    conn.hidden = false;
    conn.className = "pill warn";
    conn.textContent = state === "refused" ? "Not allowed" : "Reconnecting…";
    if (state === "refused") C.showError(reason || "This page is not available with this token.");
  }

  // -- keyboard --------------------------------------------------------------------------------
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key.toLowerCase();
    if (k === "escape" && view.nudge) idleNudge();
    else if (k === "t") $("transcript-section").classList.toggle("hidden-section");
    else if (k === "m") $("meters-section").classList.toggle("hidden-section");
    else if (k === "n") $("nudge").focus();
  });

  // -- start -------------------------------------------------------------------------------------
  C.api("/api/whoami")
    .then((me) => {
      if (me.role === "agent" && me.agent_id !== agentId) {
        throw new C.ApiError(403, "forbidden", `this token opens only the page of agent ${me.agent_id}`);
      }
      C.stream(`/ws/agent/${encodeURIComponent(agentId)}`, onMessage, onState);
    })
    .catch((err) => {
      $("call-state").textContent = "Not connected";
      C.showError(`Access denied: ${err.message}`);
    });
})();
