"""Read the CSV exports of Instagram / Meta Business Suite: posts with their metrics, follower counts.

Pure Python (no Django): it turns a :class:`inklusio.core.tabular.Table` (from the bounded reader) into typed
rows and row-level issues. Messages are English templates with ``%(name)s`` parameters, marked with
``gettext_noop`` so the services can translate them.

Number rule (documented in docs/outreach.md): a file's language decides how its numbers are
written. The language is the one most of its recognised column headings are in
("Reichweite", "Gefällt mir" → German; "Reach", "Likes" → English); when the headings do not
decide, a ``;``-separated file counts as German and a ``,``-separated one as English.
German: ``1.234`` is one thousand two hundred and thirty-four, ``12,5`` is twelve and a half.
English: ``1,234`` is one thousand two hundred and thirty-four, ``12.5`` twelve and a half.
A count written with a fractional part (``1,234`` in a German file) is a row-level error rather
than a guess. In an XLSX file, number cells arrive as plain ``1234.5``: a cell that the file's
language cannot read is read that way. Dates: German files write ``30.09.2025 14:05``, English ones ``09/30/2025 14:05``
(month first, as Meta writes them); ISO dates (``2025-09-30T14:05:00``) are accepted in both.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

GERMAN, ENGLISH = "de", "en"
POSTS, FOLLOWERS = "posts", "followers"


def gettext_noop(message: str) -> str:
    return message


@dataclass
class Issue:
    row: int  # spreadsheet row (1 = header); 0 = the file as a whole
    column: str
    message: str  # English template, translated by the caller
    params: dict = field(default_factory=dict)


def header_key(text: str) -> str:
    text = text.replace("\ufeff", "").casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return " ".join(re.sub(r"[^0-9a-zß]+", " ", text).split())


# field -> [(synonym, language or "")]; synonyms are header keys (see header_key).
POST_COLUMNS = {
    "external_id": [("beitrags id", GERMAN), ("post id", ENGLISH)],
    "account_id": [("konto id", GERMAN), ("account id", ENGLISH), ("seiten id", GERMAN), ("page id", ENGLISH)],
    "account_username": [("benutzername des kontos", GERMAN), ("account username", ENGLISH)],
    "account_name": [("kontoname", GERMAN), ("account name", ENGLISH), ("seitenname", GERMAN), ("page name", ENGLISH)],
    "caption": [("beschreibung", GERMAN), ("description", ENGLISH)],
    "duration": [("dauer sek", GERMAN), ("duration sec", ENGLISH)],
    "published": [("veroeffentlichungszeitpunkt", GERMAN), ("publish time", ENGLISH)],
    "permalink": [("permalink", "")],
    "post_type": [("beitragstyp", GERMAN), ("post type", ENGLISH)],
    "impressions": [("impressionen", GERMAN), ("impressions", ENGLISH), ("aufrufe", GERMAN), ("views", ENGLISH)],
    "reach": [("reichweite", GERMAN), ("reach", ENGLISH)],
    "likes": [
        ("gefaellt mir", GERMAN),
        ("gefaellt mir angaben", GERMAN),
        ("reaktionen", GERMAN),
        ("reactions", ENGLISH),
        ("likes", ""),
    ],
    "comments": [("kommentare", GERMAN), ("comments", ENGLISH)],
    "shares": [("geteilte inhalte", GERMAN), ("shares", ENGLISH)],
    "saves": [("gespeichert", GERMAN), ("gespeicherte inhalte", GERMAN), ("saves", "")],
}
FOLLOWER_COLUMNS = {
    "date": [("datum", GERMAN), ("date", ENGLISH)],
    "count": [
        ("follower innen", GERMAN),
        ("instagram follower innen", GERMAN),
        ("anzahl follower innen", GERMAN),
        ("follower", GERMAN),
        ("primaer", GERMAN),
        ("followers", ENGLISH),
        ("instagram followers", ENGLISH),
        ("follower count", ENGLISH),
        ("primary", ENGLISH),
    ],
}
METRICS = ("impressions", "reach", "likes", "comments", "shares", "saves")
# Headings that identify another platform's export, and the platform's name.
FOREIGN_SIGNATURES = [
    ({"update title", "update link"}, "LinkedIn"),
    ({"titel des updates"}, "LinkedIn"),
    ({"video title"}, "YouTube"),
    ({"videotitel"}, "YouTube"),
    ({"content", "video publish time"}, "YouTube"),
    ({"tweet id"}, "X (Twitter)"),
    ({"tweet permalink"}, "X (Twitter)"),
    ({"account address", "show boosts"}, "Mastodon"),
]
FACEBOOK_SIGNATURES = {"seiten id", "page id", "seitenname", "page name"}

_ALL_KEYS = {syn for columns in (POST_COLUMNS, FOLLOWER_COLUMNS) for pairs in columns.values() for syn, _l in pairs}
_ALL_KEYS |= {key for keys, _name in FOREIGN_SIGNATURES for key in keys}


def strip_preamble(data: bytes, max_lines: int = 10, max_line_bytes: int = 65_536) -> bytes:
    """Drop lines before the header row: Excel's ``sep=;`` hint and report titles Meta puts on top.

    Looks only at the first ``max_lines`` lines and the first ``max_line_bytes`` of each (the file itself is
    read later by the bounded reader)."""
    start = 0
    for _index in range(max_lines):
        if start >= len(data):
            break
        end = data.find(b"\n", start, start + max_line_bytes)
        line = data[start : start + max_line_bytes] if end < 0 else data[start : end + 1]
        text = line.decode("utf-8-sig", errors="replace").replace("\ufeff", "")
        cells = [header_key(cell.strip().strip('"')) for cell in re.split(r"[;,\t]", text)]
        if sum(cell in _ALL_KEYS for cell in cells) >= 2:  # a title line may name one heading
            return data[start:]
        if end < 0:
            break
        start = end + 1
    return data


def map_columns(header: list[str], columns: dict) -> tuple[dict[str, int], dict[str, int]]:
    """Return (field -> column index, language -> number of headings in it)."""
    found, languages = {}, {GERMAN: 0, ENGLISH: 0}
    for index, heading in enumerate(header):
        key = header_key(heading)
        for name, synonyms in columns.items():
            language = next((lang for synonym, lang in synonyms if synonym == key), None)
            if name not in found and language is not None:
                found[name] = index
                if language:
                    languages[language] += 1
                break
    return found, languages


def decide_language(languages: dict[str, int], delimiter: str) -> str:
    if languages[GERMAN] != languages[ENGLISH]:
        return GERMAN if languages[GERMAN] > languages[ENGLISH] else ENGLISH
    return GERMAN if delimiter == ";" else ENGLISH


def foreign_platform(header: list[str]) -> str | None:
    keys = {header_key(h) for h in header}
    for signature, name in FOREIGN_SIGNATURES:
        if signature <= keys:
            return name
    return None


def is_facebook(header: list[str]) -> bool:
    return bool({header_key(h) for h in header} & FACEBOOK_SIGNATURES)


def detect_kind(header: list[str]) -> str | None:
    posts, _l = map_columns(header, POST_COLUMNS)
    if "published" in posts or "external_id" in posts:
        return POSTS
    followers, _l = map_columns(header, FOLLOWER_COLUMNS)
    if "date" in followers and "count" in followers:
        return FOLLOWERS
    return None


# --- numbers and dates ------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']")


class ValueProblem(ValueError):
    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message, self.params = message, params


def _separators(language: str) -> tuple[str, str]:
    return (".", ",") if language == GERMAN else (",", ".")


def parse_decimal(text: str, language: str) -> Decimal | None:
    """A non-negative number as the file's language writes it; None for an empty cell."""
    raw = text.strip()
    value = _SPACES.sub("", raw)
    if value in ("", "-", "–"):
        return None
    thousands, decimal = _separators(language)
    t, d = re.escape(thousands), re.escape(decimal)
    match = re.fullmatch(rf"(\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}(\d+))?", value)
    if not match:
        if value.startswith("-") and re.fullmatch(r"-[\d.,]+", value):
            raise ValueProblem(gettext_noop("“%(value)s” is negative; a count cannot be."), value=raw)
        example = "1.234" if language == GERMAN else "1,234"
        raise ValueProblem(
            gettext_noop("“%(value)s” is not a number as this file writes them (for example %(example)s)."),
            value=raw,
            example=example,
        )
    integer = match.group(1).replace(thousands, "")
    return Decimal(f"{integer}.{match.group(2)}") if match.group(2) else Decimal(integer)


