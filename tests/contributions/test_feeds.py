"""Atom feeds: valid for feedparser (RFC 4287), the signed-in meeting feed and the private ones
whose URL carries a user's token; each answers what that user may see, a reset token at once
answers like one that never existed."""

import pytest
from django.urls import reverse

from meetings import services as meeting_services
from tests.contributions.conftest import submit
from tests.feed_checks import assert_valid_atom
from tests.refusals import normalised


def test_meeting_feed_is_valid_atom_with_updated_and_author(client, world):
    submit(world, world.ms_delegate, world.wg, "WG contribution")
    submit(world, world.ms_delegate, world.dg, "DG contribution")
    client.force_login(world.ms_delegate)
    feed = assert_valid_atom(client.get(reverse("contributions:feed", args=[world.meeting.pk])).content)
    assert feed.feed.author_detail.name == "WSIS Portal"
    assert sorted(e.title for e in feed.entries) == ["WG-WSIS-14/1: WG contribution", "WG-WSIS-14/2: DG contribution"]
    assert all(e.updated_parsed[:3] == (2009, 2, 1) for e in feed.entries)


def test_private_feed_answers_only_what_the_token_user_may_see(client, world):
    submit(world, world.ms_delegate, world.wg, "Open to the working group")
    submit(world, world.ms_delegate, world.dg, "Dedicated Group only")
    sm_token = meeting_services.reset_feed_token(user=world.sm_delegate)
    ms_token = meeting_services.reset_feed_token(user=world.ms_delegate)
    # No session: the token alone stands for its user.
    sm_feed = assert_valid_atom(client.get(reverse("contributions:private_feed", args=[sm_token])).content)
    ms_feed = assert_valid_atom(client.get(reverse("contributions:private_feed", args=[ms_token])).content)
    assert [e.title for e in sm_feed.entries] == ["WG-WSIS-14/1: Open to the working group"]
    assert sorted(e.title for e in ms_feed.entries) == [
        "WG-WSIS-14/1: Open to the working group",
        "WG-WSIS-14/2: Dedicated Group only",
    ]
    meeting_url = reverse("contributions:private_meeting_feed", args=[sm_token, world.meeting.pk])
    assert [e.title for e in assert_valid_atom(client.get(meeting_url).content).entries] == [
        "WG-WSIS-14/1: Open to the working group"
    ]


def test_reset_token_stops_working_at_once(client, world):
    submit(world, world.ms_delegate, world.wg, "Open to the working group")
    old = meeting_services.reset_feed_token(user=world.ms_delegate)
    assert client.get(reverse("contributions:private_feed", args=[old])).status_code == 200
    new = meeting_services.reset_feed_token(user=world.ms_delegate)
    gone = client.get(reverse("contributions:private_feed", args=[old]))
    never = client.get(reverse("contributions:private_feed", args=["x" * 43]))
    assert gone.status_code == never.status_code == 404
    assert normalised(gone, old) == normalised(never, "x" * 43)
    assert b"Open to the working group" in client.get(reverse("contributions:private_feed", args=[new])).content


def test_token_is_stored_only_as_its_digest(world):
    from meetings.models import FeedToken
    from wsisportal.feed_tokens import digest

    token = meeting_services.reset_feed_token(user=world.ms_delegate)
    row = FeedToken.objects.get(user=world.ms_delegate)
    assert row.digest == digest(token) and token not in row.digest and len(token) >= 43


@pytest.mark.parametrize("persona", ["sm_delegate", "ms_delegate"])
def test_private_meeting_feed_of_an_unseen_meeting_answers_like_a_missing_one(client, world, persona):
    from tests.factories import make_meeting

    dg_meeting = make_meeting(world.dg, number=1)
    token = meeting_services.reset_feed_token(user=world.personas[persona])
    hidden = client.get(reverse("contributions:private_meeting_feed", args=[token, dg_meeting.pk]))
    missing = client.get(reverse("contributions:private_meeting_feed", args=[token, 999999]))
    if persona == "sm_delegate":
        assert hidden.status_code == missing.status_code == 404
    else:
        assert_valid_atom(hidden.content)


def test_inactive_users_token_answers_404(client, world):
    token = meeting_services.reset_feed_token(user=world.ms_delegate)
    world.ms_delegate.is_active = False
    world.ms_delegate.save(update_fields=["is_active"])
    assert client.get(reverse("contributions:private_feed", args=[token])).status_code == 404
