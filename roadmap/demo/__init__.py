"""Demo roadmap: the Action Lines, ITU's role history, the third draft (document WG-WSIS-14/3,
14th meeting) and a fourth draft that changes some cells.

Facts: Action Lines, sub-lines, lead facilitators and strategic goals come from the sourced
reference data (meetings/demo/wsis_reference.json); the C5 outcome text and the Child Online
Protection comment come from section 8 of the 14th meeting's report. Everything else (the A1–A3
subdivisions, the C2 and C6 rows, timings, amounts) is demo content and says so in the row's note.
Every step upserts on a natural key, so loading twice changes nothing.
"""

import datetime
import uuid

from meetings.demo import reference_data
from meetings.models import Group, Meeting, Resolution, User
from roadmap.models import (
    ActionLine,
    ActionLineRole,
    CommentStatus,
    DraftStatus,
    Milestone,
    Partner,
    ResourceEstimate,
    Roadmap,
    RoadmapDraft,
    RoadmapRow,
    RowComment,
    StrategicGoal,
    SubLine,
)

from .rows import DRAFT_3_ROWS, DRAFT_4_CHANGES, PARTNERS

ROADMAP_TITLE = "Roadmap for ITU's activities in the implementation of WSIS up to 2015"
KEY_NAMESPACE = uuid.UUID("6f1c2a52-9d1e-4c55-8e0f-5b1f3c7d2a01")
ROLE_FROM = datetime.date(2006, 2, 24)  # consultation meeting of Action Line facilitators, Geneva
ROLE_CODES = {"facilitator": "facilitator", "co-facilitator": "co_facilitator", "partner": "partner", "none": "none"}
COMMENT_TEXT = (
    "Reference to ITU Child Online Protection Initiative should be made, as part of ITU activities related "
    "to Action Line C5 “Building confidence and security in the use of ICTs”."
)


def load(*, stdout=None):
    ref = reference_data()
    load_action_lines(ref)
    load_strategic_goals(ref)
    for short, name in PARTNERS:
        Partner.objects.update_or_create(short_name=short, defaults={"name": name})
    group = Group.objects.get(code="WG-WSIS")
    roadmap, _ = Roadmap.objects.update_or_create(group=group, title=ROADMAP_TITLE, defaults={"horizon": 2015})
    third = upsert_draft(
        roadmap,
        3,
        meeting=Meeting.objects.get(group=group, number=14),
        symbol="WG-WSIS-14/3",
        status=DraftStatus.LIVING,
        superseded=True,
        based_on=None,
    )
    fourth = upsert_draft(
        roadmap, 4, meeting=None, symbol="", status=DraftStatus.DRAFT, superseded=False, based_on=third
    )
    for spec in DRAFT_3_ROWS:
        upsert_row(third, spec)
    for spec in fourth_draft_rows():
        upsert_row(fourth, spec)
    load_comment(third)
    if stdout:
        stdout.write(f"Roadmap: third and fourth drafts, {third.rows.count()} and {fourth.rows.count()} rows.")


def load_action_lines(ref):
    for position, entry in enumerate(ref["action_lines"], start=1):
        line, _ = ActionLine.objects.update_or_create(
            code=entry["code"],
            defaults={
                "position": position,
                "name": entry["name"],
                "lead_facilitators": ", ".join(entry["lead_facilitators"]),
            },
        )
        leads = {s["name"]: ", ".join(s["lead_facilitators"]) for s in entry.get("sub_line_facilitators", [])}
        for sub_position, name in enumerate(entry["sub_lines"], start=1):
            SubLine.objects.update_or_create(
                action_line=line,
                name=name,
                defaults={"position": sub_position, "lead_facilitators": leads.get(name, "")},
            )
        for valid_from, role, note in role_history(entry):
            ActionLineRole.objects.update_or_create(
                action_line=line, valid_from=valid_from, defaults={"role": role, "note": note}
            )


