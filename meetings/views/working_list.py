"""The Dedicated Group's working list of Internet-related public policy issues (Annex 1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wsisportal import access

from ..forms import WorkingListIssueForm
from ..models import IssueCategory


# Public URLs so that outsiders, signed in or not, get the same 404 (nothing confirms the list exists).
@login_not_required
def working_list(request, code):
    group = access.get_working_list_group_or_404(request.user, code)
    issues = access.visible_working_list_issues(request.user, group.working_list.prefetch_related("proposed_by"))
    sections = [(label, [i for i in issues if i.category == value]) for value, label in IssueCategory.choices]
    return render(
        request,
        "meetings/working_list.html",
        {
            "group": group,
            "sections": [(label, rows) for label, rows in sections if rows],
            "count": len(issues),
            "why_visible": access.why_visible(request.user, group),
            "can_edit": access.can_edit_working_list(request.user, group),
        },
    )


@login_not_required
def working_list_issue(request, code, pk=None):
    """Add an issue (pk None) or edit one."""
    group = access.get_working_list_group_or_404(request.user, code, edit=True)
    instance = None
    if pk is not None:
        instance = group.working_list.filter(pk=pk).first()
        if instance is None:
            raise Http404(_("No such issue."))
    next_number = (group.working_list.aggregate(m=Max("number"))["m"] or 0) + 1
    form = WorkingListIssueForm(request.POST or None, instance=instance, group=group, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The working list is updated."))
        return redirect("meetings:working_list", group.code)
    return render(request, "meetings/working_list_issue.html", {"group": group, "form": form, "issue": instance})
