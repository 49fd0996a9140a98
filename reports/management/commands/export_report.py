from django.core.management.base import BaseCommand, CommandError

from reports.models import Report, ReportKind


class Command(BaseCommand):
    help = "Write the latest approved PDF of a meeting's report (or summary), exactly as stored at approval."

    def add_arguments(self, parser):
        parser.add_argument("group", help="group code, e.g. WG-WSIS")
        parser.add_argument("meeting", type=int, help="meeting number, e.g. 14")
        parser.add_argument("--kind", choices=ReportKind.values, default=ReportKind.REPORT)
        parser.add_argument("--output", required=True, help="path of the PDF to write")

    def handle(self, *args, group, meeting, kind, output, **options):
        report = (
            Report.objects.filter(group__code=group, meeting__group__code=group, meeting__number=meeting, kind=kind)
            .select_related("group")
            .first()
        )
        if report is None:
            raise CommandError(f"No {kind} of {group} meeting {meeting}.")
        revision = report.revisions.order_by("-number").first()
        if revision is None:
            raise CommandError(f"The {kind} of {group} meeting {meeting} has no approved revision yet.")
        if not revision.pdf_ready:
            raise CommandError(
                f"Revision {revision.number} of the {kind} of {group} meeting {meeting} is approved, but its PDF is "
                "still being prepared by a background worker; run this again in a moment (is `make worker` running?)."
            )
        with revision.pdf.open("rb") as source, open(output, "wb") as target:
            target.write(source.read())
        self.stdout.write(f"Wrote {output}: revision {revision.number}, SHA-256 {revision.sha256}")
