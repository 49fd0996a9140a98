"""The demo loads the meetings work of the 14th meeting, and loading twice changes nothing."""

import datetime
import hashlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from meetings.agenda_tree import build_tree, flatten
from meetings.models import Agenda, ExternalEvent, Meeting, Session, WorkingListIssue


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_load_demo_twice_changes_nothing(demo):
    before = row_counts()
    agenda = Agenda.objects.get(meeting__number=14, meeting__group__code="WG-WSIS")
    lineages = sorted(str(x) for x in agenda.items.values_list("lineage", flat=True))
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert row_counts() == before
    assert sorted(str(x) for x in agenda.items.values_list("lineage", flat=True)) == lineages


def test_demo_meetings_and_dedicated_group_sitting(demo):
    wg = {m.number: m for m in Meeting.objects.filter(group__code="WG-WSIS")}
    assert (wg[13].start_date, wg[13].end_date) == (datetime.date(2008, 9, 25), datetime.date(2008, 9, 26))
    assert (wg[15].start_date, wg[15].end_date, wg[15].status) == (
        datetime.date(2009, 6, 22),
        datetime.date(2009, 6, 24),
        "proposed",
    )
    dg = Session.objects.get(
        meeting=wg[14], group__code="DG-IPP", date=datetime.date(2009, 2, 12), start_time=datetime.time(9, 0)
    )
    assert dg.starts_at.isoformat() == "2009-02-12T09:00:00+01:00"
    assert sorted({s.date.day for s in wg[14].sessions.all()}) == [11, 12, 13]


def test_demo_agenda_has_13_items_and_7c_adopted_as_drafted(demo):
    agenda = Agenda.objects.get(meeting__number=14, meeting__group__code="WG-WSIS", version=1)
    tree = build_tree(list(agenda.items.all()))
    assert len(tree) == 13
    labels = [n.label for n in flatten(tree)]
    assert labels[:9] == ["1", "2", "3", "4", "5", "6", "7", "7a", "7b"] and "7c" in labels
    assert (agenda.status, agenda.adopted_as, agenda.adopted_on) == ("adopted", "drafted", datetime.date(2009, 2, 11))


def test_demo_working_list_and_gac_event(demo):
    issues = WorkingListIssue.objects.filter(group__code="DG-IPP")
    assert {i.category for i in issues} == {"infrastructural", "use", "development"}
    assert issues.filter(proposed_by__short_name="SYR").count() == 7
    assert issues.filter(proposed_by__short_name="KSA").count() == 13
    gac = ExternalEvent.objects.get(place="Sydney")
    assert (gac.start_date, gac.end_date) == (datetime.date(2009, 6, 21), datetime.date(2009, 6, 26))


def test_next_meeting_form_shows_icann_gac_clash(demo, client):
    from meetings.models import User

    client.force_login(User.objects.get(username="secretariat"))
    url = reverse("meetings:meeting_propose", args=["WG-WSIS"]) + "?start_date=2009-06-22&end_date=2009-06-24"
    html = client.get(url).content.decode()
    assert "ICANN Governmental Advisory Committee" in html and "Sydney" in html
    assert "21–26 June 2009" in html


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def production_static(settings, tmp_path):
    """Production settings before any collectstatic: DEBUG off, the manifest storage, no manifest."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "never-collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


def test_load_demo_with_production_settings_renders_its_pdfs(db, production_static, settings):
    from reports.models import ReportRevision

    call_command("load_demo", stdout=open("/dev/null", "w"))
    revisions = list(ReportRevision.objects.all())
    assert len(revisions) == 2  # the meeting report and the summary, approved by the chair
    for revision in revisions:
        with revision.pdf.open("rb") as stored:
            content = stored.read()
        assert content.startswith(b"%PDF") and hashlib.sha256(content).hexdigest() == revision.sha256
    assert not settings.STATIC_ROOT.exists()


def test_load_demo_failing_late_leaves_no_file_and_no_row(db, settings):
    # A plain file where the report PDFs' directory must go: the last loader fails when it stores
    # the first approved PDF, after the documents' files were written.
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "reports").write_bytes(b"not a directory")
    before = row_counts()
    with pytest.raises(OSError):
        call_command("load_demo", stdout=open("/dev/null", "w"))
    assert media_files(settings) == ["reports"]
    assert row_counts() == before
