/* Report editor: kind-dependent fields (rich text and the document-reference picker:
   static/js/rich_text.js; confirmations: static/js/confirm.js). Event delegation, so forms swapped in by htmx work too. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    if (event.target.matches(".r-block-form select[name$=kind]")) {
      showFieldsForKind(event.target.closest(".r-block-form"));
    }
  });

  function showFieldsForKind(form) {
    if (!form) { return; }
    var select = form.querySelector("select[name$=kind]");
    var kind = select ? select.value : "paragraph";
    form.querySelectorAll(".r-fields-statement").forEach(function (el) { el.classList.toggle("d-none", kind !== "statement"); });
    form.querySelectorAll(".r-fields-action").forEach(function (el) { el.classList.toggle("d-none", kind !== "action"); });
  }

  function init(root) { (root || document).querySelectorAll(".r-block-form").forEach(showFieldsForKind); }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
