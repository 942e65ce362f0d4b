from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def field_label(name) -> str:
    return str(name).replace("_", " ").capitalize()


@register.filter
def plain_value(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
