"""The staff overview: every app's panels (``AppConfig.dashboard_panels(user, today)``), collected here.

Core imports no domain app: each app builds its panels from its own query functions, so a role sees what it may
see, and links only where it has the permission.
"""

from dataclasses import replace

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .extensions import DashboardItem, DashboardPanel, _configs_with
from .models import Project


def dashboard_panels_for(user, today) -> list[DashboardPanel]:
    """The panels for ``user`` on ``today``, by order; panels sharing a key are merged into the first one."""
    merged: dict[str, DashboardPanel] = {}
    for config in _configs_with("dashboard_panels"):
        for panel in config.dashboard_panels(user, today):
            first = merged.get(panel.key)
            if first is None:
                merged[panel.key] = panel
            else:
                merged[panel.key] = replace(
                    first, items=[*first.items, *panel.items], actions=[*first.actions, *panel.actions]
                )
    return sorted(merged.values(), key=lambda panel: (panel.order, str(panel.title)))


def panels(user, today) -> list[DashboardPanel]:
    """Core's own panel: the projects running today (or how to create the first one)."""
    may_open = user.has_perm("core.view_project")
    if not (may_open or user.has_perm("core.add_project")):
        return []
    running = list(Project.objects.filter(start__lte=today, end__gte=today).order_by("-start", "pk")[:5])
    items = [
        DashboardItem(
            project.title,
            project.get_absolute_url() if may_open else "",
            f"{date_format(project.start, 'SHORT_DATE_FORMAT')} – {date_format(project.end, 'SHORT_DATE_FORMAT')}",
        )
        for project in running
    ]
    actions = [DashboardItem(_("All projects"), reverse("core:project_list"))] if may_open else []
    if user.has_perm("core.add_project"):
        actions.append(DashboardItem(_("Create a project"), reverse("core:project_create")))
    empty = _("No project runs today.")
    if user.has_perm("core.add_project"):
        empty += " " + _("Create the project you are working on, with its funder, period and targets.")
    return [
        DashboardPanel(key="projects", title=_("Projects running"), items=items, empty=empty, actions=actions, order=90)
    ]
