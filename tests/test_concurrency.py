"""Two people acting at once, for real: threads on PostgreSQL released together by a Barrier.

Each test commits its setup (transactional_db), runs two (or more) service calls in threads that
start at the same instant, and asserts what the database and the storage hold afterwards:
exactly one winner, the other refused with the service's own conflict error, nothing lost and
nothing duplicated. SQLite serialises every writer, so these tests only mean something on
PostgreSQL (the 20-submission symbol test lives in tests/contributions/test_numbering.py).
"""

import contextlib
import hashlib
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from contributions.models import Document, DocumentFile
from meetings import services as agenda_services
from meetings.models import Agenda, AgendaItem
from reports import services as report_services
from reports.models import Report, ReportRevision, ReportStatus
from roadmap import services as roadmap_services
from roadmap.models import RoadmapDraft, RoadmapRow
from tests.contributions.conftest import submit
from tests.factories import World, make_appointment, make_organisation, make_user
from tests.reports.factories import circulate, make_block, make_report, make_section
from tests.roadmap.factories import make_action_line, make_draft, make_roadmap, make_row
from wsisportal.optimistic import EditConflict

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite serialises all writers, so two writers can never really meet.",
)


def at_once(*calls):
    """Run each zero-argument callable in its own thread, all released by one Barrier.

    Returns one ("ok", result) or ("error", exception) per call, in order. Each thread closes
    its own database connection (Django opens one per thread)."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            outcomes[index] = ("ok", call())
        except Exception as exc:  # the outcome is asserted by the test
            outcomes[index] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return outcomes


def winners_and_losers(outcomes):
    ok = [value for kind, value in outcomes if kind == "ok"]
    refused = [value for kind, value in outcomes if kind == "error"]
    return ok, refused


def in_thread(call, results, key):
    """Start `call` in a thread; its result or exception goes to results[key]."""

    def run():
        try:
            results[key] = call()
        except Exception as exc:  # asserted by the test
            results[key] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@contextlib.contextmanager
def rows_held(queryset):
    """Keep the rows of `queryset` locked (SELECT ... FOR UPDATE) by another transaction for
    the duration of the block: a slow writer, made deterministic."""
    held, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                list(queryset.select_for_update())
                held.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(timeout=10), "could not lock the rows"
    try:
        yield
    finally:
        release.set()
        holder.join(timeout=30)


def wait_until_a_session_waits_for_a_lock(timeout=10):
    with connection.cursor() as cursor:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("no session ever waited for a lock")


@pytest.fixture
def live_world(transactional_db):
    return World()


# ---------------------------------------------------------------------------------------------
# Reports: approval and block edits


@pytest.fixture
def circulated_report(live_world):
    report = make_report(live_world.meeting, title="Report CONCURRENT-APPROVAL", symbol="WG-WSIS-14/20")
    section = make_section(report, "Opening of the meeting")
    make_block(report, section, body="<p>The Chairman opened the meeting.</p>")
    return circulate(report)


def test_two_officers_approving_one_revision_record_exactly_one(live_world, circulated_report, settings):
    vice_chair = make_user(make_organisation(name="Tunisia", short_name="TUN"), "vicechair")
    make_appointment(live_world.wg, vice_chair, "vice_chair")
    lock = circulated_report.lock_version

    def approve_as(user):
        report = Report.objects.get(pk=circulated_report.pk)
        return lambda: report_services.approve_report(report=report, by=user, expected_lock=lock)

    ok, refused = winners_and_losers(at_once(approve_as(live_world.chair), approve_as(vice_chair)))

    assert len(ok) == 1 and len(refused) == 1
    assert isinstance(refused[0], EditConflict)
    revision = ReportRevision.objects.get(report=circulated_report)
    assert revision.number == 1 and revision.approved_by in (live_world.chair, vice_chair)
    pdfs = sorted((settings.MEDIA_ROOT / "reports").rglob("*.pdf"))
    assert [p.relative_to(settings.MEDIA_ROOT).as_posix() for p in pdfs] == [revision.pdf.name]
    assert hashlib.sha256(pdfs[0].read_bytes()).hexdigest() == revision.sha256
    report = Report.objects.get(pk=circulated_report.pk)
    assert (report.status, report.revision, report.lock_version) == (ReportStatus.APPROVED, 1, lock + 1)


def test_two_editors_saving_one_report_block_keep_exactly_one_text(live_world, circulated_report):
    block = circulated_report.blocks.get(kind="paragraph")
    lock = circulated_report.lock_version
    texts = ["<p>Text of editor ALPHA.</p>", "<p>Text of editor BRAVO.</p>"]

    def save(text):
        return lambda: report_services.update_block(
            block=type(block).objects.get(pk=block.pk), data={"body": text}, expected_lock=lock
        )

    ok, refused = winners_and_losers(at_once(*(save(t) for t in texts)))

    assert len(ok) == 1 and [type(e) for e in refused] == [EditConflict]
    block.refresh_from_db()
    assert block.body == ok[0].body and block.body in texts
    assert Report.objects.get(pk=circulated_report.pk).lock_version == lock + 1
    assert circulated_report.blocks.filter(kind="paragraph").count() == 1


def test_publish_racing_an_edit_never_publishes_the_new_draft(live_world, circulated_report):
    """An edit of an approved report reopens it as the draft of revision 2; a publication of
    revision 1 slowed down at the same moment (its revision row held by another transaction)
    must not then mark that draft as published."""
    report_services.approve_report(
        report=circulated_report, by=live_world.chair, expected_lock=circulated_report.lock_version
    )
    approved = Report.objects.get(pk=circulated_report.pk)
    block = approved.blocks.get(kind="paragraph")
    results = {}

    def edit():
        return report_services.update_block(
            block=block, data={"body": "<p>A correction for revision 2.</p>"}, expected_lock=approved.lock_version
        )

    def publish():
        return report_services.publish_report(report=Report.objects.get(pk=approved.pk))

    with rows_held(ReportRevision.objects.filter(report=approved)):
        publisher = in_thread(publish, results, "publish")
        wait_until_a_session_waits_for_a_lock()
        editor = in_thread(edit, results, "edit")
        editor.join(timeout=1)  # without the lock, the edit commits here
    publisher.join(timeout=30)
    editor.join(timeout=30)

    report = Report.objects.get(pk=approved.pk)
    block.refresh_from_db()
    if "correction" in block.body:  # the edit went through: revision 2 is a draft, unpublished
        assert (report.status, report.revision) == (ReportStatus.DRAFT, 2)
    else:
        assert isinstance(results["edit"], EditConflict)
        assert (report.status, report.revision) == (ReportStatus.PUBLISHED, 1)
    assert ReportRevision.objects.filter(report=report).count() == 1


def test_an_edit_read_before_publication_is_refused_after_it(live_world, circulated_report):
    """Publishing moves the lock on: an editor who opened the approved report before it was
    published saves into a conflict, not silently into a new draft."""
    report_services.approve_report(
        report=circulated_report, by=live_world.chair, expected_lock=circulated_report.lock_version
    )
    approved = Report.objects.get(pk=circulated_report.pk)
    seen_lock = approved.lock_version
    report_services.publish_report(report=approved)
    assert (approved.status, approved.lock_version) == (ReportStatus.PUBLISHED, seen_lock + 1)

    block = approved.blocks.get(kind="paragraph")
    with pytest.raises(EditConflict):
        report_services.update_block(block=block, data={"body": "<p>Stale.</p>"}, expected_lock=seen_lock)
    block.refresh_from_db()
    assert "Stale" not in block.body
    assert Report.objects.get(pk=approved.pk).status == ReportStatus.PUBLISHED


# ---------------------------------------------------------------------------------------------
# Documents: revisions and addenda of one parent submitted at once


def test_revisions_and_addenda_submitted_at_once_get_distinct_gap_free_numbers(live_world):
    parent = submit(live_world, live_world.secretariat, live_world.wg, "Draft roadmap")
    calls = [
        (lambda s=suffix, i=i: submit(live_world, live_world.secretariat, live_world.wg, f"{s} {i}",
                                      parent=Document.objects.get(pk=parent.pk), suffix=s))
        for suffix in ("Rev", "Add") for i in range(3)
    ]  # fmt: skip

    ok, refused = winners_and_losers(at_once(*calls))

    assert refused == []
    assert sorted(doc.symbol for doc in ok) == sorted(
        f"WG-WSIS-14/1({suffix}.{n})" for suffix in ("Add", "Rev") for n in (1, 2, 3)
    )
    assert Document.objects.count() == 7 and DocumentFile.objects.count() == 7
    assert Document.objects.filter(parent__isnull=True).count() == 1


# ---------------------------------------------------------------------------------------------
# Agendas


@pytest.fixture
def agenda_item(live_world):
    agenda = Agenda.objects.create(meeting=live_world.meeting, version=1)
    return agenda_services.add_agenda_item(agenda=agenda, revision=agenda.revision, title="Opening of the meeting")


def test_two_editors_saving_one_agenda_item_keep_exactly_one_title(agenda_item):
    revision = Agenda.objects.get(pk=agenda_item.agenda_id).revision
    titles = ["Opening (ALPHA)", "Opening (BRAVO)"]

    def save(title):
        item = AgendaItem.objects.select_related("agenda").get(pk=agenda_item.pk)
        return lambda: agenda_services.update_agenda_item(
            item=item, revision=revision, title=title, description="", presenter="", label=""
        )

    ok, refused = winners_and_losers(at_once(*(save(t) for t in titles)))

    assert len(ok) == 1 and [type(e) for e in refused] == [EditConflict]
    agenda_item.refresh_from_db()
    assert agenda_item.title == ok[0].title
    assert Agenda.objects.get(pk=agenda_item.agenda_id).revision == revision + 1


def test_two_editors_adding_to_one_agenda_version_add_exactly_one_item(agenda_item):
    agenda = Agenda.objects.get(pk=agenda_item.agenda_id)

    def add(title):
        mine = Agenda.objects.get(pk=agenda.pk)
        return lambda: agenda_services.add_agenda_item(agenda=mine, revision=agenda.revision, title=title)

    ok, refused = winners_and_losers(at_once(add("Adoption (ALPHA)"), add("Adoption (BRAVO)")))

    assert len(ok) == 1 and [type(e) for e in refused] == [EditConflict]
    assert list(AgendaItem.objects.filter(agenda=agenda).order_by("position").values_list("title", "position")) == [
        ("Opening of the meeting", 0),
        (ok[0].title, 1),
    ]


# ---------------------------------------------------------------------------------------------
# Roadmap cells


@pytest.fixture
def roadmap_row(live_world):
    line = make_action_line("C5", "Building confidence and security in the use of ICTs", position=5)
    draft = make_draft(make_roadmap(live_world.wg), 3, meeting=live_world.meeting, symbol="WG-WSIS-14/3")
    return make_row(draft, line, "A", "Promote cooperation among the governments", position=1)


def test_two_editors_saving_one_roadmap_cell_keep_exactly_one_set_of_estimates(roadmap_row):
    estimates = {
        "ALPHA": [(2009, "regular", None, 100000), (2010, "regular", None, 120000)],
        "BRAVO": [(2009, "extra", 6, 50000)],
    }

    def save(name):
        row = RoadmapRow.objects.get(pk=roadmap_row.pk)
        data = {"estimates": estimates[name]}
        return lambda: roadmap_services.update_row_cell(row=row, cell="resources", data=data, expected_revision=0)

    ok, refused = winners_and_losers(at_once(save("ALPHA"), save("BRAVO")))

    assert len(ok) == 1 and [type(e) for e in refused] == [EditConflict]
    stored = sorted((r.year, r.source, r.staff_months, r.amount) for r in roadmap_row.resources.all())
    assert stored in ([(2009, "regular", None, 100000), (2010, "regular", None, 120000)], [(2009, "extra", 6, 50000)])
    assert RoadmapRow.objects.get(pk=roadmap_row.pk).revision == 1


def test_two_editors_saving_one_roadmap_outcome_keep_exactly_one_text(roadmap_row):
    def save(text):
        row = RoadmapRow.objects.get(pk=roadmap_row.pk)
        data = {"code": "A", "outcome": text, "source": "Geneva Plan of Action"}
        return lambda: roadmap_services.update_row_cell(row=row, cell="outcome", data=data, expected_revision=0)

    ok, refused = winners_and_losers(at_once(save("Outcome ALPHA"), save("Outcome BRAVO")))

    assert len(ok) == 1 and [type(e) for e in refused] == [EditConflict]
    assert RoadmapRow.objects.get(pk=roadmap_row.pk).outcome == ok[0].outcome


def test_cell_saved_while_next_draft_starts_is_copied_or_refused(live_world, roadmap_row):
    """A slow cell save (its row held by another transaction) and "start the next draft" at
    the same moment: the edit must end up in the new draft, or be refused. It must never land
    only on the draft that has just become frozen history."""
    draft = RoadmapDraft.objects.get(pk=roadmap_row.draft_id)
    data = {"code": "A", "outcome": "Outcome edited during the copy", "source": ""}
    results = {}

    def edit():
        row = RoadmapRow.objects.get(pk=roadmap_row.pk)
        return roadmap_services.update_row_cell(row=row, cell="outcome", data=data, expected_revision=0)

    def next_draft():
        return roadmap_services.start_next_draft(draft=draft, user=live_world.secretariat)

    with rows_held(RoadmapRow.objects.filter(pk=roadmap_row.pk)):
        editor = in_thread(edit, results, "edit")
        wait_until_a_session_waits_for_a_lock()
        starter = in_thread(next_draft, results, "next")
        starter.join(timeout=1)  # without a lock on the draft, the copy finishes here
    editor.join(timeout=30)
    starter.join(timeout=30)

    new_row = RoadmapRow.objects.get(draft=results["next"], key=roadmap_row.key)
    if isinstance(results["edit"], RoadmapRow):
        assert new_row.outcome == data["outcome"]
    else:
        assert isinstance(results["edit"], PermissionDenied)
        assert RoadmapRow.objects.get(pk=roadmap_row.pk).outcome == roadmap_row.outcome
    assert RoadmapDraft.objects.filter(roadmap=draft.roadmap).count() == 2


def test_at_once_runs_calls_really_together():
    """The helper itself: two calls that each wait for the other finish only if both run at once."""
    meet = threading.Barrier(2, timeout=5)
    outcomes = at_once(meet.wait, meet.wait)
    assert sorted(value for _kind, value in outcomes) == [0, 1]


def test_one_lock_helper_serves_agendas_rows_and_reports():
    """The three edits that take the optimistic lock go through wsisportal.optimistic.claim and
    raise its one EditConflict: no app keeps a lock scheme of its own."""
    import inspect

    from meetings import services as agenda_services
    from reports import services as report_services
    from roadmap import services as roadmap_services

    for module in (agenda_services, roadmap_services, report_services):
        source = inspect.getsource(module)
        assert "claim(" in source
        assert 'F("revision") + 1' not in source and 'F("lock_version") + 1' not in source, (
            "a lock moves only through wsisportal.optimistic (claim or bump)"
        )
        assert not [
            name
            for name, value in vars(module).items()
            if isinstance(value, type) and "Conflict" in name and value is not EditConflict
        ]
