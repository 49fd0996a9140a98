"""The agenda: read view, the in-place editor (htmx), circulation, adoption, amendment and the
comparison of versions. Every edit carries the agenda's revision (the optimistic lock)."""

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsisportal import access, redline
from wsisportal.optimistic import EditConflict

from .. import services
from ..agenda_tree import build_tree, flatten, redline_parts
from ..forms import AdoptAgendaForm, AgendaItemForm, MoveForm, ReorderForm, RevisionForm

EDITOR_PARTIAL = "meetings/includes/agenda_editor.html"


def _items(agenda):
    return list(agenda.items.all())


def _add_form(agenda, tree, data=None):
    form = AgendaItemForm(data, initial={"revision": agenda.revision}, prefix="new")
    choices = [("", _("Top level"))] + [(n.item.pk, f"{n.label}  {n.item.title}") for n in flatten(tree)]
    form.fields["parent"] = _parent_field(choices)
    form.helper.layout.insert(1, "parent")
    return form


def _parent_field(choices):
    return forms.TypedChoiceField(label=_("Under"), choices=choices, coerce=int, required=False, empty_value=None)


def _editor_context(agenda, **extra):
    tree = build_tree(_items(agenda))
    return {"agenda": agenda, "meeting": agenda.meeting, "tree": tree, "add_form": _add_form(agenda, tree), **extra}


def _editor_response(request, agenda, *, status=200, **extra):
    """The editor partial for htmx requests; otherwise back to the editor page."""
    if request.headers.get("HX-Request"):
        return render(request, EDITOR_PARTIAL, _editor_context(agenda, **extra), status=status)
    if status != 200:
        return render(request, "meetings/agenda_editor.html", _editor_context(agenda, **extra), status=status)
    return redirect("meetings:agenda_editor", agenda.pk)


def _refused(request, agenda, error, lost=None):
    """A stale or frozen save: nothing is written; the current version is shown with the
    editor's unsaved input so nothing is lost."""
    agenda.refresh_from_db()
    return _editor_response(request, agenda, status=409, conflict=str(error), lost=lost)


def meeting_agenda(request, pk):
    """The meeting's latest agenda the user may see; the secretariat may start the first draft."""
    meeting = access.get_meeting_for_view_or_404(request.user, pk)
    agenda = access.visible_agendas(request.user, meeting.agendas.order_by("-version")).first()
    if agenda is None:
        raise Http404(_("No agenda yet."))
    return redirect("meetings:agenda_detail", agenda.pk)


@require_POST
def agenda_start(request, pk):
    meeting = access.get_meeting_for_manage_or_404(request.user, pk)
    agenda = services.create_agenda(meeting=meeting)
    return redirect("meetings:agenda_editor", agenda.pk)


def agenda_detail(request, pk):
    agenda = access.get_agenda_for_view_or_404(request.user, pk)
    user = request.user
    versions = list(access.visible_agendas(user, agenda.meeting.agendas.order_by("version")))
    context = {
        "agenda": agenda,
        "meeting": agenda.meeting,
        "tree": build_tree(_items_with_documents(user, agenda)),
        "versions": versions,
        "can_edit": access.can_edit_agenda(user, agenda),
        "can_adopt": access.can_adopt_agenda(user, agenda),
        "can_amend": access.can_amend_agenda(user, agenda) and versions[-1].pk == agenda.pk,
        "adopts_on_behalf": access.adopts_on_behalf_of_chair(user, agenda.meeting.group),
        "revision_form": RevisionForm(initial={"revision": agenda.revision}),
    }
    if context["can_adopt"]:
        context.update(_adoption_context(agenda, versions))
    return render(request, "meetings/agenda_detail.html", context)


