"""`manage.py bench_live --base URL --cookie C --out F`: the live row of `make bench` (ops/benchlive.py).
Run by `manage.py bench` against its throwaway database while gunicorn serves it."""

import json

from django.core.management.base import BaseCommand

from ops import benchlive, benchload


class Command(BaseCommand):
    help = "Participants following a sitting while the chair moves on ten times (bench's live row)."

    def add_arguments(self, parser):
        parser.add_argument("--base", required=True)
        parser.add_argument("--cookie", required=True)
        parser.add_argument("--out", required=True)
        parser.add_argument("--participants", type=int, default=200)
        parser.add_argument("--moves", type=int, default=10)
        parser.add_argument("--interval", type=float, default=2.5)
        parser.add_argument("--page", action="append", default=[], help="name=path, timed during the moves")
        parser.add_argument("--seconds", type=int, default=5)

    def handle(self, *args, base, cookie, out, participants, moves, interval, page, seconds, **options):
        meeting, sitting = benchlive.prepare(secretariat_username="secretariat")
        pages = dict(p.split("=", 1) for p in page)

        def during():
            return {
                name: benchload.measure(base + path, cookie=cookie, seconds=seconds) for name, path in pages.items()
            }

        # The same pages measured just before the participants come, as the figure they are compared
        # with: on a shared machine a figure of some minutes earlier may differ by a third by itself.
        alone = during()

        result = benchlive.follow(
            base=base,
            cookie=cookie,
            meeting=meeting,
            sitting=sitting,
            participants=participants,
            moves=moves,
            interval=interval,
            during=during,
        )
        result["summary"] = benchlive.summary(result.pop("lags"))
        result["participants"], result["moves"], result["alone"] = participants, moves, alone
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(result, handle)
        self.stdout.write(f"Live: {json.dumps(result['summary'])}")
