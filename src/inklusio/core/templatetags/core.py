from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from ..branding import branding_for

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code):
    """This page in another language; for an address that matches no page (a 404) the same address with the
    other language's prefix, so the error page itself can be read in that language."""
    path = context["request"].get_full_path()
    translated = translate_url(path, language_code)
    if translated != path or language_code == get_language():
        return translated
    return _swap_language_prefix(path, language_code)


def _swap_language_prefix(path: str, language_code: str) -> str:
    prefixes = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    first, _slash, rest = path.lstrip("/").partition("/")
    bare = f"/{rest}" if first in prefixes else path
    return bare if language_code == settings.LANGUAGE_CODE else f"/{language_code}{bare}"


@register.simple_tag
def mail_signature(project=None):
    """The organisation's mail signature (with ``project``'s own, if set), after the usual "-- " separator."""
    return "-- \n" + branding_for(project).signature.strip()


@register.simple_tag
def organisation_branding(project=None):
    """``{% organisation_branding project as branding %}`` for documents rendered without a request."""
    return branding_for(project)


@register.filter
def choice_groups(bound_field):
    """``[(group label or None, [choices])]`` of a multiple-choice field: grouped choices (``[(label, [...])]``)
    are shown as one fieldset each, so every checkbox says which group it belongs to."""
    choices = iter(bound_field.subwidgets)
    widget = bound_field.field.widget
    groups = widget.optgroups(bound_field.html_name, widget.format_value(bound_field.value()))
    return [(label, [next(choices) for _option in options]) for label, options, _index in groups]
