"""The content generation and the fragment cache (wsisportal/generation.py, wsisportal/fragments.py).

The rules first, as a table: which SQL statements count as content writes. Then, in tests that
commit (transactional_db), when the generation moves and when the cache may be used. Then pages:
a change is seen on the next request, and a fragment filled by a member of the Dedicated Group is
never served to someone outside it.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from meetings.models import ContentGeneration, Meeting
from tests.factories import World, make_meeting, make_session
from wsisportal import fragments, generation


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "meetings_meeting" ("group_id") VALUES (%s)', "meetings_meeting"),
        ('UPDATE "roadmap_roadmaprow" SET "revision" = 2', "roadmap_roadmaprow"),
        ('DELETE FROM "reports_block" WHERE "id" = 1', "reports_block"),
        ('  insert into "contributions_document" VALUES (1)', "contributions_document"),
        ("UPDATE meetings_group SET code = 'X'", "meetings_group"),  # unquoted (raw SQL)
        ('SELECT "meetings_meeting"."id" FROM "meetings_meeting"', None),
        ('SELECT 1 FROM "meetings_meeting" WHERE "note" = \'UPDATE "x"\'', None),
        ('UPDATE "django_session" SET "session_data" = %s', None),  # signing in, session saves
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', None),  # login throttling
        ('INSERT INTO "django_admin_log" ("action_flag") VALUES (1)', None),
        ('UPDATE "meetings_contentgeneration" SET "value" = 2', None),  # the counter itself
        ('INSERT INTO "django_migrations" ("app") VALUES (%s)', None),
    ],
)
def test_which_statements_are_content_writes(sql, table):
    assert generation.is_content_write(sql) == table


def _value():
    return ContentGeneration.objects.get(pk=1).value


@pytest.fixture
def committed_world(transactional_db):
    cache.clear()
    world = World()
    generation.current()  # the counter row exists from here on
    return world


def test_a_committed_write_counts_once_per_transaction(committed_world):
    start = _value()
    make_meeting(committed_world.wg, number=90)  # autocommit: counted at once
    assert _value() == start + 1
    with transaction.atomic():
        make_meeting(committed_world.wg, number=91)
        make_meeting(committed_world.wg, number=92)
        Meeting.objects.filter(number__in=[91, 92]).update(venue="Tunis")  # queryset updates count too
        assert _value() == start + 1, "nothing is counted before the commit"
    assert _value() == start + 2


def test_a_rolled_back_transaction_and_a_read_do_not_count(committed_world):
    start = _value()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_meeting(committed_world.wg, number=93)
        raise RuntimeError("refused")
    list(Meeting.objects.all())
    assert _value() == start
    assert not Meeting.objects.filter(number=93).exists()


def test_a_write_kept_after_a_savepoint_rollback_still_counts(committed_world):
    start = _value()
    with transaction.atomic():
        make_meeting(committed_world.wg, number=94)
        try:
            with transaction.atomic():
                make_meeting(committed_world.wg, number=95)
                raise RuntimeError
        except RuntimeError:
            pass
    assert _value() == start + 1


def test_the_cache_is_not_used_while_the_transaction_has_uncommitted_writes(committed_world):
    calls = []

    def render():
        calls.append(1)
        return f"render {len(calls)}"

    assert fragments.cached("t", (), render) == "render 1"
    assert fragments.cached("t", (), render) == "render 1", "the second request is served from the cache"
    with transaction.atomic():
        assert generation.cache_usable()
        make_meeting(committed_world.wg, number=96)
        assert not generation.cache_usable()
        assert fragments.cached("t", (), render) == "render 2", "uncommitted data is rendered afresh, not cached"
        assert fragments.cached("t", (), render) == "render 3"
    assert generation.cache_usable()
    assert fragments.cached("t", (), render) == "render 4", "the commit moved the generation"
    assert fragments.cached("t", (), render) == "render 4"


def test_key_language_and_time_zone_separate_fragments(committed_world):
    def render():
        return f"{translation.get_language()}"

    assert fragments.cached("t", ("a",), render) == "en"
    with translation.override("fr"):
        assert fragments.cached("t", ("a",), render) == "fr"
    assert fragments.cached("t", ("b",), lambda: "other key") == "other key"
    assert fragments.cached("t", ("a",), render) == "en"


def test_a_new_counter_row_starts_a_new_epoch(committed_world):
    before = generation.current()
    fragments.cached("t", (), lambda: "old database")
    ContentGeneration.objects.all().delete()  # a flushed or replaced database
    after = generation.current()
    assert after != before and after.endswith(":0")
    assert fragments.cached("t", (), lambda: "new database") == "new database"


def test_a_counter_row_created_by_a_reader_meanwhile_is_counted_on(committed_world):
    ContentGeneration.objects.all().delete()
    generation.bump()  # no row: the writer creates it, under a new epoch
    epoch, value = ContentGeneration.objects.values_list("epoch", "value").get()
    assert generation._create("default") is None, "a second creation gives way to the first"
    generation.bump()
    assert ContentGeneration.objects.values_list("epoch", "value").get() == (epoch, value + 1)


# ---------------------------------------------------------------- pages


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_home_shows_a_new_meeting_on_the_next_request(committed_world):
    ms = _client(committed_world.ms_delegate)
    future = datetime.date.today() + datetime.timedelta(days=30)
    assert "Tunis" not in ms.get(reverse("meetings:home")).content.decode()
    make_meeting(committed_world.wg, number=97, start=future, venue="Tunis")
    assert "Tunis" in ms.get(reverse("meetings:home")).content.decode()


def test_a_fragment_a_member_filled_never_reaches_an_outsider(committed_world):
    """Home and the group calendar: the Member State delegate sees the Dedicated Group's meeting and
    session (and fills the cache with them) first; the Sector Member and anonymous come after."""
    world = committed_world
    future = datetime.date.today() + datetime.timedelta(days=40)
    dg_meeting = make_meeting(world.dg, number=98, start=future, venue="Secret-Venue-DG")
    make_session(world.meeting, group=world.dg, title="Secret-Session-DG")
    ms, sm, anonymous = _client(world.ms_delegate), _client(world.sm_delegate), Client()
    urls = [reverse("meetings:home"), reverse("meetings:group_ical", args=["WG-WSIS"])]
    for url in urls:
        body = ms.get(url).content.decode()
        assert "Secret-Venue-DG" in body or "Secret-Session-DG" in body, url
    for client in (sm, anonymous):
        for url in urls:
            response = client.get(url)
            body = response.content.decode()
            assert "Secret-Venue-DG" not in body and "Secret-Session-DG" not in body, url
    assert Meeting.objects.filter(pk=dg_meeting.pk).exists()


def test_the_register_filled_by_a_member_shows_an_outsider_only_their_documents(committed_world, settings, tmp_path):
    from contributions.models import Document
    from tests.contributions.conftest import submit

    world = committed_world
    settings.MEDIA_ROOT = tmp_path / "media"
    submit(world, world.ms_delegate, world.dg, title="Dedicated-Group-Only paper")
    submit(world, world.ms_delegate, world.wg, title="Working-Group paper")
    assert Document.objects.count() == 2
    url = reverse("contributions:register", args=[world.meeting.pk])
    member = _client(world.ms_delegate).get(url).content.decode()
    assert "Dedicated-Group-Only paper" in member and "Working-Group paper" in member
    outsider = _client(world.sm_delegate).get(url).content.decode()
    assert "Working-Group paper" in outsider
    assert "Dedicated-Group-Only paper" not in outsider


def test_the_roadmap_matrix_shows_an_edit_on_the_next_request_and_keeps_tokens_out(committed_world):
    from roadmap import services
    from tests.roadmap.conftest import RoadmapWorld

    rw = RoadmapWorld(committed_world)
    url = reverse("roadmap:draft", args=[rw.draft.pk])
    secretariat = _client(committed_world.secretariat)
    first = secretariat.get(url).content.decode()
    assert "Global Cybersecurity Agenda" in first
    services.update_row_cell(
        row=rw.row_a1,
        cell="outcome",
        data={"code": "A1", "outcome": "Cybersecurity Gateway", "source": "", "revision": rw.row_a1.revision},
        expected_revision=rw.row_a1.revision,
    )
    second = secretariat.get(url).content.decode()
    assert "Cybersecurity Gateway" in second and "Global Cybersecurity Agenda" not in second
    # The rows are cached for every editor: the page's one form carries this session's token.
    remove_form = second[second.index('id="roadmap-row-remove"') :].split("</form>")[0]
    assert 'name="csrfmiddlewaretoken"' in remove_form
    assert second.count('form="roadmap-row-remove"') == 2
    chair = _client(committed_world.chair).get(url).content.decode()
    assert 'form="roadmap-row-remove"' not in chair, "the chair reads the matrix without the editing controls"


def test_connection_watcher_is_installed_once(committed_world):
    wrappers = [w for w in connection.execute_wrappers if w is generation.watch_writes]
    generation.watch_connection(sender=None, connection=connection)
    assert [w for w in connection.execute_wrappers if w is generation.watch_writes] == wrappers
    assert len(wrappers) == 1
