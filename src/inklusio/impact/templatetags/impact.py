from django import template
from django.utils.translation import get_language

from inklusio.impact.services import format_number

register = template.Library()


@register.filter
def num(value):
    """A figure with the language's separators; empty for no value."""
    return format_number(value, "en" if (get_language() or "de").startswith("en") else "de")


@register.filter
def signed(value):
    if value is None:
        return ""
    text = num(value)
    return f"+{text}" if value > 0 else text.replace("-", "−")
