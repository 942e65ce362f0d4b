"""The contacts' figures for the impact report: inquiries and stakeholder types reached.

Registered through ``ContactsConfig.impact_indicators``, the same hook as every other area's figures.
"""

from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.urls import reverse
from django.utils.translation import get_language

from inklusio.core.extensions import Binding, Breakdown, in_figure_scope, shared_figure

from .models import Inquiry, StakeholderType


def _inquiries(project, start, end):
    return Inquiry.objects.filter(project=project, received_on__gte=start, received_on__lte=end)


def _groups(project, start, end) -> list[tuple[bool, int | None, int | None, int]]:
    """The period's inquiries counted per (has an organisation, the organisation's type, the person's own type):
    one grouped query that the three figures below share inside a report (``core.extensions.figure_scope``)."""

    def compute():
        # The inquiry's own copies of the types (contacts/inquiry_types.py): no join with the people and
        # organisations.
        rows = (
            _inquiries(project, start, end)
            .order_by()
            .values_list(
                ExpressionWrapper(Q(organisation__isnull=False), output_field=BooleanField()),
                "organisation_type_id",
                "person_type_id",
            )
            .annotate(n=Count("*"))
        )
        return [tuple(row) for row in rows]

    return shared_figure(("contacts.inquiry_groups", project.pk, start, end), compute)


def inquiries(project, start, end) -> int:
    if not in_figure_scope():
        return _inquiries(project, start, end).count()
    return sum(n for *_key, n in _groups(project, start, end))


def inquiries_url(project, start, end) -> str:
    return reverse("contacts:inquiry_list")


def stakeholder_types_reached(project, start, end) -> int:
    """Distinct stakeholder types of the people (own type) and organisations behind the period's inquiries (an
    organisation without a type counts as one more)."""
    own = {person_type for _has, _org, person_type, _n in _groups(project, start, end) if person_type is not None}
    org = {org_type for has_org, org_type, _person, _n in _groups(project, start, end) if has_org}
    return len(own | org)


def inquiries_by_stakeholder_type(project, start, end) -> dict[str, int]:
    """Inquiries per stakeholder type of the inquiring organisation (or the person's own type)."""
    name = "name_en" if (get_language() or "de").startswith("en") else "name_de"
    per_type: dict[int, int] = {}
    for _has, org_type, person_type, n in _groups(project, start, end):
        kind = org_type if org_type is not None else person_type
        if kind is not None:
            per_type[kind] = per_type.get(kind, 0) + n
    types = StakeholderType.objects.in_bulk(list(per_type)) if per_type else {}
    found: dict[str, int] = {}
    for kind, n in per_type.items():
        label = getattr(types[kind], name)
        found[label] = found.get(label, 0) + n
    return found


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
