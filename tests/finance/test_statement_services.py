"""Statements: totals from the receipts, the threshold boundary, explanations, submit (freeze), new versions."""

from datetime import date
from decimal import Decimal as D

import pytest

from inklusio.core.models import AuditEvent
from inklusio.finance import statements
from inklusio.finance.models import DeviationExplanation, Receipt, Statement
from tests.finance import statement_fixtures
from tests.finance.statement_fixtures import add_receipt

books = statement_fixtures.books

pytestmark = pytest.mark.django_db

YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def make(project, lead, kind="interim", period=YEAR):
    return statements.create(project, kind, *period, lead)


def lines(figures):
    return {(line.category_key, line.year): line for line in figures.lines}


def test_totals_equal_the_sum_of_the_receipts(project, books, lead):
    figures = statements.figures(make(project, lead))
    by_key = lines(figures)
    direct = sum((line.actual for key, line in by_key.items() if key[0] != "verwaltung"), D("0"))
    assert direct == sum(r.net for r in Receipt.objects.filter(project=project)) == D("11950.00")
    assert by_key[("reisekosten", 2024)].actual == D("700.00")  # the refund is negative and counted
    flat = by_key[("verwaltung", 2024)]
    assert flat.actual == D("836.50")  # 7 % of the direct costs
    assert figures.actual_total == direct + flat.actual
    assert figures.planned_total == D("11500.00") + D("805.00")
    assert sum(share.actual for share in figures.financing) == figures.actual_total


def test_deviation_exactly_at_the_threshold_is_not_flagged_above_it_is(project, books, lead):
    by_key = lines(statements.figures(make(project, lead)))
    assert by_key[("honorare", 2024)].deviation_percent == D("20.0")
    assert not by_key[("honorare", 2024)].flagged
    assert by_key[("reisekosten", 2024)].flagged  # +40 %
    assert by_key[("sachkosten", 2024)].flagged  # spent without a plan
    assert not by_key[("personal", 2024)].flagged
    add_receipt(project, books["categories"]["honorare"], "H-2", "0.01", date(2024, 4, 16))
    assert lines(statements.figures(Statement.objects.get()))[("honorare", 2024)].flagged  # one cent above


def test_complete_only_when_every_flagged_line_is_explained(project, books, lead):
    statement = make(project, lead)
    assert len(statements.figures(statement).missing) == 2
    statements.explain(statement, "reisekosten", 2024, "Mehr Regionaltermine.", lead)
    assert not statements.figures(statement).complete
    statements.explain(statement, "sachkosten", 2024, "  Druckerpatrone.  ", lead)
    assert statements.figures(statement).complete
    assert DeviationExplanation.objects.get(category__key="sachkosten").text == "Druckerpatrone."
    statements.explain(statement, "sachkosten", 2024, "   ", lead)  # empty: removed again
    assert not statements.figures(statement).complete


def test_an_unflagged_line_takes_no_explanation(project, books, lead):
    statement = make(project, lead)
    with pytest.raises(statements.StatementError):
        statements.explain(statement, "honorare", 2024, "nicht nötig", lead)
    assert not DeviationExplanation.objects.exists()


def test_submit_refused_while_incomplete(project, books, lead):
    statement = make(project, lead)
    with pytest.raises(statements.StatementError):
        statements.submit(statement, lead)
    statement.refresh_from_db()
    assert not statement.is_submitted and statement.snapshot is None


def explained_and_submitted(project, lead):
    statement = make(project, lead)
    statements.explain(statement, "reisekosten", 2024, "Mehr Regionaltermine.", lead)
    statements.explain(statement, "sachkosten", 2024, "Druckerpatrone.", lead)
    return statements.submit(statement, lead)


def test_a_submitted_statement_stays_unchanged_after_edits(project, books, lead):
    submitted = explained_and_submitted(project, lead)
    before = statements.figures(submitted)
    assert submitted.submitted_by == lead and submitted.submitted_at
    # receipts change afterwards: a new one, a changed amount, a deleted one
    add_receipt(project, books["categories"]["personal"], "P-3", "5000", date(2024, 7, 1))
    Receipt.objects.filter(number="H-1").update(gross=D("3000"))
    Receipt.objects.filter(number="S-1").delete()
    frozen = Statement.objects.get(pk=submitted.pk)
    assert statements.figures(frozen) == before
    assert statements.figures(frozen).actual_total == D("12786.50")
    assert statements.compute(frozen).actual_total != before.actual_total  # the records did change
    with pytest.raises(statements.StatementError):
        statements.explain(frozen, "reisekosten", 2024, "geändert", lead)
    with pytest.raises(statements.StatementError):
        statements.submit(frozen, lead)
    assert Statement.objects.get(pk=submitted.pk).snapshot == submitted.snapshot


def test_new_version_copies_the_explanations_and_leaves_the_old_one(project, books, lead):
    submitted = explained_and_submitted(project, lead)
    successor = statements.new_version(submitted, lead)
    assert (successor.version, successor.supersedes, successor.is_submitted) == (2, submitted, False)
    assert (successor.period_start, successor.period_end, successor.kind) == (
        submitted.period_start,
        *YEAR[1:],
        "interim",
    )
    assert sorted(successor.explanations.values_list("category__key", flat=True)) == ["reisekosten", "sachkosten"]
    with pytest.raises(statements.StatementError):
        statements.new_version(submitted, lead)  # one successor only
    with pytest.raises(statements.StatementError):
        statements.new_version(successor, lead)  # a draft is changed, not versioned
    statements.explain(successor, "reisekosten", 2024, "Neu begründet.", lead)
    assert lines(statements.figures(submitted))[("reisekosten", 2024)].explanation == "Mehr Regionaltermine."


def test_every_change_is_audited(project, books, lead):
    submitted = explained_and_submitted(project, lead)
    statements.new_version(submitted, lead)
    actions = list(
        AuditEvent.objects.filter(action__startswith="finance.statement")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "finance.statement_created",
        "finance.statement_explained",
        "finance.statement_explained",
        "finance.statement_submitted",
        "finance.statement_new_version",
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2023, 12, 31), date(2024, 12, 31)),
        (date(2024, 1, 1), date(2027, 1, 1)),
        (date(2024, 5, 1), date(2024, 4, 30)),
    ],
)
def test_the_period_must_lie_in_the_project_and_not_end_before_it_starts(project, lead, start, end):
    with pytest.raises(statements.StatementError):
        statements.create(project, "final", start, end, lead)
    assert not Statement.objects.exists()


def test_the_snapshot_round_trips(project, books, lead):
    figures = statements.compute(make(project, lead))
    assert statements.Figures.from_json(figures.as_json()) == figures
