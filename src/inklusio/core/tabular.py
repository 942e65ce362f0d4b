"""The one bounded reader for uploaded tables: CSV (UTF-8, UTF-8 with BOM or Windows-1252; ``;``, ``,`` or tab)
and XLSX, into a header and rows of strings. Pure Python plus openpyxl: no Django here (limits come in as
arguments; ``inklusio.core.imports`` builds them from the settings).

Every limit is checked while the file is read, before the structure it guards is built:

- the file's size (``max_bytes``), before anything else;
- XLSX: the number of ZIP members and the unpacked size of each and of all (a ZIP bomb is refused from the
  archive's directory, and ``zipfile`` never unpacks a member past its declared size); the sheet's declared
  ``<dimension>`` is never used to size anything (it is only refused early when it already claims more than the
  limits); rows and cells are streamed from the sheet's XML one element at a time, without openpyxl's padding of
  missing rows and cells;
- CSV: each record is handed to :mod:`csv` one physical line at a time from a length-limited stream, and its
  delimiters are counted before the :mod:`csv` module builds the row, so a line with a million columns is
  refused after reading ``max_row_chars`` characters at most;
- then, on every record: columns (``max_columns``), characters per cell (``max_cell_chars``), data rows
  (``max_rows``) and filled cells in total (``max_cells``).

Blank rows are not kept; every kept :class:`Row` carries the spreadsheet row number it came from (for a CSV, the
record's position: 1 is the header). Trailing empty cells are dropped.

Also home of the spreadsheet formula rules shared by imports and exports.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from .cycles import without_gc

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
_HARMLESS_SIGNED = re.compile(r"^[+-][\d\s()/.\-]*$")  # phone numbers and signed numbers
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_ZIP_MEMBERS = 1000  # an XLSX from Excel or LibreOffice has a few dozen
PROGRESS_EVERY = 1000  # rows between two calls of the progress callback


@dataclass(frozen=True)
class Limits:
    """What one file may hold. ``max_row_chars`` (one CSV record) follows from columns and cell length."""

    max_bytes: int = 16 * 1_048_576
    max_rows: int = 200_000
    max_columns: int = 200
    max_cell_chars: int = 10_000
    max_cells: int = 2_000_000
    max_unzipped_bytes: int = 100 * 1_048_576
    max_row_chars: int = field(default=0)

    def __post_init__(self):
        if not self.max_row_chars:  # every cell full, quoted, with its delimiter
            object.__setattr__(self, "max_row_chars", self.max_columns * (self.max_cell_chars + 3))


class TableError(ValueError):
    """The file as a whole cannot be read. ``code`` and ``params`` let callers translate the English message."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message % params if params else message)
        self.code, self.params = code, params


class Row(list):
    """The cells of one row (strings), with the spreadsheet row ``number`` they came from."""

    __slots__ = ("number",)

    def __init__(self, number: int, cells=()):
        super().__init__(cells)
        self.number = number


@dataclass
class Table:
    header: list[str]
    rows: list[Row]  # data rows that hold something, in file order
    delimiter: str | None = None  # the CSV's delimiter; None for XLSX

    def to_json(self) -> dict:
        return {
            "header": self.header,
            "rows": [[row.number, list(row)] for row in self.rows],
            "delimiter": self.delimiter,
        }

    @classmethod
    def from_json(cls, data: dict) -> Table:
        with without_gc():
            return cls(
                header=list(data["header"]),
                rows=[Row(number, cells) for number, cells in data["rows"]],
                delimiter=data.get("delimiter"),
            )


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


