from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import NavItem, PeriodicJob


class WebhooksConfig(AppConfig):
    """Webhooks: signed JSON messages to other systems when something happens (docs/webhooks.md)."""

    name = "inklusio.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"
    # Safe to run again after its worker died: every delivery keeps its own state (claimed rows expire).
    rerunnable_tasks = ["inklusio.webhooks.tasks.deliver_due"]
    nav_items = [NavItem(_("Webhooks"), "webhooks:list", "webhooks.view_subscription")]

    @property
    def periodic_jobs(self):
        from . import conf  # noqa: PLC0415 — settings are read when the scheduler asks

        return [PeriodicJob("webhooks.deliver", "inklusio.webhooks.tasks.deliver_due", conf.poll_interval())]

    def ready(self):
        from . import services  # noqa: PLC0415 — models load after apps.py

        services.connect()

    def erase_person(self, person, actor):
        from .services import erase_person  # noqa: PLC0415 — models load after apps.py

        return erase_person(person, actor)

    def dashboard_panels(self, user, today):
        from .dashboard import panels  # noqa: PLC0415 — models load after apps.py

        return panels(user, today)
