"""The global content generation is gone (fragments are keyed by what they show: see
wsisportal/fragments.py): its table goes, and the Secretariat group's rights no longer name it."""

import importlib

from django.db import migrations

previous = importlib.import_module("meetings.migrations.0005_secretariat_admin_rights")

RIGHTS = {label: actions for label, actions in previous.RIGHTS.items() if label != "meetings.contentgeneration"}


def grant(apps, schema_editor):
    previous.grant_rights(apps, RIGHTS)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_secretariat_admin_rights")]

    operations = [
        migrations.RunPython(grant, previous.grant),
        migrations.DeleteModel(name="ContentGeneration"),
    ]
