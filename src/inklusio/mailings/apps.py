from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem
from inklusio.core.scheduler import PeriodicJob


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
        "inklusio.mailings.tasks.dispatch",
    ]
    demo_order = 40
    nav_items = [NavItem(_("Infoletter"), "mailings:mailing_list", "mailings.view_mailing")]

    @property
    def periodic_jobs(self):
        from . import conf

        return [
            PeriodicJob(
                "mailings.dispatch", "inklusio.mailings.tasks.dispatch", timedelta(seconds=conf.dispatch_seconds())
            ),
        ]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES

        return CATEGORIES

    def active_person_ids(self, since):
        from .retention import active_person_ids

        return active_person_ids(since)

    def ready(self):
        from django.db.models.signals import post_migrate

        from .services import ensure_defaults

        post_migrate.connect(ensure_defaults, sender=self)

    def timeline_entries(self, person):
        from inklusio.core.extensions import TimelineEntry

        entries = []
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
        from .privacy import personal_data

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person

        return erase_person(person, actor)
