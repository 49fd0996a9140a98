import datetime

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from jobs import services


class Command(BaseCommand):
    help = (
        "Remove background jobs (built PDFs …) that finished more than --days days ago, with their files, "
        "at most --limit per run. Queued and running jobs are never touched; a file asked for again is "
        "built anew. Cron, daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)
        parser.add_argument("--limit", type=int, default=1000, metavar="JOBS")

    def handle(self, *args, days, limit, **options):
        if days < 1 or limit < 1:
            raise CommandError("--days and --limit must be at least 1.")
        removed, freed, more = services.prune(older_than=datetime.timedelta(days=days), limit=limit)
        summary = f"Removed {removed} jobs finished more than {days} days ago ({filesizeformat(freed)})."
        if more:
            summary += f" Stopped at the limit of {limit} per run; more remain."
        self.stdout.write(summary)
