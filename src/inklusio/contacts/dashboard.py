"""The contacts panels of the staff overview: open inquiries (overdue first) and imports waiting for review."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.extensions import DashboardItem, DashboardPanel

from . import queries

LIMIT = 8


def panels(user, today) -> list[DashboardPanel]:
    return [*_inquiries(user, today), *_imports(user)]


def _inquiries(user, today) -> list[DashboardPanel]:
    if not user.has_perm("contacts.view_inquiry"):
        return []
    open_inquiries = queries.open_inquiries_for_user(user)
    counts = open_inquiries.aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(follow_up_on__lt=today)))
    items = [_inquiry_item(inquiry, today) for inquiry in open_inquiries[:LIMIT]]
    actions = []
    if user.has_perm("contacts.add_inquiry"):
        actions.append(DashboardItem(_("Log an inquiry"), reverse("contacts:inquiry_create")))
    if counts["total"]:
        actions.append(DashboardItem(_("All open inquiries"), reverse("contacts:inquiry_list") + "?outcome=open"))
    summary = ""
    if counts["total"]:
        summary = ngettext("%(count)d open inquiry", "%(count)d open inquiries", counts["total"]) % {
            "count": counts["total"]
        }
        summary += ", " + ngettext("%(count)d of them overdue.", "%(count)d of them overdue.", counts["overdue"]) % {
            "count": counts["overdue"]
        }
    return [
        DashboardPanel(
            key="inquiries",
            title=_("Open inquiries"),
            items=items,
            summary=summary,
            empty=_("No open inquiries.")
            + (
                " " + _("When someone contacts the project, log it under Inquiries.")
                if user.has_perm("contacts.add_inquiry")
                else ""
            ),
            actions=actions,
            order=20,
        )
    ]


def _inquiry_item(inquiry, today) -> DashboardItem:
    assignee = inquiry.assignee
    parts = [
        _("assigned to %(name)s") % {"name": assignee.get_full_name() or assignee.get_username()}
        if assignee
        else _("nobody assigned")
    ]
    if inquiry.follow_up_on:
        parts.append(_("follow up by %(date)s") % {"date": date_format(inquiry.follow_up_on, "SHORT_DATE_FORMAT")})
    else:
        parts.append(_("received %(date)s") % {"date": date_format(inquiry.received_on, "SHORT_DATE_FORMAT")})
    overdue = inquiry.follow_up_on is not None and inquiry.follow_up_on < today
    return DashboardItem(inquiry.topic, inquiry.get_absolute_url(), " · ".join(parts), _("overdue") if overdue else "")


def _imports(user) -> list[DashboardPanel]:
    waiting = list(queries.imports_waiting_for(user)[:LIMIT])
    if not waiting:
        return []
    items = [
        DashboardItem(
            record.filename,
            reverse("contacts:import_review", args=[record.pk]),
            _("contact list, %(stage)s") % {"stage": record.get_stage_display()},
        )
        for record in waiting
    ]
    return [DashboardPanel(key="imports", title=_("Imports waiting for your review"), items=items, order=40)]
