"""The browsable API documentation: Swagger UI from our own static files (drf-spectacular-sidecar),
started by a static script, so the page keeps the site's strict Content-Security-Policy."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def docs(request):
    return render(request, "api/docs.html")
