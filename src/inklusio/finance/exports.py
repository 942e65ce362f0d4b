"""The statement and the receipt list (Belegliste) as XLSX (values, no formulas) and as tagged PDF (PDF/UA-1).

A submitted statement is exported from its snapshot (``statements.figures``), so the file shows what was
submitted. The receipt list is read with one query, sorted by category and date, with a total per category.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from inklusio.core.spreadsheets import XLSX
from inklusio.core.tabular import neutralise_formula

from . import queries, statements
from .money import ZERO, cents

FORMATS = ("xlsx", "pdf")
CONTENT_TYPES = {"xlsx": XLSX, "pdf": "application/pdf"}
EURO_FORMAT = "#,##0.00 €"
PERCENT_FORMAT = "0.0"
DATE_FORMAT = "DD.MM.YYYY"


# -- the receipt list ---------------------------------------------------------------------------------------


@dataclass
class ListedReceipt:
    number: str
    receipt_date: date
    paid_on: date | None
    payee: str
    description: str
    amount: Decimal
    has_scan: bool


@dataclass
class CategoryGroup:
    name: str
    receipts: list[ListedReceipt] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return cents(sum((r.amount for r in self.receipts), ZERO))


@dataclass
class ReceiptList:
    project: object
    start: date
    end: date
    groups: list[CategoryGroup]

    @property
    def total(self) -> Decimal:
        return cents(sum((g.total for g in self.groups), ZERO))

    @property
    def count(self) -> int:
        return sum(len(g.receipts) for g in self.groups)

    @property
    def without_scan(self) -> int:
        return sum(1 for g in self.groups for r in g.receipts if not r.has_scan)


def receipt_list(project, start: date, end: date) -> ReceiptList:
    """The receipts counted in the period, grouped by category in the funder's order, by date (one query)."""
    rows = (
        queries.receipts_in(project, start, end)
        .annotate(counted=queries.COUNTED, counted_on=queries.COUNTED_ON)
        .order_by("category__position", "category_id", "counted_on", "number", "pk")
        .values_list(
            "category_id",
            "category__name",
            "number",
            "receipt_date",
            "paid_on",
            "payee",
            "description",
            "counted",
            "scan_path",
        )
    )
    groups: list[CategoryGroup] = []
    current = None
    for category_id, name, number, receipt_date, paid_on, payee, description, amount, scan_path in rows.iterator(
        chunk_size=2000
    ):
        if current != category_id:
            groups.append(CategoryGroup(name))
            current = category_id
        groups[-1].receipts.append(
            ListedReceipt(number, receipt_date, paid_on, payee, description, cents(amount), bool(scan_path))
        )
    return ReceiptList(project, start, end, groups)


# -- XLSX ---------------------------------------------------------------------------------------------------


def _cell(sheet, value, *, number_format: str = "", bold: bool = False):
    cell = WriteOnlyCell(sheet, value=neutralise_formula(value))
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _workbook(title: str):
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    return workbook


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _percent(value):
    return None if value is None else float(value)  # a shown number, rounded to one place already


