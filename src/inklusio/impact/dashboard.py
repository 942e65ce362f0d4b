"""The impact panel of the staff overview: indicators behind their target (for those who can act on them) or,
for a read-only reviewer, every figure with a target."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inklusio.core.extensions import DashboardItem, DashboardPanel
from inklusio.core.models import Project

from . import services


def panels(user, today) -> list[DashboardPanel]:
    if not user.has_perm("impact.view_reportsection"):
        return []
    editor = user.has_perm("impact.change_target")
    title = _("Indicators behind their target") if editor else _("Figures against their targets")
    order = 25 if editor else 5
    project = Project.objects.filter(start__lte=today, end__gte=today).order_by("-start", "pk").first()
    if project is None:
        empty = _("No project runs today. Projects are set up under Projects.")
        return [DashboardPanel(key="impact", title=title, empty=empty, order=order)]
    lang = "en" if (get_language() or "de").startswith("en") else "de"
    rows = services.target_progress(project, today, lang, user=user)
    url = reverse("impact:dashboard", args=[project.slug])
    actions = [DashboardItem(_("Impact dashboard of %(project)s") % {"project": project.title}, url)]
    if not rows:
        empty = (
            _("No targets set for this project yet. Set them on the impact dashboard.")
            if editor
            else _("No targets have been set for this project yet.")
        )
    elif editor:
        empty = _("Every indicator with a target is on track.")
    else:
        empty = ""
    shown = [row for row in rows if row.behind] if editor else rows
    items = [_item(row, url, lang) for row in shown]
    return [DashboardPanel(key="impact", title=title, items=items, empty=empty, actions=actions, order=order)]


def _item(row, url, lang) -> DashboardItem:
    number = services.format_number
    if row.value is None:
        detail = _("no value yet; target %(target)s %(unit)s") % {"target": number(row.target, lang), "unit": row.unit}
    else:
        detail = _("%(value)s of %(target)s %(unit)s; about %(expected)s expected by now") % {
            "value": number(row.value, lang),
            "target": number(row.target, lang),
            "unit": row.unit,
            "expected": number(round(row.expected), lang),
        }
    return DashboardItem(row.label, url, detail, _("behind") if row.behind else "")
