"""Answers memoised for one request (wsisportal/request_memo.py) and the user loaded with their
organisation (wsisportal/auth.py): fewer queries, never an answer carried into the next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Group
from tests.factories import make_group
from wsisportal import access
from wsisportal.request_memo import RequestMemoMiddleware, memoized


def test_memoised_within_a_request_only():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memoized("k", compute) == 1 and memoized("k", compute) == 2, "outside a request: no memo"

    def view(request):
        return [memoized("k", compute), memoized("k", compute), memoized("other", compute)]

    middleware = RequestMemoMiddleware(view)
    assert middleware(None) == [3, 3, 4]
    assert middleware(None) == [5, 5, 6], "the next request computes afresh"


def test_a_group_created_between_two_requests_is_seen_by_the_second(world, client):
    client.force_login(world.secretariat)
    assert "LATE-GROUP" not in client.get(reverse("meetings:home")).content.decode()
    make_group("LATE-GROUP", name="Group created later")
    assert "Group created later" in client.get(reverse("meetings:home")).content.decode()
    # outside a request the policy reads the database every time
    assert Group.objects.get(code="LATE-GROUP").pk in access.visible_group_ids(world.secretariat)


def test_the_signed_in_user_comes_with_their_organisation_in_one_query(world, client):
    client.force_login(world.ms_delegate)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("healthz"))
        user = response.wsgi_request.user
        assert user.organisation.short_name == "KSA"
    assert len(queries) == 2, [q["sql"][:80] for q in queries]  # the session, the user with the organisation
    assert "meetings_organisation" in queries[1]["sql"]
