"""The impact area's rules: figures for a project and period, the report, the dashboard, and the edits.

Every computed figure comes from ``registry`` compute functions (aggregate queries over the areas'
records); nothing computed is stored. A report, a dashboard or a comparison runs in one
``core.extensions.figure_scope``, so figures of one area may share a grouped query within that one call.
The number of queries of a report or dashboard depends on the number of indicators, never on the amount
of data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from inklusio.core import audit, markdown
from inklusio.core.extensions import figure_scope, project_indicators_for
from inklusio.core.side_by_side import map_side_by_side
from inklusio.usage import figures as usage_figures

from . import narrative, prose, registry
from .catalogue import EVENTS, LEVELS, NETWORKING, REACH, RESONANCE
from .disclosure import suppress_small
from .models import ManualIndicator, ManualValue, ReportSection, Target
from .registry import IndicatorDefinition

# (key, English title for gettext, heading level, generated-prose area)
SECTION_KEYS = [
    "project_data",
    "summary",
    "starting_situation",
    "impact_logic",
    "outputs",
    "outputs_reach",
    "outputs_events",
    "outputs_networking",
    "key_figures",
    "accessibility",
    "evaluation",
    "deviations",
    "outlook",
]
EDITABLE_SECTIONS = [key for key in SECTION_KEYS if key not in {"project_data", "outputs", "key_figures"}]
AREA_OF_SECTION = {
    "outputs_reach": REACH,
    "outputs_events": EVENTS,
    "outputs_networking": NETWORKING,
    "evaluation": RESONANCE,
}


def section_titles() -> dict[str, str]:
    return {
        "project_data": _("Project data"),
        "summary": _("Summary"),
        "starting_situation": _("Starting situation and target groups"),
        "impact_logic": _("Impact logic"),
        "outputs": _("Outputs by area"),
        "outputs_reach": _("Reach and public relations"),
        "outputs_events": _("Events"),
        "outputs_networking": _("Networking and cooperation"),
        "key_figures": _("Key figures"),
        "accessibility": _("Accessibility provided"),
        "evaluation": _("Evaluation and feedback"),
        "deviations": _("Deviations and lessons learned"),
        "outlook": _("Outlook"),
    }


class PeriodError(ValueError):
    pass


def check_period(project, start: date | None, end: date | None) -> tuple[date, date]:
    """The period to report on: defaults to the project's duration; end before start is an error."""
    start = start or project.start
    end = end or project.end
    if end < start:
        raise PeriodError(_("The period's end must not be before its start."))
    return start, end


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of equal length immediately before ``start``."""
    length = (end - start).days
    previous_end = start - timedelta(days=1)
    return previous_end - timedelta(days=length), previous_end


# --- figures ---------------------------------------------------------------------------------------------


@dataclass
class FigureRow:
    code: str
    label: str
    unit: str
    level: int
    chain: str
    kind: str
    higher_is_better: bool
    definition: str
    area: str
    has_source: bool
    manual: bool = False
    value: float | int | None = None
    baseline: float | int | None = None
    target: float | int | None = None
    records_url: str | None = None
    source_note: str = ""
    previous: float | int | None = None
    manual_pk: int | None = None
    respondents: int | None = None  # survey indicators: the answers behind the value
    part: int | None = None  # … and how many of them were counted
    measure: str = ""  # survey indicators: share, count or mean
    respondents_noun: str = ""

    @property
    def percent_of_target(self) -> float | None:
        if self.value is None or not self.target:
            return None
        if self.higher_is_better:
            return round(float(self.value) / float(self.target) * 100, 1)
        if not self.value:
            return None
        return round(float(self.target) / float(self.value) * 100, 1)

    @property
    def change(self) -> float | int | None:
        if self.value is None or self.previous is None:
            return None
        return _number(Decimal(str(self.value)) - Decimal(str(self.previous)))

    @property
    def change_percent(self) -> float | None:
        if self.change is None or not self.previous:
            return None
        return round(float(self.change) / float(self.previous) * 100, 1)

    @property
    def improved(self) -> bool | None:
        if not self.change:
            return None
        return (self.change > 0) == self.higher_is_better


def _number(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _targets(project, start, end) -> dict[str, Target]:
    whole = start == project.start and end == project.end
    found: dict[str, Target] = {}
    for target in Target.objects.filter(project=project):
        exact = target.period_start == start and target.period_end == end
        if exact or (whole and target.period_start is None and target.code not in found):
            found[target.code] = target
    return found


def _manual_values(project, start, end) -> dict[int, tuple[Decimal, list[str]]]:
    values: dict[int, tuple[Decimal, list[str]]] = {}
    exact = {}
    rows = ManualValue.objects.filter(indicator__project=project, period_start__gte=start, period_end__lte=end)
    for row in rows:
        if row.period_start == start and row.period_end == end:
            exact[row.indicator_id] = (row.value, [row.source_note])
        total, notes = values.get(row.indicator_id, (Decimal(0), []))
        values[row.indicator_id] = (total + row.value, [*notes, row.source_note])
    values.update(exact)
    return values


def compute(definition: IndicatorDefinition, project, start, end):
    if definition.compute is None:
        return None
    return _number(definition.compute(project, start, end))


def _computed(definitions, project, start, end, previous_range) -> dict[tuple, object]:
    """Every computed value by (code, start, end), for the period and the previous one. The indicators of one app
    (one figures module, whose figures may share a grouped query) are computed one after another, the apps and
    periods side by side (``core.side_by_side``)."""
    periods = [(start, end)] + ([previous_range] if previous_range else [])
    batches: dict[tuple, list[IndicatorDefinition]] = {}
    for period in periods:
        for definition in definitions:
            if definition.compute is not None:
                batches.setdefault((definition.compute.__module__, period), []).append(definition)

    def run(batch):
        (_module, period), members = batch
        return [((d.code, *period), compute(d, project, *period)) for d in members]

    values = {(d.code, *period): None for d in definitions for period in periods}
    for pairs in map_side_by_side(run, list(batches.items())):
        values.update(pairs)
    return values


@figure_scope()
def figures(
    project, start: date, end: date, lang: str, *, previous: bool = False, links: bool = True, user=None
) -> list[FigureRow]:
    """Every indicator ``user`` may see (computed, then the project's manual ones) for the period, with baseline
    and target. Figures behind a permission (cost figures) are left out for other users and where they have no
    value; without a ``user`` (command line, internal calls) they are left out."""
    targets = _targets(project, start, end)
    previous_range = previous_period(start, end) if previous else None
    definitions = registry.visible_to(user)
    values = _computed(definitions, project, start, end, previous_range)
    rows = []
    for definition in definitions:
        value = values[definition.code, start, end]
        if definition.permission and value is None:
            continue  # e.g. no finance plan, or no receipts linked to events of that kind
        target = targets.get(definition.code)
        row = FigureRow(
            code=definition.code,
            label=definition.label(lang),
            unit=definition.unit(lang),
            level=definition.level,
            chain=definition.chain,
            kind=definition.kind,
            higher_is_better=definition.higher_is_better,
            definition=definition.definition(lang),
            area=definition.area,
            has_source=definition.has_source,
            value=value,
            baseline=_number(target.baseline) if target else None,
            target=_number(target.target) if target else None,
        )
        if previous_range and definition.has_source:
            row.previous = values[(definition.code, *previous_range)]
        if links and definition.records_url is not None:
            row.records_url = definition.records_url(project, start, end)
        rows.append(row)
    manual_values = _manual_values(project, start, end)
    previous_values = _manual_values(project, *previous_range) if previous_range else {}
    for indicator in ManualIndicator.objects.filter(project=project):
        target = targets.get(indicator.code)
        value, notes = manual_values.get(indicator.pk, (None, []))
        rows.append(
            FigureRow(
                code=indicator.code,
                label=indicator.label_en if lang == "en" and indicator.label_en else indicator.label_de,
                unit=indicator.unit_en if lang == "en" and indicator.unit_en else indicator.unit_de,
                level=indicator.level,
                chain=indicator.chain,
                kind="flow",
                higher_is_better=indicator.higher_is_better,
                definition=indicator.definition_en
                if lang == "en" and indicator.definition_en
                else indicator.definition_de,
                area="",
                has_source=True,
                manual=True,
                value=_number(value),
                baseline=_number(target.baseline) if target else None,
                target=_number(target.target) if target else None,
                source_note="; ".join(notes),
                previous=_number(previous_values.get(indicator.pk, (None,))[0]),
                manual_pk=indicator.pk,
            )
        )
    rows.extend(_project_indicator_rows(project, start, end, lang, targets, previous_range))
    return rows


def _project_indicator_rows(project, start, end, lang, targets, previous_range) -> list[FigureRow]:
    """The project's own computed indicators (outcome indicators from survey answers)."""
    rows = []
    earlier = {}
    if previous_range:
        earlier = {item.code: item.value for item in project_indicators_for(project, *previous_range, lang)}
    for item in project_indicators_for(project, start, end, lang):
        target = targets.get(item.code)
        rows.append(
            FigureRow(
                code=item.code,
                label=item.label,
                unit=item.unit,
                level=item.level,
                chain="outcome",
                kind="flow",
                higher_is_better=item.higher_is_better,
                definition=item.definition,
                area="",
                has_source=True,
                value=item.value,
                baseline=_number(target.baseline) if target else item.baseline,
                target=_number(target.target) if target else item.target,
                records_url=item.records_url,
                previous=earlier.get(item.code),
                respondents=item.respondents,
                part=item.part,
                measure=item.measure,
                respondents_noun=item.respondents_noun,
            )
        )
    return rows


def outcome_sentence(row: FigureRow, lang: str) -> str:
    """A survey indicator in the report's words, with the number of answers and honest rounding."""
    level = _("level %(level)d") % {"level": row.level}
    noun = row.respondents_noun or _("respondents")
    if not row.respondents or row.value is None:
        return _("%(label)s (%(level)s): no answers yet.") % {"label": row.label, "level": level}
    if row.measure == "share":
        said = prose.share_phrase(row.part, row.respondents, noun, lang)
        return f"{row.label} ({level}): {said} ({_fmt(row.value, lang)} %)."
    if row.measure == "count":
        return _("%(label)s (%(level)s): %(value)s, according to %(n)s %(noun)s.") % {
            "label": row.label,
            "level": level,
            "value": _fmt(row.value, lang),
            "n": _fmt(row.respondents, lang),
            "noun": noun,
        }
    return _("%(label)s (%(level)s): mean %(value)s, from %(n)s %(noun)s.") % {
        "label": row.label,
        "level": level,
        "value": _fmt(row.value, lang),
        "n": _fmt(row.respondents, lang),
        "noun": noun,
    }


# --- the report ------------------------------------------------------------------------------------------


@dataclass
class BreakdownTable:
    title: str
    cells: list  # disclosure.Cell


@dataclass
class Section:
    key: str
    title: str
    level: int
    generated: list[str] = field(default_factory=list)
    text: str = ""  # the staff's Markdown
    text_lang: str = ""
    html: str = ""  # the staff's text, sanitised
    tables: list[BreakdownTable] = field(default_factory=list)
    note: str = ""  # e.g. "no data source yet"
    editable: bool = True

    @property
    def plain_text(self) -> str:
        return "\n\n".join(part for part in [" ".join(self.generated), self.text.strip(), self.note] if part)


@dataclass
class Report:
    project: object
    start: date
    end: date
    lang: str
    figures: list[FigureRow]
    sections: list[Section]
    usage: list = field(default_factory=list)  # usage.figures.MonthOfUse per month of the period, for the trend

    @property
    def figures_by_code(self):
        return {row.code: row for row in self.figures}

    @property
    def key_figures(self):
        return [row for row in self.figures if row.has_source]

    @property
    def missing_sources(self):
        return [row for row in self.figures if not row.has_source]


def _fmt(value, lang):
    if value is None:
        return ""
    text = f"{value:,.1f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def format_number(value, lang: str) -> str:
    return _fmt(value, lang)


@figure_scope()
def build_report(
    project, start: date | None = None, end: date | None = None, lang: str = "de", *, links: bool = True, user=None
) -> Report:
    """The report for the period; cost figures only for a ``user`` with finance rights (``registry.visible_to``)."""
    start, end = check_period(project, start, end)
    usage = usage_trend(project, start, end)
    with translation.override(lang):
        rows = figures(project, start, end, lang, links=links, user=user)
        values = {row.code: row.value for row in rows if row.has_source}
        stored = {s.key: s for s in ReportSection.objects.filter(project=project)}
        titles = section_titles()
        sections = []
        for key in SECTION_KEYS:
            level = 3 if key.startswith("outputs_") else 2
            section = Section(key=key, title=titles[key], level=level, editable=key in EDITABLE_SECTIONS)
            stored_section = stored.get(key)
            if stored_section:
                text = stored_section.text_en if lang == "en" else stored_section.text_de
                section.text_lang = lang
                if lang == "en" and not text.strip():
                    text, section.text_lang = stored_section.text_de, "de"
                section.text, section.html = text, markdown.render(text, markdown.REPORT)
            if key in AREA_OF_SECTION:
                section.generated = narrative.area_sentences(AREA_OF_SECTION[key], values, lang)
            _generate(section, project, start, end, lang, rows)
            if key == "evaluation" and usage:
                sentence = narrative.digital_interest(
                    [month.total for month in complete_months(usage, start, end)], lang
                )
                if sentence:
                    section.generated.append(sentence)
            sections.append(section)
    return Report(project, start, end, lang, rows, sections, usage)


def usage_trend(project, start: date, end: date) -> list:
    """The use of the digital offers per month of the period (empty when use was never counted at all)."""
    if not usage_figures.has_counts():
        return []
    return usage_figures.monthly_use(project, start, end)


def complete_months(months: list, start: date, end: date, today: date | None = None) -> list:
    """The months lying wholly inside the period and over by ``today`` (a month half counted, or still to come,
    would distort a comparison)."""
    last = min(end, today or timezone.localdate())
    return [
        month
        for month in months
        if month.month >= start and (month.month + timedelta(days=32)).replace(day=1) - timedelta(days=1) <= last
    ]


def _generate(section: Section, project, start, end, lang, rows) -> None:
    key = section.key
    if key == "project_data":
        section.generated = [
            _(
                "Project: %(title)s. Funder: %(funder)s. Project duration: %(start)s to %(end)s. "
                "Reporting period: %(pstart)s to %(pend)s."
            )
            % {
                "title": project.title,
                "funder": project.funder,
                "start": _date(project.start, lang),
                "end": _date(project.end, lang),
                "pstart": _date(start, lang),
                "pend": _date(end, lang),
            }
        ]
        if project.predecessor_id:
            section.generated.append(_("Predecessor project: %(title)s.") % {"title": project.predecessor.title})
    elif key == "summary":
        measured = [row for row in rows if row.percent_of_target is not None]
        if measured:
            reached = sum(1 for row in measured if row.percent_of_target >= 100)
            section.generated.append(narrative.targets_reached(reached, len(measured), lang))
    elif key == "impact_logic":
        for level, names in LEVELS.items():
            labels = [row.label for row in rows if row.level == level and row.has_source]
            if labels:
                section.generated.append(
                    _("Level %(level)d (%(name)s): %(labels)s.")
                    % {"level": level, "name": names[1] if lang == "en" else names[0], "labels": ", ".join(labels)}
                )
    elif key in {"starting_situation", "accessibility"}:
        breakdown_key = "target_groups" if key == "starting_situation" else "accessibility"
        items = registry.breakdowns(breakdown_key)
        for item in items:
            section.tables.append(BreakdownTable(item.title(lang), suppress_small(item.compute(project, start, end))))
        if key == "accessibility" and not items:
            section.note = _("No data source yet: the accessibility support provided at events is not recorded yet.")
    elif key == "evaluation":
        section.generated.extend(outcome_sentence(row, lang) for row in rows if row.respondents is not None)
        if not section.generated:
            section.note = _("No data source yet for the figures of this area.")
    elif key == "deviations":
        for row in rows:
            percent = row.percent_of_target
            if percent is not None and percent < 100:
                section.generated.append(
                    _("%(label)s: %(percent)s %% of the target reached (%(value)s of %(target)s).")
                    % {
                        "label": row.label,
                        "percent": _fmt(percent, lang),
                        "value": _fmt(row.value, lang),
                        "target": _fmt(row.target, lang),
                    }
                )
    elif key == "outlook":
        successor = project.successors.order_by("start").first()
        if successor:
            section.generated.append(
                _("The work continues in the follow-up project “%(title)s” (%(start)s to %(end)s).")
                % {"title": successor.title, "start": _date(successor.start, lang), "end": _date(successor.end, lang)}
            )
    elif section.key in AREA_OF_SECTION and not section.generated:
        section.note = _("No data source yet for the figures of this area.")


def _date(value: date, lang: str) -> str:
    """The report's short date in its own language (core/formats), whatever language the page is in."""
    with translation.override(lang):
        return formats.date_format(value, "SHORT_DATE_FORMAT")


format_date = _date


def _section_text(section: Section, report: Report) -> str:
    """The section as plain text; the key figures section lists its table, the breakdowns their cells."""
    parts = [section.plain_text] if section.plain_text else []
    if section.key == "key_figures":
        parts.append(
            "\n".join(
                f"{row.label}: {_fmt(row.value, report.lang) if row.value is not None else '–'} {row.unit}"
                for row in report.key_figures
            )
        )
    for table in section.tables:
        with translation.override(report.lang):
            fewer = _("fewer than 5")
        cells = "; ".join(f"{c.label}: {fewer if c.suppressed else _fmt(c.count, report.lang)}" for c in table.cells)
        parts.append(f"{table.title}: {cells}")
    return "\n\n".join(parts)


def report_json(report: Report) -> dict:
    return {
        "project": {
            "slug": report.project.slug,
            "title": report.project.title,
            "funder": report.project.funder,
            "start": report.project.start.isoformat(),
            "end": report.project.end.isoformat(),
        },
        "period": {"start": report.start.isoformat(), "end": report.end.isoformat()},
        "language": report.lang,
        "indicators": [
            {
                "code": row.code,
                "label": row.label,
                "level": row.level,
                "chain": row.chain,
                "kind": row.kind,
                "unit": row.unit,
                "value": row.value,
                "baseline": row.baseline,
                "target": row.target,
                "percent_of_target": row.percent_of_target,
                "has_source": row.has_source,
                "manual": row.manual,
                "definition": row.definition,
                "source_note": row.source_note,
            }
            for row in report.figures
        ],
        "sections": [{"key": s.key, "title": s.title, "text": _section_text(s, report)} for s in report.sections],
    }


# --- the dashboard ---------------------------------------------------------------------------------------


@dataclass
class Dashboard:
    project: object
    start: date
    end: date
    previous_start: date
    previous_end: date
    figures: list[FigureRow]
    usage: list = field(default_factory=list)  # usage.figures.MonthOfUse per month, for the trend chart

    @property
    def with_target(self):
        return [row for row in self.figures if row.percent_of_target is not None]

    @property
    def with_change(self):
        return [row for row in self.figures if row.change_percent is not None]


@figure_scope()
def dashboard(project, start=None, end=None, lang="de", *, user=None) -> Dashboard:
    start, end = check_period(project, start, end)
    previous_start, previous_end = previous_period(start, end)
    rows = figures(project, start, end, lang, previous=True, user=user)
    return Dashboard(project, start, end, previous_start, previous_end, rows, usage_trend(project, start, end))


@dataclass
class TargetProgress:
    code: str
    label: str
    unit: str
    value: float | int | None
    target: float | int
    expected: float  # where the indicator should be by now on a straight line from its baseline to its target
    higher_is_better: bool

    @property
    def behind(self) -> bool:
        if self.value is None:
            return False
        return self.value < self.expected if self.higher_is_better else self.value > self.expected


MAX_TARGETS = 40  # more than the catalogue holds; bounds the figures computed for one overview


@figure_scope()
def target_progress(project, today: date, lang: str, *, user=None) -> list[TargetProgress]:
    """Each target of the project running on ``today`` (a period target before the whole-project one), its value
    from the period's start up to ``today``, and the value expected by ``today`` (pro rata from the baseline)."""
    chosen: dict[str, tuple[Target, date, date]] = {}
    running = Target.objects.filter(project=project, target__isnull=False).filter(
        Q(period_start__isnull=True) | Q(period_start__lte=today, period_end__gte=today)
    )
    for target in running.order_by(F("period_start").desc(nulls_last=True), "code")[:MAX_TARGETS]:
        start, end = target.period_start or project.start, target.period_end or project.end
        chosen.setdefault(target.code, (target, start, end))
    manual = {m.code: m for m in ManualIndicator.objects.filter(project=project, code__in=list(chosen))}
    rows = []
    for code, (target, start, end) in chosen.items():
        until = min(max(today, start), end)
        if code in manual:
            indicator = manual[code]
            value = _manual_values(project, start, until).get(indicator.pk, (None,))[0]
            label = indicator.label_en if lang == "en" and indicator.label_en else indicator.label_de
            unit = indicator.unit_en if lang == "en" and indicator.unit_en else indicator.unit_de
            higher_is_better = indicator.higher_is_better
        else:
            try:
                definition = registry.get(code)
            except KeyError:
                continue  # a target for an indicator no app computes any more
            if not registry.may_see(definition, user):
                continue  # a cost figure, for finance users only
            value = compute(definition, project, start, until)
            label, unit, higher_is_better = definition.label(lang), definition.unit(lang), definition.higher_is_better
        share = ((until - start).days + 1) / ((end - start).days + 1)
        base = float(target.baseline or 0)
        rows.append(
            TargetProgress(
                code=code,
                label=label,
                unit=unit,
                value=_number(value),
                target=_number(target.target),
                expected=base + (float(target.target) - base) * share,
                higher_is_better=higher_is_better,
            )
        )
    return rows


@dataclass
class ComparisonRow:
    code: str
    label: str
    unit: str
    kind: str
    current: float | int | None
    predecessor: float | int | None
    current_per_month: float | None
    predecessor_per_month: float | None


def _months(start, end):
    return max(((end - start).days + 1) / 30.4375, 1 / 30.4375)


@figure_scope()
def comparison(project, lang="de", *, user=None) -> list[ComparisonRow]:
    """The project against its predecessor, each over its whole duration, on the same computed indicators."""
    predecessor = project.predecessor
    if predecessor is None:
        return []
    mine = figures(project, project.start, project.end, lang, links=False, user=user)
    theirs = {
        row.code: row for row in figures(predecessor, predecessor.start, predecessor.end, lang, links=False, user=user)
    }
    result = []
    for row in mine:
        other = theirs.get(row.code)
        if row.manual or other is None or not row.has_source:
            continue
        per_month = row.kind == "flow" and row.unit != "%"
        result.append(
            ComparisonRow(
                code=row.code,
                label=row.label,
                unit=row.unit,
                kind=row.kind,
                current=row.value,
                predecessor=other.value,
                current_per_month=round(row.value / _months(project.start, project.end), 1)
                if per_month and row.value is not None
                else None,
                predecessor_per_month=round(other.value / _months(predecessor.start, predecessor.end), 1)
                if per_month and other.value is not None
                else None,
            )
        )
    return result


# --- edits -----------------------------------------------------------------------------------------------


@transaction.atomic
def save_section(project, key: str, text_de: str, text_en: str, actor) -> ReportSection:
    if key not in EDITABLE_SECTIONS:
        raise ValueError(f"unknown or generated-only section {key!r}")
    section, _created = ReportSection.objects.select_for_update().get_or_create(project=project, key=key)
    section.text_de, section.text_en, section.updated_by = text_de, text_en, actor
    section.save()
    audit.record(actor, "impact.section_saved", project.slug, key=key)
    return section


@transaction.atomic
def save_target(
    project, code: str, baseline, target, actor, *, period_start=None, period_end=None, note: str = ""
) -> Target:
    known = {d.code for d in registry.all_definitions()} | set(
        ManualIndicator.objects.filter(project=project).values_list("code", flat=True)
    )
    if code not in known:
        raise ValueError(f"unknown indicator code {code!r}")
    obj, _created = Target.objects.update_or_create(
        project=project,
        code=code,
        period_start=period_start,
        period_end=period_end,
        defaults={"baseline": baseline, "target": target, "note": note},
    )
    audit.record(actor, "impact.target_saved", project.slug, code=code, baseline=str(baseline), target=str(target))
    return obj


@transaction.atomic
def save_manual_value(
    indicator: ManualIndicator, period_start, period_end, value, source_note: str, actor
) -> ManualValue:
    if not source_note.strip():
        raise ValueError("a manual value needs a source note")
    obj, _created = ManualValue.objects.update_or_create(
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        defaults={"value": value, "source_note": source_note.strip(), "entered_by": actor},
    )
    audit.record(actor, "impact.manual_value_saved", indicator.project.slug, code=indicator.code, value=str(value))
    return obj
