"""Contact import: map columns, validate every row, show a preview, then write all-or-nothing.

``plan_import`` never writes; ``execute_import`` writes a valid plan in one transaction.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import count, repeat
from operator import itemgetter
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inklusio.core import imports
from inklusio.core.bulkinsert import analyse_stage, create_stage, drop_stage, fill_stage, insert_rows, insert_select
from inklusio.core.cycles import without_gc
from inklusio.core.imports import RowIssue, read_upload, table_error_message
from inklusio.core.tabular import FORMULA_PREFIXES, Table, TableError, looks_like_formula

from .duplicates import fold_each
from .models import Affiliation, Organisation, Person, StakeholderType, SuppressionEntry, Tag, normalise_name
from .regions import region_code
from .suppression import suppressed_among


def import_dir():
    """Where uploaded contact files wait for their preview (outside the web root)."""
    return Path(settings.UPLOAD_ROOT) / "imports"


def upload_path(record) -> Path:
    return imports.upload_path(record, directory=import_dir())


def remove_files(record) -> None:
    imports.remove_files(record, directory=import_dir())


def load_table(record) -> Table:
    return imports.load_table(record, directory=import_dir())


def prepare(record) -> None:
    """Read the upload once and check it with the record's mapping (see :func:`inklusio.core.imports.read_once`).
    Runs in the worker (``tasks.prepare_contact_import``)."""
    imports.read_once(
        record, directory=import_dir(), check=lambda table: review_of(plan_table(table, record.mapping or None))
    )


PREVIEW_ROWS, SHOWN_ERRORS = 20, 200
# Why a row is skipped (codes, so the stored review is shown in the reader's language).
SKIP_SAME_EMAIL, SKIP_SAME_NAME_AND_ORGANISATION, SKIP_SUPPRESSED = "email", "name_and_organisation", "suppressed"


def review_of(plan: "ImportPlan") -> dict:
    """What the review page needs from a plan, small enough to keep in the import's row."""
    fields = ("first_name", "last_name", "email", "organisation", "region")
    return {
        "header": plan.header,
        "mapping": plan.mapping,
        "ok": plan.ok,
        "total_rows": plan.total_rows,
        "new": len(plan.rows),
        "skipped": len(plan.skipped),
        "skipped_rows": [list(row) for row in plan.skipped[:SHOWN_ERRORS]],
        "suppressed": plan.suppressed[:SHOWN_ERRORS],
        "suppressed_count": len(plan.suppressed),
        "errors": [str(issue) for issue in plan.errors[:SHOWN_ERRORS]],
        "error_count": len(plan.errors),
        "more_errors": max(0, len(plan.errors) - SHOWN_ERRORS),
        "preview": [[number, {k: row[k] or "" for k in fields}] for number, row in plan.rows[:PREVIEW_ROWS]],
    }


IMPORT_FIELDS = {
    "salutation": gettext_lazy("salutation"),
    "academic_title": gettext_lazy("title"),
    "first_name": gettext_lazy("first name"),
    "last_name": gettext_lazy("last name"),
    "email": gettext_lazy("email"),
    "phone": gettext_lazy("phone"),
    "stakeholder_type": gettext_lazy("stakeholder type"),
    "organisation": gettext_lazy("organisation"),
    "organisation_type": gettext_lazy("organisation's stakeholder type"),
    "role": gettext_lazy("role"),
    "since": gettext_lazy("since"),
    "region": gettext_lazy("region"),
    "city": gettext_lazy("city"),
    "tags": gettext_lazy("tags"),
    "notes": gettext_lazy("notes"),
}
REQUIRED_FIELDS = ("last_name",)

