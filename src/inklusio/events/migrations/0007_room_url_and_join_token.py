"""One room address per event and per programme item (``room_url``), replacing ``video_link`` and
``stream_link`` with their values kept; a personal join token per registration."""

import secrets

from django.db import migrations, models

import inklusio.events.models


def copy_links_to_room_url(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    ProgrammeItem = apps.get_model("events", "ProgrammeItem")
    Event.objects.exclude(video_link="").update(room_url=models.F("video_link"))
    ProgrammeItem.objects.exclude(stream_link="").update(room_url=models.F("stream_link"))


def copy_room_url_back(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    ProgrammeItem = apps.get_model("events", "ProgrammeItem")
    Event.objects.exclude(room_url="").update(video_link=models.F("room_url"))
    ProgrammeItem.objects.exclude(room_url="").update(stream_link=models.F("room_url"))


def give_join_tokens(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    rows = list(Registration.objects.filter(join_token__isnull=True).only("pk"))
    for row in rows:
        row.join_token = secrets.token_urlsafe(24)
    Registration.objects.bulk_update(rows, ["join_token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_support_bookings"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="room_url",
            field=models.URLField(
                blank=True,
                max_length=500,
                help_text="BigBlueButton, Jitsi Meet, Zoom, Teams, Webex… Never shown or mailed: confirmed "
                "registrants get a personal join link that leads here.",
                verbose_name="room address (video conference)",
            ),
        ),
        migrations.AddField(
            model_name="programmeitem",
            name="room_url",
            field=models.URLField(
                blank=True,
                max_length=500,
                help_text="Only if this item has its own room; empty: the event's room. Never shown or mailed.",
                verbose_name="own room address (video conference)",
            ),
        ),
        migrations.RunPython(copy_links_to_room_url, copy_room_url_back),
        migrations.RemoveField(model_name="event", name="video_link"),
        migrations.RemoveField(model_name="programmeitem", name="stream_link"),
        migrations.AddField(
            model_name="registration",
            name="join_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_join_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="join_token",
            field=models.CharField(
                default=inklusio.events.models.new_token, editable=False, max_length=64, unique=True
            ),
        ),
    ]
