"""Personal API tokens on the profile page: create (the secret is shown once), revoke.
Plain Django views under the session: a token cannot manage tokens."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import tokens
from ..forms import TokenForm
from ..models import ApiToken


@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["name"]))
        return redirect("meetings:profile")
    token, secret = tokens.create_token(user=request.user, name=form.cleaned_data["name"])
    return render(request, "api/token_created.html", {"token": token, "secret": secret})


@require_POST
def token_revoke(request, pk):
    # Only the caller's own tokens exist here: another user's token answers like a missing one.
    token = get_object_or_404(ApiToken.objects.filter(user=request.user), pk=pk)
    tokens.revoke_token(token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("meetings:profile")


def profile_tokens(user):
    """What the profile page's token section shows: the user's tokens, newest first, and the form."""
    return {
        "api_tokens": list(ApiToken.objects.filter(user=user)),
        "token_form": TokenForm(),
        "now": timezone.now(),
        "days": settings.API_TOKEN_DAYS,
        "docs_url": reverse("api-docs"),
    }