_HEADER_SYNONYMS = {
    "salutation": ["anrede", "salutation"],
    "academic_title": ["titel", "title", "akademischer titel"],
    "first_name": ["vorname", "first name", "firstname", "given name"],
    "last_name": ["nachname", "name", "last name", "lastname", "surname", "familienname"],
    "email": ["email", "e mail", "mail", "e mail adresse", "email address"],
    "phone": ["telefon", "phone", "tel", "telefonnummer", "phone number"],
    "stakeholder_type": ["zielgruppe", "akteursgruppe", "stakeholder type", "stakeholdertyp", "typ", "type"],
    "organisation": ["organisation", "organization", "firma", "company", "unternehmen", "einrichtung"],
    "organisation_type": ["organisationstyp", "organisation type", "organization type", "art der organisation"],
    "role": ["funktion", "rolle", "position", "role", "job title"],
    "since": ["seit", "since", "start", "beginn"],
    "region": ["bundesland", "region", "state", "land"],
    "city": ["ort", "stadt", "city", "town"],
    "tags": ["tags", "schlagworte", "stichworte"],
    "notes": ["notizen", "bemerkung", "bemerkungen", "notes", "kommentar"],
}
_SALUTATIONS = {"frau": "ms", "ms": "ms", "mrs": "ms", "herr": "mr", "mr": "mr", "divers": "mx", "mx": "mx", "": ""}
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
_email_validator = EmailValidator()
# Addresses of this plain shape pass Django's EmailValidator (dot-atom local part of common characters, a domain of
# letter-digit-hyphen labels and a letter top-level domain); everything else is checked by the validator itself.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", re.ASCII
)
_region_code = lru_cache(maxsize=1024)(region_code)
_folded = lru_cache(maxsize=65536)(normalise_name)  # organisations and first names repeat in a file


_PLAIN_LOCAL = re.compile(r"[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*", re.ASCII)


@lru_cache(maxsize=4096)
def _plain_domain(domain: str) -> bool:
    """The part of :data:`_PLAIN_EMAIL` after the @ (domains repeat in a file: remembered)."""
    return _PLAIN_EMAIL.fullmatch(f"a@{domain}") is not None


def _valid_email(email: str) -> bool:
    # The plain shape checked in two parts: the local part (no @ in it) and the remembered domain.
    local, at, domain = email.partition("@")
    if len(email) <= 254 and at and _PLAIN_LOCAL.fullmatch(local) and _plain_domain(domain):
        return True
    try:
        _email_validator(email)
    except ValidationError:
        return False
    return True


@dataclass
class ImportPlan:
    header: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # field -> header
    rows: list[tuple[int, dict]] = field(default_factory=list)  # valid new rows
    # already in the contact base: (row number, SKIP_SAME_EMAIL or SKIP_SAME_NAME_AND_ORGANISATION, name in the file)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    suppressed: list[int] = field(default_factory=list)  # rows whose address was erased on request
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-zäöüß]+", " ", text.casefold()).split())


def guess_mapping(header: list[str]) -> dict[str, str]:
    mapping = {}
    for column in header:
        key = _header_key(column)
        for name, synonyms in _HEADER_SYNONYMS.items():
            if name not in mapping and (key == name.replace("_", " ") or key in synonyms):
                mapping[name] = column
                break
    return mapping


_ISO_OR_GERMAN_DATE = re.compile(r"(?:(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})-(\d{2})-(\d{2}))")


@lru_cache(maxsize=8192)
def _parse_date(value: str) -> date | None:
    """A date as 31.12.2024, 2024-12-31 or 31.12.24 (the same dates repeat in a file: remembered)."""
    if match := _ISO_OR_GERMAN_DATE.fullmatch(value):
        day, month, year, iso_year, iso_month, iso_day = match.groups()
        try:
            if year:
                return date(int(year), int(month), int(day))
            return date(int(iso_year), int(iso_month), int(iso_day))
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


