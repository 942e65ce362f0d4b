"""Charts are drawn once per process for the same numbers and language (core/drawings.py)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy

from inklusio.core import drawings
from inklusio.core.charts import bar_chart_svg


@dataclass
class Row:
    label: str
    count: int


def test_the_same_numbers_are_drawn_once_other_numbers_or_languages_again():
    calls = []

    @drawings.memoised
    def draw(rows, *, title):
        calls.append(1)
        return f"<svg>{len(calls)}</svg>"

    first = draw([Row("a", 1)], title=gettext_lazy("Bar chart 7"))  # lazy: compared as its text
    assert draw([Row("a", 1)], title="Bar chart 7") == first and len(calls) == 1
    draw([Row("a", 2)], title="Bar chart 7")
    with translation.override("en"):
        draw([Row("a", 1)], title="Bar chart 7")
    assert len(calls) == 3


def test_arguments_without_a_value_to_compare_are_drawn_each_time():
    calls = []

    @drawings.memoised
    def draw(points, *, label):
        calls.append(1)
        return "<svg></svg>"

    draw([1], label=lambda value: str(value))
    draw([1], label=lambda value: str(value))
    assert len(calls) == 2 and not draw.kept


def test_only_the_last_drawings_are_kept(monkeypatch):
    monkeypatch.setattr(drawings, "KEPT", 3)

    @drawings.memoised
    def draw(n):
        return str(n)

    for n in range(5):
        draw(n)
    assert len(draw.kept) == 3


def test_a_kept_chart_is_the_same_svg():
    rows = [Row("Ja", 3), Row("Nein", 1)]
    svg = bar_chart_svg(rows, title="Frage", description="Antworten", element_id="chart-1")
    assert (
        svg.startswith("<svg")
        and bar_chart_svg(rows, title="Frage", description="Antworten", element_id="chart-1") is svg
    )


def test_functions_with_fixed_arguments_are_compared_by_name_and_arguments():
    from functools import partial

    from django.utils.formats import date_format

    calls = []

    @drawings.memoised
    def draw(points, *, label):
        calls.append(1)
        return "<svg></svg>"

    draw([1], label=partial(date_format, format="SHORT_DATE_FORMAT"))
    draw([1], label=partial(date_format, format="SHORT_DATE_FORMAT"))
    draw([1], label=partial(date_format, format="YEAR_MONTH_FORMAT"))
    assert len(calls) == 2
