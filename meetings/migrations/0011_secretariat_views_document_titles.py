"""The "Secretariat" permission group may view documents' translated titles in the admin (they are
set on the document's edit page), as the policy's ADMIN_RIGHTS now states."""

import importlib

from django.db import migrations

rights_0005 = importlib.import_module("meetings.migrations.0005_secretariat_admin_rights")
previous = importlib.import_module("meetings.migrations.0009_secretariat_views_feed_tokens")

RIGHTS = {**previous.RIGHTS, "contributions.documenttitle": rights_0005.READ_ONLY}


def grant(apps, schema_editor):
    rights_0005.grant_rights(apps, RIGHTS)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0010_user_language_translated_labels"),
        ("contributions", "0005_document_titles_translated_labels"),
    ]

    operations = [migrations.RunPython(grant, previous.grant)]
