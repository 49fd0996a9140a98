// Live "time left" on the upload form: each .deadline-countdown carries data-deadline (ISO 8601).
(function () {
  "use strict";
  function span(ms) {
    var s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600);
    var m = Math.floor((s % 3600) / 60), sec = s % 60;
    return (d ? d + " d " : "") + h + " h " + m + " min " + sec + " s";
  }
  function tick() {
    document.querySelectorAll(".deadline-countdown").forEach(function (el) {
      var left = new Date(el.dataset.deadline) - new Date();
      if (left < 0) {
        el.textContent = el.dataset.passedText || "The deadline has passed";
        el.classList.replace("text-bg-success", "text-bg-danger");
      } else {
        el.textContent = span(left) + " " + (el.dataset.leftText || "left");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector(".deadline-countdown")) { tick(); setInterval(tick, 1000); }
  });
})();
