/* Floor page: a tile per live call (hottest first), alerts when a call becomes escalated, and a
   side panel following one call's transcript and events. Tiles arrive batched on /ws/floor.
   window.floorMetrics.tileLatencyMs: ms from the event behind a tile update to its paint. */
"use strict";

(function () {
  const C = window.Coach;
  const $ = (id) => document.getElementById(id);
  const tiles = new Map(); // call id -> {data, el, wall}
  const metrics = (window.floorMetrics = { tileLatencyMs: [], alerts: 0, batches: 0 });
  let following = null; // {callId, stream}
  let order = [];

  $("tiles").removeAttribute("role");
  $("review-link").href = C.withToken("/calls");

  // -- tiles ---------------------------------------------------------------------------------------
  function durationOf(t) {
    const d = t.data.duration_s || 0;
    return t.data.status === "live" ? d + (performance.now() - t.wall) / 1000 : d;
  }

  /** The nudge is on the agent's screen until its `expires` (call audio seconds, estimated between updates). */
  function nudgeShown(t) {
    const n = t.data.nudge;
    return Boolean(n) && (n.expires == null || durationOf(t) < n.expires);
  }

  function build(callId) {
    const btn = C.el("button", { type: "button", class: "tile", "data-call": callId },
      C.el("div", { class: "row" }, C.el("span", { class: "agent" }), C.el("span", { class: "dur muted" })),
      C.el("div", { class: "row" }, C.el("span", { class: "level none" }), C.el("span", { class: "trend" })),
      C.el("div", { class: "nudge-line" }),
      C.el("div", { class: "counts" }));
    btn.addEventListener("click", () => follow(callId));
    return btn;
  }

  function paint(t) {
    const d = t.data;
    const el = t.el;
    el.className = `tile ${d.level || ""} ${d.status !== "live" ? "ended" : ""} ${following && following.callId === d.call_id ? "selected" : ""}`;
    el.querySelector(".agent").textContent = d.agent_id;
    el.querySelector(".dur").textContent = d.status === "live" ? C.clock(durationOf(t)) : (d.status === "incomplete" ? "cut short" : "ended");
    C.levelBadge(el.querySelector(".level"), d.level);
    const trend = el.querySelector(".trend");
    trend.className = `trend ${d.level ? d.trend : ""}`;
    trend.textContent = d.level ? C.TREND_TEXT[d.trend] || "" : "";
    el.querySelector(".nudge-line").textContent = nudgeShown(t) ? `Nudge: ${d.nudge.text}` : "";
    const i = d.interruptions || {};
    el.querySelector(".counts").textContent =
      `Interruptions: agent ${i.agent || 0} · customer ${i.customer || 0} · talk ${Math.round(100 * ((d.talk_ratio || {}).agent || 0))}% agent`;
    const level = d.level ? C.LEVEL_TEXT[d.level] : "no escalation reading";
    el.setAttribute("aria-label",
      `Agent ${d.agent_id}, ${level}${d.level ? ", " + d.trend : ""}, ${C.clock(durationOf(t))}` +
      `${nudgeShown(t) ? ", nudge " + d.nudge.text : ""}, interruptions agent ${i.agent || 0} customer ${i.customer || 0}. Press Enter to follow.`);
    el.dataset.level = d.level || "";
    el.dataset.status = d.status;
  }

  function upsert(data) {
    let t = tiles.get(data.call_id);
    if (!t) {
      t = { data, el: build(data.call_id), wall: performance.now() };
      tiles.set(data.call_id, t);
    }
    t.data = data;
    t.wall = performance.now();
    paint(t);
    if (data.emitted) {
      requestAnimationFrame(() => metrics.tileLatencyMs.push(C.nowMs() - data.emitted));
    }
  }

  function remove(callId) {
    const t = tiles.get(callId);
    if (!t) return;
    t.el.remove();
    tiles.delete(callId);
  }

  function arrange() {
    const sorted = [...tiles.values()].sort((a, b) => (b.data.hot - a.data.hot) || (a.data.started_at - b.data.started_at));
    const ids = sorted.map((t) => t.data.call_id);
    const box = $("tiles");
    if (ids.join() !== order.join() || box.children.length !== ids.length) {
      const focused = document.activeElement;
      for (const t of sorted) box.append(t.el);
      if (focused && box.contains(focused)) focused.focus();
      order = ids;
    }
    const live = sorted.filter((t) => t.data.status === "live").length;
    $("count").textContent = `${live} live call${live === 1 ? "" : "s"}`;
    $("count").className = live ? "pill live" : "pill";
    $("no-calls").hidden = sorted.length > 0;
  }

  setInterval(() => {
    for (const t of tiles.values()) {
      if (t.data.status !== "live") continue;
      t.el.querySelector(".dur").textContent = C.clock(durationOf(t));
      if (t.data.nudge && !nudgeShown(t)) t.el.querySelector(".nudge-line").textContent = "";
    }
  }, 1000);

  // -- alerts -------------------------------------------------------------------------------------
  function alert(msg) {
    metrics.alerts += 1;
    if (msg.tile) { upsert(msg.tile); arrange(); }
    const box = $("alerts");
    const note = C.el("div", { class: "alert", role: "alert" },
      C.el("span", { text: `\u26A0 Escalated: agent ${msg.agent_id}'s customer is escalated (${C.clock(msg.at)} into the call)` }),
      C.el("button", { type: "button", onclick: () => follow(msg.call_id) }, "Follow call"),
      C.el("button", { type: "button", "aria-label": "Dismiss alert", onclick: (e) => e.target.closest(".alert").remove() }, "Dismiss"));
    box.prepend(note);
    while (box.children.length > 5) box.lastElementChild.remove();
  }

  // -- following one call ------------------------------------------------------------------------
  function follow(callId) {
    unfollow();
    const t = tiles.get(callId);
    following = { callId, stream: null, partial: {} };
    $("follow").hidden = false;
    $("layout").classList.add("following");
    $("follow-heading").textContent = `Following agent ${t ? t.data.agent_id : ""}`;
    $("follow-meta").textContent = `Call ${callId}`;
    $("follow-transcript").replaceChildren(C.el("p", { class: "empty", text: "No transcript yet." }));
    $("follow-events").replaceChildren();
    for (const x of tiles.values()) paint(x);
    following.stream = C.stream(`/ws/calls/${encodeURIComponent(callId)}`, onFollow, (state, reason) => {
      if (state === "refused") $("follow-meta").textContent = reason || "This call is no longer live.";
    });
    $("follow-close").focus();
  }

  function unfollow() {
    if (!following) return;
    following.stream.close();
    const callId = following.callId;
    following = null;
    $("follow").hidden = true;
    $("layout").classList.remove("following");
    for (const x of tiles.values()) paint(x);
    const t = tiles.get(callId);
    if (t) t.el.focus();
  }

  function describe(ev) {
    switch (ev.type) {
      case "nudge": return `Nudge: ${ev.text}`;
      case "overlap": return `${C.SPEAKER[ev.by] || ev.by} ${ev.kind === "interruption" ? "interrupted" : ev.kind === "backchannel" ? "backchannel" : "talked over"}`;
      case "escalation": return `Customer ${C.LEVEL_TEXT[ev.level] || ev.level}${ev.score != null ? ` (${ev.score.toFixed(2)})` : ""}`;
      case "dead_air": return `Dead air ${(ev.end - ev.t).toFixed(1)} s`;
      case "monologue": return `${C.SPEAKER[ev.speaker]} monologue ${(ev.end - ev.t).toFixed(0)} s`;
      case "call.end": return "Call ended";
      case "call.start": return "Call started";
      case "stream": return `Stream: ${ev.kind}`;
      default: return null;
    }
  }

  let lastLevel = null;
  function onFollowEvent(ev) {
    if (ev.type === "transcript") {
      const box = $("follow-transcript");
      const empty = box.querySelector(".empty");
      if (empty) empty.remove();
      const sp = ev.speaker === "customer" ? "customer" : "agent";
      const key = ev.utt || sp;
      let line = following.partial[key];
      if (!line) {
        line = C.el("div", { class: `line ${sp}` }, C.el("span", { class: "who", text: C.SPEAKER[sp] }), C.el("span", { class: "words" }));
        box.append(line);
      }
      line.querySelector(".words").textContent = ev.text || "";
      line.classList.toggle("partial", !ev.final);
      if (ev.final) delete following.partial[key];
      else following.partial[key] = line;
      box.scrollTop = box.scrollHeight;
      return;
    }
    if (ev.type === "escalation") {
      if (ev.level === lastLevel) return; // list level changes only
      lastLevel = ev.level;
    }
    const text = describe(ev);
    if (!text) return;
    const list = $("follow-events");
    list.append(C.el("li", {}, C.el("span", { class: "t", text: C.clock(ev.t) }), text));
    while (list.children.length > 300) list.firstElementChild.remove();
    list.scrollTop = list.scrollHeight;
  }

  function onFollow(msg) {
    if (!following) return;
    if (msg.kind === "snapshot") {
      lastLevel = null;
      for (const c of msg.calls) for (const m of c.events) onFollowEvent(m.event);
    } else if (msg.kind === "event") {
      onFollowEvent(msg.event);
    } else if (msg.kind === "call") {
      $("follow-meta").textContent = `Call ${msg.tile.call_id} · ${msg.tile.status === "live" ? "live" : "ended"}`;
    }
  }

  // -- stream ----------------------------------------------------------------------------------------
  function onMessage(msg) {
    if (msg.kind === "floor") {
      for (const id of [...tiles.keys()]) remove(id);
      for (const t of msg.tiles) upsert(t);
      arrange();
    } else if (msg.kind === "tiles") {
      metrics.batches += 1;
      for (const t of msg.tiles) upsert(t);
      for (const id of msg.removed || []) remove(id);
      arrange();
    } else if (msg.kind === "alert") {
      alert(msg);
    }
  }

  function onState(state, reason) {
    const conn = $("conn");
    if (state === "open") { conn.hidden = true; C.showError(""); return; }
    conn.hidden = false;
    conn.className = "pill warn";
    conn.textContent = state === "refused" ? "Not allowed" : "Reconnecting…";
  }

  // -- keyboard ----------------------------------------------------------------------------------
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "Escape" && following) { unfollow(); return; }
    if (e.key.toLowerCase() === "a" && !(e.target instanceof HTMLInputElement)) {
      const first = document.querySelector("#alerts .alert button");
      if (first) first.focus();
      return;
    }
    const tile = e.target.closest && e.target.closest(".tile");
    if (!tile) return;
    const all = [...$("tiles").children];
    const i = all.indexOf(tile);
    const perRow = Math.max(1, Math.round($("tiles").clientWidth / tile.offsetWidth));
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: perRow, ArrowUp: -perRow }[e.key];
    if (step) {
      e.preventDefault();
      const next = all[Math.max(0, Math.min(all.length - 1, i + step))];
      if (next) next.focus();
    }
  });
  $("follow-close").addEventListener("click", unfollow);

  C.api("/api/whoami")
    .then((me) => {
      if (me.role !== "team_lead") throw new C.ApiError(403, "forbidden", "the floor needs a team-lead token");
      C.stream("/ws/floor", onMessage, onState);
    })
    .catch((err) => {
      $("count").textContent = "Not connected";
      C.showError(`Access denied: ${err.message}`);
    });
})();
