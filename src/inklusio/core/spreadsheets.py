"""Tables (lists of rows) as CSV and XLSX downloads, with spreadsheet formulas neutralised."""

import csv
import io

from openpyxl import Workbook

from .tabular import neutralise_formula

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def to_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append([neutralise_formula(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
