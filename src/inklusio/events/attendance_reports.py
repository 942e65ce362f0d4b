"""Attendance reports that video platforms export, read into people with their minutes, and matched to the
registrations of an event (pure: no Django; the table comes from the bounded reader, ``core.tabular``).

Layouts, found by their column headings (case and punctuation do not count) among the first rows:

- **Zoom**'s participant report: "Name (Original Name)", "User Email", "Join Time", "Leave Time",
  "Duration (Minutes)", "Guest"; one row per session (a person who rejoined has several). Exported "with meeting
  data", a meeting section ("Meeting ID", "Topic", ...) comes first and is passed over.
- **Microsoft Teams**' attendance report (UTF-16, tab-separated): "1. Summary" (title, start, end), then
  "2. Participants" with "Name", "First Join", "Last Leave", "In-Meeting Duration" ("1h 2m 3s"), "Email",
  "Participant ID (UPN)", "Role"; then "3. In-Meeting Activities", one row per session, which is not read (the
  participants section already adds them up). The older layout ("Full Name", "Join Time", "Leave Time",
  "Duration", "Email", "Role") is read too.
- **BigBlueButton**'s learning-analytics CSV: "Name", "Moderator", "Activity Score", ..., "Join", "Left",
  "Duration" ("01:02:03"); it has no email column, so its people are matched by name.
- a **generic** table: a name (or first and last name), an email (optional) and minutes.

Several rows of one person (by email, else by name) become one :class:`Participant`: their minutes add up, and
where every session has its join and leave time, overlapping sessions (two devices at once) count once. Minutes
are whole minutes, rounded down.

Matching (:func:`match`) compares with the event's confirmed registrations: by email first (case, ``+tags`` and
Gmail dots do not count), then by name (umlauts spelled out, accents dropped, word order, academic titles and a
suffix in brackets or after "|" do not count). One registration found: matched; several: ambiguous (staff
choose); none: unknown (listed, not imported).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from inklusio.contacts.duplicates import fold, normalise_email

ZOOM, TEAMS, BIGBLUEBUTTON, GENERIC = "zoom", "teams", "bigbluebutton", "generic"
LAYOUTS = (ZOOM, TEAMS, BIGBLUEBUTTON, GENERIC)
MATCHED, AMBIGUOUS, UNKNOWN = "matched", "ambiguous", "unknown"
HEADER_SEARCH_ROWS = 60  # a header further down is not looked for
_SECTION_TITLE = re.compile(r"^\d+\.\s")  # Teams: "1. Summary", "2. Participants", "3. In-Meeting Activities"


@dataclass(frozen=True)
class _Layout:
    name: str
    columns: dict[str, tuple[str, ...]]  # field -> accepted headings (as :func:`heading_key` gives them)
    required: tuple[str, ...]
    sectioned: bool = False  # the participant list ends at the next numbered section title (Teams)


_LAYOUTS = (
    _Layout(
        ZOOM,
        {
            "name": ("name original name", "name ursprunglicher name", "name urspruenglicher name"),
            "email": ("user email", "e mail des benutzers", "e mail adresse des benutzers"),
            "joined": ("join time", "beitrittszeit", "zeitpunkt des beitritts"),
            "left": ("leave time", "austrittszeit", "zeitpunkt des verlassens"),
            "minutes": ("duration minutes", "dauer minuten"),
            "guest": ("guest", "gast"),
        },
        ("name", "minutes"),
    ),
    _Layout(
        TEAMS,
        {
            "name": ("name",),
            "email": ("email", "e mail"),
            "joined": ("first join", "erster beitritt"),
            "left": ("last leave", "letztes verlassen"),
            "duration": ("in meeting duration", "dauer in der besprechung", "besprechungsdauer"),
        },
        ("name", "duration"),
        sectioned=True,
    ),
    _Layout(
        TEAMS,
        {
            "name": ("full name", "vollstandiger name", "vollstaendiger name"),
            "email": ("email", "e mail"),
            "joined": ("join time", "beitrittszeit"),
            "left": ("leave time", "zeitpunkt des verlassens"),
            "duration": ("duration", "dauer"),
        },
        ("name", "duration"),
        sectioned=True,
    ),
    _Layout(
        BIGBLUEBUTTON,
        {
            "name": ("name",),
            "moderator": ("moderator", "moderator in", "moderatorin"),
            "joined": ("join", "beitritt", "beigetreten"),
            "left": ("left", "verlassen"),
            "duration": ("duration", "dauer"),
        },
        ("name", "moderator", "duration"),
    ),
    _Layout(
        GENERIC,
        {
            "name": ("name", "full name", "teilnehmer in", "teilnehmerin", "teilnehmer", "participant"),
            "first_name": ("first name", "vorname"),
            "last_name": ("last name", "nachname", "surname"),
            "email": ("email", "e mail", "e mail adresse", "email address", "mail"),
            "duration": ("minutes", "minuten", "duration minutes", "dauer minuten", "dauer", "duration"),
        },
        ("duration",),
    ),
)


class ReportError(ValueError):
    """The file as a whole is not an attendance report. ``code`` and ``params`` let callers translate it."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message % params if params else message)
        self.code, self.params = code, params


