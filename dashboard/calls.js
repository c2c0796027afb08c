/* Past calls: filter form -> GET /api/calls; the filters live in the page URL so a view can be shared. */
"use strict";

(function () {
  const C = window.Coach;
  const $ = (id) => document.getElementById(id);
  const form = $("filters");
  const PAGE = 50;
  let offset = 0;

  $("floor-link").href = C.withToken("/floor");
  const initial = new URLSearchParams(location.search);
  for (const el of form.elements) if (el.name && initial.has(el.name)) el.value = initial.get(el.name);

  function filters() {
    const q = {};
    for (const el of form.elements) if (el.name && el.value.trim()) q[el.name] = el.value.trim();
    return q;
  }

  function nudgeText(nudges) {
    const parts = Object.entries(nudges || {}).map(([k, n]) => `${C.nudgeName(k)} ×${n}`);
    return parts.length ? parts.join(", ") : "none";
  }

  function row(call) {
    const peak = C.el("span");
    C.levelBadge(peak, call.peak_level);
    const status = C.el("span", { class: call.status === "incomplete" ? "pill warn" : call.status === "live" ? "pill live" : "pill",
      text: call.status === "incomplete" ? "Incomplete" : call.status === "live" ? "Live" : "Complete" });
    const link = C.el("a", { href: C.withToken(`/calls/${encodeURIComponent(call.id)}`), text: "Review",
      "aria-label": `Review call ${call.id} of agent ${call.agent_id}` });
    return C.el("tr", { "data-call": call.id },
      C.el("td", { text: (call.started_at || "").replace("T", " ").replace("+00:00", "") }),
      C.el("td", { text: call.agent_id }),
      C.el("td", { class: "num", text: C.clock(call.duration_s) }),
      C.el("td", {}, peak),
      C.el("td", { text: nudgeText(call.nudges) }),
      C.el("td", { class: "num", text: String(call.interruptions) }),
      C.el("td", {}, status),
      C.el("td", {}, link));
  }

  async function load(append) {
    const q = filters();
    history.replaceState(null, "", C.withToken("/calls", q));
    try {
      const res = await C.api(`/api/calls?${new URLSearchParams({ ...q, limit: PAGE, offset })}`);
      C.showError("");
      const rows = $("rows");
      if (!append) rows.replaceChildren();
      for (const call of res.calls) rows.append(row(call));
      if (!rows.children.length) rows.append(C.el("tr", {}, C.el("td", { colspan: "8", class: "empty", text: "No calls match." })));
      $("count").textContent = `${res.total} call${res.total === 1 ? "" : "s"}`;
      $("more").hidden = offset + res.calls.length >= res.total;
    } catch (err) {
      C.showError(err.status === 401 || err.status === 403 ? `Access denied: ${err.message}` : err.message);
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); offset = 0; load(false); });
  form.addEventListener("reset", () => setTimeout(() => { offset = 0; load(false); }, 0));
  $("more").addEventListener("click", () => { offset += PAGE; load(true); });
  load(false);
})();
