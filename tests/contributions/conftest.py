import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions import services
from contributions.demo.pdf import tiny_pdf
from contributions.models import DeadlineMode, DeadlineRule, DocumentKind
from tests.factories import make_session

GENEVA = ZoneInfo("Europe/Zurich")
# 14th meeting: the Dedicated Group sits on 12 Feb 2009 at 09:00, so its deadline is 11 Feb 09:00 CET.
DG_START = datetime.datetime(2009, 2, 12, 9, 0, tzinfo=GENEVA)
DG_DEADLINE = datetime.datetime(2009, 2, 11, 9, 0, tzinfo=GENEVA)
BEFORE = datetime.datetime(2009, 2, 1, 12, 0, tzinfo=GENEVA)


def pdf_upload(name="contribution.pdf", text="A contribution"):
    return SimpleUploadedFile(name, tiny_pdf([text]), content_type="application/pdf")


def docx_bytes(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


@pytest.fixture
def dg_world(world):
    """The world with the Dedicated Group's session and its 24-hour rule for contributions."""
    make_session(world.meeting, group=world.dg, date=DG_START.date(), start=DG_START.time())
    make_session(world.meeting, group=world.wg, date=datetime.date(2009, 2, 11), start=datetime.time(9, 30))
    DeadlineRule.objects.create(
        group=world.dg, kind=DocumentKind.CONTRIBUTION, mode=DeadlineMode.HOURS_BEFORE_START, amount=24
    )
    return world


def submit(world, user, group, title="A contribution", now=BEFORE, **extra):
    """Submit through the service, as the view does, with a small PDF."""
    upload = extra.pop("upload", None) or pdf_upload(text=title)
    return services.submit_document(
        meeting=world.meeting,
        group=group,
        submitted_by=user,
        title=title,
        kind=extra.pop("kind", DocumentKind.CONTRIBUTION),
        files=[(extra.pop("language", "E"), upload, upload.name, "application/pdf")],
        sources=extra.pop("sources", [user.organisation] if user.organisation else []),
        now=now,
        **extra,
    )


def today_in(zone):
    return datetime.datetime.now(zone).date()


@pytest.fixture
def world_ahead(world):
    """The world with its 14th meeting moved 30 days ahead: the pages submit at the real time, and
    a meeting that has ended takes documents from the secretariat only."""
    world.meeting.start_date = today_in(GENEVA) + datetime.timedelta(days=30)
    world.meeting.end_date = world.meeting.start_date + datetime.timedelta(days=2)
    world.meeting.save()
    return world


@pytest.fixture
def dg_in_session(world):
    """The 14th meeting in session now (yesterday to tomorrow, Geneva): the Dedicated Group sat
    yesterday at 09:00 under its 24-hour rule, so its deadline (the day before, 09:00) has passed
    while the meeting still takes documents. `world.dg_deadline` is that deadline."""
    yesterday = today_in(GENEVA) - datetime.timedelta(days=1)
    world.meeting.start_date, world.meeting.end_date = yesterday, yesterday + datetime.timedelta(days=2)
    world.meeting.save()
    make_session(world.meeting, group=world.dg, date=yesterday, start=datetime.time(9, 0))
    DeadlineRule.objects.create(
        group=world.dg, kind=DocumentKind.CONTRIBUTION, mode=DeadlineMode.HOURS_BEFORE_START, amount=24
    )
    dg_start = datetime.datetime.combine(yesterday, datetime.time(9, 0), tzinfo=GENEVA)
    world.dg_deadline = (dg_start.astimezone(datetime.UTC) - datetime.timedelta(hours=24)).astimezone(GENEVA)
    return world
