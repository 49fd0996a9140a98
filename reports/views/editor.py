"""The secretariat's report editor: cover, sections and blocks, reorder, live preview.

Every change carries the lock version the editor saw; a stale one is refused, and the page
shows theirs (as stored now) beside the editor's own text, which is handed back in its form to
save or discard: nothing is lost and nothing is silently overwritten. Open paragraph forms send
a heartbeat (presence.py), so editors see who else is editing. Texts are edited in the rich-text
editor (wsisportal/rich_text.py) and sanitised by nh3 in the services.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contributions.models import Document
from wsisportal import access, redline, rich_text
from wsisportal.optimistic import EditConflict

from .. import presence, rendering, services
from ..document import build_document
from ..forms import BlockForm, CoverForm, LockForm, SectionForm
from ..models import Block, BlockKind, Report
from ..sanitise import clean_html, link_symbols


def report_edit(request, pk):
    report = access.get_report_for_edit_or_404(request.user, pk)
    return _render_editor(request, report)


def _render_editor(request, report, *, cover_form=None, new_block_form=None, conflict=None, status=200):
    lock = {"lock_version": report.lock_version}
    doc = build_document(report, reader=request.user)
    blocks = {b.pk: b for b in report.blocks.prefetch_related("owners")}
    return render(
        request,
        "reports/report_edit.html",
        {
            "report": report,
            "doc": doc,
            "document_html": rendering.document_html(doc),
            "block_objects": blocks,
            "cover_form": cover_form or CoverForm(instance=report, initial=lock, prefix="cover"),
            "section_form": SectionForm(initial={**lock, "numbered": True}, prefix="section"),
            "lock_form": LockForm(initial=lock),
            "new_block_form": new_block_form
            or BlockForm(
                # New elements go into the last section unless the editor picks another place.
                initial={
                    **lock,
                    "kind": BlockKind.PARAGRAPH,
                    "numbered": True,
                    "parent": doc["blocks"][-1]["id"] if doc["blocks"] else None,
                },  # fmt: skip
                parent_choices=_parent_choices(doc),
                prefix="new",
            ),
            "symbols": _meeting_symbols(request.user, report),
            "conflict": conflict,
            "rich_text_import_map": rich_text.import_map_json(settings.STATIC_URL),
        },
        status=status,
    )


def _parent_choices(doc):
    """Where a new element can go: inside any section, sub-heading or paragraph, by number."""
    choices = []

    def walk(blocks, depth):
        for b in blocks:
            label = b["title"] or b["html"]
            choices.append((b["id"], f"{'  ' * depth}{b['number'] or '·'} {strip_tags(label)[:60]}"))
            walk(b["children"], depth + 1)

    walk(doc["blocks"], 0)
    return choices


def _meeting_symbols(user, report):
    """The symbols offered by the document picker: the meeting's registered documents."""
    docs = access.visible_documents(user, Document.objects.filter(meeting=report.meeting))
    docs = docs.order_by("series", "number", "suffix")
    return [(d.symbol, d.title) for d in docs.only("symbol", "title")]


def _block_conflict(request, block, exc, data):
    """Someone saved the report after this editor opened the paragraph: nothing was written.
    The page shows their text (as stored now) and this editor's, the words between them marked,
    and this editor's form again with everything they typed and the current lock version: saving
    it replaces theirs, discarding it keeps theirs. Nothing typed is lost. (The panel says all
    this: no separate "reload and redo" message.)"""
    report = block.report
    report.refresh_from_db()
    stored = Block.objects.filter(pk=block.pk).first()
    if stored is None:  # they deleted it: the text is shown to be copied elsewhere
        return _conflict(request, report, exc, data.get("body", ""))
    post = request.POST.copy()
    post[f"b{block.pk}-lock_version"] = str(report.lock_version)
    yours_html = clean_html(data.get("body", ""))
    conflict = {
        "block": stored,
        "form": BlockForm(post, instance=stored, prefix=f"b{block.pk}"),
        "theirs_title": stored.title,
        "yours_title": data.get("title", ""),
        "theirs_html": stored.body,
        "yours_html": yours_html,
        "difference": redline.inline(stored.body, yours_html),
        "target": f"body-b{block.pk}",
        "editing": presence.current(report_id=report.pk, block_id=block.pk, user=request.user),
    }
    return _render_editor(request, report, conflict=conflict, status=409)


def _conflict(request, report, exc, text=""):
    messages.error(request, str(exc))
    report.refresh_from_db()
    return _render_editor(request, report, conflict={"text": text}, status=409)


