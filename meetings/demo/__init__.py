"""Demo world of the 14th meeting of WG-WSIS (Geneva, 11-13 February 2009): membership part.

Facts come from the meeting's report and from `wsis_reference.json` (sourced reference data
copied beside this file). Sector Members and people the report does not name are demo content.
Every step is an update_or_create on a natural key, so loading twice changes nothing.
"""

import datetime
import json
from pathlib import Path

from django.contrib.auth.models import Group as PermissionGroup

from meetings.demo.meetings_work import load_meetings_work
from meetings.demo.next_meeting import load_next_meeting
from meetings.models import Appointment, Group, Meeting, MeetingStatus, Organisation, OrganisationKind, Resolution, User

DATA_DIR = Path(__file__).resolve().parent
DEMO_PASSWORD = "wsis-demo"

MS, SM, SEC, OBS = (
    OrganisationKind.MEMBER_STATE,
    OrganisationKind.SECTOR_MEMBER,
    OrganisationKind.SECRETARIAT,
    OrganisationKind.OBSERVER,
)

# (name, short name, kind, country code, regional group)
ORGANISATIONS = [
    ("Russian Federation", "RUS", MS, "RUS", ""),
    ("Switzerland", "SUI", MS, "CHE", ""),
    ("Tunisia", "TUN", MS, "TUN", "Arab States"),
    ("Saudi Arabia", "KSA", MS, "SAU", "Arab States"),
    ("Syrian Arab Republic", "SYR", MS, "SYR", "Arab States"),
    ("United States of America", "USA", MS, "USA", ""),
    ("Latvia", "LVA", MS, "LVA", ""),
    ("France Télécom (demo Sector Member)", "FT", SM, "", ""),
    ("Nokia Siemens Networks (demo Sector Member)", "NSN", SM, "", ""),
    ("General Secretariat", "SG", SEC, "", ""),
    ("Radiocommunication Bureau", "BR", SEC, "", ""),
    ("Telecommunication Standardization Bureau", "TSB", SEC, "", ""),
    ("Telecommunication Development Bureau", "BDT", SEC, "", ""),
    ("United Nations Educational, Scientific and Cultural Organization", "UNESCO", OBS, "", ""),
    ("United Nations Development Programme", "UNDP", OBS, "", ""),
]

WG_WSIS_TOR = """\
Resolution 140 (Antalya, 2006) calls upon the Working Group:
(a) to facilitate membership input and guidance on the ITU implementation of relevant WSIS outcomes;
(b) to elaborate proposals to the Council that may be necessary for adapting ITU to its role in building the information society.

Council 2008 (Resolution 1282, Mod. 2008) resolved that the Working Group, open to all Member States and Sector Members, should continue its work with revised terms of reference, and establish as an integral part of WG-WSIS a Dedicated Group on international Internet-related public policy issues, open only to all Member States, in accordance with WTSA-08 Resolution 75.

(f) to develop proposals for Council's consideration, in liaison with other Council Working Groups, that may be necessary for adapting ITU to its role in building the information society, with the assistance of the WSIS Task Force, whereby these proposals may include changes in the Constitution and Convention of the Union."""

DG_TOR = """\
Established as an integral part of WG-WSIS by Council Resolution 1282 (Mod. 2008) in response to WTSA-08 Resolution 75. Open only to Member States. It is tasked to:
(a) identify, study, and develop matters related to international Internet-related public policy issues;
(b) disseminate its outputs through ITU's membership; and
(c) contribute to the related work of WG-WSIS within the mandate of ITU pursuant to the relevant resolutions of the Plenipotentiary Conference (Antalya, 2006) and Council Resolution 1282."""

# username, first, last, organisation short name, flags
PERSONAS = [
    ("secretariat", "Sara", "Secretariat (demo)", "SG", {"is_staff": True}),
    ("chair", "Vladimir", "Minkin", "RUS", {}),
    ("dg-chair", "Majed", "Al Mazyed", "KSA", {}),
    ("ms-delegate", "Amal", "Delegate (demo)", "KSA", {}),
    ("sm-delegate", "Pierre", "Delegate (demo)", "FT", {}),
    ("admin", "Portal", "Administrator", None, {"is_staff": True, "is_superuser": True}),
]

PERSONA_ROLES = {
    "secretariat": "secretariat staff, General Secretariat",
    "chair": "Prof. Vladimir Minkin (Russian Federation), Chairman of WG-WSIS",
    "dg-chair": "Mr Majed Al Mazyed (Saudi Arabia), Chairman of the Dedicated Group, Vice-Chairman of WG-WSIS",
    "ms-delegate": "Member State delegate, Saudi Arabia",
    "sm-delegate": "Sector Member delegate, France Télécom",
    "admin": "superuser",
}


def reference_data():
    return json.loads((DATA_DIR / "wsis_reference.json").read_text(encoding="utf-8"))