def parse_count(text: str, language: str) -> int | None:
    number = parse_decimal(text, language)
    if number is None:
        return None
    if number != number.to_integral_value():
        if language == GERMAN:
            message = gettext_noop(
                "“%(value)s” is not a whole number. This file has German headings, so the comma separates "
                "decimals and the full stop thousands (1.234 = one thousand two hundred and thirty-four)."
            )
        else:
            message = gettext_noop(
                "“%(value)s” is not a whole number. This file has English headings, so the full stop separates "
                "decimals and the comma thousands (1,234 = one thousand two hundred and thirty-four)."
            )
        raise ValueProblem(message, value=text.strip())
    if number > 2_000_000_000:
        raise ValueProblem(gettext_noop("“%(value)s” is implausibly large."), value=text.strip())
    return int(number)


_DATE_FORMATS = {
    GERMAN: ("%d.%m.%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y", "%d.%m.%y %H:%M", "%d.%m.%y"),
    ENGLISH: ("%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y", "%m/%d/%Y %I:%M %p", "%m/%d/%y %H:%M"),
}


def parse_datetime(text: str, language: str) -> datetime:
    """A naive or offset-aware datetime; raises ValueProblem with an example of the expected form."""
    value = " ".join(text.split())
    if not value:
        raise ValueProblem(gettext_noop("The date is missing."))
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    else:
        for fmt in _DATE_FORMATS[language]:
            try:
                return datetime.strptime(value, fmt)
            except ValueError:
                continue
    example = "30.09.2025 14:05" if language == GERMAN else "09/30/2025 14:05"
    raise ValueProblem(
        gettext_noop("“%(value)s” is not a date and time; this file should write them like %(example)s."),
        value=value,
        example=example,
    )


