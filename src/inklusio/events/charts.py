"""Charts as SVG (matplotlib), always shown next to a data table. Imports nothing from Django."""

import io
from itertools import accumulate

import matplotlib
from matplotlib.dates import AutoDateLocator, DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from inklusio.core.svg import without_inline_styles


def registrations_svg(rows: list[dict], labels: dict[str, str]) -> str:
    """Cumulative registrations, waiting-list entries and cancellations per day as an SVG line chart.

    ``rows`` are ``{"day", "registered", "waitlisted", "cancelled"}``; ``labels`` has the translated
    ``registered``, ``waitlisted``, ``cancelled`` and ``y`` labels. Lines differ by marker and dash, not only by
    colour.
    """
    matplotlib.use("Agg")

    figure = Figure(figsize=(7.5, 3), layout="constrained")
    axes = figure.subplots()
    days = [row["day"] for row in rows]
    styles = {
        "registered": ("o", "-", "#1d4fa0"),
        "waitlisted": ("s", "--", "#8a4b00"),
        "cancelled": ("^", ":", "#a3121b"),
    }
    for key, (marker, dash, colour) in styles.items():
        axes.plot(
            days,
            list(accumulate(row[key] for row in rows)),
            marker=marker,
            linestyle=dash,
            color=colour,
            label=labels[key],
            markersize=4,
        )

    axes.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=8))
    axes.xaxis.set_major_formatter(DateFormatter("%d.%m.%Y"))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    axes.set_ylabel(labels["y"])
    axes.legend(loc="upper left", frameon=False)
    axes.grid(axis="y", alpha=0.3)
    figure.autofmt_xdate()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return without_inline_styles(svg[svg.index("<svg") :])
