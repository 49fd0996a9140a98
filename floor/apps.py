from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FloorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "floor"
    label = "floor"
    verbose_name = _("The meeting in session")
