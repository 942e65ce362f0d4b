from datetime import timedelta

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob, TimelineEntry


class MailingsConfig(AppConfig):
    name = "inklusio.mailings"
    label = "mailings"
    impact_indicators = "inklusio.mailings.figures:INDICATORS"
    public_home_blocks = ["mailings/includes/home_block.html"]
    verbose_name = _("Infoletter")
    # Safe to run again after their worker died (core/taskrecovery.py): a sender settles a dead sender's rows by the
    # in-flight rule of sending.py; a confirmation is one message.
    rerunnable_tasks = [
        "inklusio.mailings.tasks.send_mailing",
        "inklusio.mailings.tasks.send_confirmation",
        "inklusio.mailings.tasks.start_due_and_resume_mailings",
        "inklusio.mailings.tasks.prepare_subscriber_import",
    ]
    import_writers = {"mailings.subscribers": "inklusio.mailings.importing.write_import"}
    demo_order = 40
    nav_items = [NavItem(_("Infoletter"), "mailings:mailing_list", "mailings.view_mailing", "communication")]

    @property
    def periodic_jobs(self):
        from . import conf  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return [
            PeriodicJob(
                "mailings.dispatch",
                "inklusio.mailings.tasks.start_due_and_resume_mailings",
                timedelta(seconds=conf.dispatch_seconds()),
            ),
        ]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES

    def active_person_ids(self, since):
        from .retention import active_person_ids  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return active_person_ids(since)

    def ready(self):
        from .services import ensure_defaults  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        post_migrate.connect(ensure_defaults, sender=self)

    def timeline_entries(self, person, user):
        entries = []
        if not user.has_perm("mailings.view_subscriber"):
            return entries
        for subscriber in person.subscriptions.all():
            entries.append(
                TimelineEntry(subscriber.signed_up_at, _("Infoletter"), _("Signed up"), subscriber.get_absolute_url())
            )
            if subscriber.confirmed_at:
                entries.append(
                    TimelineEntry(
                        subscriber.confirmed_at,
                        _("Infoletter"),
                        _("Subscription confirmed"),
                        subscriber.get_absolute_url(),
                    )
                )
            if subscriber.unsubscribed_at:
                entries.append(
                    TimelineEntry(
                        subscriber.unsubscribed_at, _("Infoletter"), _("Unsubscribed"), subscriber.get_absolute_url()
                    )
                )
        return entries

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)
