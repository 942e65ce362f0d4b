"""The contacts area's retention categories (see inklusio.privacy.retention): inquiries, contact import files."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core import uploads
from inklusio.core.extensions import ANONYMISE, RetentionCategory

from .importing import import_dir
from .models import ContactImport, Inquiry, Person
from .privacy import ERASED_TEXT

ANONYMISED_TOPIC = ERASED_TEXT  # the same mark as an erasure leaves


def inquiries_due(cutoff):
    """Inquiries closed (not open) and received before the cutoff that still hold their text."""
    return (
        Inquiry.objects.filter(received_on__lt=timezone.localdate(cutoff))
        .exclude(outcome=Inquiry.Outcome.OPEN)
        .filter(~Q(topic=ANONYMISED_TOPIC) | ~Q(message="") | ~Q(outcome_note=""))
        .order_by("received_on", "id")
    )


def anonymise_inquiries(cutoff) -> int:
    """Delete what was asked and answered; date, channel, kind, outcome and the link to the contact stay.

    The link stays because the report counts inquiries by the stakeholder type of the person behind them; the
    contact itself is anonymised when it is erased or has been inactive for its period.
    """
    return Inquiry.objects.filter(pk__in=list(inquiries_due(cutoff).values_list("pk", flat=True))).update(
        topic=ANONYMISED_TOPIC, message="", outcome_note="", updated=timezone.now()
    )


def _describe_inquiry(inquiry) -> str:
    return f"{inquiry.received_on:%Y-%m-%d}: {inquiry.topic}"


def active_person_ids(since) -> list:
    """Querysets of person ids: contacts created or edited, or who made an inquiry, since the date."""
    return [
        Person.objects.filter(Q(created__gte=since) | Q(updated__gte=since)).values("pk"),
        Inquiry.objects.filter(person__isnull=False, received_on__gte=timezone.localdate(since)).values("person_id"),
    ]


CATEGORIES = [
    RetentionCategory(
        key="contacts.inquiries",
        label=_("Inquiries"),
        data=_("Topic, message and outcome note of an inquiry"),
        data_subjects=_("People who contact the project; partners' staff"),
        purpose=_("Answering questions, referring people to partners, counting inquiries for the report"),
        legal_basis=_("Legitimate interest in answering and documenting the project's work (GDPR Art. 6(1)(f))"),
        recipients=_("Project staff; partners an inquiry is referred to, with the person's agreement"),
        default_days=1095,
        find=inquiries_due,
        apply=lambda cutoff, now: anonymise_inquiries(cutoff),
        action=ANONYMISE,
        describe=_describe_inquiry,
        minimum_days=90,
        minimum_reason=_(
            "Follow-up questions refer to the earlier inquiry. Open inquiries are never anonymised; the inquiry "
            "itself stays (anonymised), so the report's counts do not change."
        ),
        after=_("the day the inquiry was received"),
    ),
    uploads.abandoned_uploads_category(
        model=ContactImport,
        directory=import_dir,
        key="contacts.import_files",
        label=_("Uploaded contact files"),
        data=_("Contact lists (names, email addresses, organisations) uploaded for an import"),
        data_subjects=_("Contacts in an uploaded list"),
        legal_basis=_("As for the contacts imported (GDPR Art. 6(1)(f))"),
        recipients=_("Project staff who import contacts"),
    ),
]
