from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inklusio.core.branding import branding_for

from ..models import SitePage
from ..queries import company_of, current_project, site_page

register = template.Library()


def _url(name: str, fallback_path: str) -> str:
    """Reverse a URL of an app that may not exist yet (events, Infoletter), else the mount point's path."""
    try:
        return reverse(name)
    except NoReverseMatch:
        prefix = "" if (get_language() or "de") == "de" else f"/{get_language()}"
        return prefix + fallback_path


@register.simple_tag(takes_context=True)
def public_nav(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    namespace = getattr(match, "namespace", "") or ""
    url_name = getattr(match, "url_name", "") or ""
    items = [
        (_("Home"), reverse("public:home"), namespace == "public" and url_name == "home"),
        (_("Training offers"), reverse("public:offer_list"), namespace == "public" and url_name.startswith("offer")),
        (
            _("Good practice"),
            reverse("public:story_list"),
            namespace == "public" and url_name in {"story_list", "goodpractice_detail"},
        ),
        (_("Events"), _url("events_public:list", "/events/"), namespace.startswith("events_public")),
        (_("Infoletter"), _url("mailings_public:signup", "/infoletter/"), namespace.startswith("mailings_public")),
        (_("Contact"), reverse("public:contact"), namespace == "public" and url_name.startswith("contact")),
    ]
    return [{"label": label, "url": url, "current": current} for label, url, current in items]


# The Leichte Sprache navigation: (label, URL name). A page that is not (yet) there is left out.
EASY_NAV = [
    ("Start", "public_easy:home"),
    ("Veranstaltungen", "events_easy:list"),
    ("Angebote für die Ausbildung", "public_easy:offer_list"),
    ("Gute Beispiele", "public_easy:story_list"),
    ("Infoletter", "mailings_easy:signup"),
    ("Kontakt", "public_easy:contact"),
    ("Barriere-Freiheit", "public_easy:accessibility"),
    ("Daten-Schutz", "public_easy:privacy"),
]


@register.simple_tag(takes_context=True)
def easy_nav(context):
    """The navigation of the Leichte Sprache pages, in Leichte Sprache; the current section is marked."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = f"{match.namespace}:{match.url_name}" if match else ""
    items = []
    for label, name in EASY_NAV:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        section = name.rsplit(":", 1)[0] if name == "events_easy:list" else name
        is_current = current == name or (section != name and current.startswith(section + ":"))
        items.append({"label": label, "url": url, "current": is_current})
    return items


@register.inclusion_tag("public/includes/funding_credit.html")
def funding_credit():
    project = current_project()
    return {"project": project, "page": site_page(project, SitePage.Kind.HOME), "branding": branding_for(project)}


@register.simple_tag(takes_context=True)
def own_company(context):
    request = context.get("request")
    return company_of(request.user) if request is not None else None
