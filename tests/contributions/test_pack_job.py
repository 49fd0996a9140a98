"""The meeting pack is built once per set of documents in the background (jobs/): readers who may
see the same documents share one build; a reader who may see more gets a pack of their own; a new
or withdrawn document, or a replaced file, makes a new pack; a pack larger than the spool limit is
written through a temporary file, and its stored checksum is that of its bytes."""

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from contributions import exports, services
from jobs.models import Job, JobStatus
from meetings.models import User
from tests.contributions.conftest import BEFORE, pdf_upload, submit

PACK = "contributions:meeting_pack"


def pack(client, user, meeting, query=""):
    client.force_login(user)
    response = client.get(reverse(PACK, args=[meeting.pk]) + query)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def members(archive):
    return [info.filename for info in archive.infolist()[1:]]  # after the contents cover


def test_readers_who_see_the_same_documents_share_one_build(client, world):
    submit(world, world.ms_delegate, world.wg, "Open contribution")
    submit(world, world.ms_delegate, world.dg, "Dedicated Group contribution")
    assert members(pack(client, world.sm_delegate, world.meeting)) == ["WG-WSIS-14-1-E.pdf"]
    colleague = User.objects.create_user("sm-colleague", organisation=world.sm_delegate.organisation)
    assert members(pack(client, colleague, world.meeting)) == ["WG-WSIS-14-1-E.pdf"]
    assert Job.objects.filter(kind="meeting-pack").count() == 1  # two Sector Members share it
    wider = members(pack(client, world.ms_delegate, world.meeting))
    assert len(wider) == 2 and wider[0] == "WG-WSIS-14-1-E.pdf"
    assert Job.objects.filter(kind="meeting-pack").count() == 2  # the Member State's pack holds more
    job = Job.objects.filter(kind="meeting-pack").latest("pk")
    content = job.file.read()
    assert job.status == JobStatus.DONE and hashlib.sha256(content).hexdigest() == job.sha256


def test_a_new_withdrawn_or_replaced_document_makes_a_new_pack(client, world):
    doc = submit(world, world.ms_delegate, world.wg, "First")
    keys = []

    def key():
        pack(client, world.ms_delegate, world.meeting)
        keys.append(Job.objects.latest("pk").key)
        return keys[-1]

    key()
    assert key() == keys[0]  # asked again: the same build
    second = submit(world, world.ms_delegate, world.wg, "Second")
    assert key() != keys[0]
    upload = pdf_upload(text="Second, corrected")
    services.replace_file(document=second, language="E", upload=upload, name=upload.name,
                          content_type="application/pdf", by=world.ms_delegate, now=BEFORE)  # fmt: skip
    assert key() not in keys[:-1]
    services.withdraw_document(document=doc, by=world.ms_delegate, reason="Sent twice", now=BEFORE)
    assert key() not in keys[:-1]
    assert members(pack(client, world.ms_delegate, world.meeting)) == ["WG-WSIS-14-2-E.pdf"]


def test_a_language_version_and_the_cover_language_are_packs_of_their_own(world):
    submit(world, world.ms_delegate, world.wg, "One")
    rows = exports.pack_contents(world.meeting, list(world.meeting.documents.all()))
    keys = {
        exports.pack_job_key(world.meeting, rows, language=language, ui_language=ui)
        for language in ("", "F")
        for ui in ("en", "fr")
    }
    assert len(keys) == 4


def test_the_progress_page_shows_until_a_worker_has_built_the_pack(client, world, monkeypatch):
    submit(world, world.ms_delegate, world.wg, "Waiting")
    monkeypatch.setattr("jobs.services._enqueue", lambda job_pk: None)  # as if no worker had started it yet
    client.force_login(world.ms_delegate)
    response = client.get(reverse(PACK, args=[world.meeting.pk]))
    assert response.status_code == 202 and "Waiting for a worker" in response.content.decode()
    assert Job.objects.get(kind="meeting-pack").status == JobStatus.QUEUED


@pytest.mark.parametrize("spool_bytes", [8 * 1024 * 1024, 1024])
def test_a_large_pack_goes_through_a_temporary_file_unchanged(client, world, monkeypatch, spool_bytes):
    monkeypatch.setattr(exports, "SPOOL_BYTES", spool_bytes)  # 1 KiB: every pack spills to disk
    doc = submit(world, world.ms_delegate, world.wg, "Spilled")
    archive = pack(client, world.ms_delegate, world.meeting)
    assert archive.testzip() is None
    assert archive.read("WG-WSIS-14-1-E.pdf") == doc.files.get().file.open("rb").read()
