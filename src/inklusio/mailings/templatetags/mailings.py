from django import template

from ..forms import SignupForm
from ..services import current_consent_text

register = template.Library()


@register.inclusion_tag("mailings/includes/signup_form.html", takes_context=True)
def infoletter_signup_form(context, source="", heading_level=2):
    """The Infoletter sign-up form for any page, e.g. ``{% infoletter_signup_form source="event:fachtag-2024" %}``."""
    consent = current_consent_text()
    return {
        "form": SignupForm(consent_text=consent, prefix=None),
        "consent": consent,
        "source": source,
        "heading_level": heading_level,
        "csrf_token": context.get("csrf_token"),
        "embedded": True,
    }
