"""Files in an S3-compatible store (moto_server here; AWS, MinIO or Ceph in production): uploads
land in the bucket with their checksum, downloads are handed over as presigned URLs only after the
access check, approved PDFs are still served only while their checksum holds, and a backup taken
from one bucket restores into another."""

import hashlib
import io
import urllib.request

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from contributions.models import DocumentFile
from ops.backup import write_backup
from ops.restore import restore_backup
from tests.contributions.conftest import submit
from tests.factories import World
from tests.reports.factories import make_block, make_report, make_revision, make_section
from tests.services.conftest import S3_ENDPOINT, make_bucket, object_names, storage_url
from wsisportal import environment

pytestmark = pytest.mark.services


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers


def _sha256_in(client, bucket, key):
    return hashlib.sha256(client.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest()


@pytest.mark.parametrize(
    ("url", "bucket", "expected"),
    [
        ("", "", {"BACKEND": environment.LOCAL_DISK}),
        ("file://", "ignored", {"BACKEND": environment.LOCAL_DISK}),
        (
            "s3://docs/portal?endpoint_url=http://s3:9000&addressing_style=path",
            "",
            ("docs", "portal", "http://s3:9000"),
        ),
        ("", "from-aws-variables", ("from-aws-variables", "", "https://aws.example")),
    ],
)
def test_storage_is_chosen_by_the_environment(url, bucket, expected):
    config = environment.storage_config(
        url=url, bucket=bucket, endpoint_url="https://aws.example", region_name="", signed_url_seconds=60
    )
    if isinstance(expected, dict):
        assert config == expected
        return
    options = config["OPTIONS"]
    assert config["BACKEND"] == environment.S3
    assert (options["bucket_name"], options["location"], options["endpoint_url"]) == expected
    assert options["default_acl"] is None and options["querystring_auth"] and options["querystring_expire"] == 60


@pytest.mark.parametrize("url", ["s3://", "ftp://host/x", "s3://bucket?colour=blue"])
def test_a_malformed_storage_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        environment.storage_config(url=url, bucket="", endpoint_url="", region_name="", signed_url_seconds=60)


def test_an_upload_lands_in_the_bucket_with_its_checksum(world, object_storage):
    bucket, s3 = object_storage
    doc = submit(world, world.ms_delegate, world.wg, title="Stored-In-The-Bucket")
    docfile = DocumentFile.objects.get(document=doc)
    assert object_names(s3, bucket, "documents/") == [docfile.file.name]
    assert _sha256_in(s3, bucket, docfile.file.name) == docfile.sha256


def test_a_download_is_a_presigned_url_given_only_after_the_access_check(world, object_storage):
    doc = submit(world, world.ms_delegate, world.dg, title="Dedicated-Group paper")
    docfile = DocumentFile.objects.get(document=doc)
    url = reverse("contributions:download", args=[doc.pk, "E"])
    outsider = _client(world.sm_delegate).get(url)
    assert outsider.status_code == 404 and not outsider.has_header("Location")
    member = _client(world.ms_delegate).get(url)
    location = member["Location"]
    assert location.startswith(f"{S3_ENDPOINT}/") and "X-Amz-Expires=300" in location
    assert member["Cache-Control"] == "private, no-store"
    content, headers = _fetch(location)
    assert hashlib.sha256(content).hexdigest() == docfile.sha256
    assert headers["Content-Type"] == "application/pdf"
    assert "attachment" in headers["Content-Disposition"] and ".pdf" in headers["Content-Disposition"]


def test_a_presigned_url_lives_signed_url_seconds(world, object_storage, settings):
    """The store enforces the expiry it signs (moto_server does not check it; AWS, MinIO and Ceph
    refuse an expired URL with 403), so the portal's part is to sign the configured lifetime."""
    settings.STORAGES["default"]["OPTIONS"]["querystring_expire"] = 7
    settings.STORAGES = dict(settings.STORAGES)  # tells Django the storage changed
    doc = submit(world, world.ms_delegate, world.wg, title="Expiring")
    location = _client(world.ms_delegate).get(reverse("contributions:download", args=[doc.pk, "E"]))["Location"]
    assert "X-Amz-Expires=7&" in location and "X-Amz-Signature=" in location


def test_an_approved_pdf_comes_from_the_bucket_only_while_its_checksum_holds(world, object_storage):
    bucket, s3 = object_storage
    report = make_report(world.meeting, title="Report in the bucket")
    make_block(report, make_section(report), body="<p>Paragraph</p>")
    revision = make_revision(report, world.secretariat)
    client = _client(world.ms_delegate)
    ticket = client.get(reverse("reports:revision_pdf", args=[report.pk, revision.number]))["Location"]
    served = client.get(ticket)
    assert hashlib.sha256(served.content).hexdigest() == revision.sha256
    s3.put_object(Bucket=bucket, Key=revision.pdf.name, Body=b"%PDF-1.7 altered in the bucket")
    refused = client.get(ticket)
    assert refused.status_code == 302 and "download=refused" in refused["Location"]


def test_a_backup_of_one_bucket_restores_into_another(transactional_db, object_storage, settings, tmp_path):
    bucket, s3 = object_storage
    world = World()
    docs = [submit(world, world.ms_delegate, world.wg, title=f"Paper {i}") for i in range(3)]
    files_before = {f.file.name: f.sha256 for f in DocumentFile.objects.filter(document__in=docs)}
    path, manifest = write_backup(directory=tmp_path / "backups")
    call_command("flush", interactive=False, verbosity=0)
    new_bucket, _ = make_bucket(S3_ENDPOINT)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": environment.storage_config(
            url=storage_url(new_bucket, S3_ENDPOINT), bucket="", endpoint_url="", region_name="", signed_url_seconds=300
        ),
    }
    summary = restore_backup(path=path)
    assert summary["problems"] == []
    assert object_names(s3, new_bucket) == object_names(s3, bucket) == sorted(files_before)
    assert {name: _sha256_in(s3, new_bucket, name) for name in files_before} == files_before
    assert (
        io.BytesIO(s3.get_object(Bucket=new_bucket, Key=docs[0].files.get().file.name)["Body"].read()).read(4)
        == b"%PDF"
    )
