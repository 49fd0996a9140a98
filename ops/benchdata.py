"""The benchmark's large dataset, built on top of the demo in a throwaway database.

`build()` adds: 50 meetings of WG-WSIS over 10 years (3 sessions each, one of the Dedicated
Group), 5,000 documents (a tenth of them the Dedicated Group's) with English and French files,
2,000 users of 100 Member States, a roadmap draft with 11 Action Lines x 30 rows, and a meeting
report of 300 paragraphs approved by the chair (its PDF rendered and stored by the service).
Rows that no service creates one by one in real life (documents, users, rows) are written with
bulk_create; the report goes through the reports services so its approved PDF is the real one.
Never run against a database that matters: `manage.py bench` creates and drops its own.
"""

import datetime
import hashlib
import random
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

import reports.demo
from contributions.demo.pdf import tiny_pdf
from contributions.models import Document, DocumentFile, DocumentKind, SymbolCounter
from meetings.models import Group, Meeting, Organisation, Session, User
from reports import services as report_services
from reports.models import Block, BlockKind, Report
from roadmap.models import ActionLine, Partner, ResourceEstimate, Roadmap, RoadmapDraft, RoadmapRow, StrategicGoal

MEETINGS, DOCUMENTS, USERS, ROWS_PER_LINE, SECTIONS, PARAGRAPHS_PER_SECTION = 50, 5000, 2000, 30, 10, 30
FIRST_NUMBER = 101  # bench meetings are numbered 101..150, far from the demo's 14th
# Titles and summaries draw on the words of the 14th meeting's report, so a search word is as
# selective as in real documents (a few per cent of them), not in every second one.
VOCABULARY_SOURCE = Path(reports.demo.__file__).resolve().parent / "wg_wsis_14.json"
GENEVA = ZoneInfo("Europe/Zurich")
# The demo chair approved in 2009, when his term ran; the bench report is approved the same way.
APPROVED_AT = datetime.datetime(2009, 2, 13, 17, 0, tzinfo=datetime.UTC)


def vocabulary():
    return sorted(set(re.findall(r"[A-Za-z]{4,}", VOCABULARY_SOURCE.read_text(encoding="utf-8"))))


class Prose(random.Random):
    """Seeded choices, and text made of the report's words."""

    def __init__(self, seed):
        super().__init__(seed)
        self.words = vocabulary()

    def text(self, n):
        return " ".join(self.choice(self.words) for _ in range(n))


