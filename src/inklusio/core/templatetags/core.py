from django import template
from django.urls import translate_url

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
    return translate_url(context["request"].get_full_path(), language_code)


@register.simple_tag
def mail_signature(project=None):
    """The organisation's mail signature (with ``project``'s own, if set), after the usual "-- " separator."""
    return "-- \n" + branding_for(project).signature.strip()


@register.simple_tag
def organisation_branding(project=None):
    """``{% organisation_branding project as branding %}`` for documents rendered without a request."""
    return branding_for(project)
