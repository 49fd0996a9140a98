"""Login throttling (django-axes): five wrong passwords for one username from one address lock that
pair out, with a page that says why and for how long; others are not affected."""

import pytest
from django.urls import reverse

from tests.factories import make_user

PASSWORD = "correct horse battery staple"


@pytest.fixture
def member(world):
    user = make_user(world.member_state, "delegate")
    user.set_password(PASSWORD)
    user.save()
    return user


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("failures, locked", [(4, False), (5, True)])
def test_login_locks_out_at_the_fifth_failure(client, member, failures, locked):
    for n in range(1, failures + 1):
        response = attempt(client, "delegate", "wrong")
        assert response.status_code == (429 if n == 5 else 200)  # the form again, with its error
    response = attempt(client, "delegate", PASSWORD)  # even the right password is refused while locked
    if locked:
        assert response.status_code == 429
        text = response.content.decode()
        assert "Too many failed log-in attempts" in text
        assert "After 5 wrong passwords, logging in as this user from your address is blocked for 15 minutes." in text
        assert "_auth_user_id" not in client.session
    else:
        assert response.status_code == 302 and client.session["_auth_user_id"] == str(member.pk)


def test_lockout_is_per_username_and_address(client, member, world):
    for _ in range(5):
        attempt(client, "delegate", "wrong")
    assert attempt(client, "delegate", PASSWORD).status_code == 429
    assert attempt(client, "delegate", PASSWORD, ip="10.0.0.2").status_code == 302  # another address
    client.logout()
    other = make_user(world.member_state, "colleague")
    other.set_password(PASSWORD)
    other.save()
    assert attempt(client, "colleague", PASSWORD).status_code == 302  # another user, same address


def test_a_successful_login_resets_the_count(client, member):
    for _ in range(4):
        attempt(client, "delegate", "wrong")
    assert attempt(client, "delegate", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "delegate", "wrong")
    assert attempt(client, "delegate", PASSWORD).status_code == 302
