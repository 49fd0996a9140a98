"""The header's search: documents, reports, agenda items and roadmap rows, each through the policy."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.contributions.conftest import submit
from tests.meetings.conftest import make_agenda, make_item
from tests.reports.factories import circulate, make_report
from tests.roadmap.factories import make_action_line, make_draft, make_roadmap, make_row


def search(client, user, text):
    client.force_login(user)
    return client.get("/search/", {"q": text}).content.decode()


def test_one_search_finds_each_kind(world, client):
    doc = submit(world, world.ms_delegate, world.wg, "Cybersecurity contribution")
    circulate(make_report(world.meeting, title="Cybersecurity report"))
    make_item(make_agenda(world.meeting, status="circulated"), "Cybersecurity and trust")
    page = search(client, world.sm_delegate, "cybersecurity")
    assert doc.symbol in page
    assert "Cybersecurity report" in page
    assert "Cybersecurity and trust" in page
    assert "3 results" in page


def test_restricted_things_are_not_found(world, client):
    dg_doc = submit(world, world.ms_delegate, world.dg, "Internet governance paper")
    circulate(make_report(world.meeting, group=world.dg, title="Internet governance report"))
    draft = make_agenda(world.meeting)  # a draft agenda: officers and secretariat only
    make_item(draft, "Internet governance item")
    page = search(client, world.sm_delegate, "internet governance")
    assert dg_doc.symbol not in page and "Internet governance report" not in page
    assert "Internet governance item" not in page
    assert "0 results" in page
    page = search(client, world.ms_delegate, "internet governance")
    assert dg_doc.symbol in page and "Internet governance report" in page
    assert "Internet governance item" not in page


def test_roadmap_rows_are_found_through_the_policy(world, client):
    line = make_action_line("C5")
    third = make_draft(make_roadmap(world.wg), number=3)
    row = make_row(third, line, outcome="Building confidence and security in the use of ICTs")
    hidden = make_row(make_draft(make_roadmap(world.dg, title="DG list"), number=1), line,
                      outcome="Confidence and security in the Dedicated Group")  # fmt: skip
    page = search(client, world.sm_delegate, "confidence and security")
    assert f"/roadmap/rows/{row.pk}/" in page
    assert f"/roadmap/rows/{hidden.pk}/" not in page
    assert f"/roadmap/rows/{hidden.pk}/" in search(client, world.ms_delegate, "confidence and security")


def test_search_queries_do_not_grow_with_results(world, client):
    client.force_login(world.sm_delegate)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get("/search/", {"q": "roadmap"})
        return len(queries)

    submit(world, world.ms_delegate, world.wg, "Roadmap one")
    circulate(make_report(world.meeting, title="Roadmap report"))
    one = count()
    for i in range(4):
        submit(world, world.ms_delegate, world.wg, f"Roadmap {i}")
    circulate(make_report(world.meeting, kind="summary", title="Roadmap summary"))
    assert count() == one
