"""Plain factories for report tests: explicit defaults, real services for workflow steps."""

import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from reports import services
from reports.document import build_document
from reports.models import Block, Report, ReportRevision, ReportStatus


def make_report(meeting, group=None, kind="report", title="Report of the meeting", **extra):
    return Report.objects.create(
        meeting=meeting, group=group or meeting.group, kind=kind, title=title, date=meeting.end_date, **extra
    )


def make_block(report, parent=None, kind="paragraph", body="<p>Text.</p>", numbered=True, **extra):
    position = Block.objects.filter(report=report, parent=parent).count() + 1
    owners = extra.pop("owners", [])
    block = Block.objects.create(
        report=report, parent=parent, kind=kind, body=body, numbered=numbered, position=position, **extra
    )
    block.owners.set(owners)
    return block


def make_section(report, title="Section", numbered=True):
    return make_block(report, None, kind="section", body="", title=title, numbered=numbered)


def circulate(report):
    report.refresh_from_db()
    return services.circulate_report(report=report, expected_lock=report.lock_version)


def approve(report, by, now=None):
    """Circulate if needed and approve through the service (renders the real PDF)."""
    report.refresh_from_db()
    if report.status == ReportStatus.DRAFT:
        report = circulate(report)
    return services.approve_report(report=report, by=by, expected_lock=report.lock_version, now=now)


def make_revision(report, by, *, published=False, annexes=()):
    """An approved revision without rendering (for access tests that never open the file)."""
    content = f"%PDF-1.7 test {report.pk}".encode()
    revision = ReportRevision(
        report=report,
        number=report.revision,
        snapshot=build_document(report),
        sha256=hashlib.sha256(content).hexdigest(),
        approved_by=by,
        approved_as="Chair",
        approved_at=timezone.now(),
        published_at=timezone.now() if published else None,
    )
    revision.pdf.save(f"test/{report.pk}-{report.revision}.pdf", ContentFile(content), save=False)
    revision.save()
    revision.annexed_reports.set(annexes)
    report.status = ReportStatus.PUBLISHED if published else ReportStatus.APPROVED
    report.save(update_fields=["status"])
    return revision
