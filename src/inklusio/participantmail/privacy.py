"""The participant messages' part of GDPR requests: what was sent to a person, and erasing it."""

from django.utils.translation import gettext_lazy as _

from .models import MessageDelivery


def personal_data(person) -> dict:
    rows = MessageDelivery.objects.filter(person=person).select_related("message").order_by("id")
    return {
        _("Messages to participants and members"): [
            {
                "subject": row.message.subject,
                "email": row.email,
                "status": row.status,
                "sent": row.sent_at.isoformat() if row.sent_at else "",
            }
            for row in rows
        ]
    }


def erase_person(person, actor) -> list[str]:
    """The address goes; what was sent stays as a count. Rows not yet sent are skipped, never sent."""
    rows = MessageDelivery.objects.filter(person=person)
    addresses = sorted(set(rows.exclude(email="").values_list("email", flat=True)))
    rows.filter(status__in=[MessageDelivery.Status.QUEUED, MessageDelivery.Status.RETRY]).update(
        status=MessageDelivery.Status.SKIPPED
    )
    rows.update(email="", last_error="")
    return addresses
