from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsageConfig(AppConfig):
    name = "inklusio.usage"
    label = "usage"
    verbose_name = _("Use of the digital offers")
    impact_indicators = "inklusio.usage.figures:INDICATORS"
    demo_order = 80

    def ready(self):
        from . import buffer  # noqa: F401, PLC0415 — registers the exit flush and the fork reset once the app loads
