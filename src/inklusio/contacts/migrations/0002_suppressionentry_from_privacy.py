# The suppression list moved from the privacy app to contacts (the layer below privacy). State only: the table
# privacy_suppressionentry and its rows stay where they are (the model keeps the table name).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("privacy", "0003_merge_0002_retention_0002_suppression"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SuppressionEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "digest",
                            models.CharField(
                                editable=False, max_length=64, unique=True, verbose_name="keyed hash of the address"
                            ),
                        ),
                        ("reason", models.CharField(max_length=60, verbose_name="reason")),
                        ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                    ],
                    options={
                        "verbose_name": "suppression entry",
                        "verbose_name_plural": "suppression entries",
                        "ordering": ["-created", "-id"],
                        "default_permissions": ("view",),
                        "db_table": "privacy_suppressionentry",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