class _Lookups:
    """Everything the validation compares against, loaded once per import."""

    def __init__(self):
        self.types = {}
        for t in StakeholderType.objects.all():
            for key in (t.code, t.name_de, t.name_en):
                self.types[key.casefold()] = t.pk
        self.emails = set(Person.objects.exclude(email="").values_list("email", flat=True))
        self.organisations = dict(Organisation.objects.values_list("name_key", "pk"))
        self.name_org_keys = {
            (name_key, org_key)
            for name_key, org_key in Affiliation.objects.values_list("person__name_key", "organisation__name_key")
        }
        self.other_type = self.types.get("other")


def _validate_row(number: int, values: dict[str, str], columns: dict[str, str], lookups: _Lookups):
    """Return (cleaned, issues). ``values`` maps field -> raw text, ``columns`` field -> header."""
    issues, clean = [], {}

    def issue(name, message):
        issues.append(RowIssue(number, columns.get(name, str(IMPORT_FIELDS[name])), message))

    for name, value in values.items():
        if looks_like_formula(value):
            issue(
                name,
                _("“%(value)s” looks like a spreadsheet formula; formulas are not imported.") % {"value": value[:40]},
            )
    if issues:
        return None, issues

    clean.update(
        {
            k: values.get(k, "").strip()
            for k in ("academic_title", "first_name", "last_name", "phone", "organisation", "role", "city", "notes")
        }
    )
    for name, limit in (
        ("first_name", 100),
        ("last_name", 100),
        ("organisation", 200),
        ("role", 100),
        ("city", 100),
        ("academic_title", 40),
        ("phone", 40),
    ):
        if len(clean[name]) > limit:
            issue(name, _("is longer than %(limit)s characters.") % {"limit": limit})
    if not clean["last_name"]:
        issue("last_name", _("A last name is required."))

    email = values.get("email", "").strip().lower()
    if email and not _valid_email(email):
        issue("email", _("“%(value)s” is not a valid email address.") % {"value": email})
    clean["email"] = email

    salutation = values.get("salutation", "").strip().casefold().rstrip(".")
    if salutation not in _SALUTATIONS:
        issue("salutation", _("“%(value)s” is not a salutation; use Frau, Herr or divers.") % {"value": salutation})
    clean["salutation"] = _SALUTATIONS.get(salutation, "")

    for name in ("stakeholder_type", "organisation_type"):
        raw = values.get(name, "").strip()
        clean[name] = lookups.types.get(raw.casefold()) if raw else None
        if raw and clean[name] is None:
            issue(name, _("“%(value)s” is not a known stakeholder type.") % {"value": raw})

    raw_region = values.get("region", "")
    clean["region"] = _region_code(raw_region)
    if clean["region"] is None:
        issue("region", _("“%(value)s” is not a German state.") % {"value": raw_region.strip()})

    raw_since = values.get("since", "").strip()
    clean["since"] = _parse_date(raw_since) if raw_since else None
    if raw_since and clean["since"] is None:
        issue("since", _("“%(value)s” is not a date; write it as 31.12.2024 or 2024-12-31.") % {"value": raw_since})

    clean["tags"] = sorted({t.strip()[:60] for t in re.split(r"[,|]", values.get("tags", "")) if t.strip()})
    if clean["role"] and not clean["organisation"]:
        issue("role", _("A role needs an organisation in the same row."))
    return (None if issues else clean), issues


# Text fields stripped as they are, with their longest length (0: any).
_TEXT_LIMITS = (
    ("academic_title", 40),
    ("first_name", 100),
    ("last_name", 100),
    ("phone", 40),
    ("organisation", 200),
    ("role", 100),
    ("city", 100),
    ("notes", 0),
)
_FORMULA_STARTS = frozenset(c[0] for c in FORMULA_PREFIXES)
_TAG_SEPARATORS = re.compile(r"[,|]")


_REFUSED = object()  # a cell value the full check has something to say about


