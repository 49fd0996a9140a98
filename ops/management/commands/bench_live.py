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
        parser.add_argument("--seconds", type=int, default=3, help="each timing window")
        parser.add_argument("--rounds", type=int, default=5, help="timing windows of each page, with and without")
        parser.add_argument("--nice", type=int, default=0, help="CPU priority of the participants' process (os.nice)")

    def handle(self, *args, base, cookie, out, participants, moves, interval, page, seconds, rounds, nice, **options):
        meeting, sitting = benchlive.prepare(secretariat_username="secretariat")

        def measure(path, warm_up):
            return benchload.measure(base + path, cookie=cookie, seconds=seconds, warm_up=warm_up)

        result = benchlive.follow(
            base=base,
            cookie=cookie,
            meeting=meeting,
            sitting=sitting,
            participants=participants,
            moves=moves,
            interval=interval,
            measure=measure,
            pages=[p.split("=", 1) for p in page],
            rounds=rounds,
            nice=nice,
        )
        result["summary"] = benchlive.summary(result.pop("lags"))
        alone, during = result["alone"], result["during"]
        result["pages"] = {name: benchlive.compare(alone[name], during[name]) for name in alone}
        result["participants"], result["moves"], result["rounds"], result["nice"] = participants, moves, rounds, nice
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(result, handle)
        self.stdout.write(f"Live: {json.dumps(result['summary'])}")
        for name, figures in result["pages"].items():
            ratios = ", ".join(f"{r:.2f}" for r in figures["ratios"])
            line = f"{figures['during']:.1f} vs {figures['alone']:.1f} ms, {figures['ratio']:.2f}× ({ratios})"
            self.stdout.write(f"  {name}: {line}")
