"""finance.demo_statements: a submitted interim statement of the reference project's first year, explained."""

from datetime import date
from decimal import Decimal as D

import pytest

from inklusio.core.demo import REFERENCE_SLUG
from inklusio.core.models import Project
from inklusio.finance import demo_statements, statements
from inklusio.finance.demo import FUNDER, categories_for
from inklusio.finance.models import Plan, PlanLine, Statement
from tests.finance.statement_fixtures import add_receipt

pytestmark = pytest.mark.django_db


def test_load_makes_a_submitted_explained_interim_statement(make_user):
    project = Project.objects.create(
        title="Referenz", slug=REFERENCE_SLUG, funder=FUNDER, start=date(2022, 10, 1), end=date(2025, 9, 30)
    )
    categories = {c.key: c for c in categories_for(FUNDER)}
    plan = Plan.objects.create(project=project)
    PlanLine.objects.create(plan=plan, category=categories["personal"], year=2022, amount=D("15000"))
    PlanLine.objects.create(plan=plan, category=categories["reisekosten"], year=2022, amount=D("600"))
    PlanLine.objects.create(plan=plan, category=categories["personal"], year=2023, amount=D("60000"))
    add_receipt(project, categories["personal"], "2022-001", "15200", date(2022, 12, 20))
    add_receipt(project, categories["reisekosten"], "2022-002", "200", date(2022, 11, 3))  # -67 %: flagged
    add_receipt(project, categories["honorare"], "2022-003", "900", date(2022, 11, 20))  # not planned: flagged
    add_receipt(project, categories["personal"], "2023-001", "5000", date(2023, 1, 31))  # outside the period
    lead = make_user("project_lead", username="demo")
    context = {"reference_project": project, "team": {"demo": lead}}

    demo_statements.load(context)

    statement = Statement.objects.get()
    assert context["finance_statement"] == statement
    assert (statement.kind, statement.period_start, statement.period_end) == (
        "interim",
        date(2022, 10, 1),
        date(2022, 12, 31),
    )
    assert statement.is_submitted and statement.submitted_by == lead
    figures = statements.figures(statement)
    assert figures.complete and {(line.category_key, line.year) for line in figures.flagged} == {
        ("reisekosten", 2022),
        ("honorare", 2022),
    }
    assert all(line.explanation for line in figures.flagged)
    assert {line.year for line in figures.lines} == {2022}
