from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .extensions import NavItem


class CoreConfig(AppConfig):
    name = "inklusio.core"
    label = "core"
    verbose_name = _("Core")
    demo_order = 0
    nav_items = [
        NavItem(_("Projects"), "core:project_list", "core.view_project"),
        NavItem(_("Audit log"), "core:audit_log", "core.view_auditevent"),
    ]

    def ready(self):
        from .roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)

    def personal_data(self, person):
        from .privacy import personal_data

        return personal_data(person)
