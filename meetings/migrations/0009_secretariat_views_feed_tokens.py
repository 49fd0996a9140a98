"""The "Secretariat" permission group may view private feed tokens in the admin (who has private
URLs, since when), as the policy's ADMIN_RIGHTS now states; nobody changes them there."""

import importlib

from django.db import migrations

rights_0005 = importlib.import_module("meetings.migrations.0005_secretariat_admin_rights")
previous = importlib.import_module("meetings.migrations.0006_drop_content_generation")

RIGHTS = {**previous.RIGHTS, "meetings.feedtoken": rights_0005.READ_ONLY}


def grant(apps, schema_editor):
    rights_0005.grant_rights(apps, RIGHTS)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_reported_attendance_demo_note")]

    operations = [migrations.RunPython(grant, previous.grant)]
