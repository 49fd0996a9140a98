"""Demo documents of the WG-WSIS 14th meeting (Geneva, 11-13 February 2009).

The symbols, titles and sources of 14/2, 14/3, 14/5, 14/6, 14/7 and 14/9 come from the meeting's
report; the numbers of the Saudi and Syrian contributions, the availability times, the refused
late contribution and the in-session request are demo content that illustrates the rules of
Annex 1 (4.2: the 15 May 2009 call; 4.3: the 24-hour rule). Loading twice changes nothing: rows
are upserted on natural keys and files are written only when their row is new. The demo writes
historical rows directly (the services would stamp them with today's date and number them afresh).
"""

import datetime
import hashlib
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.demo import next_meeting
from meetings.models import AgendaItem, Group, Meeting, Organisation, OrganisationKind, Session, User
from wsisportal import stored_files

from .. import numbering
from ..models import (
    AuditAction,
    AuditEntry,
    CallForDocuments,
    DeadlineMode,
    DeadlineRule,
    Document,
    DocumentFile,
    DocumentKind,
    LateAdmission,
)
from .pdf import tiny_pdf

GENEVA = ZoneInfo("Europe/Zurich")
K = DocumentKind


def at(day, hour, minute=0, month=2):
    return datetime.datetime(2009, month, day, hour, minute, tzinfo=GENEVA)


# number, group code, kind, title, summary, sources, submitted by, available at, languages,
# agenda item it was presented under (found by what the adopted agenda says of it)
DOCUMENTS = [
    (2, "WG-WSIS", K.AGENDA, "Draft agenda", "Draft agenda of the 14th meeting.", ["SG"], "secretariat",
     at(20, 10, month=1), "EFS", ("description", "WG-WSIS-14/2")),
    (3, "WG-WSIS", K.DRAFT, "Draft Roadmap for ITU's activities in the implementation of WSIS up to 2015",
     "Third draft, jointly prepared by the General Secretariat and the three Bureaux (BR, TSB, BDT); takes "
     "into account the 12th and 13th meetings and input by Council 2008.", ["SG"], "secretariat",
     at(28, 16, month=1), "E", ("description", "WG-WSIS-14/3")),
    (5, "WG-WSIS", K.INFORMATION, "ITU activities in 2008 related to WSIS implementation",
     "Information report of the General Secretariat: overview of ITU activities undertaken in 2008 in the "
     "context of WSIS implementation, and planned activities for 2009.", ["SG"], "secretariat",
     at(30, 11, month=1), "E", ("description", "WG-WSIS-14/5")),
    (6, "DG-IPP", K.INFORMATION, "Information document on Internet governance",
     "Information document on Internet governance for the Dedicated Group on international "
     "Internet-related public policy issues.", ["SG"], "secretariat", at(2, 15), "E", ("title", "Report of Dedicated Group")),
    (7, "WG-WSIS", K.CONTRIBUTION, "Contribution of the Russian Federation",
     "Contribution presented by the Russian Federation.", ["RUS"], "chair", at(4, 9, 30), "ER", ("description", "WG-WSIS-14/3")),
    (9, "WG-WSIS", K.REPORT, "ITU-D activities in 2008 related to WSIS implementation",
     "Report of BDT on its activities carried out in 2008 as facilitator of Action Lines C2 and C6 and "
     "co-facilitator or partner for C1, C3, C4, C7, C8 and C11.", ["BDT"], "secretariat", at(5, 12), "E", ("description", "WG-WSIS-14/9")),
    (10, "DG-IPP", K.CONTRIBUTION, "Proposal for a list of international Internet-related public policy issues",
     "Contribution of the Syrian Arab Republic (demo number and time).", ["SYR"], "secretariat",
     at(10, 16, 20), "EA", ""),
    (11, "DG-IPP", K.CONTRIBUTION, "International Internet-related public policy issues identified in the WSIS "
     "outcomes: proposed initial working list", "Contribution of Saudi Arabia (demo number and time): on time, "
     "30 minutes before the 24-hour deadline.", ["KSA"], "ms-delegate", at(11, 8, 30), "EA", ""),
    (12, "DG-IPP", K.CONTRIBUTION, "Consolidated list of issues (Saudi and Syrian proposals merged)",
     "Demo: a document requested by the Dedicated Group during its session.", ["KSA", "SYR"], "ms-delegate",
     at(12, 15), "E", ""),
]  # fmt: skip

LATE_REASON = (
    "Requested by the Dedicated Group during its session of 12 February 2009: amalgamate the Saudi and "
    "Syrian lists to eliminate duplication (Annex 1, section 3)"
)
CALL_TEXT = (
    "The ITU General Secretariat, TSB and BDT were requested to submit relevant documents not later than "
    "15th of May 2009 reporting on their activities related to international Internet-related public policy "
    "issues, including the relevant opinions adopted by the Fourth World Telecommunication Policy Forum and "
    "any relevant update to Doc. 6 (Annex 1, 4.2)."
)


