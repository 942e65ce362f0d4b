"""Finance rules that need the database: the statement of a period, computed from the plan and the receipts."""

from datetime import date

from . import queries, statement
from .money import ZERO, percent_of


def _with_flat_rates(amounts: dict, categories) -> dict:
    """Add each flat-rate category as its percentage of the year's other costs (planned or actual alike)."""
    flat = queries.flat_rate_categories(categories)
    if not flat:
        return amounts
    flat_keys = {c.key for c in flat}
    result = {k: v for k, v in amounts.items() if k[0] not in flat_keys}
    for year in {year for _key, year in result}:
        direct = sum((v for (key, y), v in result.items() if y == year), ZERO)
        for category in flat:
            result[(category.key, year)] = percent_of(direct, category.flat_rate_percent)
    return result


def years_of(start: date, end: date) -> range:
    return range(start.year, end.year + 1)


def compute_statement(project, start: date, end: date, explanations: dict | None = None) -> statement.Statement:
    """Plan against actual for the project in the period (whole plan years, receipts by payment date).

    An interim period that ends inside a year compares that year's whole plan with what was spent so far.
    """
    plan = getattr(project, "finance_plan", None)
    categories = queries.categories_of(project.funder)
    years = years_of(start, end)
    planned = queries.planned_amounts(plan, years) if plan else {}
    actual = queries.actual_amounts(project, start, end)
    financing = queries.financing_amounts(plan, years) if plan else {}
    return statement.build(
        [(c.key, c.name) for c in categories],
        _with_flat_rates(planned, categories),
        _with_flat_rates(actual, categories),
        threshold_percent=plan.deviation_threshold_percent if plan else statement.DEFAULT_THRESHOLD_PERCENT,
        explanations=explanations,
        financing=[(kind, name, amount) for (kind, name), amount in financing.items()],
    )
