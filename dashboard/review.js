/* Review page: the recording (both lanes, or one), a timeline of speech, overlaps, every coaching
   moment with its outcome (cue events: shown, folded, expired, suppressed), dead air and the escalation
   curve, the transcript following playback, and the scorecard with the list of moments. Clicking a timeline item
   or a transcript line seeks the recording; one animation loop keeps playhead and transcript in sync. */
"use strict";

(function () {
  const C = window.Coach;
  const $ = (id) => document.getElementById(id);
  const callId = decodeURIComponent(location.pathname.split("/")[2] || "");
  const audio = $("audio");
  const state = (window.reviewState = { ready: false, duration: 0, items: 0, lines: 0, lane: "both", seeks: 0 });
  let duration = 1;
  let lines = []; // {t, el}
  let currentLine = -1;
  let graph = null; // Web Audio lane routing, made on the first play (needs a user gesture)
  let pendingSeek = null;

  $("list-link").href = C.withToken("/calls");
  $("floor-link").href = C.withToken("/floor");
  $("title").textContent = `Call ${callId}`;

  // -- playback ----------------------------------------------------------------------------------
  function ensureGraph() {
    if (graph || !window.AudioContext) return;
    try {
      const ctx = new AudioContext();
      const src = ctx.createMediaElementSource(audio);
      const split = ctx.createChannelSplitter(2);
      const merge = ctx.createChannelMerger(2);
      const agent = ctx.createGain();
      const customer = ctx.createGain();
      src.connect(split);
      split.connect(agent, 0);
      split.connect(customer, 1);
      for (const g of [agent, customer]) { g.connect(merge, 0, 0); g.connect(merge, 0, 1); }
      merge.connect(ctx.destination);
      graph = { ctx, agent, customer };
      setLane(state.lane);
    } catch (e) {
      graph = null;
      $("audio-note").hidden = false;
      $("audio-note").textContent = "This browser cannot separate the lanes; both are played.";
    }
  }

  function setLane(lane) {
    state.lane = lane;
    for (const r of document.querySelectorAll("input[name=lane]")) r.checked = r.value === lane;
    if (!graph) return;
    graph.agent.gain.value = lane === "customer" ? 0 : 1;
    graph.customer.gain.value = lane === "agent" ? 0 : 1;
  }

  function seek(t) {
    const target = Math.max(0, Math.min(duration, t));
    state.seeks += 1;
    if (audio.readyState >= 1) audio.currentTime = target;
    else pendingSeek = target;
    render(target);
  }

  function togglePlay() {
    ensureGraph();
    if (graph && graph.ctx.state === "suspended") graph.ctx.resume();
    if (audio.paused) audio.play().catch((e) => C.showError(`Cannot play the recording: ${e.message}`));
    else audio.pause();
  }

  audio.addEventListener("loadedmetadata", () => {
    if (isFinite(audio.duration) && audio.duration > duration) setDuration(audio.duration);
    if (pendingSeek != null) { audio.currentTime = pendingSeek; pendingSeek = null; }
  });
  audio.addEventListener("play", () => { $("play").textContent = "❚❚ Pause"; loop(); });
  audio.addEventListener("pause", () => { $("play").textContent = "▶ Play"; render(audio.currentTime); });
  audio.addEventListener("seeked", () => render(audio.currentTime));
  audio.addEventListener("error", () => {
    $("audio-note").hidden = false;
    $("audio-note").textContent = "The recording cannot be played (it may have been deleted by the retention policy).";
  });
  $("play").addEventListener("click", togglePlay);
  $("seek").addEventListener("input", (e) => seek(parseFloat(e.target.value)));
  $("lanes").addEventListener("change", (e) => { if (e.target.name === "lane") { ensureGraph(); setLane(e.target.value); } });

  function loop() {
    render(audio.currentTime);
    if (!audio.paused) requestAnimationFrame(loop);
  }

  // -- rendering position ---------------------------------------------------------------------------
  function render(t) {
    const pct = `${(100 * t) / duration}%`;
    for (const ph of document.querySelectorAll(".playhead")) ph.style.left = pct;
    $("seek").value = String(t);
    $("time").textContent = `${C.clock(t)} / ${C.clock(duration)}`;
    let idx = -1;
    for (let i = 0; i < lines.length && lines[i].t <= t + 0.05; i++) idx = i;
    if (idx !== currentLine) {
      if (currentLine >= 0) lines[currentLine].el.removeAttribute("aria-current");
      currentLine = idx;
      if (idx >= 0) {
        lines[idx].el.setAttribute("aria-current", "true");
        lines[idx].el.scrollIntoView({ block: "nearest" });
      }
    }
  }

  function setDuration(d) {
    duration = Math.max(1, d);
    state.duration = duration;
    $("seek").max = String(duration);
    for (const it of document.querySelectorAll(".tl-item")) place(it, parseFloat(it.dataset.t), parseFloat(it.dataset.end));
    render(audio.currentTime || 0);
  }

  function place(node, t, end) {
    node.style.left = `${(100 * t) / duration}%`;
    if (!isNaN(end)) node.style.width = `${Math.max(0.3, (100 * (end - t)) / duration)}%`;
  }

  // -- timeline -----------------------------------------------------------------------------------
  function track(name, cls) {
    const tr = C.el("div", { class: `tl-track ${cls || ""}` }, C.el("div", { class: "playhead" }));
    tr.addEventListener("click", (e) => {
      if (e.target !== tr && !e.target.matches("svg, svg *")) return;
      const box = tr.getBoundingClientRect();
      seek(((e.clientX - box.left) / box.width) * duration);
    });
    const row = C.el("div", { class: `tl-row ${cls === "curve" ? "curve-row" : ""}` }, C.el("span", { class: "name", text: name }), tr);
    $("timeline").append(row);
    return tr;
  }

  function item(tr, cls, t, end, label, tabbable) {
    const b = C.el("button", { type: "button", class: `tl-item ${cls}`, "data-t": String(t), "data-end": end == null ? "" : String(end),
      "aria-label": `${label} at ${C.clock(t)}`, title: `${label} (${C.clock(t)})`, tabindex: tabbable ? null : "-1" });
    b.addEventListener("click", (e) => { e.stopPropagation(); seek(t); });
    place(b, t, end == null ? NaN : end);
    tr.append(b);
    state.items += 1;
    return b;
  }

  function timeline(events) {
    $("timeline").replaceChildren();
    const agent = track("Agent speech");
    const customer = track("Customer speech");
    const overlaps = track("Overlaps");
    const nudges = track("Moments");
    const cues = moments(events);
    const dead = track("Dead air");
    const curve = track("Escalation", "curve");
    const points = [];
    for (const ev of events) {
      if (ev.type === "speech") {
        item(ev.speaker === "customer" ? customer : agent, ev.speaker, ev.t, ev.end, `${C.SPEAKER[ev.speaker]} speech`, false);
      } else if (ev.type === "overlap") {
        const who = C.SPEAKER[ev.by] || ev.by;
        const what = ev.kind === "interruption" ? "interrupted" : ev.kind === "backchannel" ? "backchannel" : "talked over";
        item(overlaps, `overlap ${ev.kind}`, ev.t, ev.end, `${who} ${what}`, ev.kind !== "backchannel");
      } else if (ev.type === "cue") {
        const label = ev.outcome === "shown" ? `Nudge: ${ev.text}` : `${C.outcomeName(ev.outcome)}: ${ev.text}`;
        const node = item(nudges, `nudge ${ev.severity} ${ev.outcome}`, ev.t, null, label, true);
        node.dataset.outcome = ev.outcome;
        node.title = `${label} (${C.clock(ev.t)}). ${ev.why || ""}`;
      } else if (ev.type === "nudge" && !cues.length) {
        item(nudges, `nudge ${ev.severity} shown`, ev.t, null, `Nudge: ${ev.text}`, true);
      } else if (ev.type === "dead_air") {
        item(dead, "deadair", ev.t, ev.end, `Dead air ${(ev.end - ev.t).toFixed(1)} s`, true);
      } else if (ev.type === "escalation") {
        const y = typeof ev.score === "number" ? ev.score : { calm: 0.15, tense: 0.55, escalated: 0.9 }[ev.level];
        if (y != null) points.push([ev.at, y, ev.level]);
      }
    }
    const svgNS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", `0 0 1000 100`);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    for (const y of [40, 70]) {
      const l = document.createElementNS(svgNS, "line");
      l.setAttribute("x1", "0"); l.setAttribute("x2", "1000");
      l.setAttribute("y1", String(100 - y)); l.setAttribute("y2", String(100 - y));
      svg.append(l);
    }
    curve.dataset.points = String(points.length);
    const drawCurve = () => {
      svg.querySelectorAll("polyline").forEach((p) => p.remove());
      if (!points.length) return;
      const poly = document.createElementNS(svgNS, "polyline");
      poly.setAttribute("points", points.map(([t, y]) => `${((1000 * t) / duration).toFixed(1)},${(100 - 100 * y).toFixed(1)}`).join(" "));
      svg.append(poly);
    };
    drawCurve();
    const peak = points.reduce((m, p) => Math.max(m, p[1]), 0);
    svg.setAttribute("aria-label", points.length ? `Customer escalation over the call, peak ${peak.toFixed(2)}` : "No escalation readings");
    curve.prepend(svg);
    state.redrawCurve = drawCurve;
  }

  /** The `cue` events (one per detected moment, with its outcome), in order of time. */
  function moments(events) {
    return events.filter((e) => e.type === "cue").sort((a, b) => a.t - b.t);
  }

  /** Every moment in a table: when, what, what became of it and why; a row seeks the recording. */
  function momentTable(events) {
    const list = moments(events);
    if (!list.length) return null;
    const rows = list.map((m) => {
      const go = C.el("button", { type: "button", text: C.clock(m.t), "aria-label": `Go to ${C.clock(m.t)}` });
      go.addEventListener("click", () => seek(m.t));
      return C.el("tr", { class: m.outcome, "data-outcome": m.outcome, "data-kind": m.kind },
        C.el("td", {}, go),
        C.el("td", { text: C.nudgeName(m.kind) }),
        C.el("td", { class: "outcome", text: C.outcomeName(m.outcome) }),
        C.el("td", { text: `${C.nudgeReason(m)} ${m.why ? `(${m.why})` : ""}`.trim() }));
    });
    const head = C.el("tr", {}, ...["When", "Moment", "Outcome", "Why"].map((h) => C.el("th", { scope: "col", text: h })));
    return C.el("table", { class: "moments", id: "moments" },
      C.el("caption", { class: "muted", text: `Every coaching moment (${list.length}), including those the agent never saw` }),
      C.el("thead", {}, head), C.el("tbody", {}, ...rows));
  }

  // -- transcript --------------------------------------------------------------------------------
  // The call's finals, each with the words of its revision where one came (docs/events.md, transcript.revised): the
  // first revision of a final of this call with the same speaker and start; any other is ignored.
  function revisedFinals(events) {
    const finals = events.filter((e) => e.type === "transcript" && e.final !== false).map((e) => ({ ...e }));
    const byUtt = new Map(finals.map((e) => [e.utt, e]));
    const done = new Set();
    for (const r of events) {
      if (r.type !== "transcript.revised" || r.utt !== r.revises || done.has(r.utt)) continue;
      const f = byUtt.get(r.utt);
      if (!f || f.speaker !== r.speaker || Math.abs(f.t - r.t) > 0.002) continue;
      f.text = r.text; f.words = r.words; f.revised = true;
      done.add(r.utt);
    }
    return finals;
  }

  function transcript(events) {
    const box = $("transcript");
    box.replaceChildren();
    lines = [];
    const finals = revisedFinals(events).sort((a, b) => a.t - b.t);
    for (const ev of finals) {
      const sp = ev.speaker === "customer" ? "customer" : "agent";
      const b = C.el("button", { type: "button", class: `tline ${sp}`, "data-t": String(ev.t) },
        C.el("span", { class: "when", text: C.clock(ev.t) }),
        C.el("span", { class: "who", text: C.SPEAKER[sp] }),
        C.el("span", { class: "words", text: ev.text || "" }));
      b.addEventListener("click", () => seek(ev.t));
      box.append(b);
      lines.push({ t: ev.t, el: b });
    }
    state.lines = lines.length;
    if (!lines.length) {
      box.append(C.el("p", { class: "empty", text: "No transcript for this call. Choose items on the timeline to jump to them." }));
    }
  }

  // -- scorecard ---------------------------------------------------------------------------------
  function fromEvents(events) {
    const s = { duration_s: 0, speech_s: { agent: 0, customer: 0 }, interruptions: { agent: 0, customer: 0 },
      overlap_s: 0, dead_air_s: 0, dead_air_count: 0, nudges: {} };
    for (const e of events) {
      s.duration_s = Math.max(s.duration_s, e.at || 0);
      if (e.type === "speech" && e.speaker in s.speech_s) s.speech_s[e.speaker] += e.end - e.t;
      if (e.type === "overlap") { s.overlap_s += e.end - e.t; if (e.kind === "interruption") s.interruptions[e.by] += 1; }
      if (e.type === "dead_air") { s.dead_air_s += e.end - e.t; s.dead_air_count += 1; }
      if (e.type === "nudge") for (const k of e.kinds || [e.kind]) s.nudges[k] = (s.nudges[k] || 0) + 1;
    }
    const total = s.speech_s.agent + s.speech_s.customer;
    s.talk_ratio = { agent: total ? s.speech_s.agent / total : 0, customer: total ? s.speech_s.customer / total : 0 };
    return s;
  }

  function scorecard(call, events) {
    const s = call.summary || fromEvents(events);
    if (!call.summary) {
      $("score-note").hidden = false;
      $("score-note").textContent = "Partial: this call did not end cleanly, so these totals come from the events that were saved.";
    }
    const box = $("scorecard");
    box.replaceChildren();
    const add = (k, v) => box.append(C.el("div", { class: "score" }, C.el("div", { class: "k", text: k }), C.el("div", { class: "v", text: v })));
    const agentShare = Math.round(100 * ((s.talk_ratio || {}).agent || 0));
    add("Duration", C.clock(s.duration_s));
    add("Talk share", `Agent ${agentShare}% · Customer ${s.duration_s ? 100 - agentShare : 0}%`);
    add("Agent interruptions", String((s.interruptions || {}).agent || 0));
    add("Customer interruptions", String((s.interruptions || {}).customer || 0));
    add("Overlap", `${(s.overlap_s || 0).toFixed(1)} s`);
    add("Dead air", `${(s.dead_air_s || 0).toFixed(1)} s in ${s.dead_air_count || 0}`);
    if (s.longest_monologue_s) add("Longest monologue (agent)", `${(s.longest_monologue_s.agent || 0).toFixed(0)} s`);
    const peak = C.el("span");
    C.levelBadge(peak, call.peak_level);
    box.append(C.el("div", { class: "score" }, C.el("div", { class: "k", text: "Peak escalation" }), C.el("div", { class: "v" }, peak)));
    const nudges = Object.entries(s.nudges || {});
    add("Nudges", nudges.length ? nudges.map(([k, n]) => `${C.nudgeName(k)} ×${n}`).join(", ") : "none");
    box.lastElementChild.classList.add("wide");
    const list = moments(events);
    if (list.length) {
      const by = {};
      for (const m of list) by[m.outcome] = (by[m.outcome] || 0) + 1;
      add("Moments", ["shown", "folded", "expired", "suppressed"].filter((o) => by[o])
        .map((o) => `${C.outcomeName(o)} ${by[o]}`).join(" · "));
      box.lastElementChild.classList.add("wide");
    } else if (s.nudges_held_back) {
      add("Nudges held back", String(Object.values(s.nudges_held_back).reduce((a, b) => a + b, 0)));
    }
    const table = momentTable(events);
    const old = $("moments");
    if (old) old.remove();
    if (table) box.after(table);
  }

  // -- keyboard ------------------------------------------------------------------------------------
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    const typing = t instanceof HTMLInputElement && t.type !== "radio";
    if (typing) return;
    if (e.key === "k" || (e.key === " " && !(t instanceof HTMLButtonElement))) { e.preventDefault(); togglePlay(); }
    else if (e.key === "ArrowLeft" && !(t instanceof HTMLInputElement)) { e.preventDefault(); seek(audio.currentTime - 5); }
    else if (e.key === "ArrowRight" && !(t instanceof HTMLInputElement)) { e.preventDefault(); seek(audio.currentTime + 5); }
    else if (e.key === "1") setLaneKey("both");
    else if (e.key === "2") setLaneKey("agent");
    else if (e.key === "3") setLaneKey("customer");
  });
  function setLaneKey(lane) { ensureGraph(); setLane(lane); }

  // -- load ----------------------------------------------------------------------------------------
  async function load() {
    let call, events;
    try {
      [call, { events }] = await Promise.all([
        C.api(`/api/calls/${encodeURIComponent(callId)}`),
        C.api(`/api/calls/${encodeURIComponent(callId)}/events`),
      ]);
    } catch (err) {
      C.showError(err.status === 401 || err.status === 403 ? `Access denied: ${err.message}` : err.message);
      return;
    }
    $("meta").textContent = `Agent ${call.agent_id} · ${(call.started_at || "").replace("T", " ").replace("+00:00", " UTC")}`;
    const status = $("status");
    status.className = call.status === "incomplete" ? "pill warn" : call.status === "live" ? "pill live" : "pill";
    status.textContent = call.status === "incomplete" ? "Incomplete" : call.status === "live" ? "Live" : "Complete";
    if (call.status === "incomplete") {
      $("incomplete").hidden = false;
      $("incomplete").textContent = `This call did not end cleanly (${call.end_reason || "unknown reason"}); what was saved is shown.`;
    }
    duration = Math.max(1, call.duration_s || 0, (call.recording && call.recording.seconds) || 0);
    state.duration = duration;
    $("seek").max = String(duration);
    if (call.recording && call.recording.available) {
      audio.src = C.withToken(`/api/calls/${encodeURIComponent(callId)}/audio`);
    } else {
      $("play").disabled = true;
      $("audio-note").hidden = false;
      $("audio-note").textContent = call.recording && call.recording.deleted
        ? "The recording was deleted by the retention policy; events and transcript remain."
        : "There is no recording for this call.";
    }
    timeline(events);
    transcript(events);
    scorecard(call, events);
    render(0);
    state.ready = true;
  }
  load();
})();