@transaction.atomic
def build(*, stdout, now=None):
    """Add the large dataset. Returns the objects the benchmark requests: a meeting, a roadmap
    draft and a report of the large dataset, and under "small" their one-row twins (built by the
    same code), so query counts can be compared between 1 row and many."""
    now = now or timezone.now()
    rng = Prose(14)
    wg, dg = Group.objects.get(code="WG-WSIS"), Group.objects.get(code="DG-IPP")
    orgs = _organisations()
    _users(orgs)
    meetings = _meetings(wg, dg, now)
    past = [m for m in meetings if m.end_date < timezone.localdate(now)]
    small_meeting, target = past[0], past[-1]
    # One document in the first meeting (the twin), the rest spread over the other 49.
    counts = {m.pk: (1 if m == small_meeting else (DOCUMENTS - 1) // (MEETINGS - 1)) for m in meetings}
    counts[target.pk] += DOCUMENTS - sum(counts.values())
    _documents(meetings, counts, wg, dg, orgs, rng)
    draft = _roadmap(wg, meetings[-1], rng, "Bench roadmap", ROWS_PER_LINE)
    small_draft = _roadmap(wg, meetings[-1], rng, "Bench roadmap, one row per Action Line", 1)
    stdout.write(
        f"  {MEETINGS} meetings, {Document.objects.filter(meeting__number__gte=FIRST_NUMBER).count()} "
        f"documents, {USERS} users, {draft.rows.count()} roadmap rows"
    )
    report = _report(target, wg, rng, PARAGRAPHS_PER_SECTION)
    small_report = _report(small_meeting, wg, rng, 1)
    stdout.write(f"  report of {Block.objects.filter(report=report, kind=BlockKind.PARAGRAPH).count()} paragraphs")
    return {
        "meeting": target,
        "draft": draft,
        "report": report,
        "small": {"meeting": small_meeting, "draft": small_draft, "report": small_report},
    }


@transaction.atomic
def grow(*, scale, stdout, now=None):
    """Add (scale - 1) times the dataset beside it, as other groups of an ITU-wide portal: each a
    group open to the same members, with its own 100 organisations, 2,000 users, 50 meetings
    (3 sessions each), 5,000 documents with their files and a roadmap draft of 11 x 30 rows. The
    objects the benchmark requests stay those of build(): a page that shows one meeting's or one
    draft's rows must not grow with the whole database."""
    now = now or timezone.now()
    rng = Prose(15)
    wg = Group.objects.get(code="WG-WSIS")
    for k in range(1, scale):
        group = Group.objects.create(
            code=f"BENCH-{k}", name=f"Bench group {k}", open_to=wg.open_to, symbol_prefix=f"BENCH{k}"
        )
        orgs = _organisations(prefix=f"B{k}S")
        _users(orgs, prefix=f"bench{k}-")
        meetings = _meetings(group, group, now)
        _documents(meetings, {m.pk: DOCUMENTS // MEETINGS for m in meetings}, group, group, orgs, rng)
        _roadmap(group, meetings[-1], rng, f"Bench group {k} roadmap", ROWS_PER_LINE)
        stdout.write(f"  grown to {k + 1}x: {Document.objects.count()} documents, {User.objects.count()} users")


def _organisations(prefix="BS"):
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Bench State {prefix}{i:03d}",
                short_name=f"{prefix}{i:03d}",
                kind="member_state",
                country_code=f"B{i:02d}"[:3],
            )
            for i in range(100)
        ]
    )
    return list(Organisation.objects.filter(short_name__startswith=prefix).order_by("short_name"))


def _users(orgs, prefix="bench"):
    password = make_password("bench-not-a-secret")  # hashed once: 2,000 hashes would take minutes
    User.objects.bulk_create(
        [
            User(
                username=f"{prefix}{i:04d}",
                password=password,
                organisation=orgs[i % len(orgs)],
                first_name="Bench",
                last_name=f"Delegate {i}",
            )
            for i in range(USERS)
        ]
    )


def _meetings(wg, dg, now):
    """Five meetings a year over ten years, the last ones still to come."""
    first = timezone.localdate(now).replace(month=1, day=1) - datetime.timedelta(days=365 * 8)
    meetings = []
    for i in range(MEETINGS):
        start = first + datetime.timedelta(days=73 * i)
        meetings.append(
            Meeting(
                group=wg,
                number=FIRST_NUMBER + i,
                start_date=start,
                end_date=start + datetime.timedelta(days=2),
                venue="Geneva",
                status="planned",
            )
        )
    meetings = Meeting.objects.bulk_create(meetings)
    sessions = []
    for m in meetings:
        for day, group in ((0, wg), (1, dg), (2, wg)):
            sessions.append(
                Session(
                    meeting=m,
                    group=group,
                    date=m.start_date + datetime.timedelta(days=day),
                    start_time=datetime.time(9, 30),
                    end_time=datetime.time(12, 30),
                )
            )
    Session.objects.bulk_create(sessions)
    return meetings


def _documents(meetings, counts, wg, dg, orgs, rng):
    submitter = User.objects.get(username="secretariat")
    docs = []
    for m in meetings:
        per_meeting = counts[m.pk]
        series = f"{wg.symbol_prefix or wg.code}-{m.number}"
        for n in range(1, per_meeting + 1):
            group = dg if n % 10 == 0 else wg
            available = datetime.datetime.combine(m.start_date, datetime.time(9), tzinfo=GENEVA)
            docs.append(
                Document(
                    meeting=m,
                    group=group,
                    series=series,
                    number=n,
                    symbol=f"{series}/{n}",
                    title=f"Contribution {n}: {rng.text(6)}",
                    summary=rng.text(20),
                    kind=rng.choice([DocumentKind.CONTRIBUTION, DocumentKind.INFORMATION]),
                    submitted_by=submitter,
                    available_at=available - datetime.timedelta(days=n % 9),
                )
            )
        SymbolCounter.objects.update_or_create(series=series, defaults={"last_number": per_meeting})
    docs = Document.objects.bulk_create(docs, batch_size=1000)
    _document_files(docs, submitter)
    through = Document.source_organisations.through
    through.objects.bulk_create(
        [through(document_id=d.pk, organisation_id=orgs[i % len(orgs)].pk) for i, d in enumerate(docs)],
        batch_size=2000,
    )


def _document_files(docs, submitter):
    """English and French for every document. The rows share two stored files: writing 10,000
    files would time the disk, not the portal, and no page of the benchmark reads them."""
    stored = {}
    for language in "EF":
        content = tiny_pdf(f"Bench document ({language})")
        name = default_storage.save(f"bench/bench-{language}.pdf", ContentFile(content))
        stored[language] = (name, len(content), hashlib.sha256(content).hexdigest())
    now = timezone.now()
    DocumentFile.objects.bulk_create(
        [
            DocumentFile(
                document=d,
                language=lang,
                file=stored[lang][0],
                size=stored[lang][1],
                sha256=stored[lang][2],
                content_type="application/pdf",
                original_filename=f"bench-{lang}.pdf",
                uploaded_by=submitter,
                uploaded_at=now,
            )
            for d in docs
            for lang in "EF"
        ],
        batch_size=2000,
    )


def _roadmap(wg, meeting, rng, title, rows_per_line):
    roadmap = Roadmap.objects.create(group=wg, title=title, horizon=2015)
    draft = RoadmapDraft.objects.create(roadmap=roadmap, number=1, meeting=meeting, document_symbol="BENCH/3")
    rows = [
        RoadmapRow(
            draft=draft,
            action_line=line,
            position=i,
            code=chr(65 + i % 26) + str(i // 26 or ""),
            outcome=rng.text(25),
            source="Geneva Plan of Action",
            expected_results=rng.text(30),
            start=datetime.date(2006 + i % 5, 1, 1),
            end=datetime.date(2012 + i % 4, 12, 31),
            itu_role=rng.choice(["sole_facilitator", "co_facilitator", "partner"]),
        )
        for line in ActionLine.objects.all()
        for i in range(rows_per_line)
    ]
    rows = RoadmapRow.objects.bulk_create(rows)
    _row_links(rows, rng)
    return draft


def _row_links(rows, rng):
    goals, partners = list(StrategicGoal.objects.all()), list(Partner.objects.all())
    goal_through, partner_through = RoadmapRow.strategic_goals.through, RoadmapRow.partners.through
    if goals:
        goal_through.objects.bulk_create(
            [goal_through(roadmaprow_id=r.pk, strategicgoal_id=rng.choice(goals).pk) for r in rows]
        )
    if partners:
        partner_through.objects.bulk_create(
            [partner_through(roadmaprow_id=r.pk, partner_id=rng.choice(partners).pk) for r in rows]
        )
    ResourceEstimate.objects.bulk_create(
        [
            ResourceEstimate(row=r, year=year, source="regular", staff_months=2, amount=10000 + 100 * (r.pk % 50))
            for r in rows
            for year in (2010, 2011)
        ]
    )


def _report(meeting, wg, rng, paragraphs_per_section, *, by=None, now=APPROVED_AT):
    """Paragraphs in 10 sections, circulated and approved through the services (PDF rendered, or
    queued for a worker when a broker is configured), by `by` (default: the user "chair")."""
    report = report_services.create_report(meeting=meeting, group=wg, kind="report", title="Bench meeting report")
    sections = Block.objects.bulk_create(
        [
            Block(report=report, kind=BlockKind.SECTION, position=s + 1, title=f"Section {s + 1}: {rng.text(3)}")
            for s in range(SECTIONS)
        ]
    )
    Block.objects.bulk_create(
        [
            Block(
                report=report, parent=section, kind=BlockKind.PARAGRAPH, position=p + 1, body=f"<p>{rng.text(60)}.</p>"
            )
            for section in sections
            for p in range(paragraphs_per_section)
        ]
    )
    report.refresh_from_db()
    report = report_services.circulate_report(report=report, expected_lock=report.lock_version)
    chair = by or User.objects.get(username="chair")
    report_services.approve_report(report=report, by=chair, expected_lock=report.lock_version, now=now)
    return Report.objects.get(pk=report.pk)
