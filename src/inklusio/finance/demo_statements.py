"""Demo statements: a submitted interim statement for the reference project's first plan year.

``load(context)`` is called by the finance demo after the demo plan and receipts exist. The statement covers
the project's start until the end of that calendar year (the plan's first year); every flagged deviation gets
a plausible explanation, then it is submitted by the demo lead, so the demo shows a frozen version.
"""

from datetime import date

from inklusio.core.demo import REFERENCE_SLUG
from inklusio.core.models import Project

from . import statements
from .models import CostCategory, StatementKind

OVER = {
    "personnel": "Tarifsteigerung zum Jahresbeginn und eine Aufstockung der Projektstelle während der Fachtage.",
    "fees": "Für den Fachtag wurden zusätzlich Gebärdensprachdolmetscherinnen und eine Moderation gebucht.",
    "travel": "Mehr Vor-Ort-Termine in den Regionen als geplant, um die Netzwerke aufzubauen.",
    "events": "Der Fachtag fand wegen der großen Nachfrage in einem größeren, barrierefreien Saal statt.",
}
UNDER = {
    "personnel": "Die zweite Projektstelle konnte erst später besetzt werden.",
    "fees": "Mehrere Workshops wurden von Partnern ohne Honorar übernommen.",
    "travel": "Viele Abstimmungen fanden online statt; Reisen entfielen.",
    "events": "Eine Veranstaltung wurde ins Folgejahr verschoben.",
}
GENERIC_OVER = "Mehrausgaben durch gestiegene Preise; sie werden im Folgejahr im Gesamtfinanzierungsplan ausgeglichen."
GENERIC_UNDER = (
    "Geringere Ausgaben als geplant, weil Maßnahmen später begonnen haben; die Mittel werden im Folgejahr benötigt."
)


def first_year(project) -> tuple[date, date]:
    return project.start, min(project.end, date(project.start.year, 12, 31))


def explanation(kind: str, difference) -> str:
    if difference > 0:
        return OVER.get(kind, GENERIC_OVER)
    return UNDER.get(kind, GENERIC_UNDER)


def make_submitted_interim(project, actor):
    """Create, explain and submit the interim statement of the project's first year; returns it."""
    start, end = first_year(project)
    statement = statements.create(project, StatementKind.INTERIM, start, end, actor)
    kinds = dict(CostCategory.objects.filter(funder=project.funder).values_list("key", "kind"))
    for line in statements.compute(statement).flagged:
        statements.explain(
            statement,
            line.category_key,
            line.year,
            explanation(kinds.get(line.category_key, ""), line.difference),
            actor,
        )
    return statements.submit(statement, actor)


def load(context: dict) -> None:
    project = context.get("reference_project") or Project.objects.get(slug=REFERENCE_SLUG)
    actor = (context.get("team") or {}).get("demo")
    context["finance_statement"] = make_submitted_interim(project, actor)