def _fast_checks(rows, index: dict[str, int], width: int, lookups: _Lookups) -> list[dict | None]:
    """For each row, the same cleaned row as :func:`_validate_row` gives for a row without issues, and ``None`` for
    any row :func:`_validate_row` has something to say about (which then says it). Checked column by column,
    without a function call or a dictionary per cell: a value that repeats in a column (a type, a region, a date,
    a tag list) is checked once. ``index``: field -> cell index; cells past a row's end are empty."""
    total = len(rows)
    refused: set[int] = set()
    positions = sorted(set(index.values()))
    cells: dict[int, tuple] = {}
    if positions and total:
        pick = itemgetter(*positions)
        blank = [""] * width
        padded = [row if len(row) >= width else [*row, *blank[len(row) :]] for row in rows]
        picked = list(map(pick, padded))
        cells = dict(zip(positions, zip(*picked, strict=True) if len(positions) > 1 else [tuple(picked)], strict=True))
    starts, formula = _FORMULA_STARTS, looks_like_formula
    for values in cells.values():
        refused.update([i for i, value in enumerate(values) if value[:1] in starts and formula(value)])

    def column(name):
        return cells[index[name]] if name in index else None

    def by_value(name, convert):
        """The column converted once per distinct value; rows whose value ``convert`` refuses are refused."""
        values = column(name)
        if values is None:
            constant = convert("")
            if constant is _REFUSED:
                refused.update(range(total))
            return repeat(constant, total)
        converted = {value: convert(value) for value in set(values)}
        out = list(map(converted.__getitem__, values))
        if _REFUSED in converted.values():
            refused.update([i for i, value in enumerate(out) if value is _REFUSED])
        return out

    texts = {}
    for name, limit in _TEXT_LIMITS:
        values = column(name)
        if values is None:
            texts[name] = repeat("", total)
            continue
        texts[name] = values = [value.strip() for value in values]
        if limit and max(map(len, values), default=0) > limit:
            refused.update([i for i, value in enumerate(values) if len(value) > limit])
    last_names = column("last_name")
    if last_names is None:
        refused.update(range(total))
    elif not all(texts["last_name"]):
        refused.update([i for i, value in enumerate(texts["last_name"]) if not value])
    if "role" in index:
        organisations = texts["organisation"] if "organisation" in index else repeat("", total)
        refused.update([i for i, (r, o) in enumerate(zip(texts["role"], organisations, strict=False)) if r and not o])

    emails = column("email")
    if emails is None:
        emails = repeat("", total)
    else:
        emails = [value.strip().lower() for value in emails]
        given = [email for email in emails if email]
        if max(map(len, given), default=0) > 254 or not all(map(_PLAIN_EMAIL.fullmatch, given)):
            refused.update([i for i, email in enumerate(emails) if email and not _valid_email(email)])

    types = lookups.types

    def salutation(value):
        code = _SALUTATIONS.get(value.strip().casefold().rstrip("."))
        return _REFUSED if code is None else code

    def stakeholder_type(value):
        value = value.strip()
        return types.get(value.casefold(), _REFUSED) if value else None

    def region(value):
        code = _region_code(value)
        return _REFUSED if code is None else code

    def since(value):
        value = value.strip()
        return (_parse_date(value) or _REFUSED) if value else None

    def tags(value):
        return sorted({t.strip()[:60] for t in _TAG_SEPARATORS.split(value) if t.strip()}) if value else []

    columns = (
        texts["academic_title"],
        texts["first_name"],
        texts["last_name"],
        texts["phone"],
        texts["organisation"],
        texts["role"],
        texts["city"],
        texts["notes"],
        emails,
        by_value("salutation", salutation),
        by_value("stakeholder_type", stakeholder_type),
        by_value("organisation_type", stakeholder_type),
        by_value("region", region),
        by_value("since", since),
        by_value("tags", tags),
    )
    return [
        None
        if i in refused
        else {
            "academic_title": academic_title,
            "first_name": first_name,
            "last_name": last_name,
            "phone": phone,
            "organisation": organisation,
            "role": role,
            "city": city,
            "notes": notes,
            "email": email,
            "salutation": salutation,
            "stakeholder_type": stakeholder_type,
            "organisation_type": organisation_type,
            "region": region,
            "since": since,
            "tags": [*tags],  # not shared with the other rows of the same tags
        }
        for i, (
            academic_title,
            first_name,
            last_name,
            phone,
            organisation,
            role,
            city,
            notes,
            email,
            salutation,
            stakeholder_type,
            organisation_type,
            region,
            since,
            tags,
        ) in enumerate(zip(*columns, strict=False))  # unmapped fields: repeat()
    ]