@require_POST
def report_cover(request, pk):
    report = access.get_report_for_edit_or_404(request.user, pk)
    form = CoverForm(request.POST, instance=report, prefix="cover")
    if not form.is_valid():
        report.refresh_from_db()
        return _render_editor(request, report, cover_form=form, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
    try:
        services.update_report_cover(report=report, data=data, expected_lock=form.cleaned_data["lock_version"])
    except EditConflict:
        return _kept_in_form(request, report, cover=True)
    messages.success(request, _("Cover saved."))
    return redirect("reports:report_edit", report.pk)


@require_POST
def section_add(request, pk):
    report = access.get_report_for_edit_or_404(request.user, pk)
    form = SectionForm(request.POST, prefix="section")
    if not form.is_valid():
        messages.error(request, _("A section needs a title."))
        return redirect("reports:report_edit", report.pk)
    data = {"title": form.cleaned_data["title"], "numbered": form.cleaned_data["numbered"]}
    try:
        block = services.add_block(
            report=report, parent=None, data=data, expected_lock=form.cleaned_data["lock_version"]
        )
    except EditConflict as exc:
        return _conflict(request, report, exc, data["title"])
    return redirect(reverse("reports:report_edit", args=[report.pk]) + f"#block-{block.pk}")


@require_POST
def block_add(request, pk):
    report = access.get_report_for_edit_or_404(request.user, pk)
    form = BlockForm(request.POST, prefix="new", parent_choices=_parent_choices(build_document(report)))
    if not form.is_valid() or (parent := report.blocks.filter(pk=form.cleaned_data["parent"]).first()) is None:
        messages.error(request, _("The new element was not added: %(errors)s") % {"errors": _errors(form)})
        return redirect("reports:report_edit", report.pk)
    data, owners = _block_data(form)
    try:
        block = services.add_block(
            report=report, parent=parent, data=data, owners=owners, expected_lock=form.cleaned_data["lock_version"]
        )
    except EditConflict:
        return _kept_in_form(request, report, cover=False)
    return redirect(reverse("reports:report_edit", args=[report.pk]) + f"#block-{block.pk}")


def _kept_in_form(request, report, *, cover):
    """A stale save of the cover or of a new element: nothing was written; the page shows the
    report as it now is, and the form again with what the editor typed and the current lock
    version, to save once they have looked at the other change."""
    report.refresh_from_db()
    prefix = "cover" if cover else "new"
    post = request.POST.copy()
    post[f"{prefix}-lock_version"] = str(report.lock_version)
    if cover:  # a copy: the bound form must not change the report the page is built from
        forms = {"cover_form": CoverForm(post, instance=Report.objects.get(pk=report.pk), prefix=prefix)}
    else:
        choices = _parent_choices(build_document(report))
        forms = {"new_block_form": BlockForm(post, prefix=prefix, parent_choices=choices)}
    return _render_editor(request, report, conflict={"kept_in_form": True}, status=409, **forms)


def _errors(form):
    return "; ".join(
        f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}" for f, e in form.errors.items()
    )


def _block_data(form):
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("lock_version", "parent", "owners")}
    return data, list(form.cleaned_data.get("owners") or [])


def block_edit(request, pk):
    """GET: the edit form of one block (htmx swaps it in). POST: save it."""
    block = access.get_block_for_edit_or_404(request.user, pk)
    report = block.report
    if request.method != "POST":
        form = BlockForm(instance=block, prefix=f"b{block.pk}", initial={"lock_version": report.lock_version})
        context = {"form": form, "block": block, "report": report, "symbols": _meeting_symbols(request.user, report),
                   "target": f"body-b{block.pk}"}  # fmt: skip
        return render(request, "reports/includes/block_form.html", context)
    form = BlockForm(request.POST, instance=block, prefix=f"b{block.pk}")
    if not form.is_valid():
        messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect(reverse("reports:report_edit", args=[report.pk]) + f"#block-{block.pk}")
    data, owners = _block_data(form)
    data.pop("kind", None)
    try:
        services.update_block(block=block, data=data, owners=owners, expected_lock=form.cleaned_data["lock_version"])
    except EditConflict as exc:
        return _block_conflict(request, block, exc, data)
    messages.success(request, _("Saved."))
    return redirect(reverse("reports:report_edit", args=[report.pk]) + f"#block-{block.pk}")


@require_POST
def block_move(request, pk, direction):
    block = access.get_block_for_edit_or_404(request.user, pk)
    form = LockForm(request.POST)
    if form.is_valid():
        offset = -1 if direction == "up" else 1
        try:
            services.move_block(block=block, offset=offset, expected_lock=form.cleaned_data["lock_version"])
        except EditConflict as exc:
            return _conflict(request, block.report, exc)
    return redirect(reverse("reports:report_edit", args=[block.report_id]) + f"#block-{block.pk}")


@require_POST
def block_delete(request, pk):
    block = access.get_block_for_edit_or_404(request.user, pk)
    form = LockForm(request.POST)
    if form.is_valid():
        try:
            services.delete_block(block=block, expected_lock=form.cleaned_data["lock_version"])
        except EditConflict as exc:
            return _conflict(request, block.report, exc)
        messages.success(request, _("Deleted."))
    return redirect("reports:report_edit", block.report_id)


@require_POST
def block_presence(request, pk):
    """Heartbeat of an open paragraph form (htmx): records it, answers who else is editing."""
    block = access.get_block_for_edit_or_404(request.user, pk)
    editing = presence.beat(report_id=block.report_id, block_id=block.pk, user=request.user)
    return render(request, "reports/includes/presence.html", {"editing": editing, "block": block})


@require_POST
def preview(request):
    """Live preview (htmx): the text as it will be stored and printed, symbols highlighted."""
    access.require_secretariat(request.user)
    body = next((v for k, v in request.POST.items() if k == "body" or k.endswith("-body")), "")
    return HttpResponse(link_symbols(clean_html(body), {}) or "<p class='text-body-secondary'>…</p>")