def _adoption_context(agenda, versions):
    """The adoption form (its date defaults to the meeting's first day: an agenda is adopted at
    the opening, whenever the form is filled in), what adopting does, and the redline of this
    version against the one before it, if any."""
    meeting = agenda.meeting
    form = AdoptAgendaForm(
        initial={"revision": agenda.revision, "adopted_as": "drafted", "adopted_on": meeting.start_date}
    )
    form.helper.form_action = reverse("meetings:agenda_adopt", args=[agenda.pk])
    earlier = [v for v in versions if v.version < agenda.version]
    form.helper.attrs = {
        "data-confirm": _(
            "You record that the %(meeting)s adopted version %(v)s of its agenda. This version is then frozen for "
            "good: a later change needs an amended version, and the adopted one stays on record as it is."
        )
        % {"meeting": meeting, "v": agenda.version},
        "data-confirm-title": _("Record the adoption?"),
        "data-confirm-ok": _("Record adoption"),
        "data-confirm-cancel": _("Cancel"),
        "data-testid": "adopt-form",
    }
    context = {"adopt_form": form}
    if earlier:
        changes = redline.compare(redline_parts(_items(earlier[-1])), redline_parts(_items(agenda)))
        form.helper.attrs["data-confirm-include"] = "adopt-redline"
        context.update(redline_base=earlier[-1], redline_changes=changes, redline_summary=redline.summary(changes))
    return context


def _items_with_documents(user, agenda):
    """The agenda's items, each with the documents linked to it that the user may see."""
    documents = access.visible_documents(user)
    return list(agenda.items.prefetch_related(Prefetch("documents", queryset=documents)))


def agenda_editor(request, pk):
    agenda = access.get_agenda_for_edit_or_404(request.user, pk)
    return render(request, "meetings/agenda_editor.html", _editor_context(agenda))


def agenda_editor_partial(request, pk):
    agenda = access.get_agenda_for_edit_or_404(request.user, pk)
    return render(request, EDITOR_PARTIAL, _editor_context(agenda))


@require_POST
def agenda_item_add(request, pk):
    agenda = access.get_agenda_for_edit_or_404(request.user, pk)
    tree = build_tree(_items(agenda))
    form = _add_form(agenda, tree, request.POST)
    if not form.is_valid():
        return _editor_response(request, agenda, status=422, add_form=form)
    data = form.cleaned_data
    parent = agenda.items.filter(pk=data["parent"]).first() if data["parent"] else None
    try:
        services.add_agenda_item(
            agenda=agenda,
            revision=data["revision"],
            parent=parent,
            title=data["title"],
            description=data["description"],
            presenter=data["presenter"],
            label=data["label"],
        )
    except (EditConflict, services.AgendaFrozen) as error:
        return _refused(request, agenda, error, lost=data)
    return _editor_response(request, agenda)


def agenda_item_edit(request, pk):
    item = access.get_agenda_item_for_edit_or_404(request.user, pk)
    agenda = item.agenda
    form = AgendaItemForm(request.POST or None, instance=item, initial={"revision": agenda.revision})
    if request.method != "POST":
        return render(request, "meetings/includes/agenda_item_form.html", {"form": form, "item": item})
    if not form.is_valid():
        return render(request, "meetings/includes/agenda_item_form.html", {"form": form, "item": item}, status=422)
    data = form.cleaned_data
    try:
        services.update_agenda_item(
            item=item,
            revision=data["revision"],
            title=data["title"],
            description=data["description"],
            presenter=data["presenter"],
            label=data["label"],
        )
    except (EditConflict, services.AgendaFrozen) as error:
        return _refused(request, agenda, error, lost=data)
    return _editor_response(request, agenda)


@require_POST
def agenda_item_delete(request, pk):
    item = access.get_agenda_item_for_edit_or_404(request.user, pk)
    form = RevisionForm(request.POST)
    if not form.is_valid():
        return _editor_response(request, item.agenda, status=422)
    try:
        services.delete_agenda_item(item=item, revision=form.cleaned_data["revision"])
    except (EditConflict, services.AgendaFrozen) as error:
        return _refused(request, item.agenda, error)
    return _editor_response(request, item.agenda)


