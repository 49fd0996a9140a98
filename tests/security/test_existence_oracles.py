"""What a user may not see answers exactly like what does not exist (trust issue, finding 5).

For every URL pattern that names an object by an integer id, a Sector Member and an anonymous
visitor request it once with the id of a Dedicated Group object that only the Dedicated Group has
(the leak scan's world: ids 900001…) and once with an id nothing has. GET and POST must give the
same status, the same page (CSRF token and path set aside) and the same number of queries: no
answer, and no prefetch run before the decision, tells the two apart.
"""

import logging

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meetings.models import User
from tests.refusals import normalised
from tests.test_leak_scan import (
    SHARDS,
    build_restricted_world,
    candidates,
    fill,
    in_shard,
    is_excluded,
    iter_patterns,
    kwarg_kinds,
)

MISSING = 999_999  # as many digits as the restricted ids: the pages differ in nothing else


def answer(client, method, url):
    connection.queries_log.clear()  # a full log would make every count read 0
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url)
    return (*normalised(response, url), len(queries))


def int_routes(shard):
    """The URL patterns of this shard (as the leak scan splits them) that name an object by an id."""
    for index, (route, _name, entry, callback) in enumerate(iter_patterns()):
        if not in_shard(index, shard):
            continue
        kinds = kwarg_kinds(route, entry)
        if route.startswith("admin/") or is_excluded(route, callback):
            continue  # the admin refuses anyone but the secretariat before any lookup (tests/test_admin.py)
        ints = [k for k, v in kinds.items() if v == "int"]
        if ints:
            yield route, kinds, ints


@pytest.fixture
def quiet():
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


@pytest.mark.parametrize("shard", range(SHARDS))
def test_hidden_objects_answer_like_missing_ones(db, quiet, shard):
    dg, querysets = build_restricted_world()
    _ints, strict, by_name, generic, _restricted = candidates(querysets, dg)
    sm = Client()
    sm.force_login(User.objects.get(username="sm-delegate"))
    clients = {"sm-delegate": sm, "anonymous": Client()}
    problems, compared = [], 0
    for route, kinds, ints in int_routes(shard):
        strs = {k: (by_name.get(k) or generic)[0] for k, v in kinds.items() if v != "int"}
        for name in ints[:2]:  # further int kwargs: the first two are enough
            others = {n: 1 for n in ints if n != name}
            missing = fill(route, {**strs, **others, name: MISSING})
            # What a missing id answers, once per persona and method: every hidden id is compared to it.
            expected = {(p, m): answer(c, m, missing) for p, c in clients.items() for m in ("get", "post")}
            for hidden_id in sorted(strict):
                hidden = fill(route, {**strs, **others, name: hidden_id})
                for (persona, method), b in expected.items():
                    a = answer(clients[persona], method, hidden)
                    compared += 1
                    if a != b:
                        what = "status" if a[0] != b[0] else "body" if a[1] != b[1] else "queries"
                        problems.append(f"{persona} {method.upper()} {hidden}: {what} {a[0]}/{a[3]}q vs {b[0]}/{b[3]}q")
    print(f"existence oracles: {compared} pairs compared")
    assert compared > 1000 // SHARDS
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:60])
