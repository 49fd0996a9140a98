"""The header's search: one query over documents, reports, agenda items and roadmap rows, each
answered from the policy's visible_* rows (a hidden thing is not found, not even counted).
Documents use their PostgreSQL full-text search (DocumentQuerySet.search); the others, short
titles and texts, a plain case-insensitive match."""

from django import forms
from django.db.models import Q
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from contributions.titles import with_shown_titles
from wsisportal import access
from wsisportal.text_rules import TextRulesMixin

LIMIT = 20


class SiteSearchForm(TextRulesMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


def site_search(request):
    form = SiteSearchForm(request.GET or None)
    text = form.cleaned_data["q"].strip() if form.is_valid() else ""
    user = request.user
    sections = {}
    if text:
        sections = {
            "documents": _documents(user, text),
            "reports": _reports(user, text),
            "agenda_items": _agenda_items(user, text),
            "roadmap_rows": _roadmap_rows(user, text),
        }
    found = sum(len(rows) for rows in sections.values())
    return render(request, "search/results.html", {"form": form, "q": text, "found": found, **sections})


def _documents(user, text):
    found = (
        access.visible_documents(user)
        .search(text)
        .select_related("meeting__group", "group", "late_admission")
        .prefetch_related("titles")
        .order_by("-available_at", "pk")[:LIMIT]
    )
    return with_shown_titles(found, translation.get_language())


def _reports(user, text):
    """Reports the user reads in their own right. One seen only as released into a parent record
    (the Dedicated Group's report, Annex 1 of the WG-WSIS report) is not searched by its working
    copy's title or text, which that reader never sees: the parent report is found instead."""
    own = Q(pk__in=access.visible_report_drafts(user).values("pk")) | Q(
        pk__in=access.visible_report_revisions(user).values("report_id")
    )
    reports = (
        access.visible_reports(user)
        .filter(own)
        .filter(
            Q(title__icontains=text)
            | Q(symbol__icontains=text)
            | Q(
                pk__in=access.visible_blocks(user)
                .filter(Q(title__icontains=text) | Q(body__icontains=text))
                .values("report")
            )
        )
    )
    return list(reports.select_related("meeting__group", "group").order_by("-meeting__start_date", "pk")[:LIMIT])


def _agenda_items(user, text):
    items = access.visible_agenda_items(user).filter(Q(title__icontains=text) | Q(description__icontains=text))
    items = items.select_related("agenda__meeting__group").order_by("-agenda__meeting__start_date", "-agenda__version")
    return list(items[:LIMIT])


def _roadmap_rows(user, text):
    """Rows of the roadmap drafts, each outcome once: its newest draft's row."""
    rows = access.visible_roadmap_rows(user).filter(
        Q(code__iexact=text) | Q(outcome__icontains=text) | Q(expected_results__icontains=text)
    )
    rows = rows.select_related("draft__roadmap", "action_line").order_by("-draft__number", "pk")[: LIMIT * 4]
    newest = {}
    for row in rows:
        newest.setdefault(row.key, row)
    return list(newest.values())[:LIMIT]
