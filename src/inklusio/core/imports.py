"""The Django side of the bounded table reader (:mod:`inklusio.core.tabular`): limits from the settings and the
translated message for a file that is refused. Every importer reads its upload through :func:`read_upload`; an
upload reviewed on a page (a :class:`~inklusio.core.models.PendingImport`) is read once, by the worker, through
:func:`read_once`."""

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cycles import without_gc
from .tabular import Limits, Table, TableError, read_table


def limits(**overrides) -> Limits:
    """The import limits from the settings (``IMPORT_MAX_*``); keyword arguments override single limits."""
    base = Limits(
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_columns=settings.IMPORT_MAX_COLUMNS,
        max_cell_chars=settings.IMPORT_MAX_CELL_CHARS,
        max_cells=settings.IMPORT_MAX_CELLS,
        max_unzipped_bytes=settings.IMPORT_MAX_UNZIPPED_BYTES,
    )
    if not overrides:
        return base
    return replace(base, max_row_chars=0, **overrides)


def read_upload(data: bytes, *, progress=None, utf16: bool = False, **overrides) -> Table:
    """Read an uploaded table within the configured limits; raises :class:`TableError`. ``utf16``: also read
    tab-separated UTF-16 text with its byte-order mark (see :func:`inklusio.core.tabular.read_table`)."""
    return read_table(data, limits(**overrides), progress=progress, utf16=utf16)


TABLE_ERRORS = {
    "too_large": gettext_lazy(
        "The file is %(size).1f MB; at most %(limit)d MB can be imported. Split it into smaller files."
    ),
    "empty": gettext_lazy("The file is empty."),
    "xls": gettext_lazy("This is an old Excel file (.xls). Save it as .xlsx or as CSV (UTF-8) and upload it again."),
    "encoding": gettext_lazy(
        "The file's encoding is not supported (only UTF-8 and Windows-1252; this looks like UTF-16 or a binary "
        "file). Save it as 'CSV UTF-8' and upload it again."
    ),
    "malformed": gettext_lazy("The CSV file is malformed near line %(line)d."),
    "damaged": gettext_lazy("The Excel file cannot be read; it may be damaged. Save it again as .xlsx."),
    "no_header": gettext_lazy("The first row must name the columns; it is empty."),
    "too_many_rows": gettext_lazy(
        "The file has more than %(limit)s data rows; at most %(limit)s can be imported at once. "
        "Split it into smaller files."
    ),
    "too_many_columns": gettext_lazy(
        "Row %(row)s has more than %(limit)s columns; at most %(limit)s columns can be imported."
    ),
    "cell_too_long": gettext_lazy(
        "Row %(row)s, column %(column)s holds more than %(limit)s characters; a cell may hold at most %(limit)s."
    ),
    "too_many_cells": gettext_lazy(
        "The file has more than %(limit)s cells up to row %(row)s; at most %(limit)s cells can be imported at once. "
        "Split it into smaller files."
    ),
    "row_too_long": gettext_lazy("Row %(row)s is longer than %(limit)s characters; a row may hold at most %(limit)s."),
    "declared_size": gettext_lazy(
        "The sheet declares %(rows)s rows and %(columns)s columns; at most %(max_rows)s rows and %(max_columns)s "
        "columns can be imported. Delete the unused rows and columns, or save the sheet as CSV."
    ),
    "zip_members": gettext_lazy("The Excel file consists of more than %(limit)s parts; at most %(limit)s can be read."),
    "unzipped_too_large": gettext_lazy(
        "The Excel file unpacks to more than %(limit)d MB (its part %(name)s alone to %(size)d MB); at most "
        "%(limit)d MB can be read. Save it as CSV or split it into smaller files."
    ),
}


@dataclass
class RowIssue:
    """A problem an importer found, shown translated: ``row`` is the spreadsheet row number (1 the header, 0 the
    file as a whole), ``column`` the header of the column, or empty."""

    row: int
    column: str
    message: str

    def __str__(self):
        where = [_("row %(row)s") % {"row": self.row}] if self.row else []
        if self.column:
            where.append(_("column “%(column)s”") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


_GROUPED = {"limit", "rows", "columns", "max_rows", "max_columns"}  # counts shown as 200.000 / 200,000


def table_error_message(error: TableError) -> str:
    """The message for a refused file, in the active language, naming the limit it broke."""
    template = TABLE_ERRORS.get(error.code)
    if template is None:
        return str(error)
    params = dict(error.params)
    if error.code not in ("too_large", "unzipped_too_large"):
        params.update({k: number_format(v, force_grouping=True) for k, v in params.items() if k in _GROUPED})
    return str(template) % params if params else str(template)


def upload_path(record, *, directory: Path) -> Path:
    """Where a pending import's upload is stored (``directory``: the importing app's, outside the web root)."""
    return directory / record.stored_as


def table_path(record, *, directory: Path) -> Path:
    """The table read from the upload, as JSON next to it: the file is read once, by the worker."""
    return directory / f"{record.stored_as}.table.json"


def remove_files(record, *, directory: Path) -> None:
    upload_path(record, directory=directory).unlink(missing_ok=True)
    table_path(record, directory=directory).unlink(missing_ok=True)


def load_table(record, *, directory: Path) -> Table:
    with table_path(record, directory=directory).open(encoding="utf-8") as handle, without_gc():
        return Table.from_json(json.load(handle))


def read_once(record, *, directory: Path, check: Callable[[Table], dict]) -> None:
    """Read a pending import's upload once within the limits, keep the table next to it, check it and store what
    the review page shows (``check(table)`` returns that, in the uploader's language). A file over a limit is
    refused: its upload is deleted, nothing is written but the refusal. Runs in the worker; a table read before
    (the task ran again) is not read again."""
    stage = type(record).Stage
    with translation.override(record.language or None):
        if table_path(record, directory=directory).exists():
            table = load_table(record, directory=directory)
        else:
            record.stage = stage.READING
            record.save(update_fields=["stage"])

            def progress(rows):
                type(record).objects.filter(pk=record.pk).update(rows_read=rows)

            try:
                table = read_upload(upload_path(record, directory=directory).read_bytes(), progress=progress)
            except TableError as error:
                remove_files(record, directory=directory)
                record.stage, record.review = stage.REFUSED, {"refused": table_error_message(error)}
                record.save(update_fields=["stage", "review"])
                return
            final = table_path(record, directory=directory)
            partial = final.with_suffix(".partial")
            partial.write_text(json.dumps(table.to_json(), ensure_ascii=False), encoding="utf-8")
            partial.replace(final)
        record.stage, record.review, record.rows_read = stage.READY, check(table), len(table.rows)
        record.save(update_fields=["stage", "review", "rows_read"])
