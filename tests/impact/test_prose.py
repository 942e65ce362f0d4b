"""The approximating words of the report prose (pure functions, no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inklusio.impact.prose import ABOUT, ALMOST, EXACT, OVER, approximate, count_phrase, digits, say

REQUIRED_DE = {
    118: "knapp 120",
    273: "über 270",
    497: "rund 500",
    503: "rund 500",
    23: "über 20",
    218: "knapp 220",
    547: "knapp 550",
    71: "rund 70",
    16: "16",
    10: "zehn",
    7: "sieben",
    3: "drei",
    500: "500",
}


@pytest.mark.parametrize(("n", "expected"), REQUIRED_DE.items())
def test_required_german_wordings(n, expected):
    assert say(n, "de") == expected


def test_over_word_is_the_callers_choice():
    assert say(22, "de", over="mehr als") == "mehr als 20"
    assert say(22, "de") == "über 20"
    assert say(22, "en", over="more than") == "more than 20"
    with pytest.raises(ValueError):
        say(22, "de", over="more than")


@pytest.mark.parametrize(
    ("n", "expected"),
    [(118, "almost 120"), (273, "over 270"), (497, "around 500"), (7, "seven"), (16, "16"), (0, "zero")],
)
def test_english_wordings(n, expected):
    assert say(n, "en") == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "null"),
        (1, "eins"),
        (12, "zwölf"),
        (13, "13"),  # 30 % above 10: exact
        (17, "17"),  # 15 % below 20: too far for "knapp"
        (18, "knapp 20"),  # 10 % below: the limit for "knapp"
        (19, "knapp 20"),
        (20, "20"),
        (24, "24"),  # 20 % above 20: too far for "über"
        (35, "35"),  # rounds up to 40, 12.5 % below: exact
        (49, "rund 50"),  # 2 %: the limit for "rund"
        (48, "knapp 50"),  # 4 %
        (99, "rund 100"),
        (100, "100"),
        (101, "rund 100"),
        (102, "rund 100"),
        (103, "über 100"),  # 3 % above 100 is not "rund"
        (995, "rund 1.000"),
        (1000, "1.000"),
        (1020, "rund 1.000"),
        (1180, "knapp 1.200"),
        (1200, "1.200"),
        (1230, "über 1.200"),
        (12345, "über 12.000"),
        (99_000, "rund 100.000"),
        (-3, "-3"),
    ],
)
def test_edge_cases(n, expected):
    assert say(n, "de") == expected


def test_thousands_separators():
    assert digits(1200, "de") == "1.200"
    assert digits(1200, "en") == "1,200"
    assert say(1180, "en") == "almost 1,200"


def test_counted_nouns_take_the_grammatical_form():
    assert count_phrase(3, "regionales Netzwerk", "regionale Netzwerke") == "drei regionale Netzwerke"
    assert count_phrase(7, "Mailing", "Mailings") == "sieben Mailings"
    assert count_phrase(1, "regionales Netzwerk", "regionale Netzwerke") == "ein regionales Netzwerk"
    assert count_phrase(1, "Fachtag", "Fachtage", gender="m", case="acc") == "einen Fachtag"
    assert count_phrase(1, "Fachtag", "Fachtagen", gender="m", case="dat") == "einem Fachtag"
    assert count_phrase(1, "Veranstaltung", "Veranstaltungen", gender="f", case="dat") == "einer Veranstaltung"
    assert count_phrase(0, "Mailing", "Mailings") == "keine Mailings"
    assert count_phrase(118, "Beitrag", "Beiträge", gender="m") == "knapp 120 Beiträge"
    assert count_phrase(7, "mailing", "mailings", "en") == "seven mailings"
    assert count_phrase(1, "mailing", "mailings", "en") == "one mailing"
    assert count_phrase(0, "mailing", "mailings", "en") == "no mailings"
    with pytest.raises(ValueError):
        count_phrase(3, "x", "y", gender="x")


def test_bad_input_is_refused():
    with pytest.raises(TypeError):
        approximate(2.5)
    with pytest.raises(TypeError):
        approximate(True)
    with pytest.raises(ValueError):
        say(3, "fr")


@given(st.integers(min_value=-50, max_value=10_000_000))
def test_qualifier_direction_matches_the_sign(n):
    result = approximate(n)
    if result.qualifier == ALMOST:
        assert n < result.value
        assert (result.value - n) / result.value <= 0.10
    elif result.qualifier == OVER:
        assert n > result.value
        assert (n - result.value) / result.value <= 0.15
    elif result.qualifier == ABOUT:
        assert n != result.value
        assert abs(n - result.value) / result.value <= 0.02
    else:
        assert result.qualifier == EXACT
        assert result.value == n


@given(st.integers(min_value=0, max_value=10_000_000), st.sampled_from(["de", "en"]))
def test_the_text_states_the_chosen_value(n, lang):
    result = approximate(n)
    text = say(n, lang)
    if not result.as_word:
        assert text.endswith(digits(result.value, lang))
