"""Statements (zahlenmäßiger Nachweis): create, explain deviations, submit (freeze) and make a new version.

The figures of a statement are one plain structure (:class:`Figures`): computed from the plan and the receipts
while the statement is a draft, read from ``Statement.snapshot`` once it is submitted. The snapshot is JSON with
amounts as strings, so a submitted statement shows and exports exactly what was submitted, whatever happens
to the receipts afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inklusio.core import audit

from . import services
from . import statement as rules
from .models import CostCategory, DeviationExplanation, Statement

SNAPSHOT_FORMAT = 1


class StatementError(Exception):
    """The action is not possible now; the message says why, for the user."""


# A row and a financing share are the pure rules' own (``statement.Line``, ``statement.FinancingShare``): a
# snapshot stores their values, and difference and deviation follow from the frozen planned and actual amounts.
Line = rules.Line
Share = rules.FinancingShare


@dataclass
class Figures:
    """What a statement shows and exports: lines per year and category, totals and the financing shares."""

    lines: list[Line]
    planned_total: Decimal
    actual_total: Decimal
    threshold_percent: Decimal
    financing: list[Share] = field(default_factory=list)

    @property
    def difference_total(self) -> Decimal:
        return self.actual_total - self.planned_total

    @property
    def deviation_total(self) -> Decimal | None:
        from .money import share  # noqa: PLC0415 — tiny, kept beside its one use

        return share(self.difference_total, self.planned_total) if self.planned_total else None

    @property
    def flagged(self) -> list[Line]:
        return [line for line in self.lines if line.flagged]

    @property
    def missing(self) -> list[Line]:
        return [line for line in self.lines if line.needs_explanation]

    @property
    def complete(self) -> bool:
        return not self.missing

    def years(self) -> list[tuple[int | None, list[Line], Decimal, Decimal]]:
        """``(year, lines, planned, actual)`` per year, in order."""
        result = []
        for line in self.lines:
            if not result or result[-1][0] != line.year:
                result.append((line.year, [], Decimal("0.00"), Decimal("0.00")))
            year, lines, planned, actual = result[-1]
            lines.append(line)
            result[-1] = (year, lines, planned + line.planned, actual + line.actual)
        return result

    def as_json(self) -> dict:
        def text(value):
            return None if value is None else str(value)

        return {
            "format": SNAPSHOT_FORMAT,
            "threshold_percent": text(self.threshold_percent),
            "planned_total": text(self.planned_total),
            "actual_total": text(self.actual_total),
            "lines": [
                {
                    "category_key": line.category_key,
                    "category_name": line.category_name,
                    "year": line.year,
                    "planned": text(line.planned),
                    "actual": text(line.actual),
                    "difference": text(line.difference),
                    "deviation_percent": text(line.deviation_percent),
                    "flagged": line.flagged,
                    "explanation": line.explanation,
                }
                for line in self.lines
            ],
            "financing": [
                {
                    "kind": s.kind,
                    "name": s.name,
                    "planned": text(s.planned),
                    "planned_share": text(s.planned_share),
                    "actual": text(s.actual),
                    "actual_share": text(s.actual_share),
                }
                for s in self.financing
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Figures:
        def number(value):
            return None if value is None else Decimal(value)

        return cls(
            lines=[
                Line(
                    row["category_key"],
                    row["category_name"],
                    row["year"],
                    number(row["planned"]),
                    number(row["actual"]),
                    row["flagged"],
                    row["explanation"],
                )
                for row in data["lines"]
            ],
            planned_total=number(data["planned_total"]),
            actual_total=number(data["actual_total"]),
            threshold_percent=number(data["threshold_percent"]),
            financing=[
                Share(
                    s["kind"],
                    s["name"],
                    number(s["planned"]),
                    number(s["planned_share"]),
                    number(s["actual"]),
                    number(s["actual_share"]),
                )
                for s in data["financing"]
            ],
        )


def _explanations(statement: Statement) -> dict[tuple[str, int], str]:
    return {
        (key, year): text for key, year, text in statement.explanations.values_list("category__key", "year", "text")
    }


def compute(statement: Statement) -> Figures:
    """The statement's figures from the records as they are now (a draft's view)."""
    result = services.compute_statement(
        statement.project, statement.period_start, statement.period_end, _explanations(statement)
    )
    plan = getattr(statement.project, "finance_plan", None)
    return Figures(
        lines=list(result.lines),
        planned_total=result.planned_total,
        actual_total=result.actual_total,
        threshold_percent=plan.deviation_threshold_percent if plan else rules.DEFAULT_THRESHOLD_PERCENT,
        financing=list(result.financing),
    )


def figures(statement: Statement) -> Figures:
    """A submitted statement's frozen figures, else the current ones."""
    if statement.is_submitted and statement.snapshot:
        return Figures.from_json(statement.snapshot)
    return compute(statement)


