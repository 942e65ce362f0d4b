"""The Infoletter's retention categories (see inklusio.privacy.retention): unconfirmed sign-ups, former
subscribers, delivery logs."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inklusio.core import uploads
from inklusio.core.extensions import ANONYMISE, DELETE, RetentionCategory

from . import conf, services
from .importing import import_dir
from .models import Subscriber, SubscriberImport


def _unconfirmed_due(cutoff):
    return services.unconfirmed_due(cutoff).order_by("signed_up_at", "id")


def _deliveries_due(cutoff):
    return (
        services.delivery_details_due(cutoff)
        .select_related("mailing", "subscriber")
        .only("mailing__subject", "subscriber__email")  # what the dry run lists (_describe_delivery), no more
        .order_by("mailing_id", "id")
    )


def _describe_delivery(delivery) -> str:
    return f"{delivery.mailing}: {delivery.subscriber.email}"


def active_person_ids(since) -> list:
    """Querysets of person ids: people subscribed now, or who signed up, confirmed or unsubscribed since the date."""
    return [
        Subscriber.objects.filter(person__isnull=False)
        .filter(
            Q(status__in=[Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING])
            | Q(signed_up_at__gte=since)
            | Q(confirmed_at__gte=since)
            | Q(unsubscribed_at__gte=since)
        )
        .values("person_id")
    ]


CATEGORIES = [
    RetentionCategory(
        key="mailings.unconfirmed",
        label=_("Unconfirmed Infoletter sign-ups"),
        data=_("Email address, name, topics and region of a sign-up that was never confirmed"),
        data_subjects=_("People who signed up for the Infoletter"),
        purpose=_("Double opt-in: sending the confirmation mail"),
        legal_basis=_("Steps at the person's request before consent (GDPR Art. 6(1)(b) and (f))"),
        recipients=_("Project staff; the mail server provider (processor)"),
        default_days=conf.unconfirmed_days,
        find=_unconfirmed_due,
        apply=lambda cutoff, now: services.purge_unconfirmed(now=now, signed_up_before=cutoff),
        action=DELETE,
        describe=lambda subscriber: subscriber.email,
        minimum_days=2,
        minimum_reason=_("People need time to find the confirmation mail and click its link."),
        after=_("the sign-up"),
    ),
    RetentionCategory(
        key="mailings.deliveries",
        label=_("Delivery logs of the Infoletter"),
        data=_("When each issue went to each subscriber, by which sender, and the mail server's error text"),
        data_subjects=_("Subscribers of the Infoletter"),
        purpose=_("Sending each issue exactly once, handling bounces, showing delivery problems"),
        legal_basis=_("Consent to the Infoletter (GDPR Art. 6(1)(a)); proof of lawful sending (Art. 6(1)(f))"),
        recipients=_("Project staff; the mail server provider (processor)"),
        default_days=730,
        find=_deliveries_due,
        apply=lambda cutoff, now: services.anonymise_delivery_details(cutoff),
        action=ANONYMISE,
        describe=_describe_delivery,
        minimum_days=30,
        minimum_reason=_(
            "Bounces and retries arrive for some days after sending and need the log. The status of each delivery "
            "stays, so the mailing table of the report does not change."
        ),
        after=_("the end of sending the issue"),
    ),
    RetentionCategory(
        key="mailings.former_subscribers",
        label=_("Former Infoletter subscribers"),
        data=_("Email address and name of people who unsubscribed or whose address bounced"),
        data_subjects=_("Former subscribers of the Infoletter"),
        purpose=_("Proving the consent for past issues; handling late replies and complaints"),
        legal_basis=_("Demonstrating consent (GDPR Art. 7(1), Art. 6(1)(c) and (f))"),
        recipients=_("Project staff"),
        default_days=365,
        find=lambda cutoff: services.former_subscribers_due(cutoff).only("email").order_by("id"),
        apply=lambda cutoff, now: services.anonymise_former_subscribers(cutoff),
        action=ANONYMISE,
        describe=lambda subscriber: subscriber.email,
        minimum_days=30,
        minimum_reason=_(
            "Complaints about a past issue arrive within weeks. The row stays without the address, and the address "
            "goes on the suppression list as a keyed hash, so no import adds it again and the figures do not change."
        ),
        after=_("the unsubscription or bounce"),
    ),
    uploads.abandoned_uploads_category(
        model=SubscriberImport,
        directory=import_dir,
        key="mailings.import_files",
        label=_("Uploaded subscriber lists"),
        data=_("Subscriber lists (email addresses, names, consent records) uploaded for an import"),
        data_subjects=_("Subscribers in an uploaded list"),
        legal_basis=_("As for the subscribers imported (GDPR Art. 6(1)(a), the consent they gave)"),
        recipients=_("Project staff who import subscribers"),
    ),
]
