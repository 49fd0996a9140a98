"""The reader's language: profile first (signed in), then the language cookie, then Accept-Language.

Django's LocaleMiddleware reads the cookie and Accept-Language before the user is known; the
middleware here, placed after authentication, lets a signed-in user's profile choice win. The
header's switcher posts to `set_language` below, which is Django's view (it sets the cookie and
redirects back to the same, unprefixed URL) and also remembers the choice in the profile.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.utils import translation
from django.views import i18n
from django.views.decorators.http import require_POST


class ProfileLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        preferred = profile_language(request.user)
        if preferred and preferred != request.LANGUAGE_CODE:
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
        return self.get_response(request)


def profile_language(user):
    """The user's chosen language if it is one the portal offers, else ""."""
    code = getattr(user, "language", "") if user.is_authenticated else ""
    return code if code in dict(settings.LANGUAGES) else ""


def language_for(user):
    """The language to write to `user` in (e-mails): their profile's, else the portal default."""
    return profile_language(user) or settings.LANGUAGE_CODE


@login_not_required
@require_POST
def set_language(request):
    """Django's set_language (cookie + redirect to `next`), remembered in a signed-in user's profile."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "")
    if request.user.is_authenticated and code in dict(settings.LANGUAGES) and request.user.language != code:
        request.user.language = code
        request.user.save(update_fields=["language"])
    return response