def statement_xlsx(statement) -> bytes:
    figures = statements.figures(statement)
    workbook = _workbook(_title(statement))
    sheet = workbook.create_sheet(pgettext("sheet", "Statement")[:31])
    for width, letter in zip((10, 34, 16, 16, 16, 12, 12, 60), "ABCDEFGH", strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_cell(sheet, _title(statement), bold=True)])
    sheet.append([_cell(sheet, _period(statement))])
    sheet.append([])
    actual_label = pgettext("statement", "Actual")
    headers = [_("Year"), _("Cost category"), _("Planned"), actual_label, _("Difference"), _("Deviation in %"),
               _("Flagged"), _("Explanation")]  # fmt: skip
    sheet.append([_cell(sheet, h, bold=True) for h in headers])
    for year, lines, planned, actual in figures.years():
        for line in lines:
            sheet.append(
                [
                    _cell(sheet, line.year),
                    _cell(sheet, line.category_name),
                    _cell(sheet, line.planned, number_format=EURO_FORMAT),
                    _cell(sheet, line.actual, number_format=EURO_FORMAT),
                    _cell(sheet, line.difference, number_format=EURO_FORMAT),
                    _cell(sheet, _percent(line.deviation_percent), number_format=PERCENT_FORMAT),
                    _cell(sheet, _("yes") if line.flagged else ""),
                    _cell(sheet, line.explanation),
                ]
            )
        sheet.append(
            [
                _cell(sheet, year, bold=True),
                _cell(sheet, _("Total %(year)s") % {"year": year}, bold=True),
                _cell(sheet, cents(planned), number_format=EURO_FORMAT, bold=True),
                _cell(sheet, cents(actual), number_format=EURO_FORMAT, bold=True),
                _cell(sheet, cents(actual - planned), number_format=EURO_FORMAT, bold=True),
            ]
        )
    sheet.append(
        [
            _cell(sheet, ""),
            _cell(sheet, pgettext("statement", "Total"), bold=True),
            _cell(sheet, figures.planned_total, number_format=EURO_FORMAT, bold=True),
            _cell(sheet, figures.actual_total, number_format=EURO_FORMAT, bold=True),
            _cell(sheet, figures.difference_total, number_format=EURO_FORMAT, bold=True),
            _cell(sheet, _percent(figures.deviation_total), number_format=PERCENT_FORMAT, bold=True),
        ]
    )
    sheet.append([])
    sheet.append([_cell(sheet, _("Financing"), bold=True)])
    sheet.append(
        [
            _cell(sheet, h, bold=True)
            for h in ("", _("Source"), _("Planned"), _("Share planned in %"), actual_label, _("Share actual in %"))
        ]  # fmt: skip
    )
    for share in figures.financing:
        sheet.append(
            [
                _cell(sheet, ""),
                _cell(sheet, share.name),
                _cell(sheet, share.planned, number_format=EURO_FORMAT),
                _cell(sheet, _percent(share.planned_share), number_format=PERCENT_FORMAT),
                _cell(sheet, share.actual, number_format=EURO_FORMAT),
                _cell(sheet, _percent(share.actual_share), number_format=PERCENT_FORMAT),
            ]
        )
    return _save(workbook)


