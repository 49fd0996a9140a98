"""Demo: the meetings work around the 14th meeting of WG-WSIS — the 13th and proposed 15th
meetings, the 14th meeting's time-management plan, its 13-item agenda adopted as drafted, the
ICANN GAC meeting that clashed with the proposed dates, participants, and the Dedicated Group's
working list (Annex 1 of the report).

Facts are from the report: dates, the Dedicated Group sitting on 12 February 2009 from 09:00,
the agenda items named by the report's sections and "item 7c", the adoption as drafted, the
proposals of Syria and Saudi Arabia and the categories one Member State proposed. The session
end times, the afternoon sessions, the item titles' exact wording and which category each issue
falls in are a reconstruction for the demo. Every step is an update_or_create on a natural key.
"""

import datetime

from meetings.models import (
    Agenda,
    AgendaItem,
    AgendaStatus,
    ExternalEvent,
    IssueCategory,
    IssueStatus,
    Meeting,
    MeetingStatus,
    Participant,
    Session,
    TimePlanAdoption,
    WorkingListIssue,
)

D = datetime.date
T = datetime.time
ADOPTED_ON = D(2009, 2, 11)

# day, start, end, group code, title
SESSIONS_14 = [
    (D(2009, 2, 11), T(9, 30), T(12, 30), "WG-WSIS", "Opening, agenda, time-management plan, information reports"),
    (D(2009, 2, 11), T(14, 30), T(17, 30), "WG-WSIS", "ITU's activities in WSIS implementation: draft Roadmap"),
    (
        D(2009, 2, 12),
        T(9, 0),
        T(12, 30),
        "DG-IPP",
        "Dedicated Group on international Internet-related public policy issues",
    ),
    (D(2009, 2, 12), T(14, 30), T(17, 30), "DG-IPP", "Dedicated Group (continued)"),
    (D(2009, 2, 13), T(9, 30), T(12, 30), "WG-WSIS", "Report of the Dedicated Group (item 7c); Resolution 140"),
    (D(2009, 2, 13), T(14, 30), T(17, 30), "WG-WSIS", "Next meeting, other business, summary of the meeting"),
]

# (label override, title, presenter, description, children)
AGENDA_14 = [
    ("", "Opening of the meeting", "Chairman", "", []),
    ("", "Adoption of the agenda", "Chairman", "Document WG-WSIS-14/2.", []),
    ("", "Welcoming remarks", "Deputy Secretary-General; Director, BDT", "", []),
    ("", "Appointment of WG-WSIS Vice-Chairmanship", "Chairman", "", []),
    ("", "Council Resolution 1282 (Mod. 2008)", "General Secretariat", "", []),
    ("", "Adoption of the time management plan", "Chairman", "", []),
    (
        "",
        "Information reports",
        "",
        "",
        [
            (
                "7a",
                "ITU activities in 2008 in the context of WSIS implementation",
                "General Secretariat",
                "Document WG-WSIS-14/5.",
                [],
            ),
            ("7b", "ITU-D activities in the context of WSIS implementation", "BDT", "Document WG-WSIS-14/9.", []),
            (
                "7c",
                "Report of Dedicated Group on international Internet-related public policy issues "
                "(Res.75 (WTSA, 2008))",
                "Chairman of the Dedicated Group",
                "Explained at adoption: the Chairman of the Dedicated Group prepares a report to be "
                "discussed within the WG-WSIS.",
                [],
            ),
        ],
    ),
    (
        "",
        "ITU's activities in WSIS implementation and follow-up: draft Roadmap",
        "General Secretariat",
        "Document WG-WSIS-14/3 (third draft).",
        [],
    ),
    ("", "Necessity for adapting ITU to its role in building the information society (Res. 140)", "", "", []),
    (
        "",
        "ITU's role with regard to international public policy issues pertaining to the Internet and the "
        "management of Internet resources (Res. 102)",
        "",
        "",
        [],
    ),
    ("", "Dates of next meeting", "Chairman", "", []),
    ("", "Other business", "", "", []),
    ("", "Summary of the 14th meeting", "Chairman", "", []),
]

INF, USE, DEV = IssueCategory.INFRASTRUCTURAL, IssueCategory.USE, IssueCategory.DEVELOPMENT
REMOVAL_NOTE = (
    "Some administrations supported removing this point (Tunis Agenda para. 69, Res. 102); "
    "others objected, citing the WSIS outcome, PP-06 and WTSA-08."
)
DISCUSSION_NOTE = "Suggested by other administrations in the discussion (Annex 1, section 3)."

