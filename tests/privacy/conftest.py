"""One person with a record of every kind inklusio keeps about people, each marked so the export can be searched."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")
NAME = ("Erika", "Müller-Lüdenscheid")
EMAIL = "erika.mueller@example.org"


@pytest.fixture
def person_everywhere(project, make_user):
    from django.contrib.auth.models import User

    from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType, Tag
    from inklusio.core import audit
    from inklusio.events.models import (
        Answer,
        Attendance,
        Contribution,
        Event,
        FeedbackReceipt,
        ProgrammeItem,
        Question,
        Registration,
        SupportNeed,
    )
    from inklusio.mailings.models import ConsentText, Delivery, Mailing, Subscriber
    from inklusio.networks import models as networks
    from inklusio.public.models import CompanyContact, FormSubmission, TrainingOffer
    from inklusio.worldcafe.models import CafeParticipant, WorldCafe

    start = datetime(2025, 5, 6, 9, tzinfo=BERLIN)
    company = Organisation.objects.create(
        name="Brückenwerk gGmbH", stakeholder_type=StakeholderType.objects.get(code="inclusion_company")
    )
    person = Person.objects.create(
        first_name=NAME[0],
        last_name=NAME[1],
        email=EMAIL,
        phone="+49 561 000-MARK-phone",
        city="Kassel",
        region="DE-HE",
        notes="MARK-person-notes",
        stakeholder_type=StakeholderType.objects.get(code="apprentice"),
    )
    person.tags.add(Tag.objects.create(name="MARK-tag"))
    Affiliation.objects.create(person=person, organisation=company, role="MARK-affiliation-role")
    Inquiry.objects.create(
        project=project,
        received_on=date(2025, 3, 1),
        channel="email",
        topic="MARK-inquiry-topic",
        message=f"Hallo, hier schreibt {NAME[0]} {NAME[1]}.",
        person=person,
    )

    event = Event.objects.create(
        project=project,
        title="Fachtag 2025",
        slug="fachtag-2025",
        starts_at=start,
        ends_at=start + timedelta(hours=8),
        visibility="public",
    )
    question = Question.objects.create(event=event, text="Essenswunsch?")
    registration = Registration.objects.create(
        event=event,
        person=person,
        status="confirmed",
        privacy_notice_version="MARK-notice-v3",
        organisation_name="MARK-registration-org",
    )
    Answer.objects.create(registration=registration, question=question, value="MARK-answer")
    SupportNeed.objects.create(
        registration=registration,
        kind="sign_language",
        detail="MARK-support-detail",
        consent_at=start - timedelta(days=9),
    )
    Attendance.objects.create(registration=registration, day=start.date())
    item = ProgrammeItem.objects.create(event=event, starts_at=start, title="MARK-programme-item")
    Contribution.objects.create(item=item, person=person, role="speaker", perspective="apprentice_with_disability")
    FeedbackReceipt.objects.create(registration=registration)

    consent = ConsentText.objects.create(version="MARK-consent-v7", text="MARK-consent-text", privacy_notice="p")
    # Linked by address only, not to the Person row.
    subscriber = Subscriber.objects.create(
        email=EMAIL.upper(),
        name=f"{NAME[0]} {NAME[1]}",
        source="MARK-subscriber-source",
        status="confirmed",
        signed_up_at=start - timedelta(days=60),
        confirmed_at=start - timedelta(days=59),
        consent_text=consent,
    )
    mailing = Mailing.objects.create(subject="MARK-mailing-subject", body="Text", status="sent", finished_at=start)
    Delivery.objects.create(
        mailing=mailing,
        subscriber=subscriber,
        status="sent",
        sent_at=start,
        last_error=f"452 mailbox of {EMAIL} full, retried",
    )

    network = networks.Network.objects.create(name="MARK-network", founded_on=date(2023, 1, 1))
    networks.Membership.objects.create(network=network, person=person, organisation=company, joined_on=date(2023, 2, 1))
    meeting = networks.Meeting.objects.create(
        network=network,
        title="MARK-meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        venue="Kassel",
        minutes=f"{NAME[0]} {NAME[1]} berichtet aus dem Betrieb.",
    )
    networks.Invitation.objects.create(meeting=meeting, person=person, reply="yes")
    networks.Attendance.objects.create(meeting=meeting, person=person, attended=True)

    cafe = WorldCafe.objects.create(project=project, title="MARK-cafe")
    CafeParticipant.objects.create(cafe=cafe, person=person, name=f"{NAME[0]} {NAME[1]}", organisation="MARK-cafe-org")

    TrainingOffer.objects.create(
        organisation=company,
        occupation_other="MARK-offer-occupation",
        region="DE-HE",
        city="Kassel",
        start_date=date(2026, 8, 1),
        contact_name=f"{NAME[0]} {NAME[1]}",
        contact_email=EMAIL,
    )
    FormSubmission.objects.create(email=EMAIL, form="MARK-form")
    login_user = User.objects.create_user("erika-company", email=EMAIL, first_name=NAME[0], last_name=NAME[1])
    CompanyContact.objects.create(user=login_user, organisation=company)
    audit.record(make_user("project_staff"), "contacts.merge", person, merged=f"{NAME[0]} {NAME[1]} (#99)")
    return person


# The retention tests' records (one of every retention category), shared with their test modules.
from .retention_records import past_event, records  # noqa: E402, F401
