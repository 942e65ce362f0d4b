from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem


class ImpactConfig(AppConfig):
    name = "inklusio.impact"
    label = "impact"
    verbose_name = _("Impact")
    demo_order = 90
    nav_items = [NavItem(_("Impact"), "impact:index", "impact.view_reportsection", "impact")]

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)
