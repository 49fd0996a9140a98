"""Forms and uploads fuzzed with hypothesis: whatever is posted, the portal answers without a server
error (the test client re-raises any exception a view lets escape, so a 500 fails with the example).

Each target's fields are read from the page that shows the form, so a field added later is fuzzed
too; every field gets either a value the page itself offers (to reach past validation into the
services) or junk (empty, huge, NUL, markup, out-of-range numbers, impossible dates, any Unicode).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contributions.demo.pdf import tiny_pdf
from roadmap.forms import CELL_FORMS
from tests.factories import make_meeting
from tests.meetings.conftest import make_agenda, make_item
from tests.reports.factories import make_block, make_report, make_section
from tests.roadmap.conftest import RoadmapWorld
from tests.security.forms_html import form_fields

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a CI failure reproduces locally
)
JUNK = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["", "0", "-1", "1" * 40, "E", "<script>alert(1)</script>", "\x00", "2009-02-30", "NaN",
                     "☃" * 400, "a" * 5000, "../../etc/passwd", "' OR 1=1 --", "1.5", "true"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)  # fmt: skip
FILE_NAMES = st.builds(
    lambda stem, ext: stem + ext,
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='/\\"'), min_size=1, max_size=40),
    st.sampled_from([".pdf", ".docx", ".txt", ".exe", ".PDF", ""]),
)
UPLOADS = st.builds(
    SimpleUploadedFile,
    FILE_NAMES,
    st.one_of(st.just(tiny_pdf(["A fuzzed contribution"])), st.binary(max_size=3000), st.just(b"")),
    st.sampled_from(["application/pdf", "application/octet-stream", "text/plain", ""]),
)


def payloads(fields):
    """Every field: mostly what the page offers (or plain text), else junk, a list, or absent, so
    that many examples pass validation and reach the services while others probe the edges."""

    def value(offered):
        good = st.sampled_from(offered) if offered else st.just("A fuzzed entry")
        return st.one_of(good, good, good, JUNK, st.lists(st.one_of(good, JUNK), max_size=3), st.none())

    strategy = st.fixed_dictionaries({name: value(offered) for name, offered in fields.items()})
    return strategy.map(lambda data: {k: v for k, v in data.items() if v is not None})


def fields_of(client, page_url, target=None):
    response = client.get(page_url)
    assert response.status_code == 200, page_url
    html = response.content.decode()
    target = target or page_url
    try:
        return form_fields(html, target)
    except AssertionError:
        return form_fields(html, "")  # a crispy form without an action posts to its own page


def post_survives(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500, (url, data)


# ---------------------------------------------------------------- targets


@pytest.fixture
def secretariat_client(client, world):
    client.force_login(world.secretariat)
    return client


@pytest.fixture
def submit_target(client, world):
    """A WG meeting two months ahead, open for contributions, and a member-state delegate."""
    start = datetime.date.today() + datetime.timedelta(days=60)
    meeting = make_meeting(world.wg, number=90, start=start)
    client.force_login(world.ms_delegate)
    url = reverse("contributions:submit", args=[meeting.pk])
    fields = fields_of(client, url)
    assert "file" in fields and "title" in fields
    return client, url, fields


@given(data=st.data())
@FUZZ
def test_submit_form_never_fails_with_a_server_error(submit_target, data):
    client, url, fields = submit_target
    payload = data.draw(payloads({k: v for k, v in fields.items() if k != "file"}))
    payload["file"] = data.draw(UPLOADS)
    post_survives(client, url, payload)


@pytest.fixture
def agenda_targets(secretariat_client, world):
    agenda = make_agenda(world.meeting)
    item = make_item(agenda, "Opening of the meeting")
    make_item(agenda, "Adoption of the agenda")
    add = reverse("meetings:agenda_item_add", args=[agenda.pk])
    edit = reverse("meetings:agenda_item_edit", args=[item.pk])
    return secretariat_client, {
        add: fields_of(secretariat_client, reverse("meetings:agenda_editor", args=[agenda.pk]), add),
        edit: fields_of(secretariat_client, edit),
    }


@given(data=st.data())
@FUZZ
def test_agenda_item_forms_never_fail_with_a_server_error(agenda_targets, data):
    client, targets = agenda_targets
    url = data.draw(st.sampled_from(sorted(targets)))
    post_survives(client, url, data.draw(payloads(targets[url])))


@pytest.fixture
def block_targets(secretariat_client, world):
    report = make_report(world.meeting, title="WG report", symbol="WG-WSIS-14/20")
    section = make_section(report, "Opening")
    block = make_block(report, section, body="<p>Text.</p>")
    add = reverse("reports:block_add", args=[report.pk])
    edit = reverse("reports:block_edit", args=[block.pk])
    return secretariat_client, {
        add: fields_of(secretariat_client, reverse("reports:report_edit", args=[report.pk]), add),
        edit: fields_of(secretariat_client, edit),
    }


@given(data=st.data())
@FUZZ
def test_report_block_editor_never_fails_with_a_server_error(block_targets, data):
    client, targets = block_targets
    url = data.draw(st.sampled_from(sorted(targets)))
    post_survives(client, url, data.draw(payloads(targets[url])))


@pytest.fixture
def cell_targets(secretariat_client, world):
    rw = RoadmapWorld(world)
    urls = [reverse("roadmap:cell", args=[rw.row_a.pk, cell]) for cell in CELL_FORMS]
    return secretariat_client, {url: fields_of(secretariat_client, url) for url in urls}


@given(data=st.data())
@FUZZ
def test_roadmap_cell_edit_never_fails_with_a_server_error(cell_targets, data):
    client, targets = cell_targets
    url = data.draw(st.sampled_from(sorted(targets)))
    post_survives(client, url, data.draw(payloads(targets[url])))


@pytest.fixture(params=["throttled", "unthrottled"])
def login_target(request, client, world, settings):
    """The login form with django-axes on (most examples then meet the lockout page) and off."""
    settings.AXES_ENABLED = request.param == "throttled"
    url = reverse("login")
    fields = fields_of(client, url, url)
    assert {"username", "password"} <= set(fields)
    fields["username"] = ["ms-delegate", "secretariat", ""]
    return client, url, fields


@given(data=st.data())
@FUZZ
def test_login_form_never_fails_with_a_server_error(login_target, data):
    client, url, fields = login_target
    post_survives(client, url, data.draw(payloads(fields)))
