"""Membership, groups, appointments and meetings: who may take part in what, and when it meets."""

import datetime
import uuid
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import ordinals


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(_("%(value)s is not an IANA time zone (e.g. Europe/Zurich)."), params={"value": value})


class OrganisationKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    SECTOR_MEMBER = "sector_member", _("Sector Member")
    ASSOCIATE = "associate", _("Associate")
    ACADEMIA = "academia", _("Academia")
    SECRETARIAT = "secretariat", _("Secretariat unit")
    OBSERVER = "observer", _("Observer")


# The kinds a group's `open_to` may name: ITU membership categories, with their plural names.
MEMBERSHIP_CATEGORIES = {
    OrganisationKind.MEMBER_STATE: _("Member States"),
    OrganisationKind.SECTOR_MEMBER: _("Sector Members"),
    OrganisationKind.ASSOCIATE: _("Associates"),
    OrganisationKind.ACADEMIA: _("Academia"),
}


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, unique=True, help_text=_("e.g. SG, BDT, SAU"))
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country_code = models.CharField(
        _("country (ISO 3166 alpha-3)"), max_length=3, blank=True, help_text=_("Required for Member States.")
    )
    regional_group = models.CharField(_("regional group"), max_length=80, blank=True, help_text=_("e.g. Arab States"))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="organisation_member_state_has_country",
                condition=~Q(kind="member_state") | ~Q(country_code=""),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_secretariat(self):
        return self.kind == OrganisationKind.SECRETARIAT


