"""A copied demo (tests/demo_snapshot.py) is the loaded demo: every row of every table and every
stored file; the database goes on numbering after it; and the copy is offered only to a database
that holds what the recorded load started from."""

import shutil

from django.conf import settings
from django.db import transaction

from meetings.models import Group, Meeting
from tests import demo_snapshot


def test_a_copied_demo_is_the_loaded_demo(db):
    empty = demo_snapshot.database_state()
    saved = transaction.savepoint()
    snapshot = demo_snapshot.record_load()
    loaded, files = demo_snapshot.database_state(), demo_snapshot.media_state()
    transaction.savepoint_rollback(saved)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert demo_snapshot.database_state() == empty and snapshot.fits()
    assert sum(len(rows) for rows in snapshot.added.values()) > 500 and len(files) >= 10
    saved = transaction.savepoint()
    Group.objects.create(code="XX", name="Another group")
    assert not snapshot.fits(), "a database unlike the recorded one gets the demo loaded for real"
    transaction.savepoint_rollback(saved)

    snapshot.restore()

    assert demo_snapshot.database_state() == loaded
    assert demo_snapshot.media_state() == files
    newest = Meeting.objects.order_by("-pk").first()
    added = Meeting.objects.create(
        group=newest.group, number=99, start_date=newest.start_date, end_date=newest.end_date
    )
    assert added.pk > newest.pk
