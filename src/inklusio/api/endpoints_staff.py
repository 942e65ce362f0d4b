"""The staff part: every call needs a token with the area's scope, and sees only what its user sees."""

from datetime import date

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_noop  # marked for the docs page; the schema stays English
from ninja import Query, Router, Status

from inklusio.contacts import queries as contacts
from inklusio.contacts.services import PersonError, find_or_create_person
from inklusio.core.models import Project
from inklusio.events import queries as events
from inklusio.events import services as event_services
from inklusio.impact import services as impact
from inklusio.mailings import queries as mailings

from . import cursors, schemas
from .auth import TokenAuth, require
from .endpoints_public import Changes, Listing
from .problems import Problem

router = Router(tags=["staff"], auth=TokenAuth())


# -- contacts ---------------------------------------------------------------------------------------------------


@router.get(
    "/people", response=schemas.PersonPage, url_name="people", summary=gettext_noop("Contacts (scope contacts:read)")
)
def people(request, filters: Query[Changes]):
    require(request, "contacts:read")
    rows = contacts.people_for_user(request.user).select_related("stakeholder_type").prefetch_related("organisations")
    return cursors.answer(rows, filters)


@router.get("/people/{person_id}", response=schemas.Person, url_name="person", summary=gettext_noop("One contact"))
def person(request, person_id: int):
    require(request, "contacts:read")
    rows = contacts.people_for_user(request.user).select_related("stakeholder_type").prefetch_related("organisations")
    return get_object_or_404(rows, pk=person_id)


@router.get(
    "/organisations", response=schemas.OrganisationPage, url_name="organisations", summary=gettext_noop("Organisations")
)
def organisations(request, filters: Query[Changes]):
    require(request, "contacts:read")
    return cursors.answer(contacts.organisations_for_user(request.user).select_related("stakeholder_type"), filters)


@router.get("/inquiries", response=schemas.InquiryPage, url_name="inquiries", summary=gettext_noop("Inquiries"))
def inquiries(request, filters: Query[Changes]):
    require(request, "contacts:read")
    return cursors.answer(contacts.inquiries_for_user(request.user).select_related("project"), filters)


# -- events -----------------------------------------------------------------------------------------------------


@router.get(
    "/events", response=schemas.EventPage, url_name="events", summary=gettext_noop("Events (scope events:read)")
)
def event_list(request, filters: Query[Listing]):
    """Ordered by their start: events have no modification time to sync by."""
    require(request, "events:read")
    return cursors.answer(events.events_for_user(request.user).select_related("project"), filters, field="starts_at")


def _registrations(request, rows):
    if "support:read" in request.api_token.scopes and events.may_see_support_needs(request.user):
        rows = rows.prefetch_related(Prefetch("support_needs", to_attr="api_support_needs"))
    return rows.select_related("person")


class RegistrationFilter(Changes):
    event: int | None = None


@router.get(
    "/registrations",
    response=schemas.RegistrationPage,
    url_name="registrations",
    summary=gettext_noop("Registrations, of all events or of one (scope events:read; support needs with support:read)"),
)
def registrations(request, filters: Query[RegistrationFilter]):
    require(request, "events:read")
    rows = events.all_registrations_for_user(request.user)
    if filters.event is not None:
        rows = rows.filter(event_id=filters.event)
    return cursors.answer(_registrations(request, rows), filters)


@router.post(
    "/events/{event_id}/registrations",
    response={201: schemas.Registration},
    url_name="register",
    summary=gettext_noop("Register a contact (scope events:write): confirmed while seats are free, else waitlisted"),
)
def register(request, event_id: int, body: schemas.NewRegistration):
    require(request, "events:write")
    event = get_object_or_404(events.events_for_user(request.user), pk=event_id)
    if body.person_id is not None:
        person = get_object_or_404(contacts.people_for_user(request.user), pk=body.person_id)
    elif body.email.strip() and body.last_name.strip():
        try:
            person = find_or_create_person(
                email=body.email, user=request.user, first_name=body.first_name, last_name=body.last_name
            )
        except PersonError as error:
            raise Problem(409, "suppressed", str(error)) from error
        if person is None:
            raise Problem(404, "not-found", "There is no such contact, or it is not yours to see.")
    else:
        raise Problem(422, "invalid", "Give person_id, or email and last_name.")
    try:
        registration = event_services.register_by_staff(event, person, actor=request.user)
    except event_services.RegistrationError as error:
        raise Problem(409, f"registration-{error.code.replace('_', '-')}", f"Not registered: {error.code}.") from error
    return Status(201, _registrations(request, events.all_registrations_for_user(request.user)).get(pk=registration.pk))


@router.post(
    "/registrations/{registration_id}/cancel",
    response=schemas.Registration,
    url_name="cancel",
    summary=gettext_noop("Cancel a registration (scope events:write); its seat goes to the waiting list"),
)
def cancel(request, registration_id: int):
    require(request, "events:write")
    rows = events.all_registrations_for_user(request.user)
    get_object_or_404(rows, pk=registration_id)
    event_services.cancel(registration_id)
    return _registrations(request, rows).get(pk=registration_id)


@router.get(
    "/events/{event_id}/attendance",
    response=schemas.AttendancePage,
    url_name="attendance",
    summary=gettext_noop("Attendance of one event, a row per person and day (scope events:read)"),
)
def attendance(request, event_id: int, filters: Query[Changes]):
    require(request, "events:read")
    event = get_object_or_404(events.events_for_user(request.user), pk=event_id)
    return cursors.answer(events.attendance_for_user(request.user, event), filters, field="checked_in_at")


# -- Infoletter and figures --------------------------------------------------------------------------------------


@router.get(
    "/subscribers",
    response=schemas.SubscriberPage,
    url_name="subscribers",
    summary=gettext_noop("Infoletter subscribers"),
)
def subscribers(request, filters: Query[Changes]):
    require(request, "subscribers:read")
    return cursors.answer(mailings.subscribers_for_user(request.user).prefetch_related("topics"), filters)


@router.get(
    "/projects/{slug}/indicators",
    response=schemas.Indicators,
    url_name="indicators",
    summary=gettext_noop("The impact indicators of a project for a period (scope indicators:read)"),
)
def indicators(request, slug: str, start: date | None = None, end: date | None = None, lang: str = "de"):
    require(request, "indicators:read")
    project = get_object_or_404(Project, slug=slug)
    try:
        start, end = impact.check_period(project, start, end)
    except ValueError as error:
        raise Problem(422, "invalid-period", str(error)) from error
    rows = impact.figures(project, start, end, "en" if lang == "en" else "de", links=False, user=request.user)
    items = [
        {
            "code": row.code,
            "label": str(row.label),
            "unit": str(row.unit),
            "value": row.value,
            "baseline": row.baseline,
            "target": row.target,
            "manual": row.manual,
        }
        for row in rows
    ]
    return {"project": project.slug, "start": start, "end": end, "items": items}
