"""The "Secretariat" permission group may view private feed tokens in the admin (who has private
URLs, since when), as the policy's ADMIN_RIGHTS now states; nobody changes them there."""

from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("meetings")
    original = getattr(app_config, "models_module", None)
    app_config.models_module = original or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff, _ = Group.objects.get_or_create(name="Secretariat")
    staff.permissions.add(Permission.objects.get(content_type__app_label="meetings", codename="view_feedtoken"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="meetings", codename="view_feedtoken").first()
    for staff in Group.objects.filter(name="Secretariat"):
        if permission:
            staff.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_meeting_reported_attendance_appointment_demo_note"),
        ("meetings", "0005_secretariat_admin_rights"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
