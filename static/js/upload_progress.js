// Upload progress for forms marked data-upload-progress: with a file chosen, the form is sent
// with XMLHttpRequest so a progress bar can follow the upload; the answer replaces the page as a
// normal post would (the document page after a redirect, or the form again with its errors).
// Without JavaScript, or without a file, the form posts as usual.
(function () {
  "use strict";
  function progressBar(form) {
    var bar = form.querySelector(".upload-progress");
    if (bar) { return bar; }
    bar = document.createElement("div");
    bar.className = "upload-progress mt-2";
    bar.setAttribute("role", "status");
    var progress = document.createElement("progress");
    progress.max = 100;
    progress.value = 0;
    progress.className = "w-100";
    var label = document.createElement("div");
    label.className = "small text-body-secondary upload-progress-label";
    bar.appendChild(progress);
    bar.appendChild(label);
    form.appendChild(bar);
    return bar;
  }
  function show(html, url) {
    document.open();
    document.write(html);
    document.close();
    if (url && window.history && history.replaceState) { history.replaceState(null, "", url); }
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-upload-progress]") || !window.FormData) { return; }
    var input = form.querySelector("input[type=file]");
    if (!input || !input.files || !input.files.length) { return; }
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) { data.append(event.submitter.name, event.submitter.value); }
    form.querySelectorAll("[type=submit]").forEach(function (b) { b.disabled = true; });
    var bar = progressBar(form);
    var progress = bar.querySelector("progress");
    var label = bar.querySelector(".upload-progress-label");
    var text = form.dataset.uploadProgress || "{percent}%";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.round((e.loaded / e.total) * 100);
      progress.value = percent;
      label.textContent = text.replace("{percent}", percent);
    });
    xhr.addEventListener("load", function () { show(xhr.responseText, xhr.responseURL); });
    xhr.addEventListener("error", function () {
      // The connection failed: let the browser post the form itself (it shows its own error).
      form.removeAttribute("data-upload-progress");
      form.querySelectorAll("[type=submit]").forEach(function (b) { b.disabled = false; });
      label.textContent = form.dataset.uploadFailed || "";
    });
    xhr.send(data);
  });
})();
