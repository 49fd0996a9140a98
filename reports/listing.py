"""How a report appears in a list (the reports page, a meeting's reports panel), for one reader.

A reader who sees a report only because it was released into a parent group's approved record
(the Dedicated Group's report, Annex 1 of the WG-WSIS report) is shown what was released: the
title frozen in that record, "released as Annex N of …" and a link to the annex there. The
working copy's title and status, which may have changed since, never reach them.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from wsisportal import access


@dataclass(frozen=True)
class ListedReport:
    report: object
    title: str
    status_label: str
    url: str
    released_note: str
    revisions: list
    annex_only: bool


def listed_report(user, report):
    release = access.report_release_for(user, report)
    if release is not None:
        annex = release_annex(release, report)
        return ListedReport(
            report=report,
            title=annex.get("title", ""),
            status_label=_("Released"),
            url=release_url(release, annex),
            released_note=released_note(release, annex),
            revisions=[],
            annex_only=True,
        )
    note = working_copy_release_note(user, report)
    return ListedReport(
        report=report,
        title=report.title,
        # Released into the parent's approved record, it is no longer "circulated for comment".
        status_label=_("Released") if note else str(report.get_status_display()),
        url=reverse("reports:report_detail", args=[report.pk]),
        released_note=note,
        revisions=[rev for rev in report.revisions.all() if access.can_view_report_revision(user, rev)],
        annex_only=False,
    )


def working_copy_release_note(user, report):
    """ "Released as Annex N of …" for a reader of the working copy, when an approved revision they
    may read annexes it; "" otherwise."""
    releases = [r for r in report.released_in.all() if access.can_view_report_revision(user, r)]
    return released_note(releases[0], release_annex(releases[0], report)) if releases else ""


def release_annex(revision, report):
    """The annex entry of `report` in the frozen snapshot of the parent `revision`."""
    return next((a for a in revision.snapshot.get("annexes", []) if a.get("report_id") == report.pk), {"number": 1})


def release_url(revision, annex):
    url = reverse("reports:revision_detail", args=[revision.report_id, revision.number])
    return f"{url}#annex-{annex.get('number', 1)}"


def released_note(revision, annex):
    parent = revision.report
    return _("Released as Annex %(number)s of %(record)s (rev. %(revision)s)") % {
        "number": annex.get("number", 1),
        "record": parent.symbol or parent.title,
        "revision": revision.number,
    }
