/* Agenda editor: drag-and-drop nesting/reordering (Sortable) posted through htmx, and the
   "add a sub-item" shortcut. The server re-renders the editor (numbers, revision) after each
   change; a stale revision comes back as 409 with the current version and a message. */
(function () {
  "use strict";

  // Show the server's answer for a refused (409) or invalid (422) change instead of dropping it.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409", swap: true, error: false },
    { code: "422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];

  function treeOrder(editor) {
    var pairs = [];
    editor.querySelectorAll("li.agenda-node").forEach(function (li) {
      var parent = li.parentElement.closest("li.agenda-node");
      pairs.push(li.dataset.itemId + ":" + (parent ? parent.dataset.itemId : ""));
    });
    return pairs.join(",");
  }

  function submitOrder() {
    var editor = document.getElementById("agenda-editor");
    var form = document.getElementById("agenda-reorder-form");
    if (!editor || !form) return;
    form.querySelector("[name=order]").value = treeOrder(editor);
    htmx.trigger(form, "submit");
  }

  function initSortable(root) {
    if (typeof Sortable === "undefined") return;
    root.querySelectorAll("ol.agenda-tree").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      Sortable.create(list, {
        group: "agenda",
        handle: ".drag-handle",
        animation: 150,
        forceFallback: true, // mouse/touch events: same behaviour in every browser and in tests
        fallbackOnBody: true,
        swapThreshold: 0.65,
        emptyInsertThreshold: 8,
        onEnd: function (evt) {
          if (evt.from !== evt.to || evt.oldIndex !== evt.newIndex) submitOrder();
        },
      });
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-under]");
    if (!button) return;
    var select = document.getElementById("id_new-parent");
    var title = document.getElementById("id_new-title");
    if (select) select.value = button.dataset.addUnder;
    if (title) {
      title.focus();
      title.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });

  // Set up the lists on page load and whenever the editor is swapped in again (an outerHTML
  // swap replaces them); lists already set up are skipped.
  function setUp() {
    initSortable(document);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
  new MutationObserver(setUp).observe(document.body, { childList: true, subtree: true });
})();
