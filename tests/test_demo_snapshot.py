"""A copied demo (tests/demo_snapshot.py) is the loaded demo: every row of every table and every
stored file; the database goes on numbering after it; and the copy is offered only to a database
that holds what the recorded load started from."""

import shutil

import pytest
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


def test_a_database_renumbered_by_a_flush_gets_the_copy_under_the_recorded_ids(transactional_db, monkeypatch):
    """A flush writes the migrations' content types, permissions and Secretariat group again, under
    new ids on PostgreSQL: the copy then writes them back under the ids the recorded load saw."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from meetings.models import User

    def flush(renumber=False):
        call_command("flush", interactive=False, verbosity=0)  # writes content types, permissions again
        if renumber:  # under new ids on SQLite too
            ContentType.objects.all().delete()
            for app_config in apps.get_app_configs():
                create_contenttypes(app_config, verbosity=0)
                create_permissions(app_config, verbosity=0)
        importlib.import_module("meetings.migrations.0011_secretariat_views_document_titles").grant(apps, None)

    flush()  # the start of a transactional test after another (a fresh database holds more)
    demo_snapshot.load_demo()
    recorded = demo_snapshot._last
    flush(renumber=True)
    assert not recorded.fits()
    monkeypatch.setattr(demo_snapshot, "record_load", lambda: pytest.fail("loaded for real"))

    demo_snapshot.load_demo()

    expected = {model: dict(rows) for model, rows in recorded.before.items()}
    for model, pks in recorded.removed.items():
        for pk in pks:
            del expected[model][pk]
    for kind in (recorded.changed, recorded.added):
        for model, rows in kind.items():
            pk_index = demo_snapshot._columns(model).index(model._meta.pk.attname)
            expected[model].update({row[pk_index]: row for row in rows})
    assert demo_snapshot.database_state() == expected
    secretariat = User.objects.get(username="secretariat")
    assert secretariat.groups.filter(name="Secretariat").exists()
    assert ContentType.objects.get_for_model(User).model_class() is User