def _name_keys(first_name: str, last_name: str) -> tuple[str, str]:
    """``normalise_name(first_name, last_name)`` and ``person_sort_key(first_name, last_name)``, from the two
    names folded once each (first names repeat in a file: remembered)."""
    return _keys(_folded(first_name), normalise_name(last_name))


def _keys(first: str, last: str) -> tuple[str, str]:
    """The name key and the sort key from the folded first and last name."""
    return (f"{first} {last}" if first and last else first or last), f"{last}\t{first}"


def plan_import(data: bytes, mapping: dict[str, str] | None = None, *, progress=None) -> ImportPlan:
    """Read, map and validate a file without writing anything."""
    try:
        table = read_upload(data, progress=progress)
    except TableError as error:
        plan = ImportPlan()
        plan.errors.append(RowIssue(0, "", table_error_message(error)))
        return plan
    return plan_table(table, mapping)


def plan_table(table: Table, mapping: dict[str, str] | None = None) -> ImportPlan:
    """Map and validate a table read before (see :func:`inklusio.core.imports.read_upload`); writes nothing."""
    with without_gc():
        return _plan_table(table, mapping)


def _plan_table(table: Table, mapping: dict[str, str] | None) -> ImportPlan:
    plan = ImportPlan()
    plan.header = table.header
    plan.total_rows = len(table.rows)
    plan.mapping = {
        k: v for k, v in (mapping or guess_mapping(table.header)).items() if k in IMPORT_FIELDS and v in table.header
    }
    missing = [f for f in REQUIRED_FIELDS if f not in plan.mapping]
    for name in missing:
        plan.errors.append(
            RowIssue(1, str(IMPORT_FIELDS[name]), _("This required column is missing; map a column to it."))
        )
    if not plan.total_rows:
        plan.errors.append(RowIssue(0, "", _("The file has a header row but no contacts.")))
    if missing or not plan.total_rows:
        return plan

    lookups = _Lookups()
    index = {name: table.header.index(column) for name, column in plan.mapping.items()}
    width = len(table.header)
    checked = _fast_checks(table.rows, index, width, lookups)
    last_keys = fold_each([clean["last_name"] if clean is not None else "" for clean in checked])
    seen_emails, seen_keys = {}, {}
    for record, clean, last_key in zip(table.rows, checked, last_keys, strict=True):
        number = record.number
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            plan.errors.append(
                RowIssue(
                    number,
                    "",
                    _("The row has %(cells)s cells but the header only %(width)s.")
                    % {"cells": len(record), "width": width},
                )
            )
            continue
        if clean is None:  # something to say about the row: the full check says what
            values = {name: (record[i] if i < len(record) else "") for name, i in index.items()}
            clean, issues = _validate_row(number, values, plan.mapping, lookups)
            if issues:
                plan.errors.extend(issues)
                continue
            last_key = normalise_name(clean["last_name"])
        name_key, sort_key = _keys(_folded(clean["first_name"]), last_key)
        org_key = _folded(clean["organisation"])
        person_key = (name_key, org_key)
        email = clean["email"]
        if email and email in seen_emails:
            plan.errors.append(
                RowIssue(
                    number,
                    plan.mapping.get("email", ""),
                    _("The same email as row %(row)s.") % {"row": seen_emails[email]},
                )
            )
            continue
        if org_key and person_key in seen_keys:
            plan.errors.append(
                RowIssue(
                    number,
                    plan.mapping["last_name"],
                    _("The same person and organisation as row %(row)s.") % {"row": seen_keys[person_key]},
                )
            )
            continue
        if email:
            seen_emails[email] = number
        if org_key:
            seen_keys[person_key] = number
        if (email and email in lookups.emails) or (org_key and person_key in lookups.name_org_keys):
            reason = SKIP_SAME_EMAIL if email and email in lookups.emails else SKIP_SAME_NAME_AND_ORGANISATION
            plan.skipped.append((number, reason, " ".join(filter(None, [clean["first_name"], clean["last_name"]]))))
            continue
        clean["name_key"], clean["sort_key"], clean["org_key"] = name_key, sort_key, org_key
        plan.rows.append((number, clean))
    _skip_suppressed(plan)
    return plan


