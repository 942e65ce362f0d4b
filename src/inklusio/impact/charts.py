"""Charts as SVG (matplotlib) with <title> and <desc>, always shown beside a table of the same numbers."""

import io
import re
from html import escape

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib import ticker  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from inklusio.core.drawings import memoised  # noqa: E402
from inklusio.core.svg import without_inline_styles  # noqa: E402

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text (searchable, smaller)
matplotlib.rcParams["svg.hashsalt"] = "inklusio"  # deterministic ids


def _svg(figure: Figure, title: str, description: str, chart_id: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    opening_end = svg.index(">") + 1
    opening = svg[:opening_end].replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" ',
        1,
    )
    return without_inline_styles(
        f'{opening}<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{svg[opening_end:]}',
        id_prefix=chart_id,
    )


@memoised
def bar_chart(
    labels: list[str],
    values: list[float],
    *,
    title: str,
    description: str,
    chart_id: str,
    xlabel: str = "",
    reference: float | None = None,
) -> str:
    """A horizontal bar chart (one bar per label), optionally with a reference line (e.g. 100 % of target)."""
    return _svg(_bar_figure(labels, values, xlabel, reference), title, description, chart_id)


def bar_chart_png(
    labels: list[str], values: list[float], *, xlabel: str = "", reference: float | None = None, dpi: int = 150
) -> bytes:
    """The same chart as PNG, for documents that take no SVG (DOCX); the caller gives it its alt text."""
    figure = _bar_figure(labels, values, xlabel, reference)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _bar_figure(labels, values, xlabel, reference) -> Figure:
    height = 0.5 + 0.45 * max(len(labels), 1)
    figure, axis = plt.subplots(figsize=(7, height))
    positions = list(range(len(labels)))
    axis.barh(positions, values, color="#1d4fa0", hatch="//", edgecolor="white")
    axis.set_yticks(positions, labels)
    axis.invert_yaxis()
    if reference is not None:
        axis.axvline(reference, color="#000000", linestyle="--", linewidth=1.2)
    for position, value in zip(positions, values, strict=True):
        axis.annotate(f"{value:.0f}", (value, position), xytext=(3, 0), textcoords="offset points", va="center")
    axis.set_xlabel(xlabel)
    axis.spines[["top", "right"]].set_visible(False)
    return figure


# Line styles that differ in more than colour (WCAG 1.4.1): a dash pattern and a marker each.
_SERIES_STYLES = [("#1d4fa0", "-", "o"), ("#8a3b00", "--", "s"), ("#1f6b2e", ":", "^"), ("#000000", "-.", "D")]


@memoised
def trend_chart(
    labels: list[str],
    series: list[tuple[str, list[float]]],
    *,
    title: str,
    description: str,
    chart_id: str,
    ylabel: str = "",
    every: int = 1,
    lang: str = "de",
) -> str:
    """Lines over time (one per series, told apart by dash and marker too), labels under every ``every``-th point."""
    return _svg(_trend_figure(labels, series, ylabel, every, lang), title, description, chart_id)


def trend_chart_png(labels, series, *, ylabel: str = "", every: int = 1, lang: str = "de", dpi: int = 150) -> bytes:
    figure = _trend_figure(labels, series, ylabel, every, lang)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _grouped(value: float, lang: str) -> str:
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "de" else text


def _trend_figure(labels, series, ylabel, every, lang) -> Figure:
    figure, axis = plt.subplots(figsize=(7, 3.4))
    positions = list(range(len(labels)))
    for (name, values), (colour, dash, marker) in zip(series, _SERIES_STYLES, strict=False):
        axis.plot(positions, values, color=colour, linestyle=dash, marker=marker, markersize=3.5, label=name)
    shown = positions[::every] or positions
    axis.set_xticks(shown, [labels[i] for i in shown], rotation=45, ha="right")
    axis.set_ylabel(ylabel)
    axis.set_ylim(bottom=0)
    axis.yaxis.set_major_formatter(ticker.FuncFormatter(lambda value, _pos: _grouped(value, lang)))
    axis.legend(frameon=False, loc="upper left")
    axis.spines[["top", "right"]].set_visible(False)
    return figure
