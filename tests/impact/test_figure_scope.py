"""Figures that share one grouped query inside a report (core.extensions.figure_scope) equal the figures counted
one by one, and nothing is kept beyond the scope."""

from datetime import date

import pytest
from django.db.models import Count, F
from django.db.models.functions import Coalesce

from inklusio.contacts import figures as contact_figures
from inklusio.contacts.models import Inquiry, Organisation, Person, StakeholderType
from inklusio.core.extensions import figure_scope, in_figure_scope, shared_figure
from inklusio.impact import services

pytestmark = pytest.mark.django_db


def test_shared_figure_is_computed_once_inside_a_scope_and_every_time_outside():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert shared_figure(("k",), compute) == 1
    assert shared_figure(("k",), compute) == 2
    with figure_scope():
        assert in_figure_scope()
        assert shared_figure(("k",), compute) == 3
        with figure_scope():  # nested: the same scope
            assert shared_figure(("k",), compute) == 3
        assert shared_figure(("other",), compute) == 4
    assert not in_figure_scope()
    assert shared_figure(("k",), compute) == 5


def _reference(project, start, end, lang_field="name_de"):
    """The figures as they were counted before the grouped query (one query each)."""
    qs = Inquiry.objects.filter(project=project, received_on__gte=start, received_on__lte=end).order_by()
    own = qs.filter(person__stakeholder_type__isnull=False).values_list("person__stakeholder_type", flat=True)
    org = qs.filter(organisation__isnull=False).values_list("organisation__stakeholder_type", flat=True)
    rows = (
        qs.annotate(
            group=Coalesce(
                F(f"organisation__stakeholder_type__{lang_field}"), F(f"person__stakeholder_type__{lang_field}")
            )
        )
        .exclude(group=None)
        .values("group")
        .annotate(n=Count("id"))
    )
    return qs.count(), len(set(own.union(org))), {row["group"]: row["n"] for row in rows}


def test_inquiry_figures_in_a_scope_equal_the_one_by_one_counts(project):
    types = {t.code: t for t in StakeholderType.objects.all()}
    chamber = Organisation.objects.create(name="IHK Kassel", stakeholder_type=types["chamber"])
    centre = Organisation.objects.create(name="Jobcenter Kassel", stakeholder_type=types["job_centre"])
    apprentice = Person.objects.create(last_name="Yılmaz", stakeholder_type=types["apprentice"])
    plain = Person.objects.create(last_name="Ohne Typ")
    day = date(2025, 3, 1)
    for kwargs, n in [
        ({"organisation": chamber}, 3),
        ({"organisation": chamber, "person": apprentice}, 2),
        ({"organisation": centre, "person": apprentice}, 4),
        ({"organisation": centre, "person": plain}, 1),
        ({"person": apprentice}, 5),
        ({"person": plain}, 6),
        ({}, 7),
    ]:
        Inquiry.objects.bulk_create(
            [Inquiry(project=project, received_on=day, channel="email", topic="Frage", **kwargs) for _ in range(n)]
        )
    start, end = project.start, project.end
    total, reached, by_type = _reference(project, start, end)
    with figure_scope():
        assert contact_figures.inquiries(project, start, end) == total == 28
        assert contact_figures.stakeholder_types_reached(project, start, end) == reached == 3
        assert contact_figures.inquiries_by_stakeholder_type(project, start, end) == by_type
    assert contact_figures.inquiries(project, start, end) == total  # outside a scope: counted on its own
    report = services.build_report(project, start, end, "de")
    assert report.figures_by_code["inquiries"].value == total
    assert report.figures_by_code["stakeholder_types_reached"].value == reached
