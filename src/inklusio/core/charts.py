"""Horizontal bar charts as accessible SVG (matplotlib), always shown next to their data table."""

import io
import re

from django.utils.html import escape
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

from .drawings import memoised
from .svg import without_inline_styles


@memoised
def bar_chart_svg(rows, *, title: str, description: str, element_id: str) -> str:
    """Horizontal bars for ``rows`` (objects with ``label`` and ``count``); returns inline SVG markup."""
    labels = [row.label for row in rows][::-1]
    counts = [row.count for row in rows][::-1]
    figure = Figure(figsize=(7, 0.45 * max(len(rows), 1) + 1), layout="constrained")
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    bars = axes.barh(labels, counts, color="#1d4fa0")
    axes.bar_label(bars, padding=3)
    axes.set_xlabel("")
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.get_major_locator().set_params(integer=True)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    title_id, desc_id = f"{element_id}-title", f"{element_id}-desc"
    opening = re.match(r"<svg[^>]*>", svg).group(0)
    new_opening = opening[:-1] + f' role="img" aria-labelledby="{title_id} {desc_id}" focusable="false">'
    svg = svg.replace(
        opening,
        f'{new_opening}<title id="{title_id}">{escape(title)}</title><desc id="{desc_id}">{escape(description)}</desc>',
        1,
    )
    return without_inline_styles(svg, id_prefix=element_id)
