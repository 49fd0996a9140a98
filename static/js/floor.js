/* The meeting in session: follow a sitting live, and the speaker's clock.
 *
 * Every element with data-floor-poll is refreshed from that URL once a second. The request
 * carries the ETag of what is shown, so an unchanged sitting answers 304 (no body) and nothing
 * is touched; a change answers 200 with the new fragment. A field being filled in inside the
 * element is never replaced under the user's fingers: the swap waits for the next tick.
 * Clocks (data-started, data-ends: epoch seconds by the server's clock, data-server-now) tick
 * locally, corrected by the difference between the server's clock and this one.
 */
(function () {
  "use strict";
  var POLL_MS = 1000;

  function busyInside(el) {
    var active = document.activeElement;
    return active && el.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
  }

  function startPoller(el) {
    if (el.dataset.floorPolling) { return; }
    el.dataset.floorPolling = "1";
    var etag = null;
    var inFlight = false;
    function tick() {
      if (inFlight || !document.body.contains(el) || document.hidden) { return; }
      inFlight = true;
      var headers = etag ? { "If-None-Match": etag } : {};
      fetch(el.dataset.floorPoll, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status !== 200) { return null; }
          var next = response.headers.get("ETag");
          return response.text().then(function (html) {
            if (busyInside(el)) { return; }
            el.innerHTML = html;
            etag = next;
            if (window.htmx) { window.htmx.process(el); }
            initClocks(el);
          });
        })
        .catch(function () { /* offline for a moment: the next tick tries again */ })
        .then(function () { inFlight = false; });
    }
    tick();
    window.setInterval(tick, POLL_MS);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(seconds) {
    var sign = seconds < 0 ? "+" : "";
    var s = Math.abs(Math.round(seconds));
    return sign + Math.floor(s / 60) + ":" + pad(s % 60);
  }

  function initClocks(root) {
    root.querySelectorAll("[data-server-now]").forEach(function (clock) {
      clock.dataset.skewMs = String(parseFloat(clock.dataset.serverNow) * 1000 - Date.now());
    });
    updateClocks();
  }

  function updateClocks() {
    document.querySelectorAll("[data-skew-ms]").forEach(function (clock) {
      var now = (Date.now() + parseFloat(clock.dataset.skewMs)) / 1000;
      if (clock.dataset.ends) {
        var left = parseFloat(clock.dataset.ends) - now;
        clock.textContent = format(left);
        clock.classList.toggle("floor-clock-over", left < 0);
        clock.classList.toggle("floor-clock-low", left >= 0 && left < 30);
      } else {
        clock.textContent = format(now - parseFloat(clock.dataset.started));
      }
    });
  }

  function init(root) {
    root.querySelectorAll("[data-floor-poll]").forEach(startPoller);
    if (root.matches && root.matches("[data-floor-poll]")) { startPoller(root); }
    initClocks(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    if (window.htmx) { window.htmx.onLoad(init); }
    window.setInterval(updateClocks, 250);
  });
})();
