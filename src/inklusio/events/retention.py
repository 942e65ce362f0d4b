"""The events area's retention categories (see inklusio.privacy.retention): support needs, past registrations."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import ANONYMISE, DELETE, RetentionCategory

from . import attendance_import, conf, services
from .models import Contribution, Registration, SupportNeed

# The person's fields their name is made of (contacts.models.Person.full_name).
PERSON_NAME = ("person__anonymised", "person__academic_title", "person__first_name", "person__last_name")


def _support_needs_due(cutoff):
    return (
        SupportNeed.objects.filter(registration__event__in=services.support_needs_due(cutoff))
        .select_related("registration__event")
        .only("kind", "registration__event__title")  # what the dry run lists (_describe_support_need), no more
        .order_by("registration__event__ends_at", "id")
    )


def _describe_support_need(need) -> str:
    # No name: the list says what will go, not who needed it.
    return f"{need.registration.event.title}: {need.get_kind_display()}"


def _registrations_due(cutoff):
    return (
        services.past_registrations_due(cutoff)
        .select_related("event", "person")
        .only("event__title", *PERSON_NAME)  # what the dry run lists (_describe_registration), no more
        .order_by("event__ends_at", "id")
    )


def _describe_registration(registration) -> str:
    return f"{registration.event.title}: {registration.person}"


def active_person_ids(since) -> list:
    """Querysets of person ids: people who registered, or took part in or spoke at an event, since the date."""
    registered = Registration.objects.filter(Q(created__gte=since) | Q(event__ends_at__gte=since)).values("person_id")
    spoke = Contribution.objects.filter(item__starts_at__gte=since).values("person_id")
    return [registered, spoke]


def _describe_report(record) -> str:
    return f"{record.event.title}: {record.filename} ({record.created:%Y-%m-%d})"


CATEGORIES = [
    RetentionCategory(
        key="events.support_needs",
        label=_("Support needs of registrants"),
        data=_("Kind of support needed and details (health-related, GDPR Art. 9)"),
        data_subjects=_("Registrants of events"),
        purpose=_("Arranging interpreting, access and other support at the event"),
        legal_basis=_("Explicit consent (GDPR Art. 9(2)(a), Art. 6(1)(a))"),
        recipients=_("Project staff with the support-needs permission; interpreters and venue, only what they need"),
        default_days=conf.support_needs_retention_days,
        find=_support_needs_due,
        apply=lambda cutoff, now: services.purge_support_needs(now=now, ended_before=cutoff),
        action=DELETE,
        describe=_describe_support_need,
        minimum_days=1,
        minimum_reason=_("Support is needed until the event is over. The counts per kind stay for the report."),
        measures=_("Visible only to roles with the support-needs permission; every view and export is logged."),
        after=_("the end of the event"),
    ),
    RetentionCategory(
        key="events.registrations",
        label=_("Registrations of past events"),
        data=_("Answers to the registration questions, organisation as typed in, personal link"),
        data_subjects=_("Registrants of events"),
        purpose=_("Running the event: seats, waiting list, check-in, certificates, feedback invitations"),
        legal_basis=_("Contract or steps before it (GDPR Art. 6(1)(b)); consent for photos (Art. 6(1)(a))"),
        recipients=_("Project staff; speakers see no registrant data"),
        default_days=365,
        find=_registrations_due,
        apply=lambda cutoff, now: services.anonymise_past_registrations(cutoff),
        action=ANONYMISE,
        describe=_describe_registration,
        minimum_days=30,
        minimum_reason=_(
            "Feedback invitations and certificates are sent up to 30 days after an event and use the registration. "
            "The registration itself stays (anonymised), so the report's figures do not change."
        ),
        after=_("the end of the event"),
    ),
    RetentionCategory(
        key="events.attendance_reports",
        label=_("Attendance reports waiting for review"),
        data=_("Names, email addresses and minutes from a video platform's attendance report"),
        data_subjects=_("People who joined an online event"),
        purpose=_("Checking and previewing an import before it is written"),
        legal_basis=_("Contract or steps before it (GDPR Art. 6(1)(b))"),
        recipients=_("Project staff who import attendance"),
        default_days=7,
        find=lambda cutoff: attendance_import.pending_imports_due(cutoff).select_related("event"),
        apply=lambda cutoff, now: attendance_import.discard_abandoned(cutoff),
        action=DELETE,
        describe=_describe_report,
        minimum_days=1,
        minimum_reason=_("An import in progress needs its report until its review is confirmed or discarded."),
        measures=_("Only the uploader sees it; the names are dropped as soon as the import is done or discarded."),
        after=_("the upload"),
    ),
]
