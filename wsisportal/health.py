"""The health check a load balancer or monitor polls: no database, no session, no template."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@login_not_required
@never_cache
def healthz(request):
    """Answers "ok" while the process serves requests. It does no DB work on purpose: the
    benchmark also uses it as the bare Django view that main pages are compared with."""
    return HttpResponse("ok", content_type="text/plain")
