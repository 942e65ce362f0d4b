"""Template filters for showing people the way the person picker does (organisation and email domain)."""

from django import template

from inklusio.contacts import picker

register = template.Library()


@register.filter
def email_domain(email):
    return picker.email_domain(email)


@register.filter
def picker_detail(person):
    """'Organisation · @domain' for a person whose affiliations are prefetched."""
    return picker.describe(person)
