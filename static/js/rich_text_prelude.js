/* Runs before the editor module: an empty <style data-tiptap-style> that Tiptap finds and reuses,
   so it does not inject its own inline stylesheet (refused by the CSP). Its rules are served
   from static/css/rich_text.css. */
if (!document.querySelector("style[data-tiptap-style]")) {
  const placeholder = document.createElement("style");
  placeholder.setAttribute("data-tiptap-style", "");
  document.head.append(placeholder);
}
