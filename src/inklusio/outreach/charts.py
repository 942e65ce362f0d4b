"""Follower chart as an accessible SVG: matplotlib draws it, we give it a title and a description.

Pure Python plus matplotlib (no Django). The SVG is meant to be inlined next to a data table of the
same numbers; its accessible name is the ``<title>``, its ``<desc>`` summarises the trend.
"""

import io
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")  # no display; the SVG canvas is used below
from matplotlib.backends.backend_svg import FigureCanvasSVG  # noqa: E402
from matplotlib.dates import AutoDateLocator, DayLocator, MonthLocator, num2date  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from inklusio.core.svg import without_inline_styles  # noqa: E402

LINE_COLOUR = "#1d4fa0"  # contrast 8.6:1 on white
TEXT_COLOUR = "#1b1f24"


def follower_chart_svg(
    points: Sequence[tuple[date, int]],
    *,
    title: str,
    description: str,
    y_label: str,
    element_id: str = "follower-chart",
    month_label: Callable[[date], str] = lambda d: f"{d.month:02d}/{d.year}",
    day_label: Callable[[date], str] = date.isoformat,
) -> str:
    """Return an ``<svg role="img">`` with ``<title>`` and ``<desc>`` drawing ``points`` as a line."""
    figure = Figure(figsize=(8, 3.6), dpi=96)
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    if points:
        dates = [p[0] for p in points]
        counts = [p[1] for p in points]
        axes.plot(dates, counts, color=LINE_COLOUR, linewidth=2.5, marker="o" if len(points) <= 40 else None)
        span_days = (dates[-1] - dates[0]).days
        if span_days > 62:  # monthly ticks, at most about eight of them
            locator, label = MonthLocator(bymonthday=1, interval=max(1, -(-span_days // 30) // 8)), month_label
        else:
            locator, label = AutoDateLocator(minticks=3, maxticks=7), day_label
            if span_days < 7:  # one or a few points: show a fortnight around them, with whole days as ticks
                axes.set_xlim(dates[0] - timedelta(days=7), dates[-1] + timedelta(days=7))
                locator = DayLocator(interval=3)
        axes.xaxis.set_major_locator(locator)
        # Tick labels in the page's language (matplotlib's own month names are English).
        axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: label(num2date(value).date())))
        axes.set_ylim(bottom=0, top=max(counts) * 1.1 + 1)
    axes.set_ylabel(y_label, color=TEXT_COLOUR)
    axes.grid(axis="y", color="#c5c9d3", linewidth=0.8)
    axes.tick_params(colors=TEXT_COLOUR)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": element_id}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _label_svg(buffer.getvalue(), title=title, description=description, element_id=element_id)


def _label_svg(svg: str, *, title: str, description: str, element_id: str) -> str:
    start = svg.index("<svg")
    svg = svg[start:]  # drop the XML declaration and doctype: the SVG is inlined into HTML
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    title_id, desc_id = f"{element_id}-title", f"{element_id}-desc"
    open_tag_end = svg.index(">") + 1
    open_tag = svg[:open_tag_end]
    open_tag = re.sub(r'\s(width|height)="[^"]*"', "", open_tag, count=2)
    open_tag = open_tag[:-1] + (
        f' id="{element_id}" role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}"'
        ' class="outreach-chart" focusable="false">'
    )
    labels = f'<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(description)}</desc>'
    return without_inline_styles(open_tag + labels + svg[open_tag_end:], id_prefix=element_id)


def describe_growth(points: Sequence[tuple[date, int]], *, template: str, empty: str, date_format) -> str:
    """Fill ``template`` (with %(start)s, %(end)s, %(first)s, %(last)s, %(change)s, %(count)s) from points."""
    if not points:
        return empty
    first, last = points[0], points[-1]
    change = last[1] - first[1]
    return template % {
        "start": date_format(first[0]),
        "end": date_format(last[0]),
        "first": first[1],
        "last": last[1],
        "change": f"{change:+d}",
        "count": len(points),
    }
