import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from contributions import kept_uploads, uploads


class Command(BaseCommand):
    help = (
        "Remove upload temporary files left in FILE_UPLOAD_TEMP_DIR by workers killed mid-upload: "
        "only Django's *.upload* temporary files, only those not written to for --older-than minutes, "
        "at most --limit per run; and files kept for a form shown again (contributions.kept_uploads) once their "
        "time is over. `make serve` runs it before gunicorn starts; cron may run it too."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=60, metavar="MINUTES", dest="older_than")
        parser.add_argument("--limit", type=int, default=500, metavar="FILES")

    def handle(self, *args, older_than, limit, **options):
        if older_than < 1 or limit < 1:
            raise CommandError("--older-than and --limit must be at least 1.")
        directory = settings.FILE_UPLOAD_TEMP_DIR
        if not directory:
            raise CommandError(
                "FILE_UPLOAD_TEMP_DIR is not set, so uploads go to the system's shared temporary "
                "directory; nothing there is swept. Set FILE_UPLOAD_TEMP_DIR to a directory of the portal's own."
            )
        uploads.ensure_temp_dir()
        removed, freed, more = uploads.sweep_stale_temp_files(
            directory=directory, older_than=datetime.timedelta(minutes=older_than), limit=limit
        )
        summary = (
            f"Removed {removed} stale upload temporary files ({filesizeformat(freed)}) "
            f"older than {older_than} minutes from {directory}."
        )
        if more:
            summary += f" Stopped at the limit of {limit} per run; more remain."
        kept = kept_uploads.sweep_kept()
        if kept:
            summary += f" Removed {kept} files kept for forms longer than {kept_uploads.KEPT_HOURS} hours."
        self.stdout.write(summary)
