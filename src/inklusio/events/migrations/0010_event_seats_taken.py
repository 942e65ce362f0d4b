"""The seat counter: ``Event.seats_taken`` holds the confirmed registrations, filled here for existing events."""

from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def fill_seats_taken(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Registration = apps.get_model("events", "Registration")
    confirmed = (
        Registration.objects.filter(event=OuterRef("pk"), status="confirmed")
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Event.objects.update(seats_taken=Coalesce(Subquery(confirmed), 0))


class Migration(migrations.Migration):
    # After 0011 (which landed on main first): one line of events migrations, no merge migration needed.
    dependencies = [("events", "0011_event_region")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="seats_taken",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill_seats_taken, migrations.RunPython.noop),
    ]