def receipt_list_xlsx(listing: ReceiptList) -> bytes:
    workbook = _workbook(_receipt_list_title(listing))
    sheet = workbook.create_sheet(_("Receipt list")[:31])
    for width, letter in zip((34, 16, 12, 12, 30, 44, 16, 12), "ABCDEFGH", strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([_cell(sheet, _receipt_list_title(listing), bold=True)])
    sheet.append([_cell(sheet, _span(listing.start, listing.end))])
    sheet.append([])
    headers = [_("Cost category"), _("Receipt number"), _("Receipt date"), _("Payment date"), _("Payee"),
               _("Description"), _("Amount"), _("Scan")]  # fmt: skip
    sheet.append([_cell(sheet, h, bold=True) for h in headers])
    missing = _("missing")
    for group in listing.groups:
        for r in group.receipts:
            sheet.append(
                [
                    _cell(sheet, group.name),
                    _cell(sheet, r.number),
                    _cell(sheet, r.receipt_date, number_format=DATE_FORMAT),
                    _cell(sheet, r.paid_on, number_format=DATE_FORMAT),
                    _cell(sheet, r.payee),
                    _cell(sheet, r.description),
                    _cell(sheet, r.amount, number_format=EURO_FORMAT),
                    _cell(sheet, "" if r.has_scan else missing),
                ]
            )
        sheet.append(
            [_cell(sheet, _("Total %(category)s") % {"category": group.name}, bold=True)]
            + [_cell(sheet, "")] * 5
            + [_cell(sheet, group.total, number_format=EURO_FORMAT, bold=True)]
        )
    sheet.append(
        [_cell(sheet, pgettext("statement", "Total"), bold=True)]
        + [_cell(sheet, "")] * 5
        + [_cell(sheet, listing.total, number_format=EURO_FORMAT, bold=True)]
    )
    return _save(workbook)


# -- PDF ----------------------------------------------------------------------------------------------------


def _pdf(template: str, context: dict, identifier: str) -> bytes:
    from inklusio.core.pdf import untreed_content_as_artifacts, write_pdf  # noqa: PLC0415 — beside WeasyPrint

    html = render_to_string(template, {**context, "LANGUAGE_CODE": translation.get_language() or "de"})
    return write_pdf(
        html,
        base_url=".",
        pdf_variant="pdf/ua-1",
        finisher=untreed_content_as_artifacts,  # page numbers are artifacts
        pdf_identifier=identifier.encode(),
    )


def statement_pdf(statement) -> bytes:
    context = {"statement": statement, "figures": statements.figures(statement), "title": _title(statement),
               "period": _period(statement)}  # fmt: skip
    return _pdf("finance/statement_pdf.html", context, f"statement-{statement.pk}")


def receipt_list_pdf(listing: ReceiptList) -> bytes:
    context = {"listing": listing, "title": _receipt_list_title(listing), "period": _span(listing.start, listing.end)}
    return _pdf("finance/receipt_list_pdf.html", context, f"receipts-{listing.project.slug}")


# -- names --------------------------------------------------------------------------------------------------


def _span(start: date, end: date) -> str:
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(end, 'SHORT_DATE_FORMAT')}"


def _title(statement) -> str:
    return _("%(kind)s, version %(version)s – %(project)s") % {
        "kind": statement.get_kind_display(),
        "version": statement.version,
        "project": statement.project.title,
    }


def _period(statement) -> str:
    return _span(statement.period_start, statement.period_end)


def _receipt_list_title(listing: ReceiptList) -> str:
    return _("Receipt list – %(project)s") % {"project": listing.project.title}


def statement_file(statement, fmt: str) -> tuple[bytes, str]:
    data = statement_xlsx(statement) if fmt == "xlsx" else statement_pdf(statement)
    stem = pgettext("file name", "statement")
    return (
        data,
        f"{stem}-{statement.project.slug}-{statement.period_start}-{statement.period_end}-v{statement.version}.{fmt}",
    )


def receipt_list_file(listing: ReceiptList, fmt: str) -> tuple[bytes, str]:
    data = receipt_list_xlsx(listing) if fmt == "xlsx" else receipt_list_pdf(listing)
    stem = pgettext("file name", "receipt-list")
    return data, f"{stem}-{listing.project.slug}-{listing.start}-{listing.end}.{fmt}"


def receipt_list_document(params: dict, out, progress) -> tuple[str, str]:
    """The receipt list as a document made in the worker (``core.documents``): a long list takes longer than a
    request should. ``params``: project, start, end (ISO dates), fmt, language."""
    from django.utils import translation  # noqa: PLC0415 — only the worker's entry needs it

    from inklusio.core.documents import DocumentError  # noqa: PLC0415 — exports is also used in requests
    from inklusio.core.models import Project  # noqa: PLC0415

    project = Project.objects.filter(pk=params.get("project")).first()
    if project is None:
        raise DocumentError(_("The project no longer exists."))
    fmt = params.get("fmt")
    if fmt not in FORMATS:
        raise DocumentError(_("This format is not offered."))
    with translation.override(params.get("language") or "de"):
        progress(0, 2)
        listing = receipt_list(project, date.fromisoformat(params["start"]), date.fromisoformat(params["end"]))
        progress(1, 2)
        data, filename = receipt_list_file(listing, fmt)
        out.write(data)
        progress(2, 2)
    return filename, CONTENT_TYPES[fmt]
