from django.core.management.base import BaseCommand

from inbox.services import deliver_pending


class Command(BaseCommand):
    help = (
        "Send the e-mails of the outbox not sent yet (those whose sending after the commit failed, e.g. "
        "while the mail server was down). Each is sent once; a failure is kept with its error for the next "
        "run. Safe to run at any time and from cron (every few minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, metavar="MAILS")

    def handle(self, *args, limit, **options):
        sent, failed = deliver_pending(limit=limit)
        self.stdout.write(f"Sent {sent} e-mails; {failed} failed and stay in the outbox.")
