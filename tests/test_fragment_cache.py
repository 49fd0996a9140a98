"""The fragment cache (wsisportal/fragments.py): a fragment's key names what it shows, so a write
elsewhere (another object, a sign-in, a session) never invalidates it, and a change to what it
shows gives a new key. Then pages, committed (transactional_db): a change is seen on the next
request, and a fragment filled by a member of the Dedicated Group is never served to someone
outside it.
"""

import datetime
import pickle

import pytest
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from meetings.models import Meeting
from tests.factories import World, make_meeting, make_session
from wsisportal import fragments


@pytest.fixture
def committed_world(transactional_db):
    cache.clear()
    return World()


class Renders:
    """A render function that counts its calls."""

    def __init__(self, text):
        self.text, self.calls = text, 0

    def __call__(self):
        self.calls += 1
        return f"{self.text} #{self.calls}"


def test_a_fragment_is_rendered_once_per_name_and_version():
    cache.clear()
    render = Renders("report text")
    assert fragments.cached("report-revision", (7, "abc"), render) == "report text #1"
    assert fragments.cached("report-revision", (7, "abc"), render) == "report text #1"
    assert fragments.cached("report-revision", (8, "def"), render) == "report text #2"
    assert fragments.cached("other-name", (7, "abc"), render) == "report text #3"
    assert render.calls == 3


def test_language_and_time_zone_separate_fragments():
    cache.clear()
    render = Renders("text")
    with translation.override("en"):
        fragments.cached("x", (1,), render)
    with translation.override("fr"):
        fragments.cached("x", (1,), render)
    with timezone.override("America/New_York"):
        fragments.cached("x", (1,), render)
    with translation.override("en"):
        fragments.cached("x", (1,), render)
    assert render.calls == 3


# ---------------------------------------------------------------- pages


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _fragment_entries():
    return {key: pickle.loads(value) for key, value in cache._cache.items() if key.startswith(":1:fragment:")}


def _approved_report(world):
    from tests.reports.factories import make_block, make_report, make_revision, make_section

    report = make_report(world.meeting, title="Report of the fragment test")
    make_block(report, make_section(report), body="<p>Frozen-Paragraph-One</p>")
    return report, make_revision(report, world.secretariat)


def test_an_approved_revision_is_rendered_once_and_survives_writes_elsewhere(committed_world):
    """Signing in (last_login), a new meeting, a new session: none of them touches the frozen
    revision, so the page keeps serving the stored fragment (marked here to tell it apart)."""
    world = committed_world
    report, revision = _approved_report(world)
    url = reverse("reports:report_detail", args=[report.pk])
    assert "Frozen-Paragraph-One" in _client(world.ms_delegate).get(url).content.decode()
    [(key, html)] = _fragment_entries().items()
    cache._cache[key] = pickle.dumps(html.replace("Frozen-Paragraph-One", "Served-From-The-Cache"))
    update_last_login(None, world.sm_delegate)  # what a sign-in writes
    make_meeting(world.wg, number=91, start=datetime.date.today() + datetime.timedelta(days=9))
    make_session(world.meeting, title="Another sitting")
    assert "Served-From-The-Cache" in _client(world.chair).get(url).content.decode()


def test_a_new_revision_is_shown_at_once(committed_world):
    from tests.reports.factories import make_block, make_revision, make_section

    world = committed_world
    report, _first = _approved_report(world)
    url = reverse("reports:report_detail", args=[report.pk])
    assert "Frozen-Paragraph-One" in _client(world.ms_delegate).get(url).content.decode()
    report.revision += 1
    report.save(update_fields=["revision"])
    make_block(report, make_section(report, "Later"), body="<p>Second-Revision-Paragraph</p>")
    make_revision(report, world.secretariat)
    assert "Second-Revision-Paragraph" in _client(world.ms_delegate).get(url).content.decode()
    assert len(_fragment_entries()) == 2


def test_home_shows_a_new_meeting_on_the_next_request(committed_world):
    ms = _client(committed_world.ms_delegate)
    future = datetime.date.today() + datetime.timedelta(days=30)
    assert "Tunis" not in ms.get(reverse("meetings:home")).content.decode()
    make_meeting(committed_world.wg, number=97, start=future, venue="Tunis")
    assert "Tunis" in ms.get(reverse("meetings:home")).content.decode()


def test_a_fragment_a_member_filled_never_reaches_an_outsider(committed_world):
    """Home and the group calendar: the Member State delegate sees the Dedicated Group's meeting and
    session (and fills the cache with them) first; the Sector Member and anonymous come after."""
    world = committed_world
    future = datetime.date.today() + datetime.timedelta(days=40)
    dg_meeting = make_meeting(world.dg, number=98, start=future, venue="Secret-Venue-DG")
    make_session(world.meeting, group=world.dg, title="Secret-Session-DG")
    ms, sm, anonymous = _client(world.ms_delegate), _client(world.sm_delegate), Client()
    urls = [reverse("meetings:home"), reverse("meetings:group_ical", args=["WG-WSIS"])]
    for url in urls:
        body = ms.get(url).content.decode()
        assert "Secret-Venue-DG" in body or "Secret-Session-DG" in body, url
    for client in (sm, anonymous):
        for url in urls:
            response = client.get(url)
            body = response.content.decode()
            assert "Secret-Venue-DG" not in body and "Secret-Session-DG" not in body, url
    assert Meeting.objects.filter(pk=dg_meeting.pk).exists()


def test_the_register_filled_by_a_member_shows_an_outsider_only_their_documents(committed_world, settings, tmp_path):
    from contributions.models import Document
    from tests.contributions.conftest import submit

    world = committed_world
    settings.MEDIA_ROOT = tmp_path / "media"
    submit(world, world.ms_delegate, world.dg, title="Dedicated-Group-Only paper")
    submit(world, world.ms_delegate, world.wg, title="Working-Group paper")
    assert Document.objects.count() == 2
    url = reverse("contributions:register", args=[world.meeting.pk])
    member = _client(world.ms_delegate).get(url).content.decode()
    assert "Dedicated-Group-Only paper" in member and "Working-Group paper" in member
    outsider = _client(world.sm_delegate).get(url).content.decode()
    assert "Working-Group paper" in outsider
    assert "Dedicated-Group-Only paper" not in outsider


def test_the_roadmap_matrix_shows_an_edit_on_the_next_request_and_keeps_tokens_out(committed_world):
    from roadmap import services
    from tests.roadmap.conftest import RoadmapWorld

    rw = RoadmapWorld(committed_world)
    url = reverse("roadmap:draft", args=[rw.draft.pk])
    secretariat = _client(committed_world.secretariat)
    first = secretariat.get(url).content.decode()
    assert "Global Cybersecurity Agenda" in first
    services.update_row_cell(
        row=rw.row_a1,
        cell="outcome",
        data={"code": "A1", "outcome": "Cybersecurity Gateway", "source": "", "revision": rw.row_a1.revision},
        expected_revision=rw.row_a1.revision,
    )
    second = secretariat.get(url).content.decode()
    assert "Cybersecurity Gateway" in second and "Global Cybersecurity Agenda" not in second
    # The rows hold no token: the page's one form carries this session's.
    remove_form = second[second.index('id="roadmap-row-remove"') :].split("</form>")[0]
    assert 'name="csrfmiddlewaretoken"' in remove_form
    assert second.count('form="roadmap-row-remove"') == 2
    chair = _client(committed_world.chair).get(url).content.decode()
    assert 'form="roadmap-row-remove"' not in chair, "the chair reads the matrix without the editing controls"
