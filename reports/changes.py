"""What a report's revision changes against its last approved one, as the chair sees it before
approving: the document dicts (document.py) cut into parts for wsisportal.redline."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from wsisportal import redline

from .document import build_document, walk_blocks


def document_parts(doc):
    """The parts of a document dict, in reading order: the title, the Summary / Action required /
    References box, then every section and paragraph by its number (matched by block id)."""
    parts = [redline.text_part("title", _("Title"), doc["title"])]
    for key, label in (("summary", _("Summary")), ("action_required", _("Action required")),
                       ("references", _("References"))):  # fmt: skip
        if doc.get(key):
            parts.append(redline.Part(key, label, doc[key]))
    for block in walk_blocks(doc["blocks"]):
        parts.append(
            redline.Part(
                block["id"],
                block["number"] or block["kind_label"],
                block["html"] + _action_html(block),
                escape(block["title"]),
            )  # fmt: skip
        )
    return parts


def _action_html(block):
    action = block.get("action")
    if not action:
        return ""
    due = f" — {_('due')} {escape(action['due'])}" if action.get("due") else ""
    return f"<p>{escape(_('Action'))}: {escape(action['who'])}{due}</p>"


def last_approved_revision(report):
    """The newest approved revision before the one the working copy will become, or None."""
    return report.revisions.filter(number__lt=report.revision).order_by("-number").first()


def revision_changes(report):
    """(base revision or None, changes) of the working copy against its last approved revision.
    Without an approved revision there is nothing to compare with: (None, [])."""
    base = last_approved_revision(report)
    if base is None:
        return None, []
    return base, redline.compare(document_parts(base.snapshot), document_parts(build_document(report)))
