from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from ops.restore import RestoreRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup` into an EMPTY installation: a blank database (it is migrated "
        "first) or a migrated one without rows, and no stored files."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup archive, e.g. backups/wsisportal-20261129-184500.tar.gz")

    def handle(self, *args, file, **options):
        if not Path(file).is_file():
            raise CommandError(f"Restore refused: no such file {file}")
        if not MigrationRecorder(connection).has_table():
            self.stdout.write("The database is blank: creating its tables first (migrate).")
            call_command("migrate", interactive=False, verbosity=0)
        try:
            summary = restore_backup(path=file)
        except RestoreRefused as exc:
            raise CommandError(f"Restore refused: {exc}") from None
        self.stdout.write(
            f"Restored {summary['rows']} rows and {summary['files']} stored files from {file}.\n"
            f"Checked {summary['document_files']} document files and {summary['report_pdfs']} approved report "
            "PDFs against their recorded SHA-256."
        )
        if summary["report_pdfs_pending"]:
            self.stdout.write(
                f"{summary['report_pdfs_pending']} approved revision(s) had their PDF still being rendered when backed "
                "up: it is rendered again when first asked for (with a worker running, if a broker is configured)."
            )
        if summary["problems"]:
            raise CommandError(
                "The restored installation differs from the backup:\n  " + "\n  ".join(summary["problems"])
            )
        self.stdout.write(self.style.SUCCESS("Every count and checksum matches the backup."))
