from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob, TimelineEntry

COORDINATOR_PERMISSIONS = [
    "participantmail.view_message",
    "participantmail.add_message",
    "participantmail.change_message",
    "participantmail.send_message",
]


class ParticipantMailConfig(AppConfig):
    name = "inklusio.participantmail"
    label = "participantmail"
    verbose_name = _("Messages to participants and members")
    # Safe to run again after their worker died (core/taskrecovery.py): the in-flight rule of core/delivery.py.
    rerunnable_tasks = [
        "inklusio.participantmail.tasks.send_message",
        "inklusio.participantmail.tasks.start_due_and_resume_messages",
    ]
    nav_items = [
        NavItem(_("Messages"), "participantmail:message_list", "participantmail.view_message", "communication")
    ]
    role_permissions = {"network_coordinator": COORDINATOR_PERMISSIONS}

    @property
    def periodic_jobs(self):
        from inklusio.mailings import conf  # noqa: PLC0415 — the delivery settings are shared with the Infoletter

        return [
            PeriodicJob(
                "participantmail.dispatch",
                "inklusio.participantmail.tasks.start_due_and_resume_messages",
                timedelta(seconds=conf.dispatch_seconds()),
            )
        ]

    def timeline_entries(self, person, user):
        from .queries import received_by  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return [
            TimelineEntry(
                row.sending_at or row.message.started_at,
                _("Message"),
                row.message.subject,
                row.message.get_absolute_url(),
            )
            for row in received_by(person, user)[:100]
        ]

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)
