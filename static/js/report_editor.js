/* Report editor: formatting toolbar, document-reference picker, kind-dependent fields
   (confirmations: static/js/confirm.js). Event delegation, so forms swapped in by htmx work too. */
(function () {
  "use strict";

  function textareaFor(el) {
    var bar = el.closest("[data-target]");
    return bar ? document.getElementById(bar.getAttribute("data-target")) : null;
  }

  function replaceSelection(area, before, after, placeholder) {
    var start = area.selectionStart, end = area.selectionEnd;
    var selected = area.value.slice(start, end) || placeholder || "";
    area.value = area.value.slice(0, start) + before + selected + after + area.value.slice(end);
    area.focus();
    area.selectionStart = start + before.length;
    area.selectionEnd = start + before.length + selected.length;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function listOf(text, tag) {
    var lines = text.split(/\n+/).filter(function (l) { return l.trim(); });
    if (!lines.length) { lines = ["…"]; }
    return "<" + tag + ">\n" + lines.map(function (l) { return "  <li>" + l.trim() + "</li>"; }).join("\n") + "\n</" + tag + ">";
  }

  var TABLE = "<table>\n  <tr><th>…</th><th>…</th></tr>\n  <tr><td>…</td><td>…</td></tr>\n</table>";

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".r-toolbar button");
    if (!button) { return; }
    var area = textareaFor(button);
    if (!area) { return; }
    if (button.dataset.wrap) {
      replaceSelection(area, "<" + button.dataset.wrap + ">", "</" + button.dataset.wrap + ">", "text");
    } else if (button.dataset.list) {
      var start = area.selectionStart, end = area.selectionEnd;
      var list = listOf(area.value.slice(start, end), button.dataset.list);
      area.setSelectionRange(start, end);
      replaceSelection(area, list, "", "");
    } else if (button.dataset.link) {
      var url = window.prompt("URL (https://…)", "https://");
      if (url) { replaceSelection(area, '<a href="' + url.replace(/"/g, "") + '">', "</a>", "link text"); }
    } else if (button.dataset.table) {
      replaceSelection(area, TABLE, "", "");
    }
  });

  document.addEventListener("change", function (event) {
    var picker = event.target.closest(".r-symbol-picker");
    if (picker && picker.value) {
      var area = document.getElementById(picker.dataset.target);
      if (area) { replaceSelection(area, picker.value, "", ""); }
      picker.value = "";
      return;
    }
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
