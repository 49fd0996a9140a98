from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"

    def ready(self):
        from django.db.backends.signals import connection_created

        from wsisportal import generation

        connection_created.connect(generation.watch_connection, dispatch_uid="content-generation")
