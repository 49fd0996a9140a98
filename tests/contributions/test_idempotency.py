"""A submission whose answer was lost is sent again: the form's one-time key makes the repeat
show the document already created, never a second symbol. Only the submitter's own keys count."""

import datetime
import re
import uuid

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from contributions import services
from contributions.models import AuditEntry, Document, DocumentFile, SymbolCounter
from tests.contributions.conftest import pdf_upload, submit
from tests.factories import World


def submit_url(world):
    return reverse("contributions:submit", args=[world.meeting.pk])


def post(client, world, key, title="Views of Saudi Arabia"):
    data = {"group": world.wg.pk, "kind": "contribution", "title": title, "language": "E", "file": pdf_upload()}
    return client.post(submit_url(world), {**data, "submission_key": str(key)})


def stored_files(settings):
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_each_form_carries_its_own_key(client, world_ahead):
    client.force_login(world_ahead.ms_delegate)
    keys = [
        re.search(
            r'name="submission_key" value="([0-9a-f-]{36})"', client.get(submit_url(world_ahead)).content.decode()
        )
        for _ in range(2)
    ]
    assert all(keys) and keys[0].group(1) != keys[1].group(1)


def test_a_repeat_with_the_same_key_shows_the_document_already_created(client, world_ahead, settings):
    world = world_ahead
    client.force_login(world.ms_delegate)
    key = uuid.uuid4()
    first = post(client, world, key)
    doc = Document.objects.get()
    files_after_first = stored_files(settings)

    repeat = post(client, world, key)  # the answer to the first was lost; the browser sends it again

    assert repeat.url == reverse("contributions:document_detail", args=[doc.pk]) == first.url
    assert [str(m) for m in get_messages(repeat.wsgi_request)][-1] == (
        "This submission was already received as WG-WSIS-14/1."
    )
    assert Document.objects.count() == 1 and DocumentFile.objects.count() == 1
    assert SymbolCounter.objects.get().last_number == 1
    assert stored_files(settings) == files_after_first
    assert AuditEntry.objects.count() == 1


def test_a_new_key_is_a_new_submission(client, world_ahead):
    client.force_login(world_ahead.ms_delegate)
    post(client, world_ahead, uuid.uuid4(), "First")
    post(client, world_ahead, uuid.uuid4(), "Second")
    assert sorted(Document.objects.values_list("symbol", flat=True)) == ["WG-WSIS-14/1", "WG-WSIS-14/2"]


def test_a_repeat_is_recognised_even_after_the_deadline(world):
    """The repeat of a document submitted at the last second arrives a second late: it is the
    same submission, not a late one."""
    from contributions.models import DeadlineRule

    DeadlineRule.objects.create(group=world.wg, kind="", mode="days", amount=7)
    deadline = services.deadline_for_submission(meeting=world.meeting, group=world.wg, kind="contribution").at
    key = uuid.uuid4()
    doc = submit(world, world.ms_delegate, world.wg, now=deadline, submission_key=key)
    with pytest.raises(services.AlreadySubmitted) as repeat:
        submit(world, world.ms_delegate, world.wg, now=deadline + datetime.timedelta(seconds=1), submission_key=key)
    assert repeat.value.document == doc
    assert not AuditEntry.objects.filter(action="refused_late").exists()


def test_another_users_key_gives_a_fresh_submission_and_reveals_nothing(client, world_ahead):
    world = world_ahead
    key = uuid.uuid4()
    owner = Client()
    owner.force_login(world.ms_delegate)
    post(owner, world, key, "SECRET-FIRST-TITLE")
    theirs = Document.objects.get()

    client.force_login(world.chair)  # another Member State's delegate who learnt the key
    response = post(client, world, key, "Views of the Russian Federation")

    mine = Document.objects.exclude(pk=theirs.pk).get()
    assert (mine.symbol, mine.submitted_by, mine.title) == (
        "WG-WSIS-14/2",
        world.chair,
        "Views of the Russian Federation",
    )
    assert response.url == reverse("contributions:document_detail", args=[mine.pk])
    told = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "already received" not in told and theirs.symbol not in told
    page = client.get(response.url).content.decode()
    assert "SECRET-FIRST-TITLE" not in page


def test_a_malformed_key_is_dropped_and_the_submission_goes_ahead(client, world_ahead):
    client.force_login(world_ahead.ms_delegate)
    post(client, world_ahead, "not-a-key")
    post(client, world_ahead, "not-a-key")
    assert list(Document.objects.values_list("symbol", "submission_key")) == [
        ("WG-WSIS-14/1", None),
        ("WG-WSIS-14/2", None),
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite serialises all writers, so two submissions can never really meet.",
)
def test_a_double_submit_at_once_with_one_key_makes_one_document(transactional_db, settings):
    from tests.test_concurrency import at_once, winners_and_losers

    world = World()
    submit(world, world.ms_delegate, world.wg, "Before")  # the counter row exists: both race on it
    key = uuid.uuid4()

    def attempt():
        return submit(world, world.ms_delegate, world.wg, "Double-clicked", submission_key=key)

    ok, refused = winners_and_losers(at_once(attempt, attempt))

    assert len(ok) == 1 and [type(e) for e in refused] == [services.AlreadySubmitted]
    assert refused[0].document == ok[0] and ok[0].symbol == "WG-WSIS-14/2"
    assert Document.objects.filter(submission_key=key).count() == 1
    assert SymbolCounter.objects.get().last_number == 2
    assert sorted(p.name for p in stored_files(settings)) == sorted(
        f.file.name.rsplit("/", 1)[1] for f in DocumentFile.objects.all()
    )
