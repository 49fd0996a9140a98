/* Confirmation before an irreversible step. A form with data-confirm="what will happen" opens a
   <dialog> that says it (title: data-confirm-title; buttons: data-confirm-ok, data-confirm-cancel;
   data-confirm-include="id" copies that element's content in, e.g. the redline being approved).
   The text is computed by the server; this script only shows it. Event delegation, so forms
   swapped in by htmx work too. Without JavaScript the form submits as before. */
(function () {
  "use strict";

  var dialog = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function build() {
    dialog = el("dialog", "confirm-dialog");
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("data-testid", "confirm-dialog");
    var title = el("h2", "h5 confirm-dialog-title");
    title.id = "confirm-dialog-title";
    var body = el("div", "confirm-dialog-body");
    var text = el("p", "confirm-dialog-text");
    text.setAttribute("data-testid", "confirm-text");
    var extra = el("div", "confirm-dialog-include");
    body.append(text, extra);
    var buttons = el("div", "confirm-dialog-buttons d-flex flex-wrap justify-content-end gap-2");
    var cancel = el("button", "btn btn-outline-secondary");
    cancel.type = "button";
    cancel.value = "cancel";
    cancel.setAttribute("data-testid", "confirm-cancel");
    var ok = el("button", "btn btn-primary");
    ok.type = "button";
    ok.setAttribute("data-testid", "confirm-ok");
    buttons.append(cancel, ok);
    dialog.append(title, body, buttons);
    document.body.append(dialog);
    cancel.addEventListener("click", function () { dialog.close("cancel"); });
    ok.addEventListener("click", function () { dialog.close("ok"); });
  }

  function ask(form, submitter) {
    if (!dialog) { build(); }
    dialog.querySelector(".confirm-dialog-title").textContent = form.dataset.confirmTitle || "";
    dialog.querySelector(".confirm-dialog-text").textContent = form.dataset.confirm;
    var extra = dialog.querySelector(".confirm-dialog-include");
    extra.replaceChildren();
    var source = form.dataset.confirmInclude && document.getElementById(form.dataset.confirmInclude);
    if (source) {
      var copy = source.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
      extra.append(copy);
    }
    var ok = dialog.querySelector("[data-testid=confirm-ok]");
    ok.textContent = form.dataset.confirmOk || (submitter && submitter.textContent) || "OK";
    ok.className = "btn " + (form.dataset.confirmDanger ? "btn-danger" : "btn-primary");
    dialog.querySelector("[data-testid=confirm-cancel]").textContent = form.dataset.confirmCancel || "Cancel";
    dialog.returnValue = "";
    dialog.addEventListener("close", function onClose() {
      dialog.removeEventListener("close", onClose);
      if (dialog.returnValue !== "ok") { return; }
      form.dataset.confirmed = "1";
      if (submitter) { form.requestSubmit(submitter); } else { form.requestSubmit(); }
    });
    dialog.showModal();
    dialog.querySelector("[data-testid=confirm-cancel]").focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-confirm]")) { return; }
    if (form.dataset.confirmed === "1") { delete form.dataset.confirmed; return; }
    if (event.submitter && event.submitter.dataset.confirmSkip) { return; }  // e.g. Preview: nothing irreversible
    event.preventDefault();
    event.stopImmediatePropagation();
    ask(form, event.submitter);
  }, true);
})();
