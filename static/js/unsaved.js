/* Warn before leaving a page with unsaved changes: a form marked data-unsaved-warning becomes
   "dirty" on the first input or change in it (the rich-text editor reports its changes as input
   events on its textarea) and clean again when it is submitted. Leaving the page while a form is
   dirty (a link, reload, closing the tab) asks the browser's "Leave site?" question. */
(function () {
  "use strict";

  var dirty = new Set();

  function track(event) {
    var form = event.target.closest && event.target.closest("form[data-unsaved-warning]");
    if (form && event.isTrusted !== false) {
      dirty.add(form);
      form.setAttribute("data-dirty", "");
    }
  }

  document.addEventListener("input", track);
  document.addEventListener("change", function (event) {
    if (event.target.matches(".r-symbol-picker")) { return; } // inserting a symbol is an input of the editor
    track(event);
  });
  document.addEventListener("submit", function (event) {
    // Submitted: the text goes to the server (a refused save comes back in the page, nothing lost).
    dirty.delete(event.target);
    event.target.removeAttribute("data-dirty");
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    dirty.forEach(function (form) { if (!document.contains(form)) { dirty.delete(form); } });
    if (event.detail && event.detail.target) {
      dirty.forEach(function (form) { if (event.detail.target.contains(form)) { dirty.delete(form); } });
    }
  });
  // A form given back after a refused save holds text that is not saved yet: dirty from the start
  // (this script loads at the end of the body, after the forms).
  document.querySelectorAll('form[data-unsaved-warning="dirty"]').forEach(function (form) { dirty.add(form); });
  // A link that deliberately discards the unsaved text ("Discard mine, keep theirs") does not ask.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-discard-unsaved]")) { dirty.clear(); }
  });
  window.addEventListener("beforeunload", function (event) {
    dirty.forEach(function (form) { if (!document.contains(form)) { dirty.delete(form); } });
    if (dirty.size) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
