"""The home page's extension hook: apps contribute blocks without the public app importing them.

An app declares on its AppConfig::

    public_home_blocks = ["events/includes/home_block.html"]

and, optionally, a method ``public_home_context(self, request, project) -> dict`` whose result is added to the
home page's context before the blocks are included. Blocks are included in the order of INSTALLED_APPS, then
in list order; a block whose template does not exist is skipped (and logged).
"""

import logging

from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

logger = logging.getLogger(__name__)


def home_blocks() -> list[str]:
    blocks = []
    for config in apps.get_app_configs():
        for name in getattr(config, "public_home_blocks", []):
            try:
                get_template(name)
            except TemplateDoesNotExist:
                logger.warning("Home block %s of %s does not exist; skipped.", name, config.label)
                continue
            blocks.append(name)
    return blocks


def home_context(request, project) -> dict:
    context = {}
    for config in apps.get_app_configs():
        if hasattr(config, "public_home_context"):
            context.update(config.public_home_context(request, project))
    return context
