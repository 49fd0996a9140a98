/* The meeting in session: follow a sitting live, and the speaker's clock.
 *
 * The meeting page's live panel ([data-floor-follow]) is fetched once with the session; it holds
 * the reader's own buttons ([data-floor-personal]) and the public part ([data-floor-watch]), whose
 * watch URL is then polled once a second without cookies (floor/live.py): the request carries the
 * ETag of what is shown, so an unchanged sitting answers 304 (no body); a change answers the new
 * public part. The reader's own part is fetched again with the session only when what it depends
 * on (each sitting, whether its list is closed, the reader's delegation's waiting requests) reads
 * differently in the new public part, or when the watch URL is refused (expired).
 * Elements with data-floor-poll (the chair's screen) are refreshed from that URL once a second
 * with the session, the same way. A field being filled in inside the element is never replaced
 * under the user's fingers: the swap waits for the next tick.
 * Clocks (data-started, data-ends: epoch seconds by the server's clock; the nearest
 * data-server-now: the server's clock when it was sent) tick locally, corrected by the difference
 * between the server's clock and this one.
 */
(function () {
  "use strict";
  var POLL_MS = 1000;

  function busyInside(el) {
    var active = document.activeElement;
    return active && el.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName);
  }

  function swap(el, html) {
    el.innerHTML = html;
    if (window.htmx) { window.htmx.process(el); }
    initClocks(el);
  }

  // Repeats `step` (which returns a promise) every POLL_MS while `el` is in the page, one at a time.
  function every(el, step) {
    var inFlight = false;
    var timer = null;
    function tick() {
      if (!document.body.contains(el)) { window.clearInterval(timer); return; }
      if (inFlight || document.hidden) { return; }
      inFlight = true;
      step().catch(function () { /* offline for a moment: the next tick tries again */ })
        .then(function () { inFlight = false; });
    }
    tick();
    timer = window.setInterval(tick, POLL_MS);
  }

  function startPoller(el) {
    if (el.dataset.floorPolling) { return; }
    el.dataset.floorPolling = "1";
    var etag = null;
    every(el, function () {
      var headers = etag ? { "If-None-Match": etag } : {};
      return fetch(el.dataset.floorPoll, { headers: headers, cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status !== 200) { return null; }
          var next = response.headers.get("ETag");
          return response.text().then(function (html) {
            if (busyInside(el)) { return; }
            swap(el, html);
            etag = next;
          });
        });
    });
  }

  // The state the reader's own part was rendered for, read from the public part as the server
  // writes it (floor/live.py, personal_state).
  function personalState(personal, watch) {
    var asks = (personal.dataset.asks || "").split(" ").filter(Boolean);
    var own = personal.dataset.delegation;
    var parts = [];
    watch.querySelectorAll("[data-sitting]").forEach(function (sitting) {
      var pk = sitting.dataset.sitting;
      if (asks.indexOf(pk) < 0) { parts.push(pk); return; }
      var mine = [];
      sitting.querySelectorAll("[data-request]").forEach(function (request) {
        if (own && request.dataset.delegation === own) { mine.push(request.dataset.request); }
      });
      parts.push(pk + ":" + sitting.dataset.listClosed + ":" + mine.join(","));
    });
    return parts.join(";");
  }

  function startFollower(el) {
    if (el.dataset.floorFollowing) { return; }
    el.dataset.floorFollowing = "1";

    function refresh() {
      return fetch(el.dataset.floorFollow, { cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.status !== 200) { return null; }
          return response.text().then(function (html) { if (!busyInside(el)) { swap(el, html); } });
        });
    }

    function watchOnce(watch) {
      var headers = watch.dataset.etag ? { "If-None-Match": watch.dataset.etag } : {};
      return fetch(watch.dataset.floorWatch, { headers: headers, cache: "no-store", credentials: "omit" })
        .then(function (response) {
          if (response.status === 304) { return null; }
          if (response.status !== 200) { return refresh(); }
          return response.text().then(function (html) {
            watch.innerHTML = html;
            watch.dataset.etag = response.headers.get("ETag") || "";
            watch.dataset.serverNow = response.headers.get("X-Server-Now") || watch.dataset.serverNow;
            initClocks(watch);
            var personal = el.querySelector("[data-floor-personal]");
            if (personal && personalState(personal, watch) !== personal.dataset.state) { return refresh(); }
            return null;
          });
        });
    }

    every(el, function () {
      var watch = el.querySelector("[data-floor-watch]");
      return watch ? watchOnce(watch) : refresh();
    });
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(seconds) {
    var sign = seconds < 0 ? "+" : "";
    var s = Math.abs(Math.round(seconds));
    return sign + Math.floor(s / 60) + ":" + pad(s % 60);
  }

  function initClocks(root) {
    root.querySelectorAll("[data-started]").forEach(function (clock) {
      var holder = clock.closest("[data-server-now]");
      var serverNow = holder ? parseFloat(holder.dataset.serverNow) : NaN;
      clock.dataset.skewMs = String(isNaN(serverNow) ? 0 : serverNow * 1000 - Date.now());
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
    root.querySelectorAll("[data-floor-follow]").forEach(startFollower);
    if (root.matches && root.matches("[data-floor-poll]")) { startPoller(root); }
    if (root.matches && root.matches("[data-floor-follow]")) { startFollower(root); }
    initClocks(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    if (window.htmx) { window.htmx.onLoad(init); }
    window.setInterval(updateClocks, 250);
  });
})();
