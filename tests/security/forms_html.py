"""Read a rendered page's forms: field names and the values the page itself offers for them."""

from collections import defaultdict
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # (target, {name: [offered values]})
        self._fields = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = defaultdict(list)
            self.forms.append((attrs.get("action") or attrs.get("hx-post") or "", self._fields))
        elif self._fields is None or not attrs.get("name") and tag != "option":
            return
        elif tag in {"input", "textarea"}:
            self._fields[attrs["name"]].extend([attrs["value"]] if attrs.get("value") else [])
        elif tag == "select":
            self._select = attrs["name"]
            self._fields[self._select]
        elif tag == "option" and self._select and attrs.get("value"):
            self._fields[self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._fields = None


def form_fields(html, target):
    """{field name: [values the page offers]} of the form that posts to `target` (a path)."""
    reader = _FormReader()
    reader.feed(html)
    for action, fields in reader.forms:
        if action == target:
            fields.pop("csrfmiddlewaretoken", None)
            return dict(fields)
    raise AssertionError(f"no form posting to {target}; forms: {[a for a, _ in reader.forms]}")
