/* Start page: links that carry the token, and a box to open an agent page. */
"use strict";

(function () {
  const C = window.Coach;
  document.getElementById("floor-link").href = C.withToken("/floor");
  document.getElementById("calls-link").href = C.withToken("/calls");
  document.getElementById("agent-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const id = document.getElementById("agent-id").value.trim();
    if (id) location.href = C.withToken(`/agent/${encodeURIComponent(id)}`);
  });
})();
