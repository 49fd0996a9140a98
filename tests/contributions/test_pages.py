"""Register, search, downloads, feed, exports, subscriptions, audit, panel and demo data."""

import datetime
import hashlib
import io
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contributions import services
from contributions.models import AuditEntry, CallForDocuments, Document, DocumentFile, LateAdmission, Subscription
from contributions.views.search import REGISTERS_SHOWN
from meetings.models import Agenda, AgendaItem
from tests.contributions.conftest import pdf_upload, submit
from tests.factories import make_meeting


def add_documents(world, n, start=0):
    agenda = Agenda.objects.get_or_create(meeting=world.meeting)[0]
    item = AgendaItem.objects.create(agenda=agenda, title="WSIS implementation")
    for i in range(start, start + n):
        doc = submit(world, world.secretariat, world.wg if i % 2 else world.dg, f"Roadmap report {i}")
        doc.agenda_items.add(item)
        doc.source_organisations.add(world.member_state)
        services.add_language_file(
            document=doc,
            language="F",
            upload=pdf_upload(),
            name="f.pdf",
            content_type="application/pdf",
            by=world.secretariat,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("route", ["register", "search", "feed", "register_csv", "audit"])
def test_list_pages_query_count_does_not_grow(client, world, route):
    client.force_login(world.secretariat)
    url = {
        "search": reverse("contributions:search") + "?q=Roadmap",
    }.get(route) or reverse(f"contributions:{route}", args=[world.meeting.pk])
    add_documents(world, 1)
    one, html_one = count_queries(client, url)
    add_documents(world, 6, start=1)
    many, html_many = count_queries(client, url)
    assert "Roadmap report 0" in html_one and "Roadmap report 6" in html_many
    assert one == many


REGISTER_LINK = re.compile(r'href="/documents/meetings/(\d+)/"')


@pytest.mark.parametrize("visible", [REGISTERS_SHOWN - 1, REGISTERS_SHOWN, REGISTERS_SHOWN + 1, REGISTERS_SHOWN + 5])
def test_search_lists_the_latest_registers_not_every_meeting(client, world, visible):
    """The registers under the search are the latest meetings' the reader may see (latest first),
    with a way to the others once there are more: the page does not grow with the database."""
    start = datetime.date(2010, 1, 1)
    # world.meeting is one; the others a day apart, then as many of the Dedicated Group's, never listed.
    ours = [make_meeting(world.wg, 100 + i, start=start + datetime.timedelta(days=i)) for i in range(visible - 1)]
    for i in range(3):
        make_meeting(world.dg, 200 + i, start=start + datetime.timedelta(days=900 + i))
    client.force_login(world.sm_delegate)
    page = client.get(reverse("contributions:search")).content.decode()
    latest_first = sorted([*ours, world.meeting], key=lambda m: (m.start_date, m.pk), reverse=True)
    listed = [int(pk) for pk in REGISTER_LINK.findall(page.split('data-testid="registers"')[1])]
    assert listed == [m.pk for m in latest_first[:REGISTERS_SHOWN]]
    assert ('data-testid="more-registers"' in page) == (visible > REGISTERS_SHOWN)


def test_register_sorts_and_filters(client, world):
    for title in ["Bravo", "Alpha", "Charlie"]:
        submit(world, world.ms_delegate, world.wg, title)
    submit(world, world.secretariat, world.wg, "Delta agenda", kind="agenda")
    client.force_login(world.ms_delegate)
    url = reverse("contributions:register", args=[world.meeting.pk])
    page = client.get(url, {"sort": "title"}).content.decode()
    assert page.index("Alpha") < page.index("Bravo") < page.index("Charlie")
    page = client.get(url, {"sort": "-symbol"}).content.decode()
    assert page.index("WG-WSIS-14/4") < page.index("WG-WSIS-14/1<")
    page = client.get(url, {"kind": "agenda"}).content.decode()
    assert "Delta agenda" in page and "Alpha" not in page
    page = client.get(url, {"q": "Charl"}).content.decode()
    assert "Charlie" in page and "Bravo" not in page


def test_register_shows_late_admission_and_withdrawal(client, world):
    late = submit(world, world.secretariat, world.wg, "Requested doc")
    LateAdmission.objects.create(
        document=late, deadline=late.available_at, reason="asked in session", granted_by=world.secretariat,
        granted_at=late.available_at,
    )  # fmt: skip
    gone = submit(world, world.secretariat, world.wg, "Gone doc")
    services.withdraw_document(document=gone, by=world.secretariat, reason="duplicate")
    client.force_login(world.ms_delegate)
    page = client.get(reverse("contributions:register", args=[world.meeting.pk])).content.decode()
    assert "Admitted late" in page and "Withdrawn" in page


def test_download_has_symbol_filename_and_caching_headers(client, world):
    doc = submit(world, world.ms_delegate, world.wg, "Views")
    client.force_login(world.sm_delegate)
    response = client.get(reverse("contributions:download", args=[doc.pk, "E"]))
    content = b"".join(response.streaming_content)
    docfile = DocumentFile.objects.get()
    assert response["Content-Disposition"] == 'attachment; filename="WG-WSIS-14-1-E.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert response["ETag"] == f'"{docfile.sha256}"' == f'"{hashlib.sha256(content).hexdigest()}"'
    again = client.get(reverse("contributions:download", args=[doc.pk, "E"]), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_media_url_serves_nothing(client, world):
    doc = submit(world, world.ms_delegate, world.wg)
    client.force_login(world.secretariat)
    assert client.get("/media-not-served/" + doc.files.get().file.name).status_code == 404


def test_meeting_pack_streams_every_visible_file(client, world):
    submit(world, world.ms_delegate, world.wg, "one")
    submit(world, world.ms_delegate, world.dg, "two")
    gone = submit(world, world.ms_delegate, world.wg, "withdrawn")
    services.withdraw_document(document=gone, by=world.secretariat, reason="x")
    client.force_login(world.ms_delegate)
    response = client.get(reverse("contributions:meeting_pack", args=[world.meeting.pk]))
    assert response.streaming
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["WG-WSIS-14-contents.pdf", "WG-WSIS-14-1-E.pdf", "WG-WSIS-14-2-E.pdf"]
    assert archive.read("WG-WSIS-14-1-E.pdf").startswith(b"%PDF-")
    assert archive.testzip() is None


def test_csv_export_lists_the_register(client, world):
    submit(world, world.ms_delegate, world.wg, "Views, with a comma")
    client.force_login(world.ms_delegate)
    text = client.get(reverse("contributions:register_csv", args=[world.meeting.pk])).content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith('WG-WSIS-14/1,"Views, with a comma",WG-WSIS,Contribution,KSA')


def test_feed_is_atom_and_lists_documents(client, world):
    submit(world, world.ms_delegate, world.dg, "DG contribution")
    client.force_login(world.ms_delegate)
    response = client.get(reverse("contributions:feed", args=[world.meeting.pk]))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>WG-WSIS-14/1: DG contribution</title>" in response.content.decode()


def test_subscribe_toggles(client, world):
    client.force_login(world.sm_delegate)
    url = reverse("contributions:subscribe", args=["WG-WSIS"])
    client.post(url, {"next": "/documents/search/"})
    assert Subscription.objects.filter(user=world.sm_delegate, group=world.wg).exists()
    response = client.post(url, {"next": "https://evil.example/"})
    assert not Subscription.objects.exists() and response.url == reverse("meetings:home")


@pytest.mark.parametrize(("persona", "allowed"), [("secretariat", True), ("chair", False), ("ms_delegate", False)])
def test_audit_log_is_for_the_secretariat(client, world, persona, allowed):
    submit(world, world.ms_delegate, world.wg, "Logged")
    client.force_login(world.personas[persona])
    response = client.get(reverse("contributions:audit", args=[world.meeting.pk]))
    assert (response.status_code == 200) is allowed
    assert ("Logged" in response.content.decode()) is allowed


def test_meeting_panel_counts_and_links(client, world):
    submit(world, world.ms_delegate, world.wg, "one")
    client.force_login(world.ms_delegate)
    html = client.get(reverse("contributions:meeting_panel", args=[world.meeting.pk])).content.decode()
    assert "1 document" in html
    assert reverse("contributions:register", args=[world.meeting.pk]) in html
    assert reverse("contributions:submit", args=[world.meeting.pk]) in html


def test_demo_loads_twice_without_change(db, settings):
    from django.core.management import call_command

    from meetings.management.commands.load_demo import DEMO_MODULES

    assert DEMO_MODULES.index("contributions.demo") > DEMO_MODULES.index("meetings.demo")
    import importlib

    for name in ["meetings.demo", "contributions.demo"]:
        importlib.import_module(name).load()

    def snapshot():
        return (
            sorted(Document.objects.values_list("symbol", "title", "group__code", "available_at")),
            sorted(DocumentFile.objects.values_list("document__symbol", "language", "sha256", "file")),
            sorted(AuditEntry.objects.values_list("action", "at", "detail")),
            list(LateAdmission.objects.values_list("document__symbol", "reason")),
            list(CallForDocuments.objects.values_list("title", "due_at")),
        )

    first = snapshot()
    importlib.import_module("contributions.demo").load()
    assert snapshot() == first
    symbols = [s for s, *_ in first[0]]
    for symbol in ["WG-WSIS-14/2", "WG-WSIS-14/3", "WG-WSIS-14/5", "WG-WSIS-14/6", "WG-WSIS-14/7", "WG-WSIS-14/9"]:
        assert symbol in symbols
    assert Document.objects.get(symbol="WG-WSIS-14/6").group.code == "DG-IPP"
    assert {a for a, *_ in first[2]} >= {"refused_late", "admitted_late"}
    call = CallForDocuments.objects.get(meeting__number=14)  # the 16th has its own
    assert sorted(call.addressees.values_list("short_name", flat=True)) == ["BDT", "SG", "TSB"]
    assert call.due_at.date().isoformat() == "2009-05-15"
    assert call_command  # the load_demo command imports the same modules
    # the next symbol allocated after the demo continues the series, never reusing a demo number
    from django.db import transaction

    from contributions import numbering

    with transaction.atomic():
        assert numbering.allocate_number("WG-WSIS-14") == 13


def test_demo_deadline_is_the_reports_rule(db):
    import datetime
    from zoneinfo import ZoneInfo

    import contributions.demo
    import meetings.demo
    from meetings.models import Group, Meeting

    meetings.demo.load()
    contributions.demo.load()
    m14 = Meeting.objects.get(group__code="WG-WSIS", number=14)
    deadline = services.deadline_for_submission(
        meeting=m14, group=Group.objects.get(code="DG-IPP"), kind="contribution"
    )
    assert deadline.at == datetime.datetime(2009, 2, 11, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    saudi = Document.objects.get(symbol="WG-WSIS-14/11")
    assert saudi.available_at <= deadline.at


@pytest.mark.parametrize(
    ("query", "found"),
    [("Charl", ["Charlie report"]), ("report", ["Bravo report", "Charlie report"]), ("14/2", ["Charlie report"]),
     ("bravo REPORT", ["Bravo report"]), ("'&|!:*", []), ("summary-word", ["Bravo report"])],
)  # fmt: skip
def test_search_by_word_prefix_and_symbol(client, world, query, found):
    submit(world, world.ms_delegate, world.wg, "Bravo report", summary="a summary-word here")
    submit(world, world.ms_delegate, world.wg, "Charlie report")
    assert sorted(Document.objects.search(query).values_list("title", flat=True)) == found


def test_postgresql_search_uses_the_gin_index(world):
    if connection.vendor != "postgresql":
        pytest.skip("The full-text index exists on PostgreSQL only (SQLite uses icontains).")
    submit(world, world.ms_delegate, world.wg, "Indexed report")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = Document.objects.search("Indexed").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "contributions_document_search_gin" in plan


def test_register_links_each_document_and_language_file(client, world):
    english = submit(world, world.ms_delegate, world.wg, "Linked English")
    french = submit(world, world.ms_delegate, world.wg, "Linked French", language="F")
    client.force_login(world.ms_delegate)
    page = client.get(reverse("contributions:register", args=[world.meeting.pk])).content.decode()
    for doc, language in [(english, "E"), (french, "F")]:
        assert f'<a href="{reverse("contributions:document_detail", args=[doc.pk])}" data-testid="symbol">' in page
        assert f'href="{reverse("contributions:download", args=[doc.pk, language])}" title=' in page
    assert f'href="{reverse("contributions:download", args=[english.pk, "F"])}"' not in page


def test_register_is_paged_in_symbol_order_with_the_filters_kept(client, world, monkeypatch):
    from contributions.views import register

    monkeypatch.setattr(register, "PER_PAGE", 2)
    docs = [submit(world, world.ms_delegate, world.wg, f"Paged paper {i}") for i in range(3)]
    client.force_login(world.ms_delegate)
    url = reverse("contributions:register", args=[world.meeting.pk])
    first = client.get(url, {"kind": "contribution"}).content.decode()
    second = client.get(url, {"kind": "contribution", "page": 2}).content.decode()
    assert [doc.title in first for doc in docs] == [True, True, False]
    assert [doc.title in second for doc in docs] == [False, False, True]
    assert "Documents 1–2 of 3" in first and "Documents 3–3 of 3" in second
    assert 'href="?kind=contribution&amp;page=2"' in first
    beyond = client.get(url, {"page": 99}).content.decode()
    assert docs[2].title in beyond and docs[0].title not in beyond  # past the end: the last page
