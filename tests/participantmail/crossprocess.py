"""Code the crash test and the benchmark run in separate processes: an event with N confirmed participants, a
message to them, and its state. The process helpers are the Infoletter's (``tests/mailings/crossprocess.py``)."""

SETUP_PARTICIPANTS = """
from datetime import timedelta
from django.utils import timezone
from inklusio.contacts.models import Person
from inklusio.core.models import Project
from inklusio.events.models import Event, Registration
now = timezone.now()
project = Project.objects.create(title="Kongress", slug="kongress", funder="-",
                                 start=timezone.localdate(), end=timezone.localdate() + timedelta(days=400))
event = Event.objects.create(project=project, title="Online-Kongress Inklusive Ausbildung", slug="kongress",
                             kind=Event.Kind.ONLINE_CONGRESS, starts_at=now + timedelta(days=7),
                             ends_at=now + timedelta(days=7, hours=6), accessibility_info="Gebärdensprache, Untertitel")
Person.objects.bulk_create(
    [Person(first_name=f"Teilnehmer*in{{i}}", last_name="Kongress", email=f"p{{i:05d}}@example.org")
     for i in range({n})], batch_size=1000)
people = Person.objects.filter(last_name="Kongress").order_by("pk")
Registration.objects.bulk_create(
    [Registration(event=event, person=p, status="confirmed", privacy_notice_version="1", token=f"reg{{p.pk:06d}}x")
     for p in people], batch_size=1000)
print(event.pk)
"""

START_MESSAGE = """
from inklusio.events.models import Event
from inklusio.participantmail.models import Message
from inklusio.participantmail import services
event = Event.objects.get(slug="kongress")
body = "Hallo {{Vorname}},\\n\\nmorgen beginnt **{{Veranstaltung}}** ({{Datum}}).\\n\\n" \\
       "Ihr Zugang: {{Zugangslink}}\\n\\nBarrierefreiheit: {{Barrierefreiheit}}\\n"
m = Message.objects.create(event=event, groups=["confirmed"], subject={subject!r}, body=body)
print(m.pk, services.start_sending(m))
"""

MESSAGE_STATE = """
import json
from django.db.models import Count
from inklusio.participantmail.models import Message, MessageDelivery
m = Message.objects.get(pk={pk})
counts = dict(MessageDelivery.objects.filter(message=m).values_list("status").annotate(n=Count("id")).order_by())
uncertain = list(MessageDelivery.objects.filter(message=m, uncertain=True).values_list("email", flat=True))
print(json.dumps({{"status": m.status, "counts": counts, "uncertain": uncertain,
                  "started": m.started_at.isoformat() if m.started_at else None,
                  "finished": m.finished_at.isoformat() if m.finished_at else None}}))
"""
