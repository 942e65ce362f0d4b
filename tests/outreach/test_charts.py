"""The follower chart: an SVG with an accessible name and description (pure module, no database)."""

import re
import xml.etree.ElementTree as ET
from datetime import date

from inklusio.outreach import charts

SVG = "{http://www.w3.org/2000/svg}"


def render(points, title="Follower*innen von <bag if>", description="Von 41 auf 547 & mehr"):
    return charts.follower_chart_svg(points, title=title, description=description, y_label="Follower*innen")


def test_svg_has_title_and_description_as_accessible_name():
    svg = render([(date(2025, 7, 31), 512), (date(2025, 8, 31), 529), (date(2025, 9, 30), 547)])
    assert svg.startswith("<svg")
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "follower-chart-title"
    assert root.get("aria-describedby") == "follower-chart-desc"
    title, desc = root[0], root[1]
    assert title.tag == f"{SVG}title" and title.text == "Follower*innen von <bag if>"  # escaped in the markup
    assert desc.tag == f"{SVG}desc" and desc.text == "Von 41 auf 547 & mehr"
    assert "&lt;bag if&gt;" in svg
    assert root.get("width") is None  # scales with its container
    assert "<script" not in svg


def test_rendering_is_deterministic():
    points = [(date(2025, 1, 31), 10), (date(2025, 2, 28), 12)]
    assert render(points) == render(points)


def test_describe_growth():
    text = charts.describe_growth(
        [(date(2025, 1, 31), 10), (date(2025, 2, 28), 12)],
        template="%(count)s: %(first)s (%(start)s) -> %(last)s (%(end)s), %(change)s",
        empty="none",
        date_format=lambda d: d.isoformat(),
    )
    assert text == "2: 10 (2025-01-31) -> 12 (2025-02-28), +2"
    assert charts.describe_growth([], template="", empty="none", date_format=str) == "none"


def test_tick_labels_come_from_the_caller_in_the_pages_language():
    points = [(date(2022, 10, 31), 41), (date(2024, 4, 30), 300), (date(2025, 9, 30), 547)]
    svg = charts.follower_chart_svg(
        points, title="t", description="d", y_label="y", month_label=lambda d: f"Monat{d.month}.{d.year}"
    )
    assert "Monat2.2023" in svg and "Monat6.2025" in svg  # svg.fonttype "none" keeps labels as text
    assert "Jan" not in svg and "Oct" not in svg
    short = charts.follower_chart_svg(
        points[-1:], title="t", description="d", y_label="y", day_label=lambda d: f"Tag{d.day}"
    )
    labels = re.findall(r">(Tag\d+)<", short)
    assert len(labels) >= 3 and len(set(labels)) == len(labels)  # a single point: distinct day ticks around it
