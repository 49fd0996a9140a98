"""The "Secretariat" permission group and its rights in the admin, as the access policy states them
(wsisportal/access.py, ADMIN_RIGHTS): the official record is read only, reference data is kept.

The rights are written out here, as they were when this migration was made (a migration must not
change with later code); tests/test_admin.py checks that they still equal the policy's table. A
later change of the table comes with a migration of its own.
"""

from django.db import migrations

READ_ONLY = ("view",)
FULL = ("view", "add", "change", "delete")

RIGHTS = {
    "reports.reportrevision": READ_ONLY,
    "contributions.symbolcounter": READ_ONLY,
    "contributions.auditentry": READ_ONLY,
    "contributions.lateadmission": READ_ONLY,
    "contributions.documentfile": READ_ONLY,
    "meetings.timeplanadoption": READ_ONLY,
    "meetings.contentgeneration": READ_ONLY,
    "reports.report": READ_ONLY,
    "reports.block": READ_ONLY,
    "reports.blockcomment": READ_ONLY,
    "contributions.document": READ_ONLY,
    "meetings.agenda": READ_ONLY,
    "meetings.agendaitem": READ_ONLY,
    "roadmap.roadmapdraft": READ_ONLY,
    "roadmap.roadmaprow": READ_ONLY,
    "roadmap.milestone": READ_ONLY,
    "roadmap.resourceestimate": READ_ONLY,
    "roadmap.rowcomment": READ_ONLY,
    "roadmap.actionlinerole": READ_ONLY,
    "meetings.organisation": FULL,
    "meetings.user": FULL,
    "meetings.resolution": FULL,
    "meetings.group": FULL,
    "meetings.appointment": FULL,
    "meetings.meeting": FULL,
    "meetings.session": FULL,
    "meetings.participant": FULL,
    "meetings.externalevent": FULL,
    "meetings.workinglistissue": FULL,
    "contributions.deadlinerule": FULL,
    "contributions.callfordocuments": FULL,
    "contributions.subscription": FULL,
    "roadmap.actionline": FULL,
    "roadmap.subline": FULL,
    "roadmap.strategicgoal": FULL,
    "roadmap.partner": FULL,
    "roadmap.roadmap": FULL,
}


def grant(apps, schema_editor):
    grant_rights(apps, RIGHTS)


def grant_rights(apps, rights):
    """Give the Secretariat group exactly `rights` ({"app.model": actions}); later migrations that
    change the table call this with theirs."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after the whole migrate run; this one needs them now (a
    # historical app has no models module, which create_permissions takes for "no models").
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="Secretariat")
    wanted = []
    for label, actions in rights.items():
        app_label, model = label.split(".")
        for action in actions:
            wanted.append(
                Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
            )
    staff.permissions.set(wanted)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Secretariat").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0004_content_generation"),
        ("contributions", "0003_document_stored_search_vector_postgresql"),
        ("roadmap", "0001_action_lines_drafts_rows_comments"),
        ("reports", "0001_reports_revisions_blocks"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
