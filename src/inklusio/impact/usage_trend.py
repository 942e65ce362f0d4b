"""The monthly trend of the use of the digital offers: chart (SVG or PNG) and the table beside it."""

from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.translation import gettext as _

from . import charts
from .services import format_number


@dataclass(frozen=True)
class TrendRow:
    month: str
    page_views: int
    downloads: int
    link_clicks: int
    total: int


def rows(months: list, lang: str) -> list[TrendRow]:
    with translation.override(lang):
        return [
            TrendRow(
                formats.date_format(m.month, "YEAR_MONTH_FORMAT"), m.page_views, m.downloads, m.link_clicks, m.total
            )
            for m in months
        ]


def _series(months: list, lang: str) -> list[tuple[str, list[int]]]:
    with translation.override(lang):
        return [
            (_("Page views"), [m.page_views for m in months]),
            (_("Downloads"), [m.downloads for m in months]),
            (_("Newsletter link clicks"), [m.link_clicks for m in months]),
        ]


def _every(months: list) -> int:
    return max(1, (len(months) + 11) // 12)


def title(lang: str) -> str:
    with translation.override(lang):
        return _("Use of the digital offers per month")


def description(months: list, lang: str, table: list[TrendRow] | None = None) -> str:
    table = table or rows(months, lang)
    with translation.override(lang):
        first, last = table[0], table[-1]
        peak = max(table, key=lambda row: row.total)
        return _(
            "%(first)s: %(first_total)s uses; %(last)s: %(last_total)s uses; most in %(peak)s with %(peak_total)s. "
            "Every month's figures are in the table."
        ) % {
            "first": first.month,
            "first_total": format_number(first.total, lang),
            "last": last.month,
            "last_total": format_number(last.total, lang),
            "peak": peak.month,
            "peak_total": format_number(peak.total, lang),
        }


def chart(months: list, lang: str, chart_id: str = "chart-usage") -> tuple[str, str, str] | None:
    """``(svg, title, description)``, or None when there is nothing to draw."""
    if not months or not any(m.total for m in months):
        return None
    table = rows(months, lang)
    text = description(months, lang, table)
    with translation.override(lang):
        ylabel = _("uses per month")
    svg = charts.trend_chart(
        [row.month for row in table],
        _series(months, lang),
        title=title(lang),
        description=text,
        chart_id=chart_id,
        ylabel=ylabel,
        every=_every(months),
        lang=lang,
    )
    return svg, title(lang), text


def chart_png(months: list, lang: str) -> bytes:
    labels = [row.month for row in rows(months, lang)]
    with translation.override(lang):
        ylabel = _("uses per month")
    return charts.trend_chart_png(labels, _series(months, lang), ylabel=ylabel, every=_every(months), lang=lang)
