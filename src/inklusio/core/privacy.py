"""The core's part of the Art. 15 export: logins with the person's address and audit events naming them.

Erasing them is not a hook: the privacy service scrubs the audit log and the task queue last, with every
string the areas removed (see ``scrub.py``); staff logins are not erased with a contact (see docs/privacy.md).
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .scrub import replace_in, text_pattern


def personal_data(person) -> dict:
    users = get_user_model().objects.filter(email__iexact=person.email) if person.email else []
    pattern = text_pattern([person.full_name, f"{person.first_name} {person.last_name}", person.email])
    events = []
    if pattern is not None:
        for event in AuditEvent.objects.select_related("actor").iterator():
            if replace_in([event.subject, event.detail], pattern) != [event.subject, event.detail]:
                events.append(
                    {
                        "at": event.at.isoformat(),
                        "action": event.action,
                        "subject": event.subject,
                        "by": str(event.actor or ""),
                    }
                )
    return {
        _("Logins"): [
            {
                "username": user.username,
                "name": user.get_full_name(),
                "email": user.email,
                "date_joined": user.date_joined.isoformat(),
                "last_login": user.last_login.isoformat() if user.last_login else None,
            }
            for user in users
        ],
        _("Audit log entries naming the person"): events,
    }
