// Searchable pickers for <select multiple data-picker> (Tom Select, vendored). Without JavaScript
// the plain multiple select works as before; with it the options keep their order (agenda order).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof TomSelect === "undefined") { return; }
    document.querySelectorAll("select[multiple][data-picker]").forEach(function (select) {
      new TomSelect(select, {
        plugins: ["remove_button"],
        maxOptions: null,
        hidePlaceholder: true,
        placeholder: select.dataset.placeholder || "",
        sortField: [{ field: "$order" }, { field: "$score" }],
        render: {
          no_results: function () {
            var div = document.createElement("div");
            div.className = "no-results";
            div.textContent = select.dataset.noResults || "No match";
            return div;
          }
        }
      });
    });
  });
})();
