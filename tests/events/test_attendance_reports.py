"""The pure reading and matching of video platforms' attendance reports (no database)."""

from datetime import datetime
from pathlib import Path

import pytest

from inklusio.core.tabular import read_table
from inklusio.events import attendance_reports as reports
from inklusio.events.attendance_reports import Candidate, Participant, Session

SAMPLES = Path(__file__).parent / "platform_reports"


def records_of(name_or_bytes) -> list:
    data = name_or_bytes if isinstance(name_or_bytes, bytes) else (SAMPLES / name_or_bytes).read_bytes()
    table = read_table(data, utf16=True)
    return [(1, table.header), *((row.number, list(row)) for row in table.rows)]


def people(report) -> dict:
    return {p.name: p.minutes for p in report.participants}


def test_zoom_with_meeting_data_merges_a_persons_sessions():
    report = reports.parse_report(records_of("zoom_participants.csv"))
    assert report.layout == reports.ZOOM and report.sessions == 8 and not report.issues
    anna = next(p for p in report.participants if p.name == "Anna Müller")
    assert anna.minutes == 154 + 182 and anna.rows == [6, 8]
    assert anna.joined == datetime(2025, 9, 30, 9, 28, 3) and anna.left == datetime(2025, 9, 30, 16, 0, 2)
    assert people(report)["Ben Schulz"] == 10
    assert next(p for p in report.participants if p.name.startswith("Jörg")).email == "J.Weiss@Example.org"


def test_teams_utf16_reads_the_participants_section_only():
    data = (SAMPLES / "teams_attendance.csv").read_bytes()
    assert data.startswith(b"\xff\xfe")  # as Teams writes it
    report = reports.parse_report(records_of(data))
    assert report.layout == reports.TEAMS
    assert report.sessions == 7  # the "In-Meeting Activities" below are not counted again
    assert people(report) == {
        "Kongress-Team": 399,
        "Anna Müller": 336,
        "Weiß, Jörg": 360,
        "Ayşe Demir (Gast)": 95,
        "Ben Schulz (Gast)": 9,
        "Lena Schmidt (Gast)": 120,
        "Tom Berger (Gast)": 60,
    }


def test_teams_2020_layout():
    text = "Full Name\tUser Action\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
    text += "Anna Müller\tJoined\t9/30/25, 9:28:03 AM\t9/30/25, 10:28:03 AM\t1h 0m\tanna@example.org\tAttendee\n"
    report = reports.parse_report(records_of(text.encode("utf-16")))
    assert report.layout == reports.TEAMS and people(report) == {"Anna Müller": 60}


def test_bigbluebutton_skips_the_anonymous_poll_line_and_has_no_emails():
    report = reports.parse_report(records_of("bigbluebutton_learning_dashboard.csv"))
    assert report.layout == reports.BIGBLUEBUTTON
    assert "Anonymous" not in people(report) and people(report)["Anna Müller"] == 336
    assert all(p.email == "" for p in report.participants)


def test_generic_semicolon_table():
    report = reports.parse_report(records_of("generic.csv"))
    assert report.layout == reports.GENERIC
    assert people(report)["Jörg Weiß"] == 360 and people(report)["Ben Schulz"] == 9


def test_generic_first_and_last_name_columns():
    report = reports.parse_report([(1, ["Vorname", "Nachname", "Minuten"]), (2, ["Anna", "Müller", "42,5"])])
    assert people(report) == {"Anna Müller": 42}


def test_unreadable_durations_are_row_issues():
    report = reports.parse_report([(1, ["Name", "Minutes"]), (2, ["Anna", "viel"]), (3, ["Ben", "20"])])
    assert [(i.row, i.value) for i in report.issues] == [(2, "viel")]
    assert people(report) == {"Ben": 20}


@pytest.mark.parametrize(
    "records",
    [
        [(1, ["Vorname", "Stadt"]), (2, ["Anna", "Kassel"])],
        [(1, ["Name", "Email"]), (2, ["Anna", "a@example.org"])],
        [(1, ["1. Summary"]), (2, ["Meeting title", "Kongress"])],
    ],
)
def test_missing_columns_are_refused(records):
    with pytest.raises(reports.ReportError) as refused:
        reports.parse_report(records)
    assert refused.value.code == "no_participant_list"


