"""The contacts' figures for the impact report: inquiries and stakeholder types reached.

Registered through ``ContactsConfig.impact_indicators``, the same hook as every other area's figures.
"""

from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language

from inklusio.core.extensions import Binding, Breakdown

from .models import Inquiry


def _inquiries(project, start, end):
    return Inquiry.objects.filter(project=project, received_on__gte=start, received_on__lte=end)


def inquiries(project, start, end) -> int:
    return _inquiries(project, start, end).count()


def inquiries_url(project, start, end) -> str:
    return reverse("contacts:inquiry_list")


def stakeholder_types_reached(project, start, end) -> int:
    """Distinct stakeholder types of the people (own type) and organisations behind the period's inquiries."""
    qs = _inquiries(project, start, end).order_by()
    own = qs.filter(person__stakeholder_type__isnull=False).values_list("person__stakeholder_type", flat=True)
    org = qs.filter(organisation__isnull=False).values_list("organisation__stakeholder_type", flat=True)
    return len(set(own.union(org)))


def inquiries_by_stakeholder_type(project, start, end) -> dict[str, int]:
    """Inquiries per stakeholder type of the inquiring organisation (or the person's own type)."""
    name = "name_en" if (get_language() or "de").startswith("en") else "name_de"
    rows = (
        _inquiries(project, start, end)
        .annotate(group=Coalesce(F(f"organisation__stakeholder_type__{name}"), F(f"person__stakeholder_type__{name}")))
        .exclude(group=None)
        .values("group")
        .annotate(n=Count("id"))
    )
    return {row["group"]: row["n"] for row in rows}


INDICATORS = [
    Binding("inquiries", inquiries, inquiries_url),
    Binding("stakeholder_types_reached", stakeholder_types_reached, inquiries_url),
    Breakdown(
        "target_groups",
        "Kontaktaufnahmen nach Akteursgruppe",
        "Inquiries by stakeholder type",
        inquiries_by_stakeholder_type,
    ),
]
