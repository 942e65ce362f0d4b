"""Finance's cost figures for the impact report and dashboard, computed from the plan and the receipts.

Two kinds of figure, each an :class:`IndicatorDefinition` of finance's own (not in the impact catalogue):

- **cost per participant** of the events held in the period, over all events and per event kind: what the
  receipts linked to those events add up to (the amount that counts, net of deducted VAT; credit notes and
  refunds subtract), divided by the people who took part in them (``events.figures.participants_by_kind``).
  Only events that have begun count, for the costs as for the participants; a linked receipt counts whatever its
  date, since an event's costs are often paid before or after it. No value without participants or without a
  linked receipt (nothing linked is no evidence of an event costing nothing).
- **share of the budget spent**: the actual costs (receipts by payment date, with the administrative flat rate)
  against the planned costs, as computed for the statement (``services.compute_statement``'s rules). The stock
  figure takes everything spent up to the end of the period against the whole plan; the yearly figure takes what
  was spent in the period against the plan of the years the period falls in, so a calendar year gives that
  year's share. No value without a plan or with nothing planned.

Cost figures are for those who keep or check the books: each definition needs ``finance.view_statement`` (the
finance role, the project lead and the funder's reviewer hold it; staff and coordinators do not), and the report
and dashboard leave a cost figure out where it has no value, so a project without a finance plan shows none.
Every compute function runs a fixed number of aggregate queries, shared inside a report (``shared_figure``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from inklusio.core.extensions import IndicatorDefinition, shared_figure
from inklusio.events import figures as event_figures

from . import queries
from .models import Plan, PlanLine, Receipt
from .money import ZERO, cents, share, total
from .services import _with_flat_rates

PERMISSION = "finance.view_statement"
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)  # the years a plan may hold (PlanLine.year)

# Event kinds (events.models.Event.Kind) with their names in the report's two languages.
EVENT_KINDS = {
    "conference_day": ("Fachtage", "expert days"),
    "online_congress": ("Online-Kongresse", "online congresses"),
    "workshop": ("Workshops", "workshops"),
    "hybrid": ("hybriden Veranstaltungen", "hybrid events"),
}


# -- the sums (a fixed number of grouped queries, each shared inside one report) ----------------------------


def _event_costs(project, start, end) -> dict[str, tuple[Decimal, int]]:
    """``{event kind: (amount that counts, receipts)}`` of the receipts linked to events held in the period."""

    def compute():
        held = event_figures.held_events(project, start, end).filter(starts_at__lte=timezone.now())
        rows = (
            Receipt.objects.filter(project=project, event__in=held.values("pk"))
            .values("event__kind")
            .annotate(amount=Sum(queries.COUNTED), receipts=Count("id"))
            .order_by()
        )
        return {row["event__kind"]: (cents(row["amount"]), row["receipts"]) for row in rows}

    return shared_figure(("finance.event_costs", project.pk, start, end), compute)


def cost_per_participant_of(project, start, end, kinds=None) -> float | None:
    """Euros per participant of the events of ``kinds`` (all kinds: None) held in the period, or None."""
    costs = _event_costs(project, start, end)
    participants = event_figures.participants_by_kind(project, start, end)
    chosen = [kind for kind in {*costs, *participants} if kinds is None or kind in kinds]
    receipts = sum(costs.get(kind, (ZERO, 0))[1] for kind in chosen)
    people = sum(participants.get(kind, 0) for kind in chosen)
    if not receipts or not people:
        return None
    amount = total(costs.get(kind, (ZERO, 0))[0] for kind in chosen)
    return float(cents(amount / people))


@dataclass(frozen=True)
class _Budget:
    plan_years: tuple[int, ...]
    planned: dict  # (category key, year) -> Decimal, flat rates included


def _categories(funder: str) -> list:
    """The funder's cost categories, read once inside a report (the budget and every period's actual use them)."""
    return shared_figure(("finance.categories", funder), lambda: queries.categories_of(funder))


def _budget(project) -> _Budget | None:
    """The plan's costs per category and year with the flat rates, or None when the project has no plan."""

    def compute():
        plan = Plan.objects.filter(project=project).first()
        if plan is None:
            return None
        years = tuple(sorted(set(PlanLine.objects.filter(plan=plan).values_list("year", flat=True).distinct())))
        categories = _categories(project.funder)
        return _Budget(years, _with_flat_rates(queries.planned_amounts(plan, years), categories))

    return shared_figure(("finance.budget", project.pk), compute)


def _actual(project, start, end) -> dict:
    def compute():
        categories = _categories(project.funder)
        return _with_flat_rates(queries.actual_amounts(project, start, end), categories)

    return shared_figure(("finance.actual", project.pk, start, end), compute)


def budget_spent_share(project, start, end) -> float | None:
    """Per cent of the whole plan's costs spent up to the end of the period (a stock figure)."""
    budget = _budget(project)
    if budget is None:
        return None
    planned = total(budget.planned.values())
    spent = total(_actual(project, EARLIEST, end).values())
    value = share(spent, planned)
    return None if value is None else float(value)