def _skip_suppressed(plan: ImportPlan) -> None:
    """Rows with an address erased on request are reported and skipped; the rest imports."""
    suppressed = suppressed_among(row["email"] for _number, row in plan.rows if row["email"])
    if not suppressed:
        return
    keep = []
    for number, row in plan.rows:
        if row["email"] in suppressed:
            plan.suppressed.append(number)
        else:
            keep.append((number, row))
    plan.rows = keep


@dataclass
class ImportSummary:
    people: int
    organisations: int
    skipped: int
    suppressed: int = 0


class ImportRefused(Exception):
    pass


# The staging tables (temporary, the worker's connection's own; see inklusio.core.bulkinsert).
STAGE, STAGE_ORGS, STAGE_TAGS = "contacts_import_stage", "contacts_import_stage_org", "contacts_import_stage_tag"
_STAGE_COLUMNS = (
    ("n", "integer"),
    ("pid", "bigint"),
    ("salutation", "text"),
    ("academic_title", "text"),
    ("first_name", "text"),
    ("last_name", "text"),
    ("name_key", "text"),
    ("sort_key", "text"),
    ("email", "text"),
    ("phone", "text"),
    ("stakeholder_type_id", "bigint"),
    ("region", "text"),
    ("city", "text"),
    ("notes", "text"),
    ("org_key", "text"),
    ("role", "text"),
    ("since", "date"),
)
_PERSON_COLUMNS = (
    "salutation",
    "academic_title",
    "first_name",
    "last_name",
    "name_key",
    "sort_key",
    "email",
    "phone",
    "stakeholder_type_id",
    "region",
    "city",
    "notes",
)


@dataclass
class Staging:
    """A plan's rows written to the staging tables (see :func:`stage`), waiting for :func:`execute_import`."""

    rows: int
    organisations: dict  # org_key -> (name, name_key, type id, region, city) of the first row naming it
    tags: set
    suppression_seen: int  # the highest suppression entry when the plan was checked
    open: bool = True

    def drop(self) -> None:
        """Remove the staging tables (after the import, or after a failure: nothing of them stays)."""
        if self.open:
            for name in (STAGE, STAGE_ORGS, STAGE_TAGS):
                drop_stage(name)
            self.open = False


# a cleaned row's values in the staging table's order: the person's columns (by field name), then the affiliation
_STAGED_VALUES = itemgetter(*(column.removesuffix("_id") for column in _PERSON_COLUMNS), "org_key", "role")


def _stage_rows(plan: ImportPlan, other_type, *, as_text: bool):
    """The staging table's rows (the columns of :data:`_STAGE_COLUMNS` but ``pid``), the organisations by key
    (from the first row naming each) and the tag rows; dates as text on SQLite (as SQLite stores them)."""
    organisations, tag_rows = {}, []
    cleaned = [row for _number, row in plan.rows]
    for n, row in enumerate(cleaned):
        key = row["org_key"]
        if key and key not in organisations:
            type_id = row["organisation_type"] or row["stakeholder_type"] or other_type
            organisations[key] = (row["organisation"], key, type_id, row["region"], row["city"])
        if row["tags"]:
            tag_rows.extend((n, name) for name in row["tags"])
    since = [row["since"] for row in cleaned]
    if as_text:
        since = [day.isoformat() if day else day for day in since]
    rows = [(n, *values, day) for n, values, day in zip(count(), map(_STAGED_VALUES, cleaned), since, strict=False)]
    return rows, organisations, tag_rows


