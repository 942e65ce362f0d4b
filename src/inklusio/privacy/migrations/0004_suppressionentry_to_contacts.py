# The suppression list's model moved to contacts (contacts 0002, state only: the table and its rows stay).
# The data-subject rights permissions it carried stay in the privacy app, now on RetentionRun: the existing
# permission rows are moved to RetentionRun's content type (so groups and users keep them), and the model's
# content type is renamed to contacts (so its view permission follows the model).

from django.db import migrations


def _move_permissions(Permission, codenames, source, target):
    """Move the permissions to the target content type; where it already has one, merge into that one."""
    for permission in Permission.objects.filter(content_type=source, codename__in=codenames):
        existing = Permission.objects.filter(content_type=target, codename=permission.codename).first()
        if existing is None:
            permission.content_type = target
            permission.save(update_fields=["content_type"])
            continue
        existing.group_set.add(*permission.group_set.all())
        existing.user_set.add(*permission.user_set.all())
        permission.delete()


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label="privacy", model="suppressionentry").first()
    if old is None:  # a fresh database: post_migrate creates the right rows afterwards
        return
    run, _created = ContentType.objects.get_or_create(app_label="privacy", model="retentionrun")
    _move_permissions(Permission, ["export_personal_data", "erase_person"], old, run)
    new = ContentType.objects.filter(app_label="contacts", model="suppressionentry").first()
    if new is None:
        old.app_label = "contacts"
        old.save(update_fields=["app_label"])
    else:
        _move_permissions(Permission, ["view_suppressionentry"], old, new)
        old.delete()


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    moved = ContentType.objects.filter(app_label="contacts", model="suppressionentry").first()
    if moved is None:
        return
    if ContentType.objects.filter(app_label="privacy", model="suppressionentry").exists():
        return
    moved.app_label = "privacy"
    moved.save(update_fields=["app_label"])
    run = ContentType.objects.filter(app_label="privacy", model="retentionrun").first()
    if run is not None:
        _move_permissions(Permission, ["export_personal_data", "erase_person"], run, moved)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("contacts", "0002_suppressionentry_from_privacy"),
        ("privacy", "0003_merge_0002_retention_0002_suppression"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SuppressionEntry")],
            database_operations=[],
        ),
        migrations.AlterModelOptions(
            name="retentionrun",
            options={
                "ordering": ["-started_at", "-id"],
                "permissions": [
                    ("list_due_records", "Can see which records the retention schedule will delete"),
                    ("export_personal_data", "Can export everything held about a person (GDPR Art. 15)"),
                    ("erase_person", "Can erase a person (GDPR Art. 17)"),
                ],
                "verbose_name": "retention run",
                "verbose_name_plural": "retention runs",
            },
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