def budget_spent_share_period(project, start, end) -> float | None:
    """Per cent of the plan of the years the period falls in that was spent in the period (a flow figure)."""
    budget = _budget(project)
    if budget is None:
        return None
    years = set(range(start.year, end.year + 1))
    planned = total(amount for (_key, year), amount in budget.planned.items() if year in years)
    spent = total(_actual(project, start, end).values())
    value = share(spent, planned)
    return None if value is None else float(value)


@dataclass(frozen=True)
class YearSpent:
    year: int
    planned: Decimal
    actual: Decimal
    share: Decimal | None  # per cent, one decimal place; None where nothing was planned


def spending_by_year(project, until: date | None = None) -> list[YearSpent]:
    """The share of the budget spent per plan year (receipts up to ``until``, default: all), flat rates included."""
    budget = _budget(project)
    if budget is None:
        return []
    actual = _actual(project, EARLIEST, until or LATEST)
    years = sorted({*budget.plan_years, *(year for _key, year in actual)})
    rows = []
    for year in years:
        planned = total(a for (_k, y), a in budget.planned.items() if y == year)
        spent = total(a for (_k, y), a in actual.items() if y == year)
        rows.append(YearSpent(year, planned, spent, share(spent, planned)))
    return rows


# -- the indicators -----------------------------------------------------------------------------------------


def _cost_indicator(code, label_de, label_en, definition_de, definition_en, compute, **kw) -> IndicatorDefinition:
    return IndicatorDefinition(
        code=code,
        label_de=label_de,
        label_en=label_en,
        unit_de=kw.pop("unit_de", "Euro"),
        unit_en=kw.pop("unit_en", "euros"),
        level=1,
        chain="input",
        kind=kw.pop("kind", "flow"),
        higher_is_better=kw.pop("higher_is_better", False),
        definition_de=definition_de,
        definition_en=definition_en,
        app="finance",
        compute=compute,
        permission=PERMISSION,
    )


_PER_PARTICIPANT_DE = (
    "Summe der Belege, die {what} zugeordnet sind (netto, wo Vorsteuer abgezogen wird; Gutschriften und "
    "Erstattungen mindern), geteilt durch die Teilnehmenden dieser Veranstaltungen (bestätigte Anmeldungen mit "
    "Anwesenheit). Gezählt werden Veranstaltungen, die im Zeitraum begonnen haben."
)
_PER_PARTICIPANT_EN = (
    "The receipts linked to {what} (net where input VAT is deducted; credit notes and refunds subtract), divided "
    "by the people who took part in them (confirmed registrations with an attendance). Events that began in the "
    "period count."
)


def _per_kind(kind: str) -> IndicatorDefinition:
    name_de, name_en = EVENT_KINDS[kind]
    return _cost_indicator(
        f"cost_per_participant_{kind}",
        f"Kosten je teilnehmende Person ({name_de})",
        f"Cost per participant ({name_en})",
        _PER_PARTICIPANT_DE.format(what=name_de),
        _PER_PARTICIPANT_EN.format(what=name_en),
        lambda project, start, end: cost_per_participant_of(project, start, end, {kind}),
    )


def cost_per_participant(project, start, end) -> float | None:
    return cost_per_participant_of(project, start, end)


INDICATORS = [
    _cost_indicator(
        "cost_per_participant",
        "Kosten je teilnehmende Person (alle Veranstaltungen)",
        "Cost per participant (all events)",
        _PER_PARTICIPANT_DE.format(what="Veranstaltungen"),
        _PER_PARTICIPANT_EN.format(what="events"),
        cost_per_participant,
    ),
    *(_per_kind(kind) for kind in EVENT_KINDS),
    _cost_indicator(
        "budget_spent_share",
        "Anteil des Budgets verausgabt",
        "Share of the budget spent",
        "Tatsächliche Kosten bis zum Ende des Zeitraums (Belege nach Zahlungsdatum, mit Verwaltungskostenpauschale) "
        "in Prozent der geplanten Kosten des ganzen Kosten- und Finanzierungsplans.",
        "Actual costs up to the end of the period (receipts by payment date, with the administrative flat rate) "
        "in per cent of the planned costs of the whole cost and financing plan.",
        budget_spent_share,
        unit_de="%",
        unit_en="%",
        kind="stock",
        higher_is_better=True,
    ),
    _cost_indicator(
        "budget_spent_share_period",
        "Anteil des Jahresbudgets verausgabt",
        "Share of the year's budget spent",
        "Tatsächliche Kosten im Zeitraum in Prozent der geplanten Kosten der Planjahre, in die der Zeitraum fällt "
        "(für ein Kalenderjahr: der Anteil des Jahresbudgets).",
        "Actual costs in the period in per cent of the planned costs of the plan years the period falls in "
        "(for a calendar year: the share of that year's budget).",
        budget_spent_share_period,
        unit_de="%",
        unit_en="%",
        higher_is_better=True,
    ),
]
