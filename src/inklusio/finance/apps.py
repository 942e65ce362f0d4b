from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem


class FinanceConfig(AppConfig):
    name = "inklusio.finance"
    label = "finance"
    verbose_name = _("Finance")
    nav_items = [NavItem(_("Finance"), "finance:overview", "finance.view_statement", "administration")]
    # Cost figures for the impact report and dashboard, shown to finance users only (finance/figures.py).
    impact_indicators = "inklusio.finance.figures:INDICATORS"
    demo_order = 70  # after events, mailings and networks: demo receipts link to their records
    # Who sees what of finance is set in core.roles: the finance role and the lead edit, the reviewer reads
    # the statement and the receipt list, project staff and coordinators see nothing.

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)
