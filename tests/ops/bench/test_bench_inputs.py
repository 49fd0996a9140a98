"""What `make bench` reads from the apps exists where the bench looks for it (it has no other test
that runs before the long dataset build)."""

import json

from ops import benchdata


def test_the_bench_vocabulary_is_the_demo_report():
    report = json.loads(benchdata.VOCABULARY_SOURCE.read_text())
    assert benchdata.VOCABULARY_SOURCE.parent.name == "demo" and report
