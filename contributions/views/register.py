"""A meeting's document register, its panel, its audit trail and group subscriptions."""

from zoneinfo import ZoneInfo

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template import defaultfilters
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wsisportal import access
from wsisportal.formfields import plain_field_html
from wsisportal.jinja import FileSizes, as_django_prints, as_translate_printed

from .. import services
from ..forms import RegisterFilterForm
from ..models import AuditEntry, CallForDocuments, DocumentKind, Language, Subscription
from ..rows import document_rows

# A page of the register (50 rows: 100 were a quarter of its time); the sort and the
# filters apply to the whole register, not the page.
PER_PAGE = 50


def register(request, meeting_pk):
    meeting = access.get_meeting_for_view_or_404(request.user, meeting_pk)
    groups = [g for g in access.meeting_groups(meeting) if access.can_view_group_content(request.user, g)]
    form = RegisterFilterForm(request.GET or None, groups=groups)
    documents = form.apply(access.visible_documents(request.user).filter(meeting=meeting))
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    rows = render_to_string(
        "contributions/register_rows.html",
        {
            "documents": document_rows(request, page.object_list),
            "zone": meeting.time_zone,
            # Labels translated once a page, not once a row.
            "kinds": {value: str(label) for value, label in DocumentKind.choices},
            "languages": {value: str(label) for value, label in Language.choices},
            "file_size": FileSizes(),
        },
        using="jinja2",
    )
    table = _table(request, meeting, form, page, rows)
    return render(
        request,
        "contributions/register.html",
        {
            "meeting": meeting,
            "table": table,
            "groups": groups,
            "subscribed": set(Subscription.objects.filter(user=request.user).values_list("group_id", flat=True)),
            "can_submit": bool(access.submittable_groups(request.user, meeting)),
            "can_read_audit": access.can_read_document_audit(request.user, meeting),
            "pack_language": form.chosen_language(),
        },
    )


def _visible_calls(user, meeting):
    calls = CallForDocuments.objects.filter(meeting=meeting).select_related("group").prefetch_related("addressees")
    return access.visible_calls_for_documents(user, calls)


def _table(request, meeting, form, page, rows):
    """The calls, the filters, the table around `rows` and the pages, from
    jinja2/contributions/register_table.html (it was a Django template: a tenth of the page's time)."""
    query = request.GET.copy()
    query.pop("page", None)
    page_query = query.urlencode()
    zone = ZoneInfo(meeting.time_zone)
    calls = [
        {
            "title": call.title,
            "group_code": call.group.code,
            "due": defaultfilters.date(timezone.localtime(call.due_at, zone), "j F Y H:i T"),
            "addressees": mark_safe(", ".join(escape(org.short_name) for org in call.addressees.all())),
            "text": call.text,
        }
        for call in _visible_calls(request.user, meeting)
    ]
    return mark_safe(
        as_django_prints()
        .get_template("contributions/register_table.html")
        .render(
            {
                "calls": calls,
                "fields": {name: _field_html(form[name]) for name in ("q", "kind", "group", "language")},
                "sort": request.GET.get("sort", "symbol"),
                "sort_query": _sort_query(form),
                "clear_url": reverse("contributions:register", args=[meeting.pk]),
                "rows": mark_safe(rows),
                "page": page,
                "page_numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
                "ellipsis": page.paginator.ELLIPSIS,
                "page_prefix": mark_safe(f"{escape(page_query)}&amp;" if page_query else ""),
                "labels": _table_labels(),
            }
        )
    )


def _field_html(field):
    """A filter field as `{{ field|as_crispy_field }}` printed it: written out where it can be."""
    return plain_field_html(field) or as_crispy_field(field)


def _sort_query(form):
    """What a sort link keeps of the filters: the text, the kind and the group (`?q=…&amp;…&amp;`)."""
    data = getattr(form, "cleaned_data", {})
    kept = [f"q={escape(defaultfilters.urlencode(data['q']))}&amp;"] if data.get("q") else []
    kept += [f"{name}={escape(data[name])}&amp;" for name in ("kind", "group") if data.get(name)]
    return mark_safe("".join(kept))


def _table_labels():
    """The table's labels in the active language, printed as {% translate %} printed them."""
    labels = as_translate_printed(
        {
            "calls": _("Calls for documents"),
            "due": _("due"),
            "addressed_to": _("addressed to"),
            "filter": _("Filter"),
            "clear": _("Clear"),
            "symbol": _("Symbol"),
            "title": _("Title"),
            "source": _("Source"),
            "agenda_item": _("Agenda item"),
            "languages": _("Languages"),
            "available": _("Available since"),
            "status": _("Status"),
            "pages": _("Pages of the register"),
            "previous": _("Previous"),
            "next": _("Next"),
        }
    )
    labels["documents_of"] = lambda first, last, total: mark_safe(
        _("Documents %(first)s–%(last)s of %(total)s") % {"first": first, "last": last, "total": total}
    )
    return labels


def meeting_panel(request, meeting_pk):
    meeting = access.get_meeting_for_view_or_404(request.user, meeting_pk)
    documents = access.visible_documents(request.user).filter(meeting=meeting)
    return render(
        request,
        "contributions/meeting_panel.html",
        {
            "meeting": meeting,
            "count": documents.count(),
            "withdrawn": documents.filter(status="withdrawn").count(),
            "can_submit": bool(access.submittable_groups(request.user, meeting)),
        },
    )


@require_POST
def subscribe(request, code):
    group = access.get_group_for_subscribe_or_404(request.user, code)
    now_subscribed = services.toggle_subscription(user=request.user, group=group)
    if now_subscribed:
        messages.success(request, _("You will get an email when a %(group)s document is available.") % {"group": group})
    else:
        messages.info(request, _("Subscription to %(group)s ended.") % {"group": group})
    return redirect(request.POST.get("next") or "home") if _safe_next(request) else redirect("meetings:home")


def _safe_next(request):
    from django.utils.http import url_has_allowed_host_and_scheme

    return url_has_allowed_host_and_scheme(request.POST.get("next"), allowed_hosts={request.get_host()})


def audit(request, meeting_pk):
    meeting = access.get_meeting_for_document_audit_or_404(request.user, meeting_pk)
    entries = AuditEntry.objects.filter(meeting=meeting).select_related("group", "document", "actor__organisation")
    return render(request, "contributions/audit.html", {"meeting": meeting, "entries": entries})
