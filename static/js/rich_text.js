/* Rich-text fields (django-prose-editor, loaded through the import map of
   templates/includes/rich_text_media.html): editors for the textareas present at load and for
   those htmx swaps in later; the document-reference picker inserts a symbol where the cursor is. */
import "./rich_text_prelude.js";
import { createEditor } from "django-prose-editor/configurable";

const SELECTOR = "[data-django-prose-editor-configurable]";
const editors = new Map(); // textarea id -> editor

document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  editors.set(textarea.id, editor);
  textarea.closest(".prose-editor")?.setAttribute("data-testid", "rich-text-" + textarea.id);
});

function start(root) {
  root.querySelectorAll(SELECTOR).forEach((textarea) => { createEditor(textarea); });
}

document.addEventListener("htmx:afterSwap", (event) => { start(event.target); });

document.addEventListener("change", (event) => {
  const picker = event.target.closest(".r-symbol-picker");
  if (!picker || !picker.value) { return; }
  const editor = editors.get(picker.dataset.target);
  if (editor) { editor.chain().focus().insertContent(picker.value).run(); }
  picker.value = "";
});

start(document); // the module itself loads deferred: the textareas of the page are there
