from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem


class OutreachConfig(AppConfig):
    name = "inklusio.outreach"
    label = "outreach"
    impact_indicators = "inklusio.outreach.figures:INDICATORS"
    verbose_name = _("Outreach")
    import_writers = {"outreach": "inklusio.outreach.services.write_import"}
    demo_order = 50
    nav_items = [
        NavItem(_("Social media"), "outreach:calendar", "outreach.view_post", "communication"),
        NavItem(_("Press"), "outreach:press", "outreach.view_pressclipping", "communication"),
    ]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES
