"""Private feed and calendar URLs: a secret token in the URL stands for its user, because feed
readers and calendar apps cannot sign in (as Datatracker and Indico do it).

The token is 32 random bytes (urlsafe base64); only its SHA-256 is stored, and a URL is answered
by looking its digest up, so nothing secret is compared character by character. What a URL
answers is what its user may see through the access policy, no more."""

import hashlib
import secrets

from django.http import Http404

TOKEN_BYTES = 32


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    """A fresh token and its digest."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, digest(token)


def user_for_token_or_404(token):
    """The active user whose current token this is; 404 for any other string (an unknown, reset
    or malformed token, or a deactivated user all answer alike)."""
    from meetings.models import FeedToken

    if not token or len(token) > 100:
        raise Http404
    found = FeedToken.objects.select_related("user__organisation").filter(digest=digest(token)).first()
    if found is None or not found.user.is_active:
        raise Http404
    return found.user
