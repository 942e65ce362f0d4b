from datetime import timedelta

from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob, TimelineEntry


class EventsConfig(AppConfig):
    name = "inklusio.events"
    label = "events"
    impact_indicators = "inklusio.events.figures:INDICATORS"
    public_home_blocks = ["events/includes/home_block.html"]
    verbose_name = _("Events")
    # Safe to run again after their worker died (core/taskrecovery.py): one message each, or a conditional claim per
    # registration; a second run repeats at most the message in flight. Not send_cancellation_notices (all again).
    document_kinds = {"events.certificates": "inklusio.events.documents:certificates_zip"}
    rerunnable_tasks = [
        "inklusio.events.tasks.send_registration_mail",
        "inklusio.events.tasks.send_promotion_mail",
        "inklusio.events.tasks.send_certificate",
        "inklusio.events.tasks.send_reminders",
        "inklusio.events.tasks.send_feedback_invitations",
        "inklusio.events.tasks.send_feedback_invitation",
        "inklusio.events.tasks.send_support_booked",
    ]
    import_writers = {"events.attendance": "inklusio.events.attendance_import.write_import"}
    demo_order = 20
    nav_items = [NavItem(_("Events"), "events:event_list", "events.view_event", "events")]
    periodic_jobs = [
        PeriodicJob("events.reminders", "inklusio.events.tasks.send_reminders", timedelta(minutes=10)),
        PeriodicJob("events.feedback", "inklusio.events.tasks.send_feedback_invitations", timedelta(hours=1)),
    ]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES

    def active_person_ids(self, since):
        from .retention import active_person_ids  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return active_person_ids(since)

    def timeline_entries(self, person, user):
        from .models import Contribution, Registration  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        entries = []
        registrations = Registration.objects.filter(person=person).select_related("event")
        if not user.has_perm("events.view_registration"):
            registrations = registrations.none()
        contributions = Contribution.objects.filter(person=person).select_related("item__event")
        if not user.has_perm("events.view_contribution"):
            contributions = contributions.none()
        for registration in registrations[:100]:
            entries.append(
                TimelineEntry(
                    registration.created,
                    _("Event registration"),
                    f"{registration.event.title} ({registration.get_status_display()})",
                    registration.event.get_absolute_url(),
                )
            )
        for contribution in contributions[:100]:
            entries.append(
                TimelineEntry(
                    contribution.item.starts_at,
                    contribution.get_role_display().capitalize(),
                    f"{contribution.item.title} – {contribution.item.event.title}",
                    contribution.item.event.get_absolute_url(),
                )
            )
        return entries

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def merge_person(self, survivor, duplicate, actor):
        from .merging import merge_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return merge_person(survivor, duplicate, actor)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)

    def public_home_context(self, request, project):
        from .queries import public_events  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        upcoming = public_events().filter(ends_at__gte=timezone.now(), cancelled=False).order_by("starts_at")
        return {"next_events": list(upcoming[:3])}

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)
