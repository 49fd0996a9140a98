from django.core.management.base import BaseCommand

from wsisportal import catalogs


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po to .mo with Babel (no system gettext needed)."

    def handle(self, *args, **options):
        for path in catalogs.compile_all():
            self.stdout.write(f"compiled {path}")