def load(*, stdout=None):
    """Organisations, resolutions, groups, users, the 14th meeting and the appointments, and the
    next meeting in the near future of the load day (next_meeting.py)."""
    ref = reference_data()
    orgs = load_organisations()
    load_resolutions(ref)
    wg, dg = load_groups()
    users = load_users(orgs)
    m14 = upsert(
        Meeting,
        {"group": wg, "number": 14},
        {
            "title": "14th meeting of the Council Working Group on WSIS",
            "start_date": datetime.date(2009, 2, 11),
            "end_date": datetime.date(2009, 2, 13),
            "venue": "ITU Headquarters, Geneva",
            "time_zone": "Europe/Zurich",
            "opening_time": datetime.time(9, 30),
            "status": MeetingStatus.CLOSED,
            # "Around 60 delegates, representing ITU Member States and Sector Members, participated"
            "reported_delegates": 60,
            "reported_delegates_approximate": True,
            "reported_attendance_source": "WG-WSIS-14/20, section 1",
        },
    )
    load_appointments(wg, dg, orgs, users, m14)
    join_secretariat_staff(users["secretariat"])
    load_meetings_work(wg=wg, dg=dg, orgs=orgs, users=users, m14=m14)
    load_next_meeting(wg=wg, dg=dg)


def upsert(model, keys, defaults):
    obj, _ = model.objects.update_or_create(**keys, defaults=defaults)
    return obj


def load_organisations():
    orgs = {}
    for name, short, kind, country, region in ORGANISATIONS:
        orgs[short] = upsert(
            Organisation,
            {"short_name": short},
            {
                "name": name,
                "kind": kind,
                "country_code": country,
                "regional_group": region,
            },
        )
    return orgs


def load_resolutions(ref):
    for res in ref["resolutions"]:
        upsert(
            Resolution,
            {"ref": res["ref"]},
            {
                "body": res.get("body") or "",
                "year": res.get("year"),
                "place": res.get("place") or "",
                "title": res.get("title") or "",
            },
        )


def load_groups():
    wg = upsert(
        Group,
        {"code": "WG-WSIS"},
        {
            "name": "Council Working Group on the World Summit on the Information Society",
            "open_to": [MS.value, SM.value],
            "terms_of_reference": WG_WSIS_TOR,
            "parent": None,
            "symbol_prefix": "WG-WSIS",
        },
    )
    wg.mandate.set(Resolution.objects.filter(ref__in=["PP-06 Res. 140", "PP-06 Res. 102", "Council Res. 1282"]))
    dg = upsert(
        Group,
        {"code": "DG-IPP"},
        {
            "name": "Dedicated Group on international Internet-related public policy issues",
            "open_to": [MS.value],
            "terms_of_reference": DG_TOR,
            "parent": wg,
            "symbol_prefix": "WG-WSIS",
        },
    )
    dg.mandate.set(Resolution.objects.filter(ref__in=["WTSA-08 Res. 75", "Council Res. 1282", "PP-06 Res. 102"]))
    return wg, dg


def load_users(orgs):
    users = {}
    for username, first, last, org, flags in PERSONAS:
        user = upsert(
            User,
            {"username": username},
            {
                "first_name": first,
                "last_name": last,
                "organisation": orgs.get(org),
                "email": f"{username}@demo.wsis-portal.invalid",
                "is_staff": False,
                "is_superuser": False,
                **flags,
            },
        )
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[username] = user
    return users


# What the demo adds to the report's officers (the report names "Mr. Riehl (Switzerland)", "Mr.
# Guellouz (Tunisia)" and the Chairman, but gives no first names of the vice-chairs and no terms).
APPOINTMENT_DEMO_NOTES = {
    "Prof. Dr. Vladimir Minkin": "The start of the term is demo data; the report does not give it.",
    "Mr Frédéric Riehl": "The first name and the start of the term are demo data; the report does not give them.",
    "Mr Ridha Guellouz": "The first name and the dates of the term are demo data; the report says he resigned last year.",
}


def load_appointments(wg, dg, orgs, users, m14):
    rows = [
        # group, role, person, org, user, start, end, end reason, made at
        (wg, "chair", "Prof. Dr. Vladimir Minkin", "RUS", users["chair"], datetime.date(2006, 9, 12), None, "", None),
        (wg, "vice_chair", "Mr Frédéric Riehl", "SUI", None, datetime.date(2006, 9, 12), None, "", None),
        (
            wg,
            "vice_chair",
            "Mr Ridha Guellouz",
            "TUN",
            None,
            datetime.date(2006, 9, 12),
            datetime.date(2008, 1, 25),
            "resigned (other commitments in his Administration)",
            None,
        ),
        # The report says only "resigned last year"; Tunisia had not replied by the 12th meeting.
        (wg, "vice_chair", "Mr Majed Al Mazyed", "KSA", users["dg-chair"], datetime.date(2009, 2, 11), None, "", m14),
        (dg, "chair", "Mr Majed Al Mazyed", "KSA", users["dg-chair"], datetime.date(2009, 2, 11), None, "", m14),
    ]
    for group, role, person, org, user, start, end, reason, made_at in rows:
        upsert(
            Appointment,
            {"group": group, "role": role, "person_name": person},
            {
                "demo_note": APPOINTMENT_DEMO_NOTES.get(person, ""),
                "organisation": orgs[org],
                "user": user,
                "start": start,
                "end": end,
                "end_reason": reason,
                "made_at": made_at,
            },
        )


def join_secretariat_staff(user):
    """Make the user one of the secretariat's back-office staff: a member of the "Secretariat"
    permission group, whose rights the data migration meetings/0005 sets from the policy."""
    user.groups.add(PermissionGroup.objects.get(name="Secretariat"))
