"""One date style per language, from core/formats: German "Donnerstag, 18. März 2027", English
"Thursday, 18 March 2027" / "18 Mar 2027", 24-hour times in both, never the US month-first order."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation

from inklusio.events.certificates import long_date

DAY = dt.date(2027, 3, 18)
MOMENT = dt.datetime(2027, 3, 18, 14, 5)

EXPECTED = {
    "de": {
        "DATE_FORMAT": "18. März 2027",
        "LONG_DATE_FORMAT": "Donnerstag, 18. März 2027",
        "SHORT_DATE_FORMAT": "18.03.2027",
        "DATETIME_FORMAT": "18. März 2027, 14:05",
        "LONG_DATETIME_FORMAT": "Donnerstag, 18. März 2027, 14:05",
        "SHORT_DATETIME_FORMAT": "18.03.2027 14:05",
        "MONTH_DAY_FORMAT": "18. März",
        "LONG_DAY_MONTH_FORMAT": "Donnerstag, 18. März",
        "YEAR_MONTH_FORMAT": "März 2027",
        "TIME_FORMAT": "14:05",
    },
    "en": {
        "DATE_FORMAT": "18 March 2027",
        "LONG_DATE_FORMAT": "Thursday, 18 March 2027",
        "SHORT_DATE_FORMAT": "18 Mar 2027",
        "DATETIME_FORMAT": "18 March 2027, 14:05",
        "LONG_DATETIME_FORMAT": "Thursday, 18 March 2027, 14:05",
        "SHORT_DATETIME_FORMAT": "18 Mar 2027, 14:05",
        "MONTH_DAY_FORMAT": "18 March",
        "LONG_DAY_MONTH_FORMAT": "Thursday, 18 March",
        "YEAR_MONTH_FORMAT": "March 2027",
        "TIME_FORMAT": "14:05",
    },
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_named_format_in_each_language(language):
    with translation.override(language):
        shown = {name: formats.date_format(MOMENT, name) for name in EXPECTED[language]}
    assert shown == EXPECTED[language]


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "Donnerstag, 18. März 2027, 14:05"), ("en", "Thursday, 18 March 2027, 14:05")]
)
def test_templates_name_the_format(language, expected):
    with translation.override(language):
        assert Template('{{ when|date:"LONG_DATETIME_FORMAT" }}').render(Context({"when": MOMENT})) == expected
        assert Template("{{ when|time }}").render(Context({"when": MOMENT})) == "14:05"


def test_certificate_date_per_language():
    with translation.override("en"):
        assert long_date(DAY) == "18 March 2027"
    with translation.override("de"):
        assert long_date(DAY) == "18. März 2027"


def test_english_date_input_is_never_read_month_first():
    field = forms.DateField()
    with translation.override("en"):
        assert field.clean("03/04/2027") == dt.date(2027, 4, 3)
        assert field.clean("2027-04-03") == dt.date(2027, 4, 3)
    with translation.override("de"):
        assert field.clean("03.04.2027") == dt.date(2027, 4, 3)
        with pytest.raises(forms.ValidationError):
            field.clean("04/31/2027")


def test_no_template_spells_out_a_german_date_order():
    """Named formats only, outside the German-only Leichte Sprache pages."""
    from pathlib import Path

    import inklusio

    root = Path(inklusio.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.*")
        if "/easy/" not in str(path)
        and any(
            spelled in path.read_text(encoding="utf-8")
            for spelled in ('date:"j. F', 'date:"l, j.', 'date:"d.m.Y', "date:'d.m.Y")
        )
    ]
    assert offenders == []
