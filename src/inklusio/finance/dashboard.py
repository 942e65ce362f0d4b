"""The finance panel of the staff overview: grant funds not spent in time, for who may see payment requests.

Bounded: at most ``LIMIT`` projects (running, or ended less than a quarter ago, with a payment received), each
with the three queries of its cash position.
"""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.extensions import DashboardItem, DashboardPanel
from inklusio.core.models import Project

from . import payments
from .models import PaymentRequest

LIMIT = 5


def panels(user, today) -> list[DashboardPanel]:
    if not user.has_perm("finance.view_paymentrequest"):
        return []
    received = PaymentRequest.objects.filter(project=OuterRef("pk"), received_on__isnull=False)
    projects = list(
        Project.objects.filter(start__lte=today, end__gte=today - timedelta(days=90))
        .filter(Exists(received))
        .select_related("finance_plan")
        .order_by("end", "pk")[:LIMIT]
    )
    if not projects:
        return []  # no grant money received anywhere: nothing to watch yet
    items = []
    for project in projects:
        position = payments.cash_position(project, today)
        if not position.overdue:
            continue
        oldest = min(i.deadline for i in position.overdue)
        detail = ngettext(
            "%(amount)s € of %(count)d payment not spent by its deadline (%(date)s)",
            "%(amount)s € of %(count)d payments not spent by their deadline (the first %(date)s)",
            len(position.overdue),
        ) % {
            "amount": _euro(position.overdue_amount),
            "count": len(position.overdue),
            "date": date_format(oldest, "SHORT_DATE_FORMAT"),
        }
        items.append(
            DashboardItem(
                project.title,
                reverse("finance:payment_request_list", args=[project.slug]),
                detail,
                _("overdue"),
            )
        )
    return [
        DashboardPanel(
            key="finance_funds",
            title=_("Grant funds to spend"),
            items=items,
            empty=_("All grant funds received were spent in time."),
            order=60,
        )
    ]


def _euro(amount) -> str:
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
