"""Personal API tokens: hashed at rest, expiring, revocable, throttled, read-only, managed on the
profile page by their owner only."""

import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from api import tokens
from api.models import ApiToken
from contributions.models import Document
from tests.api.conftest import token_client


def bearer(secret):
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_only_the_hash_of_the_secret_is_stored(world):
    token, secret = tokens.create_token(user=world.ms_delegate, name="records")
    stored = ApiToken.objects.values().get(pk=token.pk)
    assert stored["key_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(stored) and stored["prefix"] == secret[:11]
    assert stored["expires_at"] - stored["created_at"] == datetime.timedelta(days=90)


def test_a_token_reads_as_its_user(world):
    _token, secret = tokens.create_token(user=world.ms_delegate, name="records")
    me = Client().get("/api/v1/me/", **bearer(secret)).json()
    assert me["username"] == "ms" and me["organisation"] == "KSA" and me["token_expires_at"].endswith("Z")


def test_an_expired_token_is_refused(world):
    created = timezone.now() - datetime.timedelta(days=91)
    _token, secret = tokens.create_token(user=world.ms_delegate, name="old", now=created)
    response = Client().get("/api/v1/me/", **bearer(secret))
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_refused_and_kept_with_its_time(world):
    token, secret = tokens.create_token(user=world.ms_delegate, name="records")
    assert Client().get("/api/v1/me/", **bearer(secret)).json()["authenticated"] is True
    tokens.revoke_token(token=token)
    assert Client().get("/api/v1/me/", **bearer(secret)).status_code == 401
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_an_unknown_or_malformed_token_is_refused_not_read_as_anonymous(world):
    for header in ("Bearer wsis_nothing", "Bearer", "Bearer a b"):
        response = Client().get("/api/v1/me/", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert set(response.json()) == {"status", "code", "detail"}


def test_the_last_use_is_recorded(world):
    token, secret = tokens.create_token(user=world.ms_delegate, name="records")
    assert token.last_used_at is None
    Client().get("/api/v1/groups/", **bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at is not None and timezone.now() - token.last_used_at < datetime.timedelta(minutes=1)


def test_a_token_is_throttled_on_its_own(world, settings):
    settings.API_THROTTLE_RATES = {"token": "3/min", "user": None, "anon": None}
    cache.clear()
    _t, first = tokens.create_token(user=world.ms_delegate, name="one")
    _t, second = tokens.create_token(user=world.ms_delegate, name="two")
    answers = [Client().get("/api/v1/groups/", **bearer(first)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = Client().get("/api/v1/groups/", **bearer(first))
    assert refused.json()["code"] == "throttled" and int(refused["Retry-After"]) > 0
    assert Client().get("/api/v1/groups/", **bearer(second)).status_code == 200  # per token
    cache.clear()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_token_never_grants_writes(api_world, method):
    client = token_client(api_world.secretariat)
    before = list(Document.objects.values())
    url = f"/api/v1/documents/{api_world.wg_doc.pk}/"
    response = getattr(client, method)(url, {"title": "changed"}, content_type="application/json")
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"
    assert list(Document.objects.values()) == before


def test_a_token_does_not_sign_in_to_the_pages(api_world):
    client = token_client(api_world.secretariat)
    before = list(Document.objects.values())
    response = client.post(f"/documents/{api_world.wg_doc.pk}/withdraw/", {"reason": "by a script"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert list(Document.objects.values()) == before
    assert client.post("/api/tokens/", {"name": "more"}).status_code == 302
    assert ApiToken.objects.filter(name="more").count() == 0


def test_the_profile_creates_shows_once_and_revokes_a_token(world, client):
    client.force_login(world.ms_delegate)
    created = client.post("/api/tokens/", {"name": "Ministry records"})
    secret = created.context["secret"]
    assert secret.startswith("wsis_") and secret in created.content.decode()
    token = ApiToken.objects.get(user=world.ms_delegate)
    profile = client.get("/profile/").content.decode()
    assert "Ministry records" in profile and token.prefix in profile and secret not in profile
    assert "never" in profile  # last use
    client.post(f"/api/tokens/{token.pk}/revoke/")
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert "revoked" in client.get("/profile/").content.decode()


def test_no_one_revokes_another_users_token(world, client):
    token, _secret = tokens.create_token(user=world.ms_delegate, name="records")
    client.force_login(world.sm_delegate)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_token_without_a_name_is_not_created(world, client):
    client.force_login(world.ms_delegate)
    client.post("/api/tokens/", {"name": ""}, follow=True)
    assert not ApiToken.objects.exists()
