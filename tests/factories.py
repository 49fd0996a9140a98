"""Plain make_* factories: explicit, no magic, every default visible here."""

import datetime
import itertools

from django.contrib.auth.models import AnonymousUser

from meetings.models import Appointment, Group, Meeting, Organisation, OrganisationKind, Session, User

_seq = itertools.count(1)
PASSWORD = "wsis-demo"


def make_organisation(kind=OrganisationKind.MEMBER_STATE, name=None, **extra):
    n = next(_seq)
    defaults = {"name": name or f"{kind.label} {n}", "short_name": extra.pop("short_name", f"O{n}"), "kind": kind}
    if kind == OrganisationKind.MEMBER_STATE:
        defaults["country_code"] = extra.pop("country_code", "XXX")
    return Organisation.objects.create(**defaults, **extra)


def make_user(organisation=None, username=None, **extra):
    n = next(_seq)
    return User.objects.create_user(
        username=username or f"user{n}",
        password=PASSWORD,
        organisation=organisation,
        email=f"user{n}@example.org",
        **extra,
    )


def make_group(code=None, open_to=("member_state", "sector_member"), parent=None, **extra):
    n = next(_seq)
    code = code or f"G{n}"
    return Group.objects.create(
        code=code,
        name=extra.pop("name", f"Group {code}"),
        open_to=list(open_to),
        parent=parent,
        symbol_prefix=extra.pop("symbol_prefix", code),
        **extra,
    )


def make_meeting(group, number=None, start=datetime.date(2009, 2, 11), days=3, **extra):
    return Meeting.objects.create(
        group=group,
        number=number or next(_seq),
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        venue=extra.pop("venue", "Geneva"),
        **extra,
    )


def make_session(meeting, group=None, date=None, start=datetime.time(9, 30), end=datetime.time(12, 30), **extra):
    return Session.objects.create(
        meeting=meeting,
        group=group or meeting.group,
        date=date or meeting.start_date,
        start_time=start,
        end_time=end,
        **extra,
    )


def make_appointment(group, user, role="chair", start=datetime.date(2006, 1, 1), end=None, **extra):
    return Appointment.objects.create(
        group=group,
        role=role,
        person_name=user.get_full_name() or user.username,
        organisation=user.organisation,
        user=user,
        start=start,
        end=end,
        end_reason=extra.pop("end_reason", "resigned" if end else ""),
        **extra,
    )


class World:
    """WG-WSIS with its Dedicated Group, one persona per role, and the 14th meeting."""

    def __init__(self):
        self.member_state = make_organisation(
            OrganisationKind.MEMBER_STATE, "Saudi Arabia", short_name="KSA", country_code="SAU"
        )
        self.chair_state = make_organisation(
            OrganisationKind.MEMBER_STATE, "Russian Federation", short_name="RUS", country_code="RUS"
        )
        self.sector_member = make_organisation(OrganisationKind.SECTOR_MEMBER, "France Télécom", short_name="FT")
        self.secretariat_unit = make_organisation(OrganisationKind.SECRETARIAT, "General Secretariat", short_name="SG")
        self.wg = make_group(
            "WG-WSIS", open_to=("member_state", "sector_member"), name="Working Group on WSIS", symbol_prefix="WG-WSIS"
        )
        self.dg = make_group(
            "DG-IPP", open_to=("member_state",), parent=self.wg, name="Dedicated Group", symbol_prefix="WG-WSIS"
        )
        self.meeting = make_meeting(self.wg, number=14)
        self.personas = {
            "anonymous": AnonymousUser(),
            "sm_delegate": make_user(self.sector_member, "sm"),
            "ms_delegate": make_user(self.member_state, "ms"),
            "secretariat": make_user(self.secretariat_unit, "sec"),
            "chair": make_user(self.chair_state, "chairperson"),
            "former_vice_chair": make_user(self.member_state, "formervc"),
            "superuser": make_user(None, "root", is_superuser=True, is_staff=True),
        }
        make_appointment(self.wg, self.personas["chair"], "chair")
        make_appointment(
            self.wg,
            self.personas["former_vice_chair"],
            "vice_chair",
            start=datetime.date(2006, 1, 1),
            end=datetime.date(2008, 1, 25),
        )

    def __getattr__(self, name):
        try:
            return self.__dict__["personas"][name]
        except KeyError:
            raise AttributeError(name) from None


PERSONAS = ["anonymous", "sm_delegate", "ms_delegate", "secretariat", "chair", "former_vice_chair", "superuser"]
