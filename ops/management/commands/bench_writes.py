"""`manage.py bench_writes`: content writes at a steady rate, spread over the bench dataset, while
`manage.py bench` measures pages (its mixed-load row). Each write is one committed change of a
random document's title or a random roadmap row's expected results, as an editor's save is."""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from contributions.models import Document
from roadmap.models import RoadmapRow


class Command(BaseCommand):
    help = "Write content at a steady rate (for the bench's mixed-load row)."

    def add_arguments(self, parser):
        parser.add_argument("--per-second", type=float, default=5)
        parser.add_argument("--seconds", type=float, default=10)

    def handle(self, *args, per_second, seconds, **options):
        documents = list(Document.objects.values_list("pk", flat=True))
        rows = list(RoadmapRow.objects.values_list("pk", flat=True))
        interval, deadline, done = 1 / per_second, time.monotonic() + seconds, 0
        while time.monotonic() < deadline:
            started = time.monotonic()
            with transaction.atomic():
                if done % 2:
                    Document.objects.filter(pk=random.choice(documents)).update(title=f"Edited title {done}")
                else:
                    RoadmapRow.objects.filter(pk=random.choice(rows)).update(expected_results=f"Edited {done}")
            done += 1
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
        self.stdout.write(f"{done} writes in {seconds:.0f} s")