def stage(plan: ImportPlan, *, progress=None) -> Staging:
    """Write a valid plan's rows into the staging tables, outside any transaction of the caller's: nothing is
    visible to anyone else and, on SQLite, the database's write lock is not taken (the web requests go on).
    ``progress(rows)`` is told the rows staged so far. Call :meth:`Staging.drop` when done, whatever happened."""
    if not plan.ok:
        raise ImportRefused(_("The file has errors; nothing was imported."))
    seen = SuppressionEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    columns = list(_STAGE_COLUMNS)
    if connection.vendor == "postgresql":
        # New ids drawn from the people's sequence as the rows are copied, outside the transaction (a failed
        # import leaves a gap in the ids, no harm).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [Person._meta.db_table])
            sequence = cursor.fetchone()[0]
        if not re.fullmatch(r'[\w."]+', sequence):
            raise ValueError(f"Unexpected sequence name {sequence!r}")
        columns[1] = ("pid", f"bigint DEFAULT nextval('{sequence}')")
    other_type = StakeholderType.objects.filter(code="other").values_list("pk", flat=True).first()
    with without_gc():
        rows, organisations, tag_rows = _stage_rows(plan, other_type, as_text=connection.vendor == "sqlite")
    staging = Staging(
        rows=len(rows), organisations=organisations, tags={n for _i, n in tag_rows}, suppression_seen=seen
    )
    try:
        create_stage(STAGE, columns)
        create_stage(STAGE_ORGS, (("org_key", "text"), ("org_id", "bigint")))
        create_stage(STAGE_TAGS, (("n", "integer"), ("name", "text")))
        fill_stage(STAGE, [name for name, _kind in _STAGE_COLUMNS if name != "pid"], rows, progress=progress)
        fill_stage(STAGE_TAGS, ("n", "name"), tag_rows)
        analyse_stage(STAGE, columns=("n", "email", "name_key", "org_key"))  # what the moving in joins on
        analyse_stage(STAGE_TAGS)
    except BaseException:
        staging.drop()
        raise
    return staging


def execute_import(plan: ImportPlan, *, staging: Staging | None = None, progress=None) -> ImportSummary:
    """Write a validated plan all or nothing: the rows are staged first (:func:`stage`, unless ``staging`` is
    given), then moved into the contact base in one short transaction, with the contact base checked once more
    (rows whose person was added meanwhile are skipped). ``progress(rows)`` is told how many of the plan's people
    are written so far (the import page shows it while the worker writes)."""
    if not plan.ok:
        raise ImportRefused(_("The file has errors; nothing was imported."))
    written = 0

    def people_written(count):
        nonlocal written
        written += count
        if progress is not None:
            progress(written)

    own = staging is None
    try:
        if own:
            staging = stage(plan, progress=people_written)
        with transaction.atomic():
            return _move_in(plan, staging)
    finally:
        if own and staging is not None:
            staging.drop()


