"""A row's page with its comments; answering comments; ITU's role per Action Line."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsisportal import access

from .. import rendering, services
from ..cells import COLUMNS
from ..forms import AnswerForm, CommentForm, ItuRoleForm
from ..models import ActionLine, RoadmapRow, load_for_matrix, related


def row_detail(request, pk, comment_form=None):
    row = access.get_roadmap_row_for_view_or_404(request.user, pk)
    draft = row.draft
    (row,) = load_for_matrix(RoadmapRow.objects.filter(pk=row.pk))
    row.draft = draft
    can_mark = access.is_secretariat(request.user)
    can_edit = access.can_edit_roadmap_draft(request.user, draft)
    context = {
        "row": row,
        "draft": draft,
        "columns": COLUMNS,
        "cells": [(name, label, rendering.cell(row, name, can_edit=can_edit)) for name, label in COLUMNS],
        "comments": [(c, AnswerForm(prefix=f"c{c.pk}") if can_mark else None) for c in related(row, "comments")],
        "comment_form": comment_form or CommentForm(),
        "can_comment": access.can_comment_on_roadmap_row(request.user, row),
        "can_edit": can_edit,
        "display_zone": draft.meeting.time_zone if draft.meeting else settings.TIME_ZONE,
    }
    return render(request, "roadmap/row_detail.html", context)


@require_POST
def comment_add(request, pk):
    row = access.get_roadmap_row_for_comment_or_404(request.user, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return row_detail(request, pk, comment_form=form)
    services.add_comment(row=row, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Your comment was sent to the secretariat."))
    return redirect(reverse("roadmap:row", args=[row.pk]) + "#comments")


@require_POST
def comment_answer(request, pk):
    comment = access.get_roadmap_comment_for_mark_or_404(request.user, pk)
    form = AnswerForm(request.POST, prefix=f"c{comment.pk}")
    if form.is_valid():
        services.answer_comment(comment=comment, user=request.user, **form.cleaned_data)
        messages.success(request, _("The comment was answered."))
    else:
        messages.error(request, _("Choose a decision and write a reply."))
    return redirect(reverse("roadmap:row", args=[comment.row_id]) + f"#comment-{comment.pk}")


def action_lines(request, forms=None):
    can_edit = access.can_edit_action_line(request.user, None)
    lines = ActionLine.objects.prefetch_related("role_history", "sub_lines")
    forms = forms or {}
    rows = [(line, forms.get(line.pk) or (ItuRoleForm(action_line=line) if can_edit else None)) for line in lines]
    return render(request, "roadmap/action_lines.html", {"lines": rows, "can_edit": can_edit})


@require_POST
def action_line_role(request, pk):
    line = access.get_action_line_for_edit_or_404(request.user, pk)
    form = ItuRoleForm(request.POST, action_line=line)
    if not form.is_valid():
        return action_lines(request, forms={line.pk: form})
    services.record_itu_role(action_line=line, user=request.user, **form.cleaned_data)
    messages.success(
        request, _("ITU's role in %(line)s recorded; the earlier role stays in the history.") % {"line": line.code}
    )
    return redirect(reverse("roadmap:action_lines") + f"#line-{line.code}")