@dataclass(frozen=True)
class RowIssue:
    """A row that cannot be read; ``code`` is "duration" (the time attended is missing or unreadable)."""

    row: int
    code: str
    value: str


@dataclass(frozen=True)
class Session:
    row: int
    name: str
    email: str
    seconds: int
    joined: datetime | None
    left: datetime | None


@dataclass
class Participant:
    """One person of the report, all sessions together."""

    name: str
    email: str
    minutes: int
    joined: datetime | None
    left: datetime | None
    rows: list[int] = field(default_factory=list)


@dataclass
class Report:
    layout: str
    participants: list[Participant]
    issues: list[RowIssue]
    sessions: int  # rows read as sessions


@dataclass(frozen=True)
class Candidate:
    """A registration the report can be matched to: ``key`` identifies it (the registration's id)."""

    key: int
    name: str
    email: str


@dataclass(frozen=True)
class Match:
    status: str  # MATCHED, AMBIGUOUS or UNKNOWN
    keys: tuple[int, ...]  # the one registration (matched) or those to choose from (ambiguous)
    via: str = ""  # "email" or "name"


# --- reading -----------------------------------------------------------------------------------------------


def heading_key(text: str) -> str:
    """A heading as compared: folded (see :func:`inklusio.contacts.duplicates.fold`), without a BOM."""
    return fold(text.replace("\ufeff", ""))


def _find_header(records: Sequence[tuple[int, Sequence[str]]]):
    for position, (_number, cells) in enumerate(records[:HEADER_SEARCH_ROWS]):
        keys = [heading_key(cell) for cell in cells]
        for layout in _LAYOUTS:
            found = {}
            for index, key in enumerate(keys):
                for name, headings in layout.columns.items():
                    if name not in found and key in headings:
                        found[name] = index
                        break
            if all(name in found for name in layout.required) and (
                "name" in found or "last_name" in found or layout.name != GENERIC
            ):
                return layout, found, position
    raise ReportError(
        "no_participant_list",
        "No participant list was found: the file needs columns for the name and the time attended, as in the "
        "participant report of Zoom, the attendance report of Microsoft Teams, the learning-analytics CSV of "
        "BigBlueButton, or a table with the columns Name, Email and Minutes.",
    )


def parse_report(records: Sequence[tuple[int, Sequence[str]]]) -> Report:
    """Read the rows of a table (``(row number, cells)``, the first row included) as an attendance report.

    Raises :class:`ReportError` when no layout fits or no one is in the list; a row whose duration cannot be read
    becomes a :class:`RowIssue` (the report is then not importable as a whole, but everything is shown)."""
    layout, columns, position = _find_header(records)
    sessions, issues = [], []

    def cell(cells, name):
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    for number, cells in records[position + 1 :]:
        first = cells[0].strip() if cells else ""
        if layout.sectioned and _SECTION_TITLE.match(first) and len([c for c in cells if c.strip()]) == 1:
            break
        if layout.name == BIGBLUEBUTTON and not cell(cells, "moderator"):
            continue  # the "Anonymous" line of anonymous poll answers: nobody's attendance
        name = cell(cells, "name") or " ".join(filter(None, (cell(cells, "first_name"), cell(cells, "last_name"))))
        email = cell(cells, "email")
        email = email if "@" in email else ""  # Zoom and Teams leave guests' addresses empty or put a dash there
        if not name and not email:
            continue
        raw = cell(cells, "minutes") or cell(cells, "duration")
        seconds = parse_duration(raw)
        if seconds is None:
            issues.append(RowIssue(number, "duration", raw[:40]))
            continue
        joined, left = parse_time(cell(cells, "joined")), parse_time(cell(cells, "left"))
        sessions.append(Session(number, name[:200], email[:254], seconds, joined, left))
    if not sessions and not issues:
        raise ReportError("no_participants", "The participant list is empty.")
    return Report(layout.name, merge_sessions(sessions), issues, len(sessions))


_UNITS = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|stunden?|std|minutes?|minuten?|mins?|m|seconds?|secs?|sekunden?|sek|s)"
    r"\.?(?![a-z])",
    re.IGNORECASE,
)


