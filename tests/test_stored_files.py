"""A block that stores files and fails leaves none of them behind (wsisportal/stored_files.py)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from reports.models import ReportRevision
from tests.reports.factories import approve, make_block, make_report, make_section
from wsisportal import stored_files


class Boom(Exception):
    pass


def test_files_stored_in_a_failed_block_are_deleted_and_older_ones_kept(db):
    older = default_storage.save("test/older.pdf", ContentFile(b"%PDF older"))
    with pytest.raises(Boom), stored_files.removing_files_on_failure():
        first = stored_files.save("test/first.pdf", ContentFile(b"%PDF 1"))
        second = stored_files.save("test/second.pdf", ContentFile(b"%PDF 2"))
        assert default_storage.exists(first) and default_storage.exists(second)
        raise Boom
    assert not default_storage.exists(first) and not default_storage.exists(second)
    assert default_storage.exists(older)


def test_files_stored_in_a_committed_block_are_kept(db):
    with stored_files.removing_files_on_failure():
        name = stored_files.save("test/kept.pdf", ContentFile(b"%PDF kept"))
    assert default_storage.open(name).read() == b"%PDF kept"


def test_files_of_a_committed_inner_block_are_deleted_when_the_outer_block_fails(db):
    with pytest.raises(Boom), stored_files.removing_files_on_failure():
        with stored_files.removing_files_on_failure():
            inner = stored_files.save("test/inner.pdf", ContentFile(b"%PDF inner"))
        raise Boom
    assert not default_storage.exists(inner)


def test_a_failed_inner_block_deletes_only_its_own_files(db):
    with stored_files.removing_files_on_failure():
        outer = stored_files.save("test/outer.pdf", ContentFile(b"%PDF outer"))
        with pytest.raises(Boom), stored_files.removing_files_on_failure():
            inner = stored_files.save("test/inner.pdf", ContentFile(b"%PDF inner"))
            raise Boom
        assert not default_storage.exists(inner)
    assert default_storage.exists(outer)


def test_files_of_a_block_marked_for_rollback_are_deleted(db):
    with stored_files.removing_files_on_failure():
        name = stored_files.save("test/rolled-back.pdf", ContentFile(b"%PDF"))
        transaction.set_rollback(True)
    assert not default_storage.exists(name)


def test_a_file_stored_outside_any_block_is_not_tracked(db):
    name = stored_files.save("test/untracked.pdf", ContentFile(b"%PDF"))
    with pytest.raises(Boom), stored_files.removing_files_on_failure():
        raise Boom
    assert default_storage.exists(name)


def test_report_pdf_stored_at_approval_is_deleted_when_the_transaction_fails(world):
    report = make_report(world.meeting, title="Approved, then rolled back")
    make_block(report, make_section(report, "Opening"), body="<p>The meeting opened.</p>")
    with pytest.raises(Boom), stored_files.removing_files_on_failure():
        name = approve(report, world.chair).pdf.name
        assert default_storage.exists(name)
        raise Boom
    assert not default_storage.exists(name)
    assert not ReportRevision.objects.exists()
