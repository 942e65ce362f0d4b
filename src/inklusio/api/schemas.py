"""The API's documents; the OpenAPI schema is derived from these."""

from datetime import date, datetime

from django.utils.translation import gettext_noop  # marked for the docs page; the schema stays English
from ninja import Field, Schema


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None


class Paged(Schema):
    next_cursor: str | None = Field(
        None, description=gettext_noop("Pass as `cursor` for the next page; null on the last page.")
    )


# -- public ---------------------------------------------------------------------------------------------------


class PublicEvent(Schema):
    slug: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    venue: str
    region: str
    project: str = Field(..., description=gettext_noop("The project's short name."))
    description: str
    accessibility_info: str
    seats_left: int | None = Field(None, description=gettext_noop("null: no limit."))
    url: str = Field(..., description=gettext_noop("The event's page with the registration form."))

    @staticmethod
    def resolve_project(event):
        return event.project.slug

    @staticmethod
    def resolve_seats_left(event):
        return None if event.capacity is None else max(event.capacity - event.seats_taken, 0)

    @staticmethod
    def resolve_url(event, context):
        return context["request"].build_absolute_uri(event.get_public_url())


class PublicEventPage(Paged):
    items: list[PublicEvent]


class ProgrammeEntry(Schema):
    starts_at: datetime
    ends_at: datetime | None
    title: str
    format: str
    room: str
    description: str


class PublicOffer(Schema):
    id: int
    organisation: str
    occupation: str
    region: str
    city: str
    start_date: date
    form: str
    places: int
    description: str
    step_free: bool
    accessible_toilet: bool
    quiet_room: bool
    flexible_hours: bool
    accessibility_notes: str
    updated: datetime
    url: str

    @staticmethod
    def resolve_organisation(offer):
        return offer.organisation.name

    @staticmethod
    def resolve_occupation(offer):
        return offer.occupation_other or offer.get_occupation_display()

    @staticmethod
    def resolve_url(offer, context):
        return context["request"].build_absolute_uri(offer.get_absolute_url())


class PublicOfferPage(Paged):
    items: list[PublicOffer]


class PublicStory(Schema):
    id: int
    title: str
    organisation: str | None
    occupation: str
    region: str
    teaser: str
    body: str = Field(..., description=gettext_noop("Markdown."))
    published_on: date | None
    updated: datetime
    url: str

    @staticmethod
    def resolve_organisation(story):
        return story.organisation.name if story.organisation else None

    @staticmethod
    def resolve_url(story, context):
        return context["request"].build_absolute_uri(story.get_absolute_url())


class PublicStoryPage(Paged):
    items: list[PublicStory]


# -- staff ----------------------------------------------------------------------------------------------------


class Person(Schema):
    id: int
    salutation: str
    academic_title: str
    first_name: str
    last_name: str
    email: str
    phone: str
    region: str
    city: str
    stakeholder_type: str | None = Field(
        None, description=gettext_noop("The code of the person's own stakeholder type.")
    )
    organisation_ids: list[int]
    anonymised: bool
    created: datetime
    updated: datetime

    @staticmethod
    def resolve_stakeholder_type(person):
        return person.stakeholder_type.code if person.stakeholder_type_id else None

    @staticmethod
    def resolve_organisation_ids(person):
        return sorted(organisation.pk for organisation in person.organisations.all())


class PersonPage(Paged):
    items: list[Person]


class Organisation(Schema):
    id: int
    name: str
    stakeholder_type: str
    region: str
    street: str
    postcode: str
    city: str
    website: str
    email: str
    phone: str
    archived_at: datetime | None
    updated: datetime

    @staticmethod
    def resolve_stakeholder_type(organisation):
        return organisation.stakeholder_type.code


class OrganisationPage(Paged):
    items: list[Organisation]


class Inquiry(Schema):
    id: int
    project: str
    received_on: date
    channel: str
    kind: str
    topic: str
    message: str
    person_id: int | None
    organisation_id: int | None
    outcome: str
    follow_up_on: date | None
    archived_at: datetime | None
    updated: datetime

    @staticmethod
    def resolve_project(inquiry):
        return inquiry.project.slug


class InquiryPage(Paged):
    items: list[Inquiry]


class Event(Schema):
    id: int
    slug: str
    title: str
    kind: str
    project: str
    starts_at: datetime
    ends_at: datetime
    visibility: str
    cancelled: bool
    capacity: int | None
    seats_taken: int

    @staticmethod
    def resolve_project(event):
        return event.project.slug


class EventPage(Paged):
    items: list[Event]


class SupportNeed(Schema):
    kind: str
    detail: str


class Registration(Schema):
    id: int
    event_id: int
    person_id: int
    first_name: str
    last_name: str
    email: str
    status: str
    source: str
    organisation_name: str
    language: str
    created: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    updated: datetime
    support_needs: list[SupportNeed] | None = Field(
        None,
        description=gettext_noop(
            "Only with the scope support:read and the user's right to see support needs; else null."
        ),
    )

    @staticmethod
    def resolve_first_name(registration):
        return registration.person.first_name

    @staticmethod
    def resolve_last_name(registration):
        return registration.person.last_name

    @staticmethod
    def resolve_email(registration):
        return registration.person.email

    @staticmethod
    def resolve_support_needs(registration):
        needs = getattr(registration, "api_support_needs", None)
        if needs is None:
            return None
        return [{"kind": need.kind, "detail": need.detail} for need in needs]


class RegistrationPage(Paged):
    items: list[Registration]


class NewRegistration(Schema):
    person_id: int | None = Field(
        None, description=gettext_noop("An existing contact; or give email and names instead.")
    )
    email: str = ""
    first_name: str = ""
    last_name: str = ""


class Attendance(Schema):
    id: int
    registration_id: int
    person_id: int
    day: date
    checked_in_at: datetime
    via: str
    minutes: int | None

    @staticmethod
    def resolve_person_id(attendance):
        return attendance.registration.person_id


class AttendancePage(Paged):
    items: list[Attendance]


class Subscriber(Schema):
    id: int
    email: str
    name: str
    language: str
    status: str
    region: str
    topics: list[str]
    person_id: int | None
    signed_up_at: datetime
    confirmed_at: datetime | None
    unsubscribed_at: datetime | None
    updated: datetime

    @staticmethod
    def resolve_topics(subscriber):
        return sorted(topic.code for topic in subscriber.topics.all())


class SubscriberPage(Paged):
    items: list[Subscriber]


class Indicator(Schema):
    code: str
    label: str
    unit: str
    value: float | None
    baseline: float | None
    target: float | None
    manual: bool


class Indicators(Schema):
    project: str
    start: date
    end: date
    items: list[Indicator]
