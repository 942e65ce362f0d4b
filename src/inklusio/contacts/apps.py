from datetime import timedelta

from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob, TimelineEntry

from .duplicates import SEARCH_EVERY_HOURS


class ContactsConfig(AppConfig):
    name = "inklusio.contacts"
    label = "contacts"
    impact_indicators = "inklusio.contacts.figures:INDICATORS"
    verbose_name = _("Contacts")
    # Reading an upload again after its worker died only rewrites the stored review, searching for duplicates again
    # only replaces the stored pairs (core/taskrecovery.py).
    rerunnable_tasks = ["inklusio.contacts.tasks.prepare_contact_import", "inklusio.contacts.tasks.search_duplicates"]
    import_writers = {"contacts": "inklusio.contacts.services.write_import"}
    demo_order = 10
    # Likely duplicates are searched in the worker; the list page shows the stored pairs (duplicates_search.py).
    periodic_jobs = [
        PeriodicJob(
            "contacts.duplicates", "inklusio.contacts.tasks.search_duplicates", timedelta(hours=SEARCH_EVERY_HOURS)
        )
    ]
    nav_items = [
        NavItem(_("Contacts"), "contacts:person_list", "contacts.view_person", "contacts"),
        NavItem(_("Organisations"), "contacts:organisation_list", "contacts.view_organisation", "contacts"),
        NavItem(_("Inquiries"), "contacts:inquiry_list", "contacts.view_inquiry", "contacts"),
    ]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES

    def active_person_ids(self, since):
        from .retention import active_person_ids  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return active_person_ids(since)

    def ready(self):
        from .inquiry_types import drop_before_migrate, install_after_migrate  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called
        from .stakeholder_types import ensure_stakeholder_types  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        post_migrate.connect(ensure_stakeholder_types, sender=self)
        pre_migrate.connect(drop_before_migrate, sender=self)
        post_migrate.connect(install_after_migrate, sender=self)

    def timeline_entries(self, person, user):
        if not user.has_perm("contacts.view_inquiry"):
            return []
        return [
            TimelineEntry(i.received_on, _("Inquiry"), i.topic, i.get_absolute_url())
            for i in person.inquiries.all()[:50]
        ]

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)