def _move_in(plan: ImportPlan, staging: Staging) -> ImportSummary:
    """The one transaction of an import: drop the staged rows that the contact base holds by now, then write the
    rest with ``INSERT … SELECT``."""
    quote = connection.ops.quote_name
    stage_t, orgs_t, tags_t = (
        f"temp.{quote(t)}" if connection.vendor == "sqlite" else quote(t) for t in (STAGE, STAGE_ORGS, STAGE_TAGS)
    )
    person_t, aff_t, org_t = (quote(m._meta.db_table) for m in (Person, Affiliation, Organisation))
    with connection.cursor() as cursor:
        # Added since the check: the same address, or the same person at the same organisation.
        cursor.execute(
            f"SELECT s.n FROM {stage_t} s WHERE s.email <> '' AND s.email IN "  # noqa: S608
            f"(SELECT LOWER(p.email) FROM {person_t} p WHERE NOT (p.email = ''))"  # once, not per row
        )
        late = {n for (n,) in cursor.fetchall()}
        cursor.execute(
            f"SELECT s.n FROM {stage_t} s JOIN {person_t} p ON p.name_key = s.name_key "  # noqa: S608
            f"JOIN {aff_t} a ON a.person_id = p.id JOIN {org_t} o ON o.id = a.organisation_id "
            f"AND o.name_key = s.org_key WHERE s.org_key <> ''"
        )
        late.update(n for (n,) in cursor.fetchall())
        suppressed_late = set()
        if SuppressionEntry.objects.filter(pk__gt=staging.suppression_seen).exists():
            cursor.execute(f"SELECT n, email FROM {stage_t} WHERE email <> ''")  # noqa: S608
            by_email = dict((email, n) for n, email in cursor.fetchall())
            suppressed_late = {by_email[email] for email in suppressed_among(by_email)} - late
        if late or suppressed_late:
            gone = sorted(late | suppressed_late)
            for start in range(0, len(gone), 500):
                chunk = gone[start : start + 500]
                cursor.execute(
                    f"DELETE FROM {stage_t} WHERE n IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                    chunk,
                )
        if connection.vendor == "sqlite":
            # Ids after the highest ever given (AUTOINCREMENT), taken under the write lock this transaction holds.
            cursor.execute(
                f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {person_t}), 0))",
                [Person._meta.db_table],
            )
            pid = f"(s.n + {int(cursor.fetchone()[0]) + 1})"  # a number, not text from anywhere
        else:
            pid = "s.pid"  # drawn from the sequence when staged
        cursor.execute(f"SELECT DISTINCT org_key FROM {stage_t} WHERE org_key <> ''")  # noqa: S608
        used = [key for (key,) in cursor.fetchall()]

    organisations = dict(Organisation.objects.values_list("name_key", "pk"))
    new_orgs = {key: staging.organisations[key] for key in used if key not in organisations}
    org_ids = insert_rows(
        Organisation,
        ("name", "name_key", "stakeholder_type_id", "region", "city"),
        list(new_orgs.values()),
        returning=True,
    )
    organisations.update(zip(new_orgs, org_ids, strict=True))
    fill_stage(STAGE_ORGS, ("org_key", "org_id"), [(key, organisations[key]) for key in used])
    analyse_stage(STAGE_ORGS)

    people = insert_select(
        Person,
        ("id", *_PERSON_COLUMNS),
        ", ".join([pid, *(f"s.{quote(c)}" for c in _PERSON_COLUMNS)]),
        f"FROM {stage_t} s ",
    )
    insert_select(
        Affiliation,
        ("person_id", "organisation_id", "role", "start"),
        f"{pid}, o.org_id, s.role, s.since",
        f"FROM {stage_t} s JOIN {orgs_t} o ON o.org_key = s.org_key ",
    )
    tags = {t.name: t.pk for t in Tag.objects.filter(name__in=staging.tags)}
    missing = [Tag(name=name) for name in staging.tags if name not in tags]
    Tag.objects.bulk_create(missing)
    insert_select(
        Person.tags.through,
        ("person_id", "tag_id"),
        f"{pid}, t.id",
        f"FROM {tags_t} st JOIN {stage_t} s ON s.n = st.n JOIN {quote(Tag._meta.db_table)} t ON t.name = st.name "
        "ORDER BY s.n, t.id",
    )
    return ImportSummary(
        people=people,
        organisations=len(new_orgs),
        skipped=len(plan.skipped) + len(late),
        suppressed=len(plan.suppressed) + len(suppressed_late),
    )