# number, issue, category, proposed by (short names), note
WORKING_LIST = [
    (1, "The basic infrastructure of the Internet", INF, ["SYR"], ""),
    (2, "Transparency and equity in management of scarce Internet resources", INF, ["SYR"], ""),
    (3, "Bridging the digital divide", DEV, ["SYR"], ""),
    (4, "Access to the Internet", DEV, ["SYR"], ""),
    (5, "Multilingualism", INF, ["SYR"], ""),
    (6, "Internet security", USE, ["SYR"], ""),
    (7, "Fairness of prices to achieve affordability for all users", DEV, ["SYR"], ""),
    (8, "Multilingualization of the Internet", INF, ["KSA"], ""),
    (9, "Reducing international Internet costs", INF, ["KSA"], ""),
    (10, "Coordination and management of critical Internet resources", INF, ["KSA"], REMOVAL_NOTE),
    (11, "The security, safety, continuity, sustainability, and robustness of the Internet", USE, ["KSA"], ""),
    (12, "Prosecution of cybercrime", USE, ["KSA"], ""),
    (13, "Dealing effectively with spam", USE, ["KSA"], ""),
    (14, "Issues pertaining to the use and misuse of the Internet", USE, ["KSA"], ""),
    (
        15,
        "Internet naming and addressing, including administration of the root zone files and root server "
        "system of the DNS and allocation of gTLDs",
        INF,
        ["KSA"],
        REMOVAL_NOTE,
    ),
    (
        16,
        "Availability, affordability, reliability, and quality of service, especially in the developing world",
        DEV,
        ["KSA"],
        "",
    ),
    (17, "Contributing to capacity building for Internet governance in developing countries", DEV, ["KSA"], ""),
    (18, "Developmental aspects of the Internet", DEV, ["KSA"], ""),
    (19, "Respect for privacy and the protection of personal information and data", USE, ["KSA"], ""),
    (20, "Protecting children and young people from abuse and exploitation", USE, ["KSA"], ""),
    (21, "Access to the Internet open for all citizens without any conditions", DEV, [], DISCUSSION_NOTE),
    (22, "Internet access for schools, universities and rural communities", DEV, [], DISCUSSION_NOTE),
    (23, "Best practices and information exchanges", DEV, [], DISCUSSION_NOTE),
    (24, "IPv6", INF, [], DISCUSSION_NOTE),
    (25, "The question of address space allocation in the ITU", INF, [], DISCUSSION_NOTE),
]


def load_meetings_work(*, wg, dg, orgs, users, m14):
    groups = {"WG-WSIS": wg, "DG-IPP": dg}
    _upsert(
        Meeting,
        {"group": wg, "number": 13},
        _meeting(
            "13th meeting of the Council Working Group on WSIS", D(2008, 9, 25), D(2008, 9, 26), MeetingStatus.CLOSED
        ),
    )
    _upsert(
        Meeting,
        {"group": wg, "number": 15},
        _meeting(
            "15th meeting of the Council Working Group on WSIS", D(2009, 6, 22), D(2009, 6, 24), MeetingStatus.PROPOSED
        ),
    )
    for day, start, end, code, title in SESSIONS_14:
        # Keyed on (meeting, group, date, start_time): the contributions demo get_or_creates the
        # Dedicated Group's sitting with the same key.
        _upsert(
            Session,
            {"meeting": m14, "group": groups[code], "date": day, "start_time": start},
            {"end_time": end, "title": title},
        )
    _upsert(
        TimePlanAdoption,
        {"meeting": m14},
        {"adopted_on": ADOPTED_ON, "adopted_by": users["chair"], "on_behalf_of_chair": False},
    )
    load_agenda_14(m14, users["chair"])
    _upsert(
        ExternalEvent,
        {"name": "ICANN Governmental Advisory Committee (GAC) meeting", "start_date": D(2009, 6, 21)},
        {
            "place": "Sydney",
            "end_date": D(2009, 6, 26),
            "note": "Several delegations are national representatives on the GAC (report, item 12.2).",
        },
    )
    for username in ["chair", "ms-delegate", "sm-delegate"]:
        user = users[username]
        _upsert(
            Participant,
            {"meeting": m14, "user": user},
            {
                "organisation": user.organisation,
                "attended": True,
                "registered_at": datetime.datetime(2009, 1, 20, 10, 0, tzinfo=datetime.UTC),
            },
        )
    load_working_list(dg, orgs)


def _meeting(title, start, end, status):
    return {
        "title": title,
        "start_date": start,
        "end_date": end,
        "venue": "ITU Headquarters, Geneva",
        "time_zone": "Europe/Zurich",
        "opening_time": T(9, 30),
        "status": status,
    }


def _upsert(model, keys, defaults):
    obj, _created = model.objects.update_or_create(**keys, defaults=defaults)
    return obj


def load_agenda_14(m14, chair):
    agenda = _upsert(
        Agenda,
        {"meeting": m14, "version": 1},
        {
            "status": AgendaStatus.ADOPTED,
            "adopted_as": "drafted",
            "adopted_on": ADOPTED_ON,
            "adopted_by": chair,
            "adopted_on_behalf_of_chair": False,
        },
    )
    _load_items(agenda, None, AGENDA_14)


def _load_items(agenda, parent, rows):
    for position, (label, title, presenter, description, children) in enumerate(rows):
        item = _upsert(
            AgendaItem,
            {"agenda": agenda, "parent": parent, "position": position},
            {"label": label, "title": title, "presenter": presenter, "description": description},
        )
        _load_items(agenda, item, children)


def load_working_list(dg, orgs):
    for number, title, category, proposers, note in WORKING_LIST:
        issue = _upsert(
            WorkingListIssue,
            {"group": dg, "number": number},
            {"title": title, "category": category, "status": IssueStatus.PROPOSED, "note": note},
        )
        issue.proposed_by.set([orgs[short] for short in proposers])
