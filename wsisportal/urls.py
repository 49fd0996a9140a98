from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from inbox.my_work import my_work

from .forms import LoginForm
from .health import healthz, readyz
from .languages import set_language
from .search import site_search

# The admin is the secretariat's back office (wsisportal/backoffice.py), and says so.
admin.site.site_header = _("WSIS Portal back office")
admin.site.site_title = _("WSIS Portal back office")
admin.site.index_title = _("WSIS Portal back office")

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
    path("inbox/", include("inbox.urls")),
    path("my-work/", my_work, name="my_work"),
    path("search/", site_search, name="search"),
    path("api/", include("api.urls")),
    path("floor/", include("floor.urls")),
    path("", include("meetings.urls")),
]

handler500 = "wsisportal.errors.server_error"
