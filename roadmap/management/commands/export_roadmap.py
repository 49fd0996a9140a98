from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roadmap import exports
from roadmap.models import Roadmap, RoadmapDraft


class Command(BaseCommand):
    help = "Export a roadmap draft as CSV, XLSX or PDF (the same files as the draft's page offers)."

    def add_arguments(self, parser):
        parser.add_argument("--draft", type=int, required=True, help="Draft number, e.g. 3 for the third draft.")
        parser.add_argument("--format", choices=exports.FORMATS, required=True)
        parser.add_argument("--output", required=True, help="File to write.")
        parser.add_argument("--roadmap", type=int, help="Roadmap id, when there is more than one roadmap.")

    def handle(self, *args, draft, format, output, roadmap=None, **options):
        roadmaps = Roadmap.objects.all() if roadmap is None else Roadmap.objects.filter(pk=roadmap)
        if roadmaps.count() != 1:
            choices = ", ".join(f"{r.pk}: {r}" for r in Roadmap.objects.all()) or "none"
            raise CommandError(f"Name the roadmap with --roadmap (roadmaps: {choices}).")
        try:
            found = RoadmapDraft.objects.select_related("roadmap", "meeting").get(roadmap=roadmaps.get(), number=draft)
        except RoadmapDraft.DoesNotExist:
            raise CommandError(f"The roadmap has no draft {draft}.") from None
        data = exports.export(found, format)
        Path(output).write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {found.label} as {format.upper()} to {output} ({len(data)} bytes).")
        )