def validate_period(project, start: date, end: date) -> list[str]:
    """Problems with a statement period, for the form (empty: the period is fine)."""
    problems = []
    if end < start:
        problems.append(_("The end of the period must not be before its start."))
    if start < project.start or end > project.end:
        problems.append(_("The period must lie within the project's duration."))
    return problems


def create(project, kind: str, start: date, end: date, actor) -> Statement:
    problems = validate_period(project, start, end)
    if problems:
        raise StatementError(" ".join(problems))
    with transaction.atomic():
        statement = Statement.objects.create(project=project, kind=kind, period_start=start, period_end=end)
        audit.record(actor, "finance.statement_created", statement, project=project.pk, kind=kind)
    return statement


def _draft(statement: Statement) -> Statement:
    """The statement row locked for a change; refuses once it is submitted."""
    locked = Statement.objects.select_for_update().get(pk=statement.pk)
    if locked.is_submitted:
        raise StatementError(_("This statement has been submitted and cannot be changed. Make a new version."))
    return locked


def explain(statement: Statement, category_key: str, year: int, text: str, actor) -> None:
    """Save (or, with an empty text, remove) the explanation of a flagged line."""
    line = next(
        (line for line in compute(statement).flagged if line.category_key == category_key and line.year == year),
        None,
    )
    if line is None:
        raise StatementError(_("This line does not deviate beyond the threshold: it needs no explanation."))
    category = CostCategory.objects.get(funder=statement.project.funder, key=category_key)
    text = text.strip()
    with transaction.atomic():
        locked = _draft(statement)
        if text:
            DeviationExplanation.objects.update_or_create(
                statement=locked, category=category, year=year, defaults={"text": text}
            )
        else:
            DeviationExplanation.objects.filter(statement=locked, category=category, year=year).delete()
        audit.record(actor, "finance.statement_explained", locked, category=category.pk, year=year, removed=not text)


def submit(statement: Statement, actor) -> Statement:
    """Freeze the figures as they are now (with their explanations); only a complete statement is submitted."""
    with transaction.atomic():
        locked = _draft(statement)
        current = compute(locked)
        if not current.complete:
            raise StatementError(_("Explain every flagged deviation before submitting the statement."))
        locked.snapshot = current.as_json()
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save(update_fields=["snapshot", "submitted_at", "submitted_by"])
        audit.record(actor, "finance.statement_submitted", locked, project=locked.project_id, version=locked.version)
    return locked


def new_version(statement: Statement, actor) -> Statement:
    """A draft that supersedes the submitted statement: same period, version + 1, its explanations copied."""
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement.pk)
        if not locked.is_submitted:
            raise StatementError(_("Only a submitted statement gets a new version; this one can still be changed."))
        if Statement.objects.filter(supersedes=locked).exists():
            raise StatementError(_("This statement already has a newer version."))
        successor = Statement.objects.create(
            project=locked.project,
            kind=locked.kind,
            period_start=locked.period_start,
            period_end=locked.period_end,
            version=locked.version + 1,
            supersedes=locked,
        )
        DeviationExplanation.objects.bulk_create(
            DeviationExplanation(statement=successor, category_id=e.category_id, year=e.year, text=e.text)
            for e in locked.explanations.all()
        )
        audit.record(actor, "finance.statement_new_version", successor, supersedes=locked.pk, version=successor.version)
    return successor
