"""The inbox: the user's notices, newest first, and marking them read."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from wsisportal import access

from . import services

PAGE_SIZE = 50


def inbox(request):
    notes = access.visible_notifications(request.user).order_by("-created_at", "-pk")
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inbox/inbox.html", {"page": page, "notes": page.object_list})


@require_POST
def open_notice(request, pk):
    """Mark one notice read and go to what it is about."""
    note = get_object_or_404(access.visible_notifications(request.user), pk=pk)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if not url_has_allowed_host_and_scheme(note.url, allowed_hosts=None):
        return redirect("inbox:inbox")
    return redirect(note.url)


@require_POST
def mark_all_read(request):
    services.mark_read(user=request.user)
    return redirect("inbox:inbox")