def read_table(
    data: bytes,
    limits: Limits | int | None = None,
    *,
    progress: Callable[[int], None] | None = None,
    utf16: bool = False,
):
    """Read ``data`` (the whole upload) within ``limits``; raise :class:`TableError` for a file that cannot be
    read or is over a limit. ``progress(rows_read)`` is called every :data:`PROGRESS_EVERY` rows.

    ``limits`` may be a bare byte count (the other limits then keep their defaults). With ``utf16``, a text file
    that starts with a UTF-16 byte-order mark is read as tab-separated UTF-16 (how Microsoft Teams writes its
    attendance report and Excel its "Unicode text"); without it such a file is refused as before."""
    if limits is None:
        limits = Limits()
    elif isinstance(limits, int):
        limits = Limits(max_bytes=limits)
    if len(data) > limits.max_bytes:
        raise TableError(
            "too_large",
            "The file is %(size).1f MB; at most %(limit)d MB can be imported. Split it into smaller files.",
            size=len(data) / 1_048_576,
            limit=limits.max_bytes // 1_048_576,
        )
    if not data.strip():
        raise TableError("empty", "The file is empty.")
    with without_gc():
        return _read(data, limits, progress, utf16)


def _read(data: bytes, limits: Limits, progress, utf16: bool) -> Table:
    builder = _Builder(limits, progress)
    if data.startswith(b"PK\x03\x04"):
        _read_xlsx(data, limits, builder)
        return builder.table(None)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            "xls", "This is an old Excel file (.xls). Save it as .xlsx or as CSV (UTF-8) and upload it again."
        )
    if utf16 and data.startswith(UTF16_BOMS):
        try:
            _read_csv(data, "utf-16", limits, builder, delimiter="\t")
        except UnicodeDecodeError as error:
            raise TableError(
                "encoding", "The file starts like UTF-16 text but is not; save it as 'CSV UTF-8' and upload it again."
            ) from error
        return builder.table("\t")
    if data.startswith(UTF16_BOMS) or b"\x00" in data[:4096]:
        raise TableError(
            "encoding",
            "The file is not in a supported encoding (it looks like UTF-16 or a binary file). "
            "Save it as 'CSV UTF-8' and upload it again.",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            delimiter = _read_csv(data, encoding, limits, builder)
        except UnicodeDecodeError:
            builder = _Builder(limits, progress)
            continue
        return builder.table(delimiter)
    raise TableError(
        "encoding",
        "The file's encoding is neither UTF-8 nor Windows-1252 (Excel's CSV). "
        "Save it as 'CSV UTF-8' and upload it again.",
    )


# --- limits on records ------------------------------------------------------------------------------------


def _too_many_columns(row: int, limit: int) -> TableError:
    return TableError(
        "too_many_columns",
        "Row %(row)s has more than %(limit)s columns; at most %(limit)s columns can be imported.",
        row=row,
        limit=limit,
    )


class _Builder:
    """Collects records into a table and checks rows, columns, cell length and filled cells as they arrive."""

    def __init__(self, limits: Limits, progress):
        self.limits, self.progress = limits, progress
        self.header: list[str] | None = None
        self.rows: list[Row] = []
        self.cells = 0
        self.seen = 0

    def add(self, number: int, cells: list[str]) -> None:
        limits = self.limits
        while cells and cells[-1] == "":
            cells.pop()
        if len(cells) > limits.max_columns:
            raise _too_many_columns(number, limits.max_columns)
        for position, text in enumerate(cells, start=1):
            if len(text) > limits.max_cell_chars:
                raise _cell_too_long(number, position, limits.max_cell_chars)
        self.seen += 1
        if self.progress and self.seen % PROGRESS_EVERY == 0:
            self.progress(self.seen)
        if self.header is None:
            self.header = [cell.strip() for cell in cells] if number == 1 else []
            if number == 1:
                self._count(len(cells), number)
                return
        if not any(cell.strip() for cell in cells):
            return
        if len(self.rows) >= limits.max_rows:
            raise TableError(
                "too_many_rows",
                "The file has more than %(limit)s data rows; at most %(limit)s can be imported at once. "
                "Split it into smaller files.",
                limit=limits.max_rows,
            )
        self._count(len(cells), number)
        self.rows.append(Row(number, cells))

    def _count(self, cells: int, number: int) -> None:
        self.cells += cells
        if self.cells > self.limits.max_cells:
            raise TableError(
                "too_many_cells",
                "The file has more than %(limit)s cells up to row %(row)s; at most %(limit)s cells can be imported "
                "at once. Split it into smaller files.",
                limit=self.limits.max_cells,
                row=number,
            )

    def table(self, delimiter: str | None) -> Table:
        if self.header is None or (not any(self.header) and not self.rows):
            raise TableError("empty", "The file is empty.")
        header = list(self.header)
        while header and not header[-1]:
            header.pop()
        if not header:
            raise TableError("no_header", "The first row must name the columns; it is empty.")
        return Table(header=header, rows=self.rows, delimiter=delimiter)


def _cell_too_long(row: int, column: int, limit: int) -> TableError:
    return TableError(
        "cell_too_long",
        "Row %(row)s, column %(column)s holds more than %(limit)s characters; a cell may hold at most %(limit)s.",
        row=row,
        column=column,
        limit=limit,
    )


# --- CSV ----------------------------------------------------------------------------------------------------


class _BoundedLines:
    """Physical lines for :func:`csv.reader`, from a stream, refusing a record before it grows past the limits.

    A record may span lines (a quoted line break); ``start_record`` is called after every record the reader
    returns. Delimiters are counted outside quotes (exactly only once the raw count reaches the limit)."""

    def __init__(self, stream, delimiter: str, limits: Limits):
        self.stream, self.delimiter, self.limits = stream, delimiter, limits
        self.record = 1
        self.start_record()

    def start_record(self) -> None:
        self.chars = self.delimiters = 0
        self.in_quotes = False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        limits = self.limits
        line = self.stream.readline(limits.max_row_chars - self.chars + 1)
        if not line:
            raise StopIteration
        self.chars += len(line)
        delimiters = line.count(self.delimiter)
        if self.delimiters + delimiters >= limits.max_columns and '"' in line:
            parts = line.split('"')
            delimiters = sum(part.count(self.delimiter) for part in parts[1 if self.in_quotes else 0 :: 2])
        self.delimiters += delimiters
        if line.count('"') % 2:
            self.in_quotes = not self.in_quotes
        if self.delimiters >= limits.max_columns:
            raise _too_many_columns(self.record, limits.max_columns)
        if self.chars > limits.max_row_chars:
            raise TableError(
                "row_too_long",
                "Row %(row)s is longer than %(limit)s characters; a row may hold at most %(limit)s.",
                row=self.record,
                limit=limits.max_row_chars,
            )
        return line


def _read_csv(data: bytes, encoding: str, limits: Limits, builder: _Builder, delimiter: str = "") -> str:
    if not delimiter:
        head = data[:65536].decode(encoding, errors="replace")
        first_line = head.splitlines()[0] if head else ""
        delimiter = max((";", ",", "\t"), key=first_line.count)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    lines = _BoundedLines(stream, delimiter, limits)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        for record in reader:
            builder.add(lines.record, record)
            lines.record += 1
            lines.start_record()
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise _cell_too_long(lines.record, 0, limits.max_cell_chars) from error
        raise TableError("malformed", "The CSV file is malformed near line %(line)d.", line=reader.line_num) from error
    return delimiter


# --- XLSX ---------------------------------------------------------------------------------------------------


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


def _damaged() -> TableError:
    return TableError("damaged", "The Excel file cannot be read; it may be damaged. Save it again as .xlsx.")


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse an archive with too many members, an unusual compression, or more unpacked bytes than allowed.

    The counts come from the archive's directory before :mod:`zipfile` parses it; :mod:`zipfile` then never
    unpacks a member past the size declared there (a forged, smaller size fails its checksum instead)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or len(data) < end + 22:
        raise _damaged()
    members = int.from_bytes(data[end + 10 : end + 12], "little")
    if members > MAX_ZIP_MEMBERS:  # 0xFFFF: the real count is in a ZIP64 record; more than enough either way
        raise TableError(
            "zip_members",
            "The Excel file consists of more than %(limit)s parts; at most %(limit)s can be read.",
            limit=MAX_ZIP_MEMBERS,
        )
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise _damaged() from error
    total = 0
    for info in infos:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged()
        total += info.file_size
        if total > limits.max_unzipped_bytes:
            raise TableError(
                "unzipped_too_large",
                "The Excel file unpacks to more than %(limit)d MB (its part %(name)s alone to %(size)d MB); at most "
                "%(limit)d MB can be read. Save it as CSV or split it into smaller files.",
                limit=limits.max_unzipped_bytes // 1_048_576,
                name=info.filename[:80],
                size=info.file_size // 1_048_576,
            )


def _read_xlsx(data: bytes, limits: Limits, builder: _Builder) -> None:
    check_zip(data, limits)
    from openpyxl import load_workbook  # noqa: PLC0415 - only XLSX files need it (and its import is slow)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _damaged() from error
    try:
        if not workbook.worksheets:
            raise _damaged()
        sheet = workbook.worksheets[0]
        _refuse_declared_size(sheet, limits)
        _stream_sheet(workbook, sheet, limits, builder)
    except TableError:
        raise
    except Exception as error:
        raise _damaged() from error
    finally:
        workbook.close()


def _refuse_declared_size(sheet, limits: Limits) -> None:
    """Refuse a sheet whose ``<dimension>`` already claims more than the limits (nothing is sized by it)."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > limits.max_rows + 1 or columns > limits.max_columns:
        raise TableError(
            "declared_size",
            "The sheet declares %(rows)s rows and %(columns)s columns; at most %(max_rows)s rows and %(max_columns)s "
            "columns can be imported. Delete the unused rows and columns, or save the sheet as CSV.",
            rows=rows,
            columns=columns,
            max_rows=limits.max_rows + 1,
            max_columns=limits.max_columns,
        )


def _local(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _stream_sheet(workbook, sheet, limits: Limits, builder: _Builder) -> None:
    """Rows from the sheet's XML one element at a time; each element is dropped from the tree once read.

    openpyxl's own row iteration pads every row to the widest column and fills every missing row, sized by the
    declared dimension or the last cell; here only cells that hold a value are kept. openpyxl still decodes each
    cell (shared strings, numbers, dates, formulas)."""
    from xml.etree.ElementTree import iterparse  # noqa: PLC0415 - stdlib, with expat's entity-expansion limits

    from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415 - decodes one cell as openpyxl does

    # openpyxl's read-only sheet keeps where its XML lives and its workbook's decoding tables in these attributes.
    parser = WorkSheetParser(
        None,
        sheet._shared_strings,
        data_only=False,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    stack: list = []
    cell_parts = 0
    in_cell = False
    row_number, values = 0, {}
    with sheet._get_source() as source:
        # S314: expat (>= 2.4) limits entity expansion and ElementTree loads no external entity; the member's
        # size is bounded by check_zip. openpyxl parses the workbook's other parts the same way.
        for event, element in iterparse(source, events=("start", "end")):  # noqa: S314
            name = _local(element.tag)
            if event == "start":
                if in_cell:
                    cell_parts += 1
                    if cell_parts > limits.max_cell_chars:  # rich text with more runs than a cell has characters
                        raise _cell_too_long(row_number, parser.col_counter + 1, limits.max_cell_chars)
                elif name == "row":
                    row_number = _row_number(element.get("r"), row_number)
                    parser.row_counter, parser.col_counter = row_number, 0
                    values = {}
                elif name == "c":
                    in_cell, cell_parts = True, 0
                stack.append(element)
                continue
            stack.pop()
            if name == "c" and in_cell:
                in_cell = False
                cell = parser.parse_cell(element)
                text = _cell_text(cell["value"])
                if text:
                    column = cell["column"]
                    if column > limits.max_columns:
                        raise _too_many_columns(row_number, limits.max_columns)
                    if len(text) > limits.max_cell_chars:
                        raise _cell_too_long(row_number, column, limits.max_cell_chars)
                    values[column] = text
            elif name == "row":
                cells = [""] * max(values, default=0)
                for column, text in values.items():
                    cells[column - 1] = text
                builder.add(row_number, cells)
                values = {}
            if not in_cell and stack:
                stack[-1].remove(element)


def _row_number(value, previous: int) -> int:
    if value is None:
        return previous + 1
    number = int(float(value))
    if number < 1:
        raise _damaged()
    return number
