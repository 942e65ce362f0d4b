"""Participants and tables from CSV/XLSX files, and plans to CSV (pure Python, no Django).

Participants: columns ``id, name, organisation, stakeholder_type, host_table, together_with,
needs_accessible_table`` (only ``id`` is required; ``together_with`` may list several ids separated
by ``|``). Tables: ``name, capacity, accessible``. Every problem is reported with its row and column.
"""

from __future__ import annotations

import csv
import io

from inklusio.core.tabular import Limits, TableError, neutralise_formula, read_table

from .solver import Participant, Table

PARTICIPANT_COLUMNS = (
    "id",
    "name",
    "organisation",
    "stakeholder_type",
    "host_table",
    "together_with",
    "needs_accessible_table",
)
TABLE_COLUMNS = ("name", "capacity", "accessible")
# The longest value each column may hold (the id becomes the name when the name is empty).
MAX_LENGTHS = {"id": 200, "name": 200, "organisation": 200, "stakeholder_type": 100}
MAX_BYTES = 5 * 1_048_576
# A café has a few hundred participants; the bounded reader refuses anything far beyond (docs/security.md).
LIMITS = Limits(max_bytes=MAX_BYTES, max_rows=10_000, max_columns=50, max_cell_chars=2_000, max_cells=200_000)
YES = {"1", "yes", "y", "true", "ja", "j", "x", "wahr"}
NO = {"", "0", "no", "n", "false", "nein", "falsch"}


class FileFormatError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _read(data: bytes, columns: tuple[str, ...], required: tuple[str, ...], label: str):
    try:
        table = read_table(data, LIMITS)
    except TableError as error:
        raise FileFormatError([f"{label}: {error}"]) from error
    header = [h.strip().lower() for h in table.header]
    problems = []
    for column in required:
        if column not in header:
            problems.append(f"{label}, row 1: the column '{column}' is missing (columns: {', '.join(columns)}).")
    for position, name in enumerate(header):
        if name and name not in columns:
            problems.append(f"{label}, row 1, column {position + 1}: unknown column '{table.header[position]}'.")
    if problems:
        raise FileFormatError(problems)
    records = []
    for row in table.rows:
        number = row.number
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            problems.append(f"{label}, row {number}: more cells than columns.")
        records.append((number, {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}))
    return records, problems


def _flag(value: str, label: str, number: int, column: str, problems: list[str]) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() not in NO:
        problems.append(f"{label}, row {number}, column '{column}': '{value}' is not yes or no.")
    return False


def read_tables(data: bytes, label: str = "tables file") -> list[Table]:
    records, problems = _read(data, TABLE_COLUMNS, ("name", "capacity"), label)
    tables, names = [], set()
    for number, row in records:
        name = row.get("name", "")
        if not name:
            problems.append(f"{label}, row {number}, column 'name': the table has no name.")
        elif name in names:
            problems.append(f"{label}, row {number}, column 'name': the table '{name}' appears twice.")
        names.add(name)
        try:
            capacity = int(row.get("capacity", ""))
            if capacity < 1:
                raise ValueError
        except ValueError:
            problems.append(
                f"{label}, row {number}, column 'capacity': '{row.get('capacity', '')}' is not a whole number "
                "of at least 1."
            )
            capacity = 1
        accessible = _flag(row.get("accessible", ""), label, number, "accessible", problems)
        tables.append(Table(name, capacity, accessible))
    if not records and not problems:
        problems.append(f"{label}: there are no tables.")
    if problems:
        raise FileFormatError(problems)
    return tables


def read_participants(data: bytes, tables: list[Table] | None, label: str = "participants file"):
    """Participants with ``host_table`` as an index into ``tables`` (matched by name, else by number).

    With ``tables=None`` host tables are returned unresolved; call :func:`resolve_hosts` later."""
    records, problems = _read(data, PARTICIPANT_COLUMNS, ("id",), label)
    ids: dict[str, int] = {}
    raw = []
    for number, row in records:
        pid = row.get("id", "")
        if not pid:
            problems.append(f"{label}, row {number}, column 'id': the id is empty.")
        elif pid in ids:
            problems.append(f"{label}, row {number}, column 'id': '{pid}' is also in row {ids[pid]}.")
        ids[pid] = number
        for column, limit in MAX_LENGTHS.items():
            if len(row.get(column, "")) > limit:
                problems.append(f"{label}, row {number}, column '{column}': at most {limit} characters.")
        raw.append((number, row))
    people = []
    for number, row in raw:
        together = tuple(part.strip() for part in row.get("together_with", "").replace(",", "|").split("|"))
        together = tuple(t for t in together if t)
        for other in together:
            if other not in ids:
                problems.append(f"{label}, row {number}, column 'together_with': there is no participant '{other}'.")
            elif other == row.get("id"):
                problems.append(f"{label}, row {number}, column 'together_with': a person cannot accompany themselves.")
        accessible = _flag(row.get("needs_accessible_table", ""), label, number, "needs_accessible_table", problems)
        host = row.get("host_table", "")
        host_index = None
        if host and tables is not None:
            host_index = resolve_host(host, tables)
            if host_index is None:
                problems.append(f"{label}, row {number}, column 'host_table': there is no table '{host}'.")
        people.append(
            Participant(
                id=row.get("id", ""),
                name=row.get("name", ""),
                organisation=row.get("organisation", ""),
                stakeholder_type=row.get("stakeholder_type", ""),
                host_table=host_index,
                together_with=together,
                needs_accessible=accessible,
            )
        )
    if not records and not problems:
        problems.append(f"{label}: there are no participants.")
    if problems:
        raise FileFormatError(problems)
    return people


def resolve_host(value: str, tables: list[Table]) -> int | None:
    for i, table in enumerate(tables):
        if table.name == value:
            return i
    if value.isdigit() and 1 <= int(value) <= len(tables):
        return int(value) - 1
    return None


def plan_to_csv(rounds: list[list[list[str]]], tables: list[Table], names: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["round", "table", "participant_id", "name"])
    for r, round_tables in enumerate(rounds, start=1):
        for t, people in enumerate(round_tables):
            for pid in people:
                writer.writerow(
                    [
                        r,
                        neutralise_formula(tables[t].name),
                        neutralise_formula(pid),
                        neutralise_formula(names.get(pid, "")),
                    ]
                )
    return out.getvalue()
