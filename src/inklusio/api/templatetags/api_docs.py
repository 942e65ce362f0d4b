from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def translated(text: str) -> str:
    """The docs page's texts from the schema (summaries, descriptions), in the reader's language where translated."""
    return gettext(text) if text else text
