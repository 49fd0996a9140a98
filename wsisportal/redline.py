"""The one redline of the portal: what a newer version changes against an older one, part by part
(a report's paragraphs, an agenda's items, a roadmap's rows), with deleted words in <del> and
inserted words in <ins> inside each changed part.

Parts are matched by a stable key (a block's id, an item's lineage, a row's key) with difflib, so
a part keeps its place even when others are added or removed around it; inside a matched part
the words are compared (difflib again, over the tokens of its sanitised HTML). The marked-up
result keeps the newer part's tags (so its structure stays well nested) and is sanitised once
more with nh3 before it is marked safe: nothing in a part can inject markup through a diff.

Used by the chair's approval (reports), an agenda adopted "as amended" against its draft, and a
roadmap draft against the previous one; rendered by templates/includes/redline.html.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import nh3
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from reports.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

STATUSES = ("added", "removed", "changed", "moved", "same")
_TAGS = ALLOWED_TAGS | {"ins", "del", "span", "div", "h2", "h3"}
_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "a": {"href", "title", "class"}, "span": {"class"}, "ins": {"class"},
               "del": {"class"}}  # fmt: skip
# Tokens: a tag, an entity, white space, one CJK character (no spaces between words there), a
# word, or one punctuation mark (so "presented." -> "presented and noted." inserts two words).
_TOKEN_RE = re.compile(r"<[^>]+>|&#?\w+;|\s+|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|\w+|[^\w\s<]")


@dataclass(frozen=True)
class Part:
    """One comparable unit: `key` matches it across versions, `label` names it to the reader
    ("8.4.1", "C1 A2", "7c"), `html` is its sanitised HTML (see `text_part` for plain text)."""

    key: object
    label: str
    html: str
    heading: str = ""  # a title shown before the text (a section's or item's), compared too


@dataclass
class Change:
    status: str  # one of STATUSES ("moved": same text under a new label)
    label: str
    old_label: str
    html: str  # marked safe: the part with <ins>/<del>
    heading: str = ""
    notes: list = field(default_factory=list)  # e.g. the names of the fields that changed
    key: object = field(default=None, repr=False)
    part: object = field(default=None, repr=False)

    @property
    def is_change(self):
        return self.status != "same"


def text_part(key, label, text, heading=""):
    """A Part of plain text (agenda titles, roadmap cells): escaped, line breaks kept."""
    return Part(key, label, escape(text or "").replace("\n", "<br>"), escape(heading or ""))


def compare(old_parts, new_parts):
    """Changes in the newer version's order, each removed part where it stood in the older one."""
    old_parts, new_parts = list(old_parts), list(new_parts)
    matcher = SequenceMatcher(None, [p.key for p in old_parts], [p.key for p in new_parts], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [_pair(old, new) for old, new in zip(old_parts[i1:i2], new_parts[j1:j2], strict=True)]
            continue
        changes += [_whole(old, "removed") for old in old_parts[i1:i2]]
        changes += [_whole(new, "added") for new in new_parts[j1:j2]]
    return _moves_matched(changes)


def _moves_matched(changes):
    """A part that only moved (removed here, added there, same key) is one change, not two."""
    removed = {c.key: c for c in changes if c.status == "removed"}
    added = {c.key for c in changes if c.status == "added"}
    out = []
    for change in changes:
        if change.status == "removed" and change.key in added:
            continue
        if change.status == "added" and change.key in removed:
            change = _pair(removed[change.key].part, change.part)
            if change.status == "same":
                change.status = "moved"
        out.append(change)
    return out


def _pair(old, new):
    same_text = old.html == new.html and old.heading == new.heading
    if same_text:
        status = "same" if old.label == new.label else "moved"
        html, heading = mark_safe(_clean(new.html)), mark_safe(_clean(new.heading))
    else:
        status, html, heading = "changed", inline(old.html, new.html), inline(old.heading, new.heading)
    return Change(status, new.label, old.label, html, heading, key=new.key, part=new)


def _whole(part, status):
    mark = "del" if status == "removed" else "ins"
    html = f'<{mark} class="redline-block">{part.html}</{mark}>' if part.html else ""
    heading = f"<{mark}>{part.heading}</{mark}>" if part.heading else ""
    return Change(status, part.label, part.label, mark_safe(_clean(html)), mark_safe(_clean(heading)),
                  key=part.key, part=part)  # fmt: skip


def inline(old_html, new_html):
    """The newer HTML with the words the older one had and this one lacks in <del>, and the
    words it adds in <ins>. Tags come from the newer side only, so nesting stays valid."""
    old_tokens, new_tokens = _TOKEN_RE.findall(old_html or ""), _TOKEN_RE.findall(new_html or "")
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += new_tokens[j1:j2]
            continue
        out += _marked(old_tokens[i1:i2], "del", keep_tags=False)
        out += _marked(new_tokens[j1:j2], "ins", keep_tags=True)
    return mark_safe(_clean("".join(out)))


def _marked(tokens, mark, *, keep_tags):
    """Runs of words wrapped in <mark>; tags kept as they are (newer side) or dropped (older)."""
    out, run = [], []

    def flush():
        text = "".join(run)
        words = text.strip()
        if words:  # white space at either end stays outside the mark (it is not underlined)
            start = text.index(words[0])
            out.append(f"{text[:start]}<{mark}>{words}</{mark}>{text[start + len(words) :]}")
        elif text and mark == "ins":
            out.append(text)  # white space the newer text has
        run.clear()

    for token in tokens:
        if token.startswith("<"):
            flush()
            if keep_tags:
                out.append(token)
        else:
            run.append(token)
    flush()
    return out


def _clean(html):
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


def summary(changes):
    """How many parts each status has, for the heading of a redline."""
    counts = dict.fromkeys(STATUSES, 0)
    for change in changes:
        counts[change.status] += 1
    counts["total"] = sum(counts[s] for s in STATUSES if s != "same")
    return counts


def fields_change(status, label, fields):
    """A Change of a record compared field by field (a roadmap row's cells), from plain texts:
    `fields` is [(name, label, old text, new text)]. A changed record lists only the fields that
    changed, word-marked; an added or removed one lists its non-empty fields, wholly marked."""
    lines = []
    for name, field_label, old, new in fields:
        if status == "changed" and old == new:
            continue
        if status in ("added", "removed") and not (new if status == "added" else old):
            continue
        old_html, new_html = (escape(t or "").replace("\n", "<br>") for t in (old, new))
        if status == "added":
            text = _clean(f"<ins>{new_html}</ins>")
        elif status == "removed":
            text = _clean(f"<del>{old_html}</del>")
        else:
            text = inline(old_html, new_html)
        lines.append(
            format_html(
                '<p class="redline-field" data-testid="changed-{}"><strong>{}</strong>: {}</p>',
                name,
                field_label,
                mark_safe(text),
            )  # fmt: skip
        )
    return Change(status, label, label, mark_safe("".join(lines)))
