"""The floor in the back office: the "Secretariat" permission group may view sittings, requests
for the floor, the session record, its corrections and what was drafted from it, as the policy's
ADMIN_RIGHTS now states; nothing of them is changed in the admin."""

import importlib

from django.db import migrations

rights_0005 = importlib.import_module("meetings.migrations.0005_secretariat_admin_rights")
previous = importlib.import_module("meetings.migrations.0011_secretariat_views_document_titles")

FLOOR = ["floor.sitting", "floor.speakerrequest", "floor.recordentry", "floor.recordcorrection", "floor.draftlink"]
RIGHTS = {**previous.RIGHTS, **dict.fromkeys(FLOOR, rights_0005.READ_ONLY)}


def grant(apps, schema_editor):
    rights_0005.grant_rights(apps, RIGHTS)


class Migration(migrations.Migration):
    dependencies = [
        ("floor", "0002_section_entries_drafted_text"),
        ("meetings", "0011_secretariat_views_document_titles"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="draftlink",
            options={
                "verbose_name": "block drafted from the floor",
                "verbose_name_plural": "blocks drafted from the floor",
            },
        ),
        migrations.RunPython(grant, previous.grant),
    ]
