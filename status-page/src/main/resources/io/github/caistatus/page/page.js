(function () {
  "use strict";
  var url = document.body.getAttribute("data-events");
  var updated = document.getElementById("updated");
  if (!url || !window.EventSource || !updated) { return; }
  var lastHeard = Date.now(), lost = false, lostAt = null, lastDays = null;
  function put(id, html) { var el = document.getElementById(id); if (el && html != null) { el.innerHTML = html; } }
  function heard() {
    lastHeard = Date.now();
    if (lost) { lost = false; updated.classList.remove("lost"); setBanner(false); }
  }
  function setBanner(stale) { var b = document.querySelector("#banner .banner"); if (b) { b.classList.toggle("stale", stale); } }
  function lose() {
    if (lost) { return; }
    lost = true; lostAt = new Date();
    updated.classList.add("lost");
    updated.textContent = "Lost contact with this page's server at " + lostAt.toISOString().slice(11, 19)
      + " UTC. What you see may be out of date; trying to reconnect\u2026";
    setBanner(true);
  }
  var source = new EventSource(url);
  source.addEventListener("status", function (e) {
    var d;
    try { d = JSON.parse(e.data); } catch (err) { return; }
    put("banner", d.banner); put("signal-list", d.signals); put("maintenance-list", d.maintenance);
    // the bars only when they changed, and never from under the keyboard's focus
    var days = document.getElementById("days-body");
    if (days && d.days !== lastDays && !days.contains(document.activeElement)) {
      put("days-body", d.days);
      lastDays = d.days;
    }
    heard();
    updated.innerHTML = d.updated;
    document.documentElement.setAttribute("data-health", d.health);
  });
  source.addEventListener("tick", heard);
  source.onerror = function () { if (source.readyState !== 1) { lose(); } };
  source.onopen = heard;
  // a server that stops talking without closing: ticks come every few seconds
  setInterval(function () { if (Date.now() - lastHeard > 15000) { lose(); } }, 2000);
})();