def parse_date(text: str, language: str) -> date:
    try:
        return parse_datetime(text, language).date()
    except ValueProblem as problem:
        if problem.params.get("value"):
            example = "30.09.2025" if language == GERMAN else "09/30/2025"
            raise ValueProblem(
                gettext_noop("“%(value)s” is not a date; this file should write dates like %(example)s."),
                value=problem.params["value"],
                example=example,
            ) from problem
        raise


# --- whole files ------------------------------------------------------------------------------------------


@dataclass
class PostRow:
    row: int
    external_id: str
    account_id: str
    published: datetime
    permalink: str
    caption: str
    post_type: str
    duration: Decimal | None
    metrics: dict[str, int | None]


@dataclass
class FollowerRow:
    row: int
    date: date
    count: int


@dataclass
class Parsed:
    kind: str | None = None
    language: str = GERMAN
    spreadsheet: bool = False  # XLSX: number cells arrive as plain "1234.5", text cells as the file writes them
    facebook: bool = False
    columns: dict[str, str] = field(default_factory=dict)  # field -> heading
    posts: list[PostRow] = field(default_factory=list)
    followers: list[FollowerRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    total_rows: int = 0


def _records(rows: list[list[str]]):
    """(spreadsheet row, cells); rows from the table reader carry their number, plain lists count from 2."""
    for offset, record in enumerate(rows):
        if any(cell.strip() for cell in record):
            yield getattr(record, "number", offset + 2), record


def parse_export(header: list[str], rows: list[list[str]], delimiter: str = ",", spreadsheet: bool = False) -> Parsed:
    """Check the headings, then every row; never stops at the first problem.

    ``spreadsheet``: the rows come from an XLSX file, whose number cells are written like "1234.5".
    """
    result = Parsed(spreadsheet=spreadsheet)
    foreign = foreign_platform(header)
    if foreign:
        result.issues.append(
            Issue(
                1,
                "",
                gettext_noop(
                    "This looks like an export from %(platform)s, not from Instagram or Meta Business Suite. "
                    "Upload the CSV file that Meta Business Suite exports (Insights → Content → Export)."
                ),
                {"platform": foreign},
            )
        )
        return result
    result.kind = detect_kind(header)
    result.facebook = is_facebook(header)
    if result.kind is None:
        result.issues.append(
            Issue(
                1,
                "",
                gettext_noop(
                    "The columns of this file are not those of an Instagram / Meta Business Suite export. "
                    "A post export needs “Beitrags-ID” or “Post ID” and “Veröffentlichungszeitpunkt” or “Publish "
                    "time”; a follower export needs “Datum” or “Date” and “Follower*innen” or “Followers”. "
                    "The file has: %(columns)s."
                ),
                {"columns": ", ".join(f"“{h}”" for h in header[:12])},
            )
        )
        return result
    records = list(_records(rows))
    result.total_rows = len(records)
    if result.kind == POSTS:
        _parse_posts(result, header, records, delimiter)
    else:
        _parse_followers(result, header, records, delimiter)
    if not result.total_rows and not result.issues:
        result.issues.append(Issue(0, "", gettext_noop("The file has a header row but no data rows.")))
    return result


def _number(parse, text: str, result: Parsed):
    """Parse as the file's language writes numbers; in a spreadsheet, a plain number cell ("34.5") too."""
    try:
        return parse(text, result.language)
    except ValueProblem:
        if result.spreadsheet and re.fullmatch(r"\d+(\.\d+)?", text.strip()):
            return parse(text.strip(), ENGLISH)
        raise


def _too_wide(number: int, record: list[str], width: int) -> Issue | None:
    if len(record) > width and any(cell.strip() for cell in record[width:]):
        return Issue(
            number,
            "",
            gettext_noop("The row has %(cells)s cells but the header only %(width)s."),
            {"cells": len(record), "width": width},
        )
    return None


def _parse_posts(result: Parsed, header, records, delimiter):
    found, languages = map_columns(header, POST_COLUMNS)
    result.language = decide_language(languages, delimiter)
    result.columns = {name: header[index] for name, index in found.items()}
    missing = []
    if "published" not in found:
        missing.append("Veröffentlichungszeitpunkt / Publish time")
    if "external_id" not in found and "permalink" not in found:
        missing.append("Beitrags-ID / Post ID")
    for name in missing:
        result.issues.append(
            Issue(1, name, gettext_noop("This required column is missing; the file cannot be matched to posts."))
        )
    if missing:
        return
    seen_ids, seen_links = {}, {}
    for number, record in records:
        if issue := _too_wide(number, record, len(header)):
            result.issues.append(issue)
            continue

        def cell(name, record=record):
            index = found.get(name)
            return record[index].strip() if index is not None and index < len(record) else ""

        row_issues = []
        try:
            published = parse_datetime(cell("published"), result.language)
        except ValueProblem as problem:
            row_issues.append(Issue(number, result.columns["published"], problem.message, problem.params))
            published = None
        metrics = {}
        for name in METRICS:
            try:
                metrics[name] = _number(parse_count, cell(name), result)
            except ValueProblem as problem:
                row_issues.append(Issue(number, result.columns[name], problem.message, problem.params))
        try:
            duration = _number(parse_decimal, cell("duration"), result)
        except ValueProblem as problem:
            row_issues.append(Issue(number, result.columns["duration"], problem.message, problem.params))
            duration = None
        external_id, permalink = cell("external_id"), cell("permalink")
        if not external_id and not permalink:
            row_issues.append(
                Issue(number, result.columns.get("external_id", "permalink"), gettext_noop("The post ID is missing."))
            )
        if permalink and not re.match(r"^https?://", permalink):
            row_issues.append(
                Issue(number, result.columns["permalink"], gettext_noop("“%(value)s” is not a web address."),
                      {"value": permalink[:60]})
            )  # fmt: skip
        for key, seen, column in ((external_id, seen_ids, "external_id"), (permalink, seen_links, "permalink")):
            if key and key in seen:
                row_issues.append(
                    Issue(
                        number,
                        result.columns[column],
                        gettext_noop("The same post as row %(row)s."),
                        {"row": seen[key]},
                    )
                )
        if row_issues:
            result.issues.extend(row_issues)
            continue
        if external_id:
            seen_ids[external_id] = number
        if permalink:
            seen_links[permalink] = number
        result.posts.append(
            PostRow(
                row=number,
                external_id=external_id[:64],
                account_id=cell("account_id"),
                published=published,
                permalink=permalink[:500],
                caption=cell("caption"),
                post_type=cell("post_type")[:60],
                duration=duration,
                metrics=metrics,
            )
        )


def _parse_followers(result: Parsed, header, records, delimiter):
    found, languages = map_columns(header, FOLLOWER_COLUMNS)
    result.language = decide_language(languages, delimiter)
    result.columns = {name: header[index] for name, index in found.items()}
    seen = {}
    for number, record in records:
        if issue := _too_wide(number, record, len(header)):
            result.issues.append(issue)
            continue
        raw_date = record[found["date"]].strip() if found["date"] < len(record) else ""
        raw_count = record[found["count"]].strip() if found["count"] < len(record) else ""
        row_issues = []
        day = count = None
        try:
            day = parse_date(raw_date, result.language)
        except ValueProblem as problem:
            row_issues.append(Issue(number, result.columns["date"], problem.message, problem.params))
        try:
            count = _number(parse_count, raw_count, result)
            if count is None:
                row_issues.append(Issue(number, result.columns["count"], gettext_noop("The count is missing.")))
        except ValueProblem as problem:
            row_issues.append(Issue(number, result.columns["count"], problem.message, problem.params))
        if day is not None and day in seen:
            row_issues.append(
                Issue(number, result.columns["date"], gettext_noop("The same date as row %(row)s."), {"row": seen[day]})
            )
        if row_issues:
            result.issues.extend(row_issues)
            continue
        seen[day] = number
        result.followers.append(FollowerRow(row=number, date=day, count=count))
