"""Mails of the public site, sent in the background (django-tasks, queue "mail")."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from inklusio.contacts.queries import inquiry_with_id
from inklusio.core.branding import mail_sender

from . import conf
from .models import TrainingOffer


@task(queue_name="mail")
def send_inquiry_confirmation(inquiry_id: int, language: str = "de", easy_language: bool = False) -> bool:
    """Confirm to the sender that their message arrived, with a copy of what they wrote.

    Sent from a Leichte Sprache page (``easy_language``), the confirmation is in Leichte Sprache (German).
    """
    inquiry = inquiry_with_id(inquiry_id)
    if inquiry is None or inquiry.person is None or not inquiry.person.email:
        return False
    folder = "public/mail/easy" if easy_language else "public/mail"
    with translation.override("de" if easy_language else language):
        subject = render_to_string(f"{folder}/confirmation_subject.txt", {"inquiry": inquiry}).strip()
        body = render_to_string(f"{folder}/confirmation.txt", {"inquiry": inquiry})
    reply_to = [conf.contact_email()] if conf.contact_email() else None
    sender = mail_sender(inquiry.project_id, settings.DEFAULT_FROM_EMAIL)
    EmailMessage(subject, body, sender, [inquiry.person.email], reply_to=reply_to).send()
    return True


@task(queue_name="mail")
def notify_company_of_inquiry(inquiry_id: int, offer_id: int) -> bool:
    """Forward a question about a training place to the offer's contact person (reply goes to the sender)."""
    inquiry = inquiry_with_id(inquiry_id)
    offer = TrainingOffer.objects.select_related("organisation").filter(pk=offer_id).first()
    if inquiry is None or offer is None:
        return False
    with translation.override("de"):
        subject = render_to_string("public/mail/offer_inquiry_subject.txt", {"offer": offer}).strip()
        body = render_to_string("public/mail/offer_inquiry.txt", {"inquiry": inquiry, "offer": offer})
    reply_to = [inquiry.person.email] if inquiry.person and inquiry.person.email else None
    recipients = [offer.contact_email]
    if conf.contact_email():
        recipients.append(conf.contact_email())
    EmailMessage(subject, body, mail_sender(None, settings.DEFAULT_FROM_EMAIL), recipients, reply_to=reply_to).send()
    return True
