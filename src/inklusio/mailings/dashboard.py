"""The Infoletter panels of the staff overview: mailings under way with their progress, lists waiting for review."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inklusio.core.extensions import DashboardItem, DashboardPanel

from . import queries

LIMIT = 5


def panels(user, today) -> list[DashboardPanel]:
    if not user.has_perm("mailings.view_mailing"):
        return []
    mailings = list(queries.mailings_under_way(user)[:LIMIT])
    progress = queries.delivery_progress([mailing.pk for mailing in mailings])
    actions = [DashboardItem(_("All mailings"), reverse("mailings:mailing_list"))]
    if user.has_perm("mailings.add_mailing"):
        actions.insert(0, DashboardItem(_("Write a mailing"), reverse("mailings:mailing_create")))
    found = [
        DashboardPanel(
            key="mailings",
            title=_("Mailings under way"),
            items=[_item(mailing, progress.get(mailing.pk, (0, 0))) for mailing in mailings],
            empty=_("No mailing is being sent or scheduled.")
            + (" " + _("Write the next Infoletter under Infoletter.") if user.has_perm("mailings.add_mailing") else ""),
            actions=actions,
            order=30,
        )
    ]
    waiting = list(queries.imports_waiting_for(user)[:LIMIT])
    if waiting:
        items = [
            DashboardItem(
                record.filename,
                reverse("mailings:subscriber_import_review", args=[record.pk]),
                _("subscriber list, %(stage)s") % {"stage": record.get_stage_display()},
            )
            for record in waiting
        ]
        found.append(DashboardPanel(key="imports", title=_("Imports waiting for your review"), items=items, order=40))
    return found


def _item(mailing, progress) -> DashboardItem:
    done, total = progress
    if mailing.status == mailing.Status.SCHEDULED and mailing.scheduled_at:
        detail = _("scheduled for %(when)s") % {
            "when": date_format(timezone.localtime(mailing.scheduled_at), "SHORT_DATETIME_FORMAT")
        }
    else:
        percent = round(done * 100 / total) if total else 0
        detail = _("%(status)s: %(done)d of %(total)d messages handled (%(percent)d %%)") % {
            "status": mailing.get_status_display(),
            "done": done,
            "total": total,
            "percent": percent,
        }
    flag = _("needs attention") if mailing.status == mailing.Status.STOPPED else ""
    return DashboardItem(mailing.subject, mailing.get_absolute_url(), detail, flag)
