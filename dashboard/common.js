/* Shared helpers of the coach pages: the access token, JSON API calls, a self-reconnecting
   websocket, formatting, and the level / severity labels (always text as well as colour). */
"use strict";

window.Coach = (function () {
  const params = new URLSearchParams(location.search);
  const tokenFromUrl = params.get("token");
  if (tokenFromUrl) sessionStorage.setItem("coach-token", tokenFromUrl);
  const token = tokenFromUrl || sessionStorage.getItem("coach-token") || "";

  const LEVEL_TEXT = { calm: "Calm", tense: "Tense", escalated: "Escalated" };
  const TREND_TEXT = { rising: "\u2197 rising", falling: "\u2198 easing", steady: "\u2192 steady" };

  /** A same-origin link carrying the token, e.g. withToken("/calls/abc"). */
  function withToken(path, extra) {
    const q = new URLSearchParams(extra || {});
    if (token) q.set("token", token);
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  }

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /** GET/POST JSON; throws ApiError with the server's message. */
  async function api(path, options) {
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const init = Object.assign({ headers }, options || {});
    if (init.body && typeof init.body !== "string") {
      init.body = JSON.stringify(init.body);
      headers["Content-Type"] = "application/json";
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, "network", "cannot reach the coach server");
    }
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const err = (body && body.error) || {};
      throw new ApiError(res.status, err.code || "error", err.message || `HTTP ${res.status}`);
    }
    return body;
  }

  /** Show a message in the page's error banner (role=alert); empty hides it. */
  function showError(message) {
    const el = document.getElementById("error");
    if (!el) return;
    el.textContent = message || "";
    el.hidden = !message;
  }

  /** A websocket that reconnects with backoff. onMessage(obj); onState("open"|"closed"|"refused", reason). */
  function stream(path, onMessage, onState) {
    let ws = null;
    let delay = 500;
    let stopped = false;
    function open() {
      const proto = location.protocol === "https:" ? "wss:" : "ws:";
      ws = new WebSocket(`${proto}//${location.host}${withToken(path)}`);
      ws.onopen = () => { delay = 500; onState && onState("open"); };
      ws.onmessage = (ev) => {
        let msg;
        try { msg = JSON.parse(ev.data); } catch (e) { return; }
        onMessage(msg);
      };
      ws.onclose = (ev) => {
        if (stopped) return;
        if (ev.code === 4403 || ev.code === 4404) {
          onState && onState("refused", ev.reason);
          return;
        }
        onState && onState("closed", ev.reason || "connection lost");
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 8000);
      };
    }
    open();
    return { close() { stopped = true; if (ws) ws.close(); } };
  }

  function clock(seconds) {
    if (seconds == null || !isFinite(seconds)) return "--:--";
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const r = String(s % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${r}` : `${m}:${r}`;
  }

  function levelBadge(el, level) {
    el.className = `level ${level || "none"}`;
    el.textContent = level ? LEVEL_TEXT[level] || level : "No reading yet";
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  }

  /** Wall time in ms with sub-millisecond precision (same clock as the server's `emitted`). */
  function nowMs() { return performance.timeOrigin + performance.now(); }

  const SPEAKER = { agent: "Agent", customer: "Customer" };
  const NUDGE_NAMES = {
    stop_interrupting: "Stop interrupting",
    let_them_finish: "Let them finish",
    pause_and_breathe: "Pause and breathe",
    dead_air: "Dead air",
    long_monologue: "Long monologue",
    positive_language: "Positive language",
    avoid_calm_down: "Avoid \u201ccalm down\u201d",
    mirror_complaint: "Mirror the complaint",
    acknowledge_feelings: "Acknowledge feelings",
    over_apologizing: "Over-apologising",
    slow_down: "Slow down",
    check_anything_else: "Anything else?",
  };

  /** A nudge kind in words (unknown kinds: underscores to spaces). */
  function nudgeName(kind) {
    if (NUDGE_NAMES[kind]) return NUDGE_NAMES[kind];
    const words = String(kind || "").replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /** Why a nudge or moment fired, in plain words: the event's `reason` (every kind has one since the
      unified payload), else its evidence's `reason` or `why` (events stored before). */
  function nudgeReason(ev) {
    const evidence = (ev && ev.evidence) || {};
    return (ev && ev.reason) || evidence.reason || evidence.why || "";
  }

  const OUTCOME_TEXT = { shown: "Shown", folded: "Listed under another nudge", expired: "Not shown in time",
    suppressed: "Withdrawn" };

  /** A moment's outcome in words (cue events: shown, folded, expired, suppressed). */
  function outcomeName(outcome) { return OUTCOME_TEXT[outcome] || String(outcome || ""); }

  return { token, withToken, api, ApiError, showError, stream, clock, levelBadge, el, nowMs,
           LEVEL_TEXT, TREND_TEXT, SPEAKER, NUDGE_NAMES, nudgeName, nudgeReason, outcomeName };
})();
