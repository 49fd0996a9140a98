import importlib

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from meetings.demo import DEMO_PASSWORD, PERSONA_ROLES
from meetings.demo.next_meeting import NEXT_NUMBER
from wsisportal.stored_files import removing_files_on_failure

# Each app contributes its part of the 14th meeting's world, in this order.
DEMO_MODULES = ["meetings.demo", "contributions.demo", "roadmap.demo", "reports.demo", "floor.demo"]


def next_meeting_line():
    from contributions.models import CallForDocuments

    call = CallForDocuments.objects.select_related("meeting").get(
        meeting__number=NEXT_NUMBER, meeting__group__code="WG-WSIS"
    )
    due = call.due_at.astimezone(call.meeting.zone)
    return (
        f"Next meeting: {call.meeting} opens {call.meeting.start_date:%d %B %Y}; "
        f"its call for documents is open until {due:%d %B %Y %H:%M} {due.tzname()} ({call.meeting.time_zone})."
    )


class Command(BaseCommand):
    help = (
        "Load the WG-WSIS 14th meeting (Geneva, 11-13 February 2009) as demo data, and the next meeting "
        "four weeks after today with an open call for documents. Idempotent."
    )

    def handle(self, *args, **options):
        # All or nothing: one transaction, and the files it stored (documents, approved report
        # PDFs) are deleted again if it fails.
        # The notices the demo's events raise stay in the users' inboxes; their e-mails go to memory,
        # not to the console, where they would bury the logins printed below.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            with removing_files_on_failure():
                for name in DEMO_MODULES:
                    importlib.import_module(name).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded: WG-WSIS 14th meeting."))
        self.stdout.write(next_meeting_line())
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role in PERSONA_ROLES.items():
            self.stdout.write(f"  {username:<12} {DEMO_PASSWORD}  — {role}")
