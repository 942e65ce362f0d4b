"""Follow-up surveys: months after an event each attendee gets a personal link; a follow-up of a network (or of the
whole project) goes on a set day to the members of that network (or of all the project's networks).

The periodic job (``tasks.send_follow_ups``) first creates the invitations that are due (one per survey and
person: a unique constraint), then sends every unsent one over one SMTP connection, marking each sent right
after the server accepted it. A refused message stays unsent and is tried again on the next run; a worker that
dies mid-send repeats at most the one message in flight. So everyone due gets the link, and none twice.
"""

import logging
import smtplib
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inklusio.contacts.suppression import suppressed_among
from inklusio.core.branding import mail_sender
from inklusio.events import queries as event_queries
from inklusio.networks import queries as network_queries

from .models import Invitation, Survey

logger = logging.getLogger(__name__)

# A follow-up more than this long overdue (e.g. created long after the event) is not sent automatically.
LATEST = timedelta(days=60)


def due_surveys(now=None):
    """Follow-up surveys whose day has come (and is not long past)."""
    now = now or timezone.now()
    follow_ups = Survey.objects.filter(purpose=Survey.Purpose.FOLLOW_UP, is_template=False, archived_at__isnull=True)
    # Few surveys: the due time is computed here rather than by interval arithmetic in SQL (SQLite and PostgreSQL
    # differ there); events ending more than the longest allowed delay ago are not even read.
    after_event = follow_ups.filter(
        event__isnull=False, event__cancelled=False, follow_up_days__isnull=False, event__ends_at__lte=now
    ).select_related("event")
    today = timezone.localdate(now)
    on_a_day = follow_ups.filter(event__isnull=True, send_on__lte=today, send_on__gt=today - LATEST)
    return [s for s in after_event if now - LATEST < due_at(s) <= now] + list(on_a_day)


def recipients(survey: Survey) -> list[int]:
    if survey.event_id:
        return event_queries.event_participants(survey.event_id) if survey.event.ends_at <= timezone.now() else []
    if survey.network_id:
        return network_queries.current_member_person_ids(survey.network_id, survey.send_on)
    return network_queries.project_member_person_ids(survey.project_id, survey.send_on)


def create_invitations(survey: Survey) -> int:
    people = recipients(survey)
    existing = set(survey.invitations.values_list("person_id", flat=True))
    new = [Invitation(survey=survey, person_id=pk) for pk in people if pk not in existing]
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def invitation_message(invitation: Invitation) -> EmailMessage:
    survey = invitation.survey
    lang = invitation.language or settings.LANGUAGE_CODE
    with translation.override(lang):
        link = settings.SITE_URL + invitation.get_absolute_url()
        context = {"survey": survey, "title": survey.title(lang), "person": invitation.person, "link": link}
        subject = _("A few questions: %(title)s") % {"title": survey.title(lang)}
        body = render_to_string("surveys/mail/invitation.txt", context)
    return EmailMessage(
        subject=subject, body=body, from_email=mail_sender(survey.project_id), to=[invitation.person.email]
    )


def send_pending(survey: Survey) -> int:
    pending = list(
        survey.invitations.filter(sent_at__isnull=True).exclude(person__email="").select_related("person", "survey")
    )
    blocked = suppressed_among([i.person.email for i in pending])
    sent = 0
    with get_connection() as connection:
        for invitation in pending:
            if invitation.person.email in blocked:
                continue
            message = invitation_message(invitation)
            message.connection = connection
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.warning("Survey invitation %s was not accepted; will retry", invitation.pk)
                continue
            Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=timezone.now())
            sent += 1
    return sent


def send_due(now=None) -> int:
    sent = 0
    for survey in due_surveys(now):
        create_invitations(survey)
        sent += send_pending(survey)
    return sent


def due_at(survey: Survey):
    """When the follow-up goes out (None if not a follow-up or not attached)."""
    if survey.event_id and survey.follow_up_days:
        return survey.event.ends_at + timedelta(days=survey.follow_up_days)
    if survey.send_on:
        return datetime.combine(survey.send_on, time.min, tzinfo=timezone.get_current_timezone())
    return None
