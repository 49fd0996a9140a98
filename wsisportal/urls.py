from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from .forms import LoginForm
from .health import healthz, readyz
from .languages import set_language

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/login/", login_not_required(auth_views.LoginView.as_view(form_class=LoginForm)), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("roadmap/", include("roadmap.urls")),
    path("documents/", include("contributions.urls")),
    path("reports/", include("reports.urls")),
    path("api/", include("api.urls")),
    path("", include("meetings.urls")),
]

handler500 = "wsisportal.errors.server_error"
