// Live "time left" on the upload form: each .deadline-countdown carries data-deadline (ISO 8601).
(function () {
  "use strict";
  // The unit abbreviations come translated from the template: data-units="d|h|min|s".
  function span(ms, units) {
    var u = (units || "d|h|min|s").split("|");
    var s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600);
    var m = Math.floor((s % 3600) / 60), sec = s % 60;
    return (d ? d + " " + u[0] + " " : "") + h + " " + u[1] + " " + m + " " + u[2] + " " + sec + " " + u[3];
  }
  function tick() {
    document.querySelectorAll(".deadline-countdown").forEach(function (el) {
      var left = new Date(el.dataset.deadline) - new Date();
      if (left < 0) {
        el.textContent = el.dataset.passedText || "The deadline has passed";
        el.classList.replace("text-bg-success", "text-bg-danger");
      } else {
        el.textContent = span(left, el.dataset.units) + " " + (el.dataset.leftText || "left");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector(".deadline-countdown")) { tick(); setInterval(tick, 1000); }
  });
})();
