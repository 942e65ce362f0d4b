"""The staff overview's notice of webhook endpoints that were switched off because they kept failing."""

from django.utils.translation import gettext as _

from inklusio.core.extensions import DashboardItem, DashboardPanel

from . import queries


def panels(user, today) -> list[DashboardPanel]:
    if not user.has_perm("webhooks.view_subscription"):
        return []
    off = list(queries.switched_off()[:5])
    if not off:
        return []
    items = [DashboardItem(s.description, s.get_absolute_url(), s.disabled_reason, _("switched off")) for s in off]
    return [
        DashboardPanel(
            key="webhooks",
            title=_("Webhooks switched off"),
            items=items,
            summary=_("These endpoints kept failing and receive nothing until you switch them on again."),
            order=20,
        )
    ]
