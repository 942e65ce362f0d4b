from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob

COORDINATOR_PERMISSIONS = [
    "networks.view_network",
    "networks.change_network",
    "networks.*_membership",
    "networks.*_meeting",
    "networks.*_meetingdocument",
    "networks.*_invitation",
    "networks.*_attendance",
]


class NetworksConfig(AppConfig):
    name = "inklusio.networks"
    label = "networks"
    impact_indicators = "inklusio.networks.figures:INDICATORS"
    verbose_name = _("Regional networks")
    # Safe to run again after their worker died (core/taskrecovery.py): each invitation is marked sent after its
    # message was accepted, so a second run repeats at most the one in flight.
    rerunnable_tasks = [
        "inklusio.networks.tasks.send_meeting_invitations",
        "inklusio.networks.tasks.retry_invitations",
        "inklusio.networks.tasks.send_membership_request",
        "inklusio.networks.tasks.delete_expired_membership_requests",
    ]
    demo_order = 60
    nav_items = [NavItem(_("Networks"), "networks:network_list", "networks.view_network", "networks")]
    role_permissions = {"network_coordinator": COORDINATOR_PERMISSIONS}
    periodic_jobs = [
        PeriodicJob("networks.retry_invitations", "inklusio.networks.tasks.retry_invitations", timedelta(minutes=15)),
        PeriodicJob(
            "networks.expire_membership_requests",
            "inklusio.networks.tasks.delete_expired_membership_requests",
            timedelta(hours=6),
        ),
    ]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES

    def active_person_ids(self, since):
        from .retention import active_person_ids  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return active_person_ids(since)

    def contact_scope(self, user):
        """Current members of the user's networks: what a coordinator may see of the contact base."""
        from .queries import member_person_ids  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return member_person_ids(user)

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)
