from django.conf import settings
from django.core.management.base import BaseCommand

from ops.backup import write_backup


class Command(BaseCommand):
    help = "Write a dated archive of the database rows and the stored files (backups/wsisportal-…tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", default=str(settings.BASE_DIR / "backups"), help="Directory for the archive (./backups)."
        )

    def handle(self, *args, output_dir, **options):
        path, manifest = write_backup(directory=output_dir)
        rows = sum(manifest["rows"].values())
        size = sum(f["size"] for f in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(f"Backup written: {path}")
            + f"\n  {manifest['database']['vendor']} database: {rows} rows in {len(manifest['rows'])} tables"
            + f"\n  stored files: {len(manifest['files'])} ({size / 1e6:.1f} MB)"
            + f"\n  archive: {path.stat().st_size / 1e6:.1f} MB; manifest.json lists every count and SHA-256"
        )