def parse_duration(text: str) -> int | None:
    """Seconds from minutes ("42", "42,5"), "h:mm:ss" or "h:mm" ("01:02:03", "1:30") or units ("1h 2m 3s",
    "45m 10s", "1 Std. 2 Min."); None when empty or unreadable."""
    text = (text or "").strip()
    if not text or len(text) > 40:
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
        return round(float(text.replace(",", ".")) * 60)
    if re.fullmatch(r"\d+:\d{2}(?::\d{2})?", text):
        parts = [int(p) for p in text.split(":")]
        hours, mins, secs = (*parts, 0) if len(parts) == 2 else parts
        return hours * 3600 + mins * 60 + secs
    found = _UNITS.findall(text)
    if not found or _UNITS.sub("", text).strip(" ,"):
        return None
    total = 0.0
    for value, unit in found:
        unit = unit.lower()
        factor = 3600 if unit[0] in "h" or unit.startswith("st") else 1 if unit[0] == "s" else 60
        total += float(value.replace(",", ".")) * factor
    return round(total)


_TIME_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p",  # Zoom (en-US): 09/30/2025 09:12:03 AM
    "%m/%d/%Y, %I:%M:%S %p",  # BigBlueButton (en-US): 9/30/2025, 09:12:03 AM
    "%m/%d/%y, %I:%M:%S %p",  # Teams (en-US): 9/30/25, 9:12:03 AM
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",  # Zoom (de)
    "%d.%m.%Y, %H:%M:%S",  # BigBlueButton (de)
    "%d.%m.%y, %H:%M:%S",  # Teams (de)
    "%d.%m.%Y %H:%M",
    "%d.%m.%y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
)


def parse_time(text: str) -> datetime | None:
    """A join or leave time as the platforms write it (local time, naive), or None."""
    text = " ".join((text or "").replace("\u202f", " ").replace("\xa0", " ").split())
    if not text or len(text) > 40:
        return None
    text = re.sub(r"(?<=\d)(?:Z|[+-]\d{2}:?\d{2})$", "", text)
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def person_key(name: str, email: str) -> str:
    """Who a session belongs to: the normalised email, else the name key."""
    return normalise_email(email) or "name:" + name_key(name)


def merge_sessions(sessions: Iterable[Session]) -> list[Participant]:
    """One participant per person, in the order of first appearance."""
    groups: dict[str, list[Session]] = defaultdict(list)
    for session in sessions:
        groups[person_key(session.name, session.email)].append(session)
    people = []
    for group in groups.values():
        joins = [s.joined for s in group if s.joined]
        leaves = [s.left for s in group if s.left]
        people.append(
            Participant(
                name=group[0].name,
                email=next((s.email for s in group if s.email), ""),
                minutes=_seconds_present(group) // 60,
                joined=min(joins) if joins else None,
                left=max(leaves) if leaves else None,
                rows=[s.row for s in group],
            )
        )
    return people


def _seconds_present(group: list[Session]) -> int:
    """The sum of the sessions; where every session has both times, overlaps (two devices at once) count once."""
    total = sum(s.seconds for s in group)
    if len(group) < 2 or not all(s.joined and s.left and s.left >= s.joined for s in group):
        return total
    spans = sorted((s.joined, s.left) for s in group)
    overlap, end = 0, spans[0][1]
    for start, stop in spans[1:]:
        if start < end:
            overlap += int((min(stop, end) - start).total_seconds())
        end = max(end, stop)
    return max(total - overlap, 0)


# --- matching ----------------------------------------------------------------------------------------------

_TITLES = {"dr", "prof", "frau", "herr", "mr", "mrs", "ms", "dipl", "ing", "med", "phil", "rer", "nat"}
_SUFFIX = re.compile(r"\(.*?\)|\[.*?\]|\|.*$")


def name_key(name: str) -> str:
    """A name as compared: without a suffix in brackets or after "|", "Last, First" turned, folded, titles
    dropped, words sorted (so "Müller Anna", "Anna Mueller" and "Dr. Anna Müller" meet)."""
    name = _SUFFIX.sub(" ", name or "")
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    words = [w for w in fold(name).split() if w not in _TITLES]
    return " ".join(sorted(words))


def match(participants: Sequence[Participant], candidates: Iterable[Candidate]) -> list[Match]:
    """For each participant (in order), the registration it is: by email, else by name."""
    by_email: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for candidate in candidates:
        if email := normalise_email(candidate.email):
            by_email[email].append(candidate.key)
        if key := name_key(candidate.name):
            by_name[key].append(candidate.key)
    found = []
    for participant in participants:
        email = normalise_email(participant.email)
        keys, via = (tuple(by_email.get(email, ())), "email") if email else ((), "")
        if not keys:
            keys, via = tuple(by_name.get(name_key(participant.name), ())) if participant.name else (), "name"
        if not keys:
            found.append(Match(UNKNOWN, ()))
        else:
            found.append(Match(MATCHED if len(keys) == 1 else AMBIGUOUS, keys, via))
    return found
