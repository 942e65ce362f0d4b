from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import AccountLink


class ApiConfig(AppConfig):
    """The documented API: public read endpoints and token-authenticated staff endpoints (docs/api.md)."""

    name = "inklusio.api"
    label = "api"
    verbose_name = _("API")
    default_auto_field = "django.db.models.BigAutoField"
    account_links = [
        AccountLink(
            _("API tokens"),
            "api_tokens:list",
            _("Personal tokens for other systems that read or write inklusio's data in your name."),
        )
    ]
