"""The operations of the public site that change data, with their rules."""

import time
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inklusio.contacts.services import InquiryChannel, create_inquiry, find_or_create_person
from inklusio.core import audit

from . import conf, images, tasks
from .models import FormSubmission, GoodPracticeImage, TrainingOffer
from .queries import can_manage_all_offers, company_of

if TYPE_CHECKING:  # for annotations only; inquiries are created through contacts.services
    from inklusio.contacts.models import Inquiry

STARTED_SALT = "inklusio.public.form-started"


# --- spam protection without third parties or cookies -------------------------------------------------------


class Rejected(Exception):
    """A public form submission that must not be accepted; ``silent`` ones look accepted to the sender.

    ``reason`` names the rule ("honeypot", "expired", "too_fast", "rate_limit"), so a form in Leichte Sprache can
    say the same in its own words.
    """

    def __init__(self, message: str, silent: bool = False, reason: str = ""):
        super().__init__(message)
        self.message = message
        self.silent = silent
        self.reason = reason


def started_token() -> str:
    """A signed timestamp put into every public form when it is shown."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


def check_submission(form_name: str, email: str, token: str, honeypot: str) -> None:
    """Raise :class:`Rejected` for a filled honeypot, a form sent too fast or too late, or too many sends."""
    if honeypot.strip():
        raise Rejected("honeypot", silent=True, reason="honeypot")
    try:
        started = float(signing.loads(token or "", salt=STARTED_SALT, max_age=conf.max_form_age_seconds()))
    except (signing.BadSignature, TypeError, ValueError):
        raise Rejected(
            _("The form has expired. Please check your entries and send it again."), reason="expired"
        ) from None
    if time.time() - started < conf.min_fill_seconds():
        raise Rejected(
            _("The form was sent very quickly. Please check your entries and send it again."), reason="too_fast"
        )
    since = timezone.now() - timedelta(minutes=conf.rate_window_minutes())
    if FormSubmission.objects.filter(email=email.strip().lower(), at__gte=since).count() >= conf.rate_limit():
        raise Rejected(
            _("You have sent several messages in a short time. Please try again later."), reason="rate_limit"
        )


def _record_submission(form_name: str, email: str) -> None:
    FormSubmission.objects.create(email=email.strip().lower(), form=form_name)
    cutoff = timezone.now() - timedelta(minutes=conf.rate_window_minutes())
    FormSubmission.objects.filter(at__lt=cutoff).delete()


# --- inquiries from the public ------------------------------------------------------------------------------


def submit_inquiry(
    *,
    project,
    kind: str,
    name: str,
    email: str,
    topic: str,
    message: str,
    offer: TrainingOffer | None = None,
    easy_language: bool = False,
) -> "Inquiry":
    """Record a public inquiry (contact form, barrier feedback, question about a training place) and send mails.

    The sender gets a confirmation (in Leichte Sprache when ``easy_language``: sent from a Leichte Sprache page);
    for a training place the company's contact gets the question too.
    """
    if project is None:
        raise ValidationError(_("The contact form is not available at the moment."))
    first, _sep, last = name.strip().rpartition(" ")
    with transaction.atomic():
        # The sender acts for their own address: a known one is answered exactly like a new one (DESIGN.md).
        person = find_or_create_person(email=email, user=None, first_name=first, last_name=last or name.strip())
        inquiry = create_inquiry(
            project=project,
            kind=kind,
            channel=InquiryChannel.WEB_FORM,
            topic=topic,
            message=message,
            person=person,
            organisation=offer.organisation if offer else None,
        )
        _record_submission(kind, email)
        language = get_language() or "de"
        transaction.on_commit(lambda: tasks.send_inquiry_confirmation.enqueue(inquiry.pk, language, easy_language))
        if offer is not None:
            transaction.on_commit(lambda: tasks.notify_company_of_inquiry.enqueue(inquiry.pk, offer.pk))
    return inquiry


# --- training offers ----------------------------------------------------------------------------------------


def _check_offer_scope(user, organisation) -> None:
    if can_manage_all_offers(user):
        return
    company = company_of(user)
    if company is None or organisation is None or company.pk != organisation.pk:
        raise PermissionDenied


def save_offer(user, offer: TrainingOffer) -> TrainingOffer:
    """Create or change an offer; a company contact only ever for their own organisation."""
    if offer.pk:
        stored = TrainingOffer.objects.select_related("organisation").get(pk=offer.pk)
        _check_offer_scope(user, stored.organisation)
    _check_offer_scope(user, offer.organisation)
    created = offer.pk is None
    offer.save()
    audit.record(user, "public.offer_created" if created else "public.offer_changed", offer, offer_id=offer.pk)
    return offer


def delete_offer(user, offer: TrainingOffer) -> None:
    _check_offer_scope(user, offer.organisation)
    audit.record(user, "public.offer_deleted", offer, offer_id=offer.pk)
    offer.delete()


# --- good-practice images -----------------------------------------------------------------------------------


def add_image(story, upload, alt_text: str, caption: str = "") -> GoodPracticeImage:
    """Store an uploaded image after checking its size, its real type and its alternative text."""
    if not alt_text.strip():
        raise ValidationError({"alt_text": _("Describe the image for people who cannot see it.")})
    content_type = images.check(upload, conf.image_max_bytes())
    position = story.images.count()
    return GoodPracticeImage.objects.create(
        story=story,
        image=upload,
        content_type=content_type,
        alt_text=alt_text.strip(),
        caption=caption,
        position=position,
    )
