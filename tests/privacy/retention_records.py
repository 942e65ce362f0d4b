"""Records of every retention category, each referring to the moment ``T`` (fixtures re-exported by conftest)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from inklusio.contacts.models import ContactImport, Inquiry, Person
from inklusio.events import services as event_services
from inklusio.events.models import Event, Question
from inklusio.events.services import RegistrationData
from inklusio.mailings.models import Delivery, Mailing
from inklusio.mailings.services import confirm, request_subscription, unsubscribe
from inklusio.networks.models import MeetingDocument, Network
from inklusio.outreach.models import Channel, OutreachImport

# A fixed moment in the past that each rule's records refer to; local noon keeps days whole across DST.
DAY30 = timedelta(days=30)
T = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=400), time(12, 0)))


def set_mtime(path, when):
    import os

    os.utime(path, (when.timestamp(), when.timestamp()))


@pytest.fixture
def past_event(project):
    def make(ends_at, slug="vergangen"):
        return Event.objects.create(
            project=project,
            title="Vergangener Fachtag",
            slug=slug,
            starts_at=ends_at - timedelta(hours=6),
            ends_at=ends_at,
            capacity=None,
            visibility=Event.Visibility.PUBLIC,
        )

    return make


@pytest.fixture
def records(project, past_event, settings):
    """One record of every retention category, each referring to ``T``; returns what the checks need."""
    from inklusio.contacts.importing import import_dir
    from inklusio.networks import conf as network_conf
    from inklusio.outreach.services import import_dir as outreach_dir

    made = {}
    # unconfirmed sign-up
    made["subscriber"] = request_subscription(email="unbestaetigt@example.org", source="test", now=T)
    # event with a registration carrying answers, organisation and a support need
    event = past_event(T)
    question = Question.objects.create(event=event, text="Essenswunsch")
    registration, _ = event_services.register(
        event.pk,
        RegistrationData(
            email="gast@example.org",
            first_name="Gerda",
            last_name="Gast",
            organisation_name="Geheimwerk GmbH",
            answers={question.pk: "vegan, Nussallergie"},
            support_needs={"sign_language": "DGS bitte"},
            support_consent=True,
        ),
        now=T - timedelta(days=3),
    )
    made["registration"] = registration
    made["event"] = event
    # a mailing finished at T with a delivery log
    mailing = Mailing.objects.create(subject="Infoletter 1", body="Hallo", status=Mailing.Status.SENT, finished_at=T)
    subscriber = request_subscription(email="leserin@example.org", source="test", now=T - timedelta(days=30))
    confirm(subscriber)
    made["delivery"] = Delivery.objects.create(
        mailing=mailing,
        subscriber=subscriber,
        status=Delivery.Status.BOUNCED,
        worker="host-1",
        sent_at=T,
        last_error="550 leserin@example.org unknown",
    )
    # a former subscriber who unsubscribed at T
    former = request_subscription(email="ehemalig@example.org", name="Ella Ehemalig", source="test", now=T - DAY30)
    confirm(former)
    unsubscribe(former, now=T)
    made["former_subscriber"] = former
    # an answered inquiry received on T's day
    person = Person.objects.create(first_name="Ina", last_name="Anfrage", email="ina@example.org")
    made["inquiry"] = Inquiry.objects.create(
        project=project,
        received_on=timezone.localdate(T),
        channel=Inquiry.Channel.EMAIL,
        topic="Frage von Ina Anfrage",
        message="Meine Telefonnummer ist 0171 1234567",
        person=person,
        outcome=Inquiry.Outcome.ANSWERED,
        outcome_note="Ina zurückgerufen",
    )
    # a contact import started at T and never finished
    contact_import = ContactImport.objects.create(filename="kontakte.csv", stored_as="abc123")
    ContactImport.objects.filter(pk=contact_import.pk).update(created=T)
    path = import_dir() / "abc123"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Vorname;Nachname\nAnna;Muster\n")
    made["contact_import"] = (contact_import, path)
    # a subscriber list uploaded at T, read by the worker (its table next to it) and never imported
    from inklusio.mailings import importing as subscriber_importing
    from inklusio.mailings.models import SubscriberImport

    subscriber_import = SubscriberImport.objects.create(filename="liste.csv", stored_as="sub789", tool="CSV")
    SubscriberImport.objects.filter(pk=subscriber_import.pk).update(created=T)
    subscriber_paths = [
        subscriber_importing.upload_path(subscriber_import),
        subscriber_importing.table_path(subscriber_import),
    ]
    subscriber_paths[0].parent.mkdir(parents=True, exist_ok=True)
    for subscriber_path in subscriber_paths:
        subscriber_path.write_text("x")
        set_mtime(subscriber_path, T)
    made["subscriber_import"] = (subscriber_import, subscriber_paths)
    # a booking export uploaded at T and never imported
    from inklusio.finance.bookings_import import upload_path as booking_upload_path
    from inklusio.finance.models import BookingImport

    booking_import = BookingImport.objects.create(project=project, filename="buchungen.csv", stored_as="fin123")
    BookingImport.objects.filter(pk=booking_import.pk).update(created=T)
    booking_path = booking_upload_path(booking_import)
    booking_path.parent.mkdir(parents=True, exist_ok=True)
    booking_path.write_text("Datum;Betrag;Konto;Text\n")
    made["booking_import"] = (booking_import, booking_path)
    # an outreach export started at T, and a stray file from T next to it
    channel = Channel.objects.create(platform=Channel.Platform.INSTAGRAM, handle="@test")
    outreach_import = OutreachImport.objects.create(channel=channel, filename="export.csv", stored_as="def456")
    OutreachImport.objects.filter(pk=outreach_import.pk).update(created=T)
    outreach_path = outreach_dir() / "def456"
    outreach_path.parent.mkdir(parents=True, exist_ok=True)
    outreach_path.write_text("x")
    stray = outreach_dir() / "stray.csv"
    stray.write_text("y")
    set_mtime(stray, T)
    made["outreach_import"] = (outreach_import, outreach_path, stray)
    # an attendance report uploaded at T and never confirmed: the names wait in its review
    from inklusio.events.models import AttendanceImport

    report_event = Event.objects.create(
        project=project, title="Online-Kongress", slug="bericht-kongress", starts_at=T - DAY30, ends_at=T - DAY30
    )
    report = AttendanceImport.objects.create(
        event=report_event, day=(T - DAY30).date(), filename="zoom.csv", review={"participants": [{"name": "Gerda"}]}
    )
    AttendanceImport.objects.filter(pk=report.pk).update(created=T)
    made["attendance_report"] = report
    # a network meeting at T with a document
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inklusio.networks import services as network_services
    from inklusio.networks.models import Meeting

    network = Network.objects.create(name="Netzwerk Süd", founded_on=timezone.localdate(T) - timedelta(days=100))
    meeting = Meeting.objects.create(
        network=network, title="Treffen", starts_at=T, ends_at=T + timedelta(hours=2), venue="Rathaus"
    )
    document = network_services.store_document(
        meeting, SimpleUploadedFile("protokoll.pdf", b"%PDF-1.4\n%%EOF\n"), "Protokoll"
    )
    made["document"] = (document, network_conf.upload_dir() / document.stored_as)
    assert MeetingDocument.objects.count() == 1
    # a World Café last changed at T, with a seat linked to a contact and one from an uploaded list
    from inklusio.worldcafe.models import CafeParticipant, WorldCafe

    cafe = WorldCafe.objects.create(project=project, title="Café Zukunft")
    guest = Person.objects.create(first_name="Wanda", last_name="Welt", email="wanda@example.org")
    CafeParticipant.objects.create(cafe=cafe, person=guest, name="Wanda Welt", organisation="Weltladen")
    CafeParticipant.objects.create(cafe=cafe, name="Karl Liste", stakeholder_type="chamber")
    WorldCafe.objects.filter(pk=cafe.pk).update(updated=T)
    made["cafe"] = cafe

    from inklusio.surveys.models import Response, Survey

    survey = Survey.objects.create(project=project, title_de="Nachbefragung", title_en="Follow-up", anonymous=False)
    named = Response.objects.create(survey=survey, person=guest, submitted_on=T.date())
    Response.objects.create(survey=survey, submitted_on=T.date() - timedelta(days=5))  # anonymous: nothing to do
    made["named_response"] = named
    # personal links: one sent at T, one made at T and never sent (no address), one sent later that stays
    from inklusio.surveys.models import Invitation

    sent = Invitation.objects.create(survey=survey, person=guest, created=T - timedelta(days=10), sent_at=T)
    never_sent = Person.objects.create(first_name="Olaf", last_name="Ohnemail")
    Invitation.objects.create(survey=survey, person=never_sent, created=T)
    later = Person.objects.create(first_name="Lena", last_name="Später", email="lena@example.org")
    made["later_invitation"] = Invitation.objects.create(
        survey=survey, person=later, created=T, sent_at=T + timedelta(days=5), answered=True
    )
    made["sent_invitation"] = sent
    return made
