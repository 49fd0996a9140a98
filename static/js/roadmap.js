// Roadmap pages: confirmations and focus for the in-place cell editor (htmx does the requests).
(function () {
  "use strict";

  // Buttons with data-confirm ask before their form is sent.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // When a cell editor appears, put the cursor in its first field.
  document.addEventListener("htmx:afterSwap", function (event) {
    var field = event.target.querySelector(".roadmap-editor textarea, .roadmap-editor input:not([type=hidden]), .roadmap-editor select");
    if (field) { field.focus(); }
  });

  // The later rows of an Action Line, loaded in place of their "Show the other rows" button: the
  // keyboard goes on from the first of them (the button it was on is gone).
  document.addEventListener("htmx:load", function (event) {
    var later = event.detail.elt;
    if (!later.matches || !later.matches("tbody[id$='-later']")) { return; }
    var first = later.querySelector("tr");
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  });

  // Escape in an editor cancels it (its Cancel button reloads the stored value).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var editor = event.target.closest && event.target.closest(".roadmap-editor");
    if (editor) {
      var cancel = editor.querySelector("button[type=button]");
      if (cancel) { cancel.click(); }
    }
  });
})();

// A refused request (403, 404, 500) is not swapped in by htmx: say so inside the editor, keep the form.
document.addEventListener("htmx:responseError", function (event) {
  "use strict";
  var source = event.detail.elt;
  var box = source.closest("[data-error-message]");
  var editor = source.closest(".roadmap-editor") || source.closest("td");
  if (!box || !editor || editor.querySelector(".roadmap-request-error")) { return; }
  var alert = document.createElement("div");
  alert.className = "alert alert-danger small p-2 roadmap-request-error";
  alert.setAttribute("role", "alert");
  alert.textContent = box.getAttribute("data-error-message") + " (" + event.detail.xhr.status + ")";
  editor.prepend(alert);
});
