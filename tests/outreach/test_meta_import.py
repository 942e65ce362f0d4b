"""The pure parser of Meta Business Suite exports: numbers, dates, headings, other platforms."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inklusio.outreach import meta_import as m


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.234", m.GERMAN, 1234),
        ("1,234", m.ENGLISH, 1234),
        ("1.234.567", m.GERMAN, 1234567),
        ("1 234", m.GERMAN, 1234),
        ("1\u00a0234", m.ENGLISH, 1234),
        ("12", m.ENGLISH, 12),
        ("1234", m.GERMAN, 1234),
        ("12,0", m.GERMAN, 12),
        ("", m.GERMAN, None),
        ("-", m.ENGLISH, None),
    ],
)
def test_counts_follow_the_files_language(text, language, expected):
    assert m.parse_count(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "fragment"),
    [
        ("1,234", m.GERMAN, "not a whole number"),
        ("1.234", m.ENGLISH, "not a whole number"),
        ("1.23.4", m.GERMAN, "not a number"),
        ("12.34", m.GERMAN, "not a number"),  # a German file never groups two digits
        ("-5", m.GERMAN, "negative"),
        ("viele", m.ENGLISH, "not a number"),
        ("3e5", m.ENGLISH, "not a number"),
    ],
)
def test_bad_counts_are_refused_with_a_reason(text, language, fragment):
    with pytest.raises(m.ValueProblem) as problem:
        m.parse_count(text, language)
    assert fragment in problem.value.message % problem.value.params


def test_decimal_commas():
    assert m.parse_decimal("34,5", m.GERMAN) == Decimal("34.5")
    assert m.parse_decimal("1.034,25", m.GERMAN) == Decimal("1034.25")
    assert m.parse_decimal("1,034.25", m.ENGLISH) == Decimal("1034.25")


@given(st.integers(min_value=0, max_value=1_999_999_999))
def test_counts_written_by_either_locale_read_back(number):
    german = f"{number:,}".replace(",", ".")
    english = f"{number:,}"
    assert m.parse_count(german, m.GERMAN) == number
    assert m.parse_count(english, m.ENGLISH) == number


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("30.09.2025 14:05", m.GERMAN, datetime(2025, 9, 30, 14, 5)),
        ("09/30/2025 14:05", m.ENGLISH, datetime(2025, 9, 30, 14, 5)),
        ("2025-09-30T14:05:00", m.ENGLISH, datetime(2025, 9, 30, 14, 5)),
        ("2025-09-30 14:05", m.GERMAN, datetime(2025, 9, 30, 14, 5)),
    ],
)
def test_dates(text, language, expected):
    assert m.parse_datetime(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"), [("31.02.2025 10:00", m.GERMAN), ("30.09.2025", m.ENGLISH), ("2025-13-01", m.GERMAN)]
)
def test_wrong_dates_are_refused(text, language):
    with pytest.raises(m.ValueProblem):
        m.parse_datetime(text, language)


def test_follower_dates_accept_plain_dates():
    assert m.parse_date("30.09.2025", m.GERMAN) == date(2025, 9, 30)
    assert m.parse_date("09/30/2025", m.ENGLISH) == date(2025, 9, 30)
    with pytest.raises(m.ValueProblem) as problem:
        m.parse_date("gestern", m.GERMAN)
    assert "30.09.2025" in problem.value.message % problem.value.params


def test_language_from_headings_then_from_the_delimiter():
    german = ["Beitrags-ID", "Veröffentlichungszeitpunkt", "Reichweite", "Likes"]
    english = ["Post ID", "Publish time", "Reach", "Likes"]
    _found, languages = m.map_columns(german, m.POST_COLUMNS)
    assert m.decide_language(languages, ",") == m.GERMAN
    _found, languages = m.map_columns(english, m.POST_COLUMNS)
    assert m.decide_language(languages, ";") == m.ENGLISH
    assert m.decide_language({m.GERMAN: 0, m.ENGLISH: 0}, ";") == m.GERMAN
    assert m.decide_language({m.GERMAN: 0, m.ENGLISH: 0}, ",") == m.ENGLISH


def test_preamble_lines_are_skipped_but_not_a_single_heading_title():
    data = b'sep=;\r\n"Instagram-Follower*innen"\r\n"Datum";"Follower*innen"\r\n"30.09.2025";"547"\r\n'
    assert m.strip_preamble(data).startswith(b'"Datum"')
    assert m.strip_preamble(b"a,b\n1,2\n") == b"a,b\n1,2\n"


def test_other_platforms_are_named():
    result = m.parse_export(["Update title", "Update link", "Impressions"], [["x", "y", "1"]])
    assert result.kind is None
    assert result.issues[0].params == {"platform": "LinkedIn"}
    result = m.parse_export(["Content", "Video title", "Video publish time", "Views"], [])
    assert result.issues[0].params == {"platform": "YouTube"}


def test_unknown_columns_list_what_the_file_has():
    result = m.parse_export(["Name", "E-Mail"], [["a", "b"]])
    assert result.kind is None
    assert "“Name”, “E-Mail”" in result.issues[0].params["columns"]


def test_every_row_is_checked_not_only_the_first_bad_one():
    header = ["Post ID", "Publish time", "Reach", "Likes"]
    rows = [["1", "bad", "1,000", "x"], ["2", "09/30/2025 10:00", "12.5", "3"], ["1", "09/30/2025 11:00", "1", "1"]]
    result = m.parse_export(header, rows)
    problems = [(issue.row, issue.column) for issue in result.issues]
    assert (2, "Publish time") in problems and (2, "Likes") in problems
    assert (3, "Reach") in problems
    assert len(result.posts) == 1 and result.posts[0].row == 4  # row 4 repeats post 1 of row 2, which failed


def test_duplicate_post_ids_in_one_file_are_errors():
    header = ["Post ID", "Publish time"]
    result = m.parse_export(header, [["1", "09/30/2025 10:00"], ["1", "09/30/2025 11:00"]])
    assert [(i.row, i.message % i.params) for i in result.issues] == [(3, "The same post as row 2.")]


def test_header_only_file():
    result = m.parse_export(["Datum", "Follower*innen"], [])
    assert result.kind == m.FOLLOWERS
    assert result.issues[0].message == "The file has a header row but no data rows."


def test_rows_wider_than_the_header():
    result = m.parse_export(["Datum", "Follower*innen"], [["30.09.2025", "547", "x"]])
    assert result.issues[0].params == {"cells": 3, "width": 2}
