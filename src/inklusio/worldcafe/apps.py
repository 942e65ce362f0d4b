from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorldcafeConfig(AppConfig):
    name = "inklusio.worldcafe"
    label = "worldcafe"
    verbose_name = _("World Café")
