"""Read an uploaded table (CSV in UTF-8, UTF-8 with BOM or Windows-1252; ``;``, ``,`` or tab; or XLSX)
into a header and rows of strings. Pure Python plus openpyxl: no Django here.

Also home of the spreadsheet formula rules shared by imports and exports.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_HARMLESS_SIGNED = re.compile(r"^[+-][\d\s()/.\-]*$")  # phone numbers and signed numbers


class TableError(ValueError):
    """The file as a whole cannot be read. ``code`` and ``params`` let callers translate the English message."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message % params if params else message)
        self.code, self.params = code, params


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # data rows; rows[i] is spreadsheet row i + 2


def looks_like_formula(value: str) -> bool:
    """True for cell text a spreadsheet would run as a formula (CSV/formula injection)."""
    if not value or not value.startswith(FORMULA_PREFIXES):
        return False
    return not _HARMLESS_SIGNED.match(value)


def neutralise_formula(value):
    """For exports: prefix text a spreadsheet would evaluate with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def read_table(data: bytes, max_bytes: int) -> Table:
    if len(data) > max_bytes:
        raise TableError(
            "too_large",
            "The file is %(size).1f MB; at most %(limit)d MB can be imported. Split it into smaller files.",
            size=len(data) / 1_048_576,
            limit=max_bytes // 1_048_576,
        )
    if not data.strip():
        raise TableError("empty", "The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            "xls", "This is an old Excel file (.xls). Save it as .xlsx or as CSV (UTF-8) and upload it again."
        )
    return _read_csv(_decode(data))


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise TableError(
            "encoding",
            "The file is not in a supported encoding (it looks like UTF-16 or a binary file). "
            "Save it as 'CSV UTF-8' and upload it again.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise TableError(
            "encoding",
            "The file's encoding is neither UTF-8 nor Windows-1252 (Excel's CSV). "
            "Save it as 'CSV UTF-8' and upload it again.",
        ) from error


def _read_csv(text: str) -> Table:
    first_line = text.splitlines()[0] if text else ""
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = [row for row in reader]
    except csv.Error as error:
        raise TableError("malformed", "The CSV file is malformed near line %(line)d.", line=reader.line_num) from error
    return _table(records)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError(
            "damaged", "The Excel file cannot be read; it may be damaged. Save it again as .xlsx."
        ) from error
    try:
        sheet = workbook.worksheets[0]
        records = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table(records)


def _table(records: list[list[str]]) -> Table:
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()
    if not records:
        raise TableError("empty", "The file is empty.")
    header = [cell.strip() for cell in records[0]]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise TableError("no_header", "The first row must name the columns; it is empty.")
    return Table(header=header, rows=records[1:])