def test_an_empty_list_is_refused():
    with pytest.raises(reports.ReportError) as refused:
        reports.parse_report([(1, ["Name", "Email", "Minutes"])])
    assert refused.value.code == "no_participants"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("42", 2520),
        ("42,5", 2550),
        ("01:02:03", 3723),
        ("1:30", 5400),
        ("1h 2m 3s", 3723),
        ("45m 10s", 2710),
        ("58s", 58),
        ("1 Std. 5 Min.", 3900),
        ("", None),
        ("-", None),
        ("viel", None),
        ("1h viel", None),
    ],
)
def test_durations(text, seconds):
    assert reports.parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "09/30/2025 09:12:03 AM",
        "9/30/2025, 09:12:03 AM",
        "9/30/25, 9:12:03 AM",
        "9/30/25, 9:12:03\u202fAM",
        "30.09.2025 09:12:03",
        "30.9.25, 09:12:03",
        "2025-09-30T09:12:03Z",
    ],
)
def test_times(text):
    assert reports.parse_time(text) == datetime(2025, 9, 30, 9, 12, 3)


def test_overlapping_sessions_count_once():
    a = Session(2, "Anna", "a@example.org", 3600, datetime(2025, 9, 30, 9), datetime(2025, 9, 30, 10))
    b = Session(3, "Anna", "A@example.org", 3600, datetime(2025, 9, 30, 9, 30), datetime(2025, 9, 30, 10, 30))
    c = Session(4, "Anna", "a@example.org", 600, datetime(2025, 9, 30, 11), datetime(2025, 9, 30, 11, 10))
    (anna,) = reports.merge_sessions([a, b, c])
    assert anna.minutes == 90 + 10 and anna.rows == [2, 3, 4]


def test_sessions_without_times_add_up():
    (anna,) = reports.merge_sessions([Session(2, "Anna", "", 600, None, None), Session(3, "anna", "", 300, None, None)])
    assert anna.minutes == 15


CANDIDATES = [
    Candidate(1, "Anna Müller", "anna.mueller@example.org"),
    Candidate(2, "Jörg Weiß", "j.weiss@example.org"),
    Candidate(3, "Ayşe Demir", ""),
    Candidate(4, "Lena Schmidt", "lena@example.org"),
    Candidate(5, "Lena Schmidt", "l.schmidt@example.org"),
    Candidate(6, "Ben Schulz", "ben@example.org"),
]


def participant(name, email=""):
    return Participant(name, email, 30, None, None)


@pytest.mark.parametrize(
    ("name", "email", "status", "keys", "via"),
    [
        ("Irgendwer", "ANNA.Mueller@Example.org", reports.MATCHED, (1,), "email"),
        ("Anna Mueller", "", reports.MATCHED, (1,), "name"),
        ("Müller, Anna", "", reports.MATCHED, (1,), "name"),
        ("Dr. Anna Müller (sie/ihr)", "", reports.MATCHED, (1,), "name"),
        ("Anna Müller | Inklusionsbetrieb", "", reports.MATCHED, (1,), "name"),
        ("Weiss Joerg", "unbekannt@example.org", reports.MATCHED, (2,), "name"),  # email unknown: the name
        ("Ayse Demir", "", reports.MATCHED, (3,), "name"),
        ("Lena Schmidt", "", reports.AMBIGUOUS, (4, 5), "name"),
        ("Lena Schmidt", "l.schmidt@example.org", reports.MATCHED, (5,), "email"),
        ("Tom Berger", "", reports.UNKNOWN, (), ""),
        ("", "", reports.UNKNOWN, (), ""),
    ],
)
def test_matching(name, email, status, keys, via):
    (found,) = reports.match([participant(name, email)], CANDIDATES)
    assert (found.status, found.keys, found.via) == (status, keys, via)