class User(AbstractUser):
    """A portal user. Delegates and secretariat staff represent exactly one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation represented"),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Dates are shown in the meeting's zone and, beside them, in this one."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Pages and e-mails are in this language. Empty: the language of your browser."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                name="user_represents_an_organisation",
                condition=Q(organisation__isnull=False) | Q(is_superuser=True),
            ),
        ]

    @property
    def display_name(self):
        return self.get_full_name() or self.username


class FeedToken(models.Model):
    """The secret in a user's private feed and calendar URLs (a feed reader cannot sign in).
    Only its SHA-256 is stored: a leaked database does not open anyone's feeds. Resetting
    replaces the row, so the old URLs stop working at once (wsisportal/feed_tokens.py)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="feed_token", verbose_name=_("user"))
    digest = models.CharField(_("SHA-256 of the token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("private feed token")
        verbose_name_plural = _("private feed tokens")

    def __str__(self):
        return f"Private feed URLs of {self.user}"


class Resolution(models.Model):
    ref = models.CharField(_("reference"), max_length=80, unique=True, help_text=_("e.g. PP-06 Res. 140"))
    body = models.CharField(_("adopted by"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["ref"]

    def __str__(self):
        return self.ref


class Group(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True, help_text=_("e.g. WG-WSIS"))
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subgroups",
        verbose_name=_("integral part of"),
    )
    open_to = models.JSONField(
        _("open to"),
        default=list,
        help_text=_("Membership categories whose delegates may take part. A sub-group is never wider than its parent."),
    )
    mandate = models.ManyToManyField(Resolution, blank=True, related_name="groups", verbose_name=_("mandate"))
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    symbol_prefix = models.CharField(
        _("document symbol prefix"),
        max_length=30,
        blank=True,
        help_text=_("Prefix of the group's document symbols, e.g. WG-WSIS; defaults to the code."),
    )

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["parent_id", "code"]

    def __str__(self):
        return self.code

    def clean(self):
        unknown = set(self.open_to or []) - set(MEMBERSHIP_CATEGORIES)
        if unknown:
            raise ValidationError({"open_to": _("Unknown membership categories: %s") % ", ".join(sorted(unknown))})
        if self.parent is not None and not set(self.open_to) <= set(self.parent.open_to):
            message = _("An integral part cannot be open to categories its parent group excludes.")
            raise ValidationError({"open_to": message})

    @property
    def open_to_labels(self):
        return [MEMBERSHIP_CATEGORIES[OrganisationKind(kind)] for kind in self.open_to]

    @property
    def is_restricted(self):
        """True for a group narrower than its parent (the Dedicated Group inside WG-WSIS)."""
        return self.parent_id is not None and set(self.open_to) < set(self.parent.open_to)


class AppointmentRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-Chair")


class AppointmentQuerySet(models.QuerySet):
    def current(self, now=None):
        today = timezone.localdate(now) if now else timezone.localdate()
        return self.filter(Q(start__lte=today), Q(end__isnull=True) | Q(end__gt=today))


class Appointment(models.Model):
    """Chair or vice-chair of a group: a term held by a person, usually a delegate with a login."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("group"))
    role = models.CharField(_("role"), max_length=20, choices=AppointmentRole.choices)
    person_name = models.CharField(_("person"), max_length=120, help_text=_("e.g. Prof. Dr. Vladimir Minkin"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        help_text=_("The login that exercises the appointment's rights, if the person has one."),
        verbose_name=_("user"),
    )
    start = models.DateField(_("term starts"))
    end = models.DateField(_("term ends"), null=True, blank=True, help_text=_("Last day is the day before."))
    end_reason = models.CharField(_("end reason"), max_length=200, blank=True, help_text=_("e.g. resigned"))
    demo_note = models.CharField(
        _("demo data"),
        max_length=200,
        blank=True,
        help_text=_("Which facts of this appointment are demo data, not from the record (shown with it)."),
    )
    made_at = models.ForeignKey(
        "Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments_made",
        verbose_name=_("made at meeting"),
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["group", "role", "start"]
        constraints = [
            models.CheckConstraint(
                name="appointment_ends_after_start", condition=Q(end__isnull=True) | Q(end__gte=models.F("start"))
            ),
            models.CheckConstraint(
                name="appointment_end_has_reason", condition=Q(end__isnull=True) | ~Q(end_reason="")
            ),
            models.UniqueConstraint(
                fields=["group"], condition=Q(role="chair", end__isnull=True), name="one_open_chair_per_group"
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} of {self.group}: {self.person_name}"

    def is_current(self, now=None):
        today = timezone.localdate(now) if now else timezone.localdate()
        return self.start <= today and (self.end is None or self.end > today)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PROPOSED = "proposed", _("Proposed dates")
    IN_SESSION = "in_session", _("In session")
    CLOSED = "closed", _("Closed")


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(end_date__gte=timezone.localdate(now)).order_by("start_date")

    def past(self, now=None):
        return self.filter(end_date__lt=timezone.localdate(now)).order_by("-start_date")


class Meeting(models.Model):
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("group"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", validators=[validate_time_zone]
    )
    opening_time = models.TimeField(_("opening time"), default=datetime.time(9, 30))
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    # The attendance the meeting's report gives ("Around 60 delegates … participated"), held apart
    # from the participants registered in the portal, which may be fewer (or demo data).
    reported_delegates = models.PositiveIntegerField(_("delegates reported"), null=True, blank=True)
    reported_delegates_approximate = models.BooleanField(
        _("reported figure is approximate"), default=False, help_text=_('The report says "around" or "about".')
    )
    reported_attendance_source = models.CharField(
        _("reported in"), max_length=200, blank=True, help_text=_("e.g. WG-WSIS-14/20, paragraph 1.3")
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["group", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="meeting_number_unique_per_group"),
            models.CheckConstraint(name="meeting_ends_after_start", condition=Q(end_date__gte=models.F("start_date"))),
        ]

    def __str__(self):
        if self.title:
            return self.title
        return gettext("%(group)s %(ordinal)s meeting") % {"group": self.group.code, "ordinal": self.ordinal}

    @property
    def ordinal(self):
        return ordinals.ordinal(self.number)

    @cached_property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def opens_at(self):
        """The aware moment the meeting opens (first day, opening time, meeting's zone)."""
        return datetime.datetime.combine(self.start_date, self.opening_time, tzinfo=self.zone)


class Session(models.Model):
    """One sitting in the time-management plan: which group sits, when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("meeting"))
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text=_("The group that sits."),
        verbose_name=_("group"),
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_start",
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
            ),
        ]

    def __str__(self):
        return f"{self.group.code} {self.date:%d %b %Y} {self.start_time:%H:%M}"

    @property
    def starts_at(self):
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=self.meeting.zone)

    @property
    def ends_at(self):
        if self.end_time is None:
            return None
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=self.meeting.zone)


class AgendaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated")
    ADOPTED = "adopted", _("Adopted")


class AdoptedAs(models.TextChoices):
    DRAFTED = "drafted", _("as drafted")
    AMENDED = "amended", _("as amended")


class Agenda(models.Model):
    """One version of a meeting's agenda. An adopted version is frozen; amending it later
    starts the next version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agendas", verbose_name=_("meeting"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DRAFT)
    adopted_as = models.CharField(_("adopted"), max_length=20, choices=AdoptedAs.choices, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("recorded by")
    )
    adopted_on_behalf_of_chair = models.BooleanField(
        _("recorded by the secretariat on the chair's behalf"), default=False
    )
    # Optimistic lock: every edit bumps it; a save carrying an older value is refused.
    revision = models.PositiveIntegerField(default=0, editable=False, verbose_name=_("revision"))

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="agenda_version_unique_per_meeting"),
            models.CheckConstraint(
                name="agenda_adopted_has_record",
                condition=~Q(status="adopted") | (~Q(adopted_as="") & Q(adopted_on__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"Agenda of {self.meeting} (v{self.version})"


class AgendaItem(models.Model):
    """An item of one agenda version; numbering (1, 7, 7.1) is computed from the tree order,
    `label` overrides it where the group used its own (7c)."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="items", verbose_name=_("agenda"))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("label override"), max_length=20, blank=True, help_text=_("e.g. 7c"))
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    presenter = models.CharField(_("presenter"), max_length=200, blank=True)
    # The same item across versions of the agenda (kept when a version is amended): the
    # diff between two versions matches items on it.
    lineage = models.UUIDField(default=uuid.uuid4, editable=False, verbose_name=_("lineage"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["agenda", "parent_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["agenda", "lineage"], name="agenda_item_lineage_unique_per_version"),
        ]

    def __str__(self):
        return self.title


# ---------------------------------------------------------------------------------------------
# Meetings work: time-management plan adoption, participants, external events, working list


class TimePlanAdoption(models.Model):
    """The record that a meeting's time-management plan was adopted (report item 6)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="plan_adoption", verbose_name=_("meeting")
    )
    adopted_on = models.DateField(_("adopted on"))
    adopted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))
    on_behalf_of_chair = models.BooleanField(_("recorded by the secretariat on the chair's behalf"), default=False)

    class Meta:
        verbose_name = _("time-management plan adoption")
        verbose_name_plural = _("time-management plan adoptions")

    def __str__(self):
        return f"Time-management plan of {self.meeting} adopted {self.adopted_on}"


class Participant(models.Model):
    """A delegate registered for a meeting on behalf of their organisation; attendance is
    recorded by the secretariat."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="participants", verbose_name=_("meeting")
    )
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="participations", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations", verbose_name=_("organisation")
    )
    registered_at = models.DateTimeField(_("registered at"))
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["organisation__name", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="participant_once_per_meeting"),
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation.short_name}) at {self.meeting}"


class ExternalEvent(models.Model):
    """A meeting elsewhere that delegates attend (ICANN GAC, Sydney, 21-26 June 2009)."""

    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(_("place"), max_length=120)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("external event")
        verbose_name_plural = _("external events")
        ordering = ["start_date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "start_date"], name="external_event_unique_name_start"),
            models.CheckConstraint(
                name="external_event_ends_after_start", condition=Q(end_date__gte=models.F("start_date"))
            ),
        ]

    def __str__(self):
        return f"{self.name}, {self.place}"


class IssueCategory(models.TextChoices):
    INFRASTRUCTURAL = "infrastructural", _("Infrastructural")
    USE = "use", _("Use of the Internet")
    DEVELOPMENT = "development", _("Development")
    UNCATEGORISED = "uncategorised", _("Not yet categorised")


class IssueStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ON_LIST = "on_list", _("On the working list")
    OBJECTED = "objected", _("Objected to")
    REMOVED = "removed", _("Removed")


class WorkingListIssue(models.Model):
    """One issue of a group's working list of Internet-related public policy issues."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="working_list", verbose_name=_("group"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("issue"), max_length=300)
    category = models.CharField(
        _("category"), max_length=20, choices=IssueCategory.choices, default=IssueCategory.UNCATEGORISED
    )
    status = models.CharField(_("status"), max_length=20, choices=IssueStatus.choices, default=IssueStatus.PROPOSED)
    proposed_by = models.ManyToManyField(Organisation, blank=True, related_name="+", verbose_name=_("proposed by"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("working list issue")
        verbose_name_plural = _("working list issues")
        ordering = ["group", "number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="working_list_number_unique_per_group"),
        ]

    def __str__(self):
        return self.title
