"""How API callers authenticate (a personal token, or the browser session for the docs page),
what they may do (read, nothing else), and how often (per token, per user, per address).

Kept out of the views module: DRF imports authentication classes while `rest_framework.views`
is still loading, and a class defined in a views module would import it circularly."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from . import tokens
from .models import ApiToken


class TokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer wsis_…`. A revoked, expired or unknown token is refused (401); it
    never falls back to anonymous access, so a script notices that its token stopped working."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer ”, with no spaces in it."))
        try:
            secret = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = tokens.find_active_token(secret)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        tokens.record_use(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The signed-in browser (the API docs page); CSRF is checked by DRF for unsafe methods,
    which the API refuses anyway."""


class ReadOnly(permissions.BasePermission):
    """The API only reads: any other method is refused whoever asks, token or session."""

    def has_permission(self, request, view):
        if request.method not in permissions.SAFE_METHODS:
            raise exceptions.MethodNotAllowed(request.method)
        return True


class _ConfiguredRateThrottle(throttling.SimpleRateThrottle):
    """Rates come from settings.API_THROTTLE_RATES at request time (None: not throttled)."""

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)


class TokenRateThrottle(_ConfiguredRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return None


class SessionRateThrottle(_ConfiguredRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated and not isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
        return None


class AnonymousRateThrottle(_ConfiguredRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("A personal API token, created on your profile page (read-only, expires).")),
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": str(_("The portal's sign-in session (the API docs page in your browser).")),
        }
