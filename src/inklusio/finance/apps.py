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
    document_kinds = {
        "finance.receipt_scans": "inklusio.finance.scans:receipt_scans_zip",
        "finance.receipt_list": "inklusio.finance.exports:receipt_list_document",
    }
    import_writers = {"finance.bookings": "inklusio.finance.bookings_import.write_import"}
    # reading a booking export again after a dead worker is harmless (core.imports.read_once)
    rerunnable_tasks = ["inklusio.finance.tasks.prepare_booking_import"]

    @property
    def retention_categories(self):
        from .retention import CATEGORIES  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return CATEGORIES

    def personal_data(self, person):
        from .privacy import personal_data  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return personal_data(person)

    def erase_person(self, person, actor):
        from .privacy import erase_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return erase_person(person, actor)

    def merge_person(self, survivor, duplicate, actor):
        from .privacy import merge_person  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return merge_person(survivor, duplicate, actor)

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — apps.py loads before the models; the hook imports when called

        return panels(user, today)
