"""Demo reports of the 14th meeting of WG-WSIS: the whole meeting report (transcribed from the
seed into wg_wsis_14.json beside this file), the Dedicated Group's report as its Annex 1,
and a short meeting summary; the report and the summary approved by the chair and published.

Idempotent: a report whose stored content already equals the data file is left alone, so a
second run changes no row and renders nothing (same revision, same checksum). If the data
file changes, the edit starts a new revision which is approved again, as in real life.
"""

import datetime
import json
from pathlib import Path

from meetings.models import Group, Meeting, Organisation, User
from reports import services
from reports.models import Block, Report, ReportStatus
from reports.sanitise import clean_html

DATA_FILE = Path(__file__).resolve().parent / "wg_wsis_14.json"
# The chair approved at the close of the meeting (13 February 2009, Geneva).
APPROVED_AT = datetime.datetime(2009, 2, 13, 17, 0, tzinfo=datetime.UTC)
COVER_TEXT = ["title", "symbol", "place_and_date", "original_language", "signature"]
COVER_RICH = ["summary", "action_required", "references"]


def load(*, stdout=None):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    orgs = {o.short_name: o for o in Organisation.objects.all()}
    reports = {spec["key"]: _load_report(spec, orgs) for spec in data["reports"]}
    for spec in data["reports"]:
        if spec.get("annex_to"):
            _annex(reports[spec["key"]], reports[spec["annex_to"]], spec["annex_position"])
    for key in data["circulate"]:
        report = Report.objects.get(pk=reports[key].pk)
        if report.status == ReportStatus.DRAFT:
            services.circulate_report(report=report, expected_lock=report.lock_version)
    for step in data["approve"]:
        _approve(Report.objects.get(pk=reports[step["key"]].pk), User.objects.get(username=step["by"]), step)
    if stdout:
        stdout.write(f"Reports: {len(reports)} loaded (WG-WSIS 14th meeting report, Annex 1, summary).")


def _load_report(spec, orgs):
    group = Group.objects.get(code=spec["group"])
    meeting = Meeting.objects.get(group__code="WG-WSIS", number=spec["meeting"])
    report, _ = Report.objects.get_or_create(
        meeting=meeting, group=group, kind=spec["kind"], defaults={"title": spec["cover"]["title"]}
    )
    wanted = {"cover": _wanted_cover(spec["cover"]), "blocks": [_normalise(b) for b in spec["blocks"]]}
    if _export(report) == wanted:
        return report
    report = services.update_report_cover(
        report=report, data=_cover_data(spec["cover"]), expected_lock=report.lock_version
    )
    report.blocks.all().delete()
    _create_blocks(report, None, spec["blocks"], orgs)
    return report


def _cover_data(cover):
    data = {k: cover.get(k, "") for k in COVER_TEXT + COVER_RICH}
    data["date"] = datetime.date.fromisoformat(cover["date"]) if cover.get("date") else None
    return data


def _wanted_cover(cover):
    data = _cover_data(cover)
    return {**data, **{k: clean_html(data[k]) for k in COVER_RICH}}


def _normalise(spec):
    return {
        "kind": spec["kind"],
        "numbered": spec.get("numbered", True),
        "title": spec.get("title", ""),
        "body": clean_html(spec.get("body", "")),
        "delegation": spec.get("delegation"),
        "lead": spec.get("lead", ""),
        "verbatim": spec.get("verbatim", False),
        "owners": sorted(spec.get("owners", [])),
        "owners_note": spec.get("owners_note", ""),
        "due_date": spec.get("due_date"),
        "due_next_meeting": spec.get("due_next_meeting", False),
        "children": [_normalise(c) for c in spec.get("children", [])],
    }


def _export(report):
    cover = {k: getattr(report, k) for k in COVER_TEXT + COVER_RICH + ["date"]}
    blocks = list(report.blocks.select_related("delegation").prefetch_related("owners").order_by("position", "pk"))
    children = {}
    for block in blocks:
        children.setdefault(block.parent_id, []).append(block)

    def export(block):
        return {
            "kind": block.kind,
            "numbered": block.numbered,
            "title": block.title,
            "body": block.body,
            "delegation": block.delegation.short_name if block.delegation else None,
            "lead": block.lead,
            "verbatim": block.verbatim,
            "owners": sorted(o.short_name for o in block.owners.all()),
            "owners_note": block.owners_note,
            "due_date": block.due_date.isoformat() if block.due_date else None,
            "due_next_meeting": block.due_next_meeting,
            "children": [export(c) for c in children.get(block.pk, [])],
        }

    return {"cover": cover, "blocks": [export(b) for b in children.get(None, [])]}


def _create_blocks(report, parent, specs, orgs):
    for position, spec in enumerate(specs, start=1):
        block = Block.objects.create(
            report=report,
            parent=parent,
            position=position,
            kind=spec["kind"],
            numbered=spec.get("numbered", True),
            title=spec.get("title", ""),
            body=clean_html(spec.get("body", "")),
            delegation=orgs[spec["delegation"]] if spec.get("delegation") else None,
            lead=spec.get("lead", ""),
            verbatim=spec.get("verbatim", False),
            owners_note=spec.get("owners_note", ""),
            due_date=datetime.date.fromisoformat(spec["due_date"]) if spec.get("due_date") else None,
            due_next_meeting=spec.get("due_next_meeting", False),
        )
        block.owners.set([orgs[s] for s in spec.get("owners", [])])
        _create_blocks(report, block, spec.get("children", []), orgs)


def _annex(report, to, position):
    if report.annexed_to_id == to.pk and report.annex_position == position:
        return
    to.refresh_from_db()
    services.annex_report(report=report, to=to, position=position, expected_lock=to.lock_version)


def _approve(report, chair, step):
    if report.status == ReportStatus.DRAFT:
        report = services.circulate_report(report=report, expected_lock=report.lock_version)
    if report.status == ReportStatus.CIRCULATED:
        services.approve_report(report=report, by=chair, expected_lock=report.lock_version, now=APPROVED_AT)
        report.refresh_from_db()
    if step.get("publish") and report.status == ReportStatus.APPROVED:
        services.publish_report(report=report, now=APPROVED_AT)