def load(stdout=None):
    wg, dg = Group.objects.get(code="WG-WSIS"), Group.objects.get(code="DG-IPP")
    m14 = Meeting.objects.get(group=wg, number=14)
    orgs = {o.short_name: o for o in Organisation.objects.all()}
    users = {u.username: u for u in User.objects.filter(username__in=["secretariat", "chair", "ms-delegate"])}
    Session.objects.get_or_create(
        meeting=m14,
        group=dg,
        date=datetime.date(2009, 2, 12),
        start_time=datetime.time(9, 0),
        defaults={"end_time": datetime.time(17, 30), "title": "Dedicated Group"},
    )
    DeadlineRule.objects.update_or_create(
        group=dg,
        kind=DocumentKind.CONTRIBUTION,
        defaults={"mode": DeadlineMode.HOURS_BEFORE_START, "amount": 24, "source": "Report, Annex 1, 4.3"},
    )
    docs = {row[0]: load_document(m14, {"WG-WSIS": wg, "DG-IPP": dg}, orgs, users, row) for row in DOCUMENTS}
    load_late_admission(docs[12], users["secretariat"])
    load_refusal(m14, dg, users["ms-delegate"])
    load_call(m14, dg, orgs)
    load_next_call(Meeting.objects.get(group=wg, number=next_meeting.NEXT_NUMBER), wg, orgs)
    if stdout:
        stdout.write(f"Documents: {Document.objects.filter(meeting=m14).count()} for {m14}.")


def load_document(meeting, groups, orgs, users, row):
    number, code, kind, title, summary, sources, username, available, languages, keyword = row
    group = groups[code]
    series = numbering.series_for(group, meeting)
    numbering.reserve_number(series, number)
    doc, _ = Document.objects.update_or_create(
        symbol=numbering.format_symbol(series, number),
        defaults={
            "meeting": meeting,
            "group": group,
            "series": series,
            "number": number,
            "title": title,
            "summary": summary,
            "kind": kind,
            "submitted_by": users[username],
            "available_at": available,
        },
    )
    doc.source_organisations.set([orgs[s] for s in sources])
    if keyword:  # the agenda comes from meetings.demo; without it the document has no item
        field, text = keyword
        items = AgendaItem.objects.filter(agenda__meeting=meeting, **{f"{field}__icontains": text})
        doc.agenda_items.set(items.order_by("-agenda__version", "pk")[:1])
    for language in languages:
        load_file(doc, language, users[username], available)
    return doc


def load_file(doc, language, user, available):
    if DocumentFile.objects.filter(document=doc, language=language).exists():
        return
    content = tiny_pdf([f"{doc.symbol}-{language}", doc.title[:90], f"Demo file ({doc.group.code}).", doc.summary[:90]])
    name = stored_files.save(f"documents/demo/{doc.symbol.replace('/', '-')}-{language}.pdf", ContentFile(content))
    DocumentFile.objects.create(
        document=doc,
        language=language,
        file=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content_type="application/pdf",
        original_filename=f"{doc.symbol.replace('/', '-')}-{language}.pdf",
        uploaded_by=user,
        uploaded_at=available,
    )


def load_late_admission(doc, secretariat):
    LateAdmission.objects.update_or_create(
        document=doc,
        defaults={
            "deadline": at(11, 9),
            "reason": LATE_REASON,
            "granted_by": secretariat,
            "granted_at": doc.available_at,
            "on_behalf_of_chair": True,
        },
    )
    audit(doc.meeting, doc.group, secretariat, AuditAction.ADMITTED_LATE, doc.available_at, LATE_REASON, doc)


def load_refusal(meeting, dg, user):
    detail = (
        "“Views on cybersecurity as an Internet-related public policy issue (demo)” from Saudi Arabia, "
        "1 hour 15 minutes after the deadline of 11 Feb 2009 09:00:00 CET (Europe/Zurich)"
    )
    audit(meeting, dg, user, AuditAction.REFUSED_LATE, at(11, 10, 15), detail)


def audit(meeting, group, actor, action, when, detail, document=None):
    AuditEntry.objects.update_or_create(
        meeting=meeting,
        group=group,
        action=action,
        at=when,
        defaults={"actor": actor, "detail": detail, "document": document},
    )


def load_call(meeting, dg, orgs):
    call, _ = CallForDocuments.objects.update_or_create(
        meeting=meeting,
        group=dg,
        title="Reports on activities related to international Internet-related public policy issues",
        defaults={"text": CALL_TEXT, "due_at": datetime.datetime(2009, 5, 15, 23, 59, 59, tzinfo=GENEVA)},
    )
    call.addressees.set([orgs["SG"], orgs["TSB"], orgs["BDT"]])


NEXT_CALL_TEXT = (
    "Member States and Sector Members are invited to submit their contributions to the 16th meeting "
    "(demo) by the due date shown, Geneva time. The due date runs from the day the demo was loaded."
)


def load_next_call(meeting, wg, orgs, now=None):
    """The open call for documents of the next meeting (meetings/demo/next_meeting.py): addressed
    to the demo's Member States and Sector Members, due two weeks after the load day."""
    call, _ = CallForDocuments.objects.update_or_create(
        meeting=meeting,
        group=wg,
        title="Contributions to the 16th meeting",
        defaults={"text": NEXT_CALL_TEXT, "due_at": next_meeting.call_due_at(timezone.localdate(now, GENEVA))},
    )
    kinds = [OrganisationKind.MEMBER_STATE, OrganisationKind.SECTOR_MEMBER]
    call.addressees.set([o for o in orgs.values() if o.kind in kinds])