@require_POST
def agenda_item_move(request, pk):
    item = access.get_agenda_item_for_edit_or_404(request.user, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _editor_response(request, item.agenda, status=422)
    try:
        services.move_agenda_item(
            item=item, revision=form.cleaned_data["revision"], direction=form.cleaned_data["direction"]
        )
    except (EditConflict, services.AgendaFrozen) as error:
        return _refused(request, item.agenda, error)
    return _editor_response(request, item.agenda)


@require_POST
def agenda_reorder(request, pk):
    agenda = access.get_agenda_for_edit_or_404(request.user, pk)
    form = ReorderForm(request.POST)
    if not form.is_valid():
        return _editor_response(request, agenda, status=422, conflict=_("The new order could not be read."))
    try:
        services.reorder_agenda(agenda=agenda, revision=form.cleaned_data["revision"], order=form.cleaned_data["order"])
    except (EditConflict, services.AgendaFrozen) as error:
        return _refused(request, agenda, error)
    except ValueError as error:
        return _editor_response(request, agenda, status=422, conflict=str(error))
    return _editor_response(request, agenda)


@require_POST
def agenda_circulate(request, pk):
    agenda = access.get_agenda_for_edit_or_404(request.user, pk)
    form = RevisionForm(request.POST)
    try:
        if form.is_valid():
            services.circulate_agenda(agenda=agenda, revision=form.cleaned_data["revision"])
            messages.success(request, _("The agenda is circulated to the participants."))
    except (EditConflict, services.AgendaFrozen) as error:
        messages.error(request, str(error))
    return redirect("meetings:agenda_detail", agenda.pk)


@require_POST
def agenda_adopt(request, pk):
    agenda = access.get_agenda_for_adopt_or_404(request.user, pk)
    form = AdoptAgendaForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the agenda was adopted as drafted or as amended, and when."))
        return redirect("meetings:agenda_detail", agenda.pk)
    try:
        services.adopt_agenda(
            agenda=agenda,
            revision=form.cleaned_data["revision"],
            user=request.user,
            adopted_as=form.cleaned_data["adopted_as"],
            adopted_on=form.cleaned_data["adopted_on"],
            on_behalf_of_chair=access.adopts_on_behalf_of_chair(request.user, agenda.meeting.group),
        )
        messages.success(request, _("The adoption of the agenda is recorded; this version is now frozen."))
    except (EditConflict, services.AgendaFrozen) as error:
        messages.error(request, f"{error} {_('Check the current version below, then adopt it.')}")
    return redirect("meetings:agenda_detail", agenda.pk)


@require_POST
def agenda_amend(request, pk):
    agenda = access.get_agenda_for_amend_or_404(request.user, pk)
    try:
        new = services.amend_agenda(agenda=agenda)
    except ValueError as error:
        messages.error(request, str(error))
        return redirect("meetings:agenda_detail", agenda.pk)
    messages.success(request, _("Version %(v)s is a draft copy of the adopted agenda.") % {"v": new.version})
    return redirect("meetings:agenda_editor", new.pk)


def agenda_changes(request, pk):
    """What changed from an earlier version (?from=<version>, default the previous one)."""
    agenda = access.get_agenda_for_view_or_404(request.user, pk)
    versions = list(access.visible_agendas(request.user, agenda.meeting.agendas.order_by("version")))
    earlier = [v for v in versions if v.version < agenda.version]
    wanted = request.GET.get("from", "")
    base = next((v for v in earlier if str(v.version) == wanted), earlier[-1] if earlier else None)
    if base is None:
        raise Http404(_("There is no earlier version to compare with."))
    changes = redline.compare(redline_parts(_items(base)), redline_parts(_items(agenda)))
    return render(
        request,
        "meetings/agenda_changes.html",
        {
            "agenda": agenda,
            "base": base,
            "earlier": earlier,
            "meeting": agenda.meeting,
            "redline_changes": changes,
            "redline_summary": redline.summary(changes),
        },
    )
