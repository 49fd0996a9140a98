from django.core.management.base import BaseCommand, CommandError

from inbox.due_actions import notify_due_actions


class Command(BaseCommand):
    help = (
        "Tell the organisations of each open action item due within --days (default 7) that it is coming "
        "due: once per item and due date, however often this runs (run it daily from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        count = notify_due_actions(days=days)
        self.stdout.write(f"Announced {count} action items coming due.")