def role_history(entry):
    """C6 changed hands in May 2008: before, UNDP was provisional focal point (ITU's earlier role
    as partner is demo content); since, ITU facilitates it on a temporary basis at UNDP's request."""
    if entry["code"] == "C6":
        return [
            (ROLE_FROM, "partner", "UNDP provisional focal point (ITU's role before May 2008 is demo content)"),
            (datetime.date(2008, 5, 1), "temporary_facilitator", "at UNDP's request"),
        ]
    return [(ROLE_FROM, ROLE_CODES[entry["itu_role"]], "")]


def load_strategic_goals(ref):
    for goal in ref["strategic_goals"]:
        StrategicGoal.objects.update_or_create(
            number=goal["number"], defaults={"short_title": goal["short_title"], "text": goal.get("text") or ""}
        )


def upsert_draft(roadmap, number, *, meeting, symbol, status, superseded, based_on):
    draft, _ = RoadmapDraft.objects.update_or_create(
        roadmap=roadmap,
        number=number,
        defaults={
            "meeting": meeting,
            "document_symbol": symbol,
            "status": status,
            "superseded": superseded,
            "based_on": based_on,
            "created_by": User.objects.filter(username="secretariat").first(),
        },
    )
    return draft


def fourth_draft_rows():
    """The third draft's rows with the fourth draft's changes applied (removals, edits, additions)."""
    rows = []
    for spec in DRAFT_3_ROWS:
        change = DRAFT_4_CHANGES.get(spec["slug"], {})
        if change is None:
            continue
        rows.append({**spec, **change})
    return rows + DRAFT_4_CHANGES["_added"]


def upsert_row(draft, spec):
    row, _ = RoadmapRow.objects.update_or_create(
        draft=draft,
        key=uuid.uuid5(KEY_NAMESPACE, spec["slug"]),
        defaults={
            "action_line": ActionLine.objects.get(code=spec["line"]),
            "sub_line": None,
            "position": spec["position"],
            "code": spec["code"],
            "outcome": spec["outcome"],
            "source": spec.get("source", ""),
            "start": spec.get("start"),
            "end": spec.get("end"),
            "expected_results": spec.get("results", ""),
            "itu_role": spec.get("role", ""),
            "note": spec.get("note", ""),
        },
    )
    row.strategic_goals.set(StrategicGoal.objects.filter(number__in=spec.get("goals", [])))
    row.resolutions.set(Resolution.objects.filter(ref__in=spec.get("resolutions", [])))
    row.partners.set(Partner.objects.filter(short_name__in=spec.get("partners", [])))
    sync_milestones(row, spec.get("stages", []))
    sync_estimates(row, spec.get("resources", []))
    return row


def sync_milestones(row, stages):
    keep = []
    for day, label in stages:
        milestone, _ = Milestone.objects.get_or_create(row=row, date=day, label=label)
        keep.append(milestone.pk)
    row.milestones.exclude(pk__in=keep).delete()


def sync_estimates(row, estimates):
    keep = []
    for year, source, staff_months, amount in estimates:
        estimate, _ = ResourceEstimate.objects.update_or_create(
            row=row, year=year, source=source, defaults={"staff_months": staff_months, "amount": amount}
        )
        keep.append(estimate.pk)
    row.resources.exclude(pk__in=keep).delete()


def load_comment(third):
    row = third.rows.get(key=uuid.uuid5(KEY_NAMESPACE, "c5-a"))
    author = User.objects.select_related("organisation").get(username="ms-delegate")
    RowComment.objects.update_or_create(
        row=row,
        author=author,
        text=COMMENT_TEXT,
        defaults={
            "organisation": author.organisation,
            "created_at": datetime.datetime(2009, 2, 11, 15, 10, tzinfo=datetime.UTC),
            "status": CommentStatus.TAKEN,
            "reply": "Taken into account: the fourth draft adds the Child Online Protection initiative "
            "(launched by ITU in November 2008) as A4 under outcome A of Action Line C5.",
            "replied_by": User.objects.get(username="secretariat"),
            "replied_at": datetime.datetime(2009, 3, 2, 9, 0, tzinfo=datetime.UTC),
        },
    )
