from django.db import migrations


class Migration(migrations.Migration):
    """Starting point of the privacy app; its models come in the following migrations."""

    initial = True
    dependencies = []
    operations = []
