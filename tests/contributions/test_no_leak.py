"""The Sector Member persona never obtains a Dedicated Group document, or learns it exists, by any route."""

import io
import re
import zipfile

import pytest
from django.core import mail
from django.urls import reverse

from contributions import services
from contributions.models import Subscription
from meetings.models import Agenda, AgendaItem
from tests.contributions.conftest import BEFORE, pdf_upload, submit

MARKER = "DGLEAK-5c1e9"


@pytest.fixture
def leaky(world):
    """A WG document everyone may see and a DG document with the marker in its title, summary and file."""
    wg_doc = submit(world, world.secretariat, world.wg, "Open WG report")
    dg_doc = submit(
        world, world.ms_delegate, world.dg, f"{MARKER} issues list", summary=f"summary {MARKER}",
        upload=pdf_upload(f"{MARKER}.pdf", MARKER),
    )  # fmt: skip
    return world, wg_doc, dg_doc


def without_csrf(content):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def test_member_state_sees_the_marker_so_the_checks_below_can_fail(client, leaky):
    world, _wg_doc, dg_doc = leaky
    client.force_login(world.ms_delegate)
    assert MARKER in client.get(reverse("contributions:document_detail", args=[dg_doc.pk])).content.decode()
    assert MARKER in client.get(reverse("contributions:search") + f"?q={MARKER}").content.decode()
    assert MARKER.encode() in body(client.get(reverse("contributions:register_csv", args=[world.meeting.pk])))


@pytest.mark.parametrize(
    "route",
    ["detail", "download-E", "download-F", "revise", "edit"],
)
def test_guessed_document_urls_answer_404_without_the_marker(client, leaky, route):
    world, _wg_doc, dg_doc = leaky
    client.force_login(world.sm_delegate)
    name, *lang = route.split("-")
    url = {
        "detail": reverse("contributions:document_detail", args=[dg_doc.pk]),
        "download": reverse("contributions:download", args=[dg_doc.pk, (lang or ["E"])[0]]),
        "revise": reverse("contributions:revise", args=[dg_doc.pk]),
        "edit": reverse("contributions:edit", args=[dg_doc.pk]),
    }[name]
    response = client.get(url)
    assert response.status_code == 404
    assert MARKER.encode() not in body(response)
    missing = client.get(url.replace(str(dg_doc.pk), str(dg_doc.pk + 1000)))
    # indistinguishable from absent (the 404 page's logout form carries a per-response CSRF mask)
    assert missing.status_code == 404 and without_csrf(body(missing)) == without_csrf(body(response))


@pytest.mark.parametrize("route", ["register", "register_csv", "meeting_pack", "feed", "meeting_panel"])
def test_meeting_lists_and_exports_leave_out_the_dedicated_group(client, leaky, route):
    world, wg_doc, dg_doc = leaky
    client.force_login(world.sm_delegate)
    content = body(client.get(reverse(f"contributions:{route}", args=[world.meeting.pk])))
    if route == "meeting_pack":
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        assert names == ["WG-WSIS-14-contents.pdf", "WG-WSIS-14-1-E.pdf"]
    elif route == "meeting_panel":
        assert "1 document" in content.decode()
    else:
        assert wg_doc.symbol.encode() in content
    assert MARKER.encode() not in content
    assert dg_doc.symbol.encode() not in content


def test_xlsx_export_leaves_out_the_dedicated_group(client, leaky):
    from openpyxl import load_workbook

    world, wg_doc, dg_doc = leaky
    client.force_login(world.sm_delegate)
    content = client.get(reverse("contributions:register_xlsx", args=[world.meeting.pk])).content
    cells = [str(c.value) for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]
    assert wg_doc.symbol in cells
    assert not any(MARKER in c or dg_doc.symbol == c for c in cells)


@pytest.mark.parametrize("query", [MARKER, "issues", "WG-WSIS-14/2", "summary"])
def test_search_never_finds_the_dedicated_group_document(client, leaky, query):
    world, _wg_doc, dg_doc = leaky
    client.force_login(world.sm_delegate)
    page = client.get(reverse("contributions:search"), {"q": query}).content.decode()
    results = page.split('data-testid="result-count"', 1)[1]  # the query itself is echoed in the box
    assert MARKER not in results and dg_doc.symbol not in results


def test_register_filter_by_dedicated_group_code_shows_nothing(client, leaky):
    world, _wg_doc, dg_doc = leaky
    client.force_login(world.sm_delegate)
    page = client.get(reverse("contributions:register", args=[world.meeting.pk]), {"group": "DG-IPP"}).content.decode()
    assert MARKER not in page and dg_doc.symbol not in page


def test_notification_email_never_goes_to_the_sector_member(world, django_capture_on_commit_callbacks):
    Subscription.objects.create(user=world.sm_delegate, group=world.wg)
    Subscription.objects.create(user=world.sm_delegate, group=world.dg)  # a stale row must not leak either
    Subscription.objects.create(user=world.ms_delegate, group=world.dg)
    with django_capture_on_commit_callbacks(execute=True):
        submit(world, world.ms_delegate, world.dg, f"{MARKER} contribution")
    assert [m.to for m in mail.outbox] == [[world.ms_delegate.email]]
    assert MARKER in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        submit(world, world.secretariat, world.wg, "Open report")
    assert sorted(m.to[0] for m in mail.outbox[1:]) == [world.sm_delegate.email]
    assert not any(MARKER in m.body or MARKER in m.subject for m in mail.outbox if world.sm_delegate.email in m.to)


def test_sector_member_cannot_subscribe_to_the_dedicated_group(client, world):
    client.force_login(world.sm_delegate)
    response = client.post(reverse("contributions:subscribe", args=["DG-IPP"]))
    assert response.status_code == 404 and not Subscription.objects.exists()


def test_agenda_item_lists_only_visible_documents(leaky, client):
    """The agenda page prefetches each item's documents through access.visible_documents."""
    world, wg_doc, dg_doc = leaky
    agenda = Agenda.objects.create(meeting=world.meeting, status="circulated")
    item = AgendaItem.objects.create(agenda=agenda, title="Report of the Dedicated Group")
    wg_doc.agenda_items.add(item)
    dg_doc.agenda_items.add(item)
    for user, expected in [(world.sm_delegate, False), (world.ms_delegate, True)]:
        client.force_login(user)
        html = client.get(reverse("meetings:agenda_detail", args=[agenda.pk])).content.decode()
        assert wg_doc.symbol in html
        assert (dg_doc.symbol in html) is expected


def test_anonymous_is_sent_to_login_everywhere(client, leaky):
    world, _wg_doc, dg_doc = leaky
    for url in [
        reverse("contributions:document_detail", args=[dg_doc.pk]),
        reverse("contributions:feed", args=[world.meeting.pk]),
        reverse("contributions:download", args=[dg_doc.pk, "E"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert MARKER.encode() not in response.content


def test_revision_of_dedicated_group_document_stays_restricted(client, leaky):
    world, _wg_doc, dg_doc = leaky
    rev = services.submit_document(
        meeting=world.meeting, group=world.wg, submitted_by=world.secretariat, title=f"{MARKER} rev",
        kind="contribution", files=[], parent=dg_doc, suffix="Rev", now=BEFORE,
    )  # fmt: skip
    assert rev.group == world.dg
    client.force_login(world.sm_delegate)
    assert client.get(reverse("contributions:document_detail", args=[rev.pk])).status_code == 404
