"""Creating, finding, using and revoking personal API tokens.

A token is `wsis_` followed by 40 random URL-safe characters (240 bits). Only the SHA-256 of
the whole token is stored: a plain hash is enough for a random secret of this length (as GitHub
does), and it lets the token be found with one indexed lookup.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone

from .models import ApiToken

TOKEN_PREFIX = "wsis_"
SHOWN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
# Writing `last_used_at` on every request would be a write per API call: it is recorded at this
# resolution.
LAST_USE_RESOLUTION = datetime.timedelta(minutes=10)


def hash_secret(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def default_lifetime():
    return datetime.timedelta(days=settings.API_TOKEN_DAYS)


def create_token(*, user, name, lifetime=None, now=None):
    """Create a token for `user`. Returns (ApiToken, secret); the secret is not stored anywhere.
    Side effects: one ApiToken row."""
    now = now or timezone.now()
    secret = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:SHOWN_PREFIX_LENGTH],
        key_hash=hash_secret(secret),
        created_at=now,
        expires_at=now + (lifetime or default_lifetime()),
    )
    return token, secret


def find_active_token(secret, *, now=None):
    """The unrevoked, unexpired token with this secret (its user with it), else None."""
    now = now or timezone.now()
    if not secret.startswith(TOKEN_PREFIX):
        return None
    return (
        ApiToken.objects.active(now).select_related("user__organisation").filter(key_hash=hash_secret(secret)).first()
    )


def record_use(token, *, now=None):
    """Record that the token was used, at most once per LAST_USE_RESOLUTION.
    Side effects: updates `last_used_at` of the row when the recorded use is older."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke_token(*, token, now=None):
    """Revoke the token (kept, with the time, so its owner sees what happened to it).
    Side effects: sets `revoked_at` of the row if not set yet."""
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=token.revoked_at)
    return token
