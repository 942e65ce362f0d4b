"""The report as HTML, tagged PDF, DOCX, XLSX and JSON."""

import base64
import io
import json

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.table import Table

from inklusio.core.tabular import neutralise_formula

from . import charts
from .services import Report, format_number, report_json

FORMATS = ("json", "html", "pdf", "docx", "xlsx")
HTML_TEMPLATE = "impact/report_document.html"
CONTENT_TYPES = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def target_chart(report: Report, chart_id: str = "chart-target") -> tuple[str, str, str] | None:
    """(svg, title, description) of the share of each target reached, or None without targets."""
    rows = [row for row in report.figures if row.percent_of_target is not None]
    if not rows:
        return None
    with translation.override(report.lang):
        title = _("Share of the target reached")
        description = "; ".join(f"{row.label}: {format_number(row.percent_of_target, report.lang)} %" for row in rows)
        svg = charts.bar_chart(
            [row.label for row in rows],
            [row.percent_of_target for row in rows],
            title=title,
            description=description,
            chart_id=chart_id,
            xlabel=_("per cent of the target"),
            reference=100,
        )
    return svg, title, description


def render_html(report: Report, *, for_pdf: bool = False) -> str:
    chart = target_chart(report)
    chart_uri = ""
    if chart and for_pdf:
        chart_uri = "data:image/svg+xml;base64," + base64.b64encode(chart[0].encode()).decode()
    with translation.override(report.lang):
        return render_to_string(
            HTML_TEMPLATE,
            {"report": report, "chart": chart, "chart_uri": chart_uri, "for_pdf": for_pdf},
        )


def render_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 — heavy (about 2 s), loaded only when a PDF is made

    html = render_html(report, for_pdf=True)
    return HTML(string=html, base_url=".").write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_identifier=report.project.slug.encode(),
        custom_metadata=True,
    )


def render_json(report: Report) -> bytes:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2).encode()


def render_docx(report: Report) -> bytes:
    with translation.override(report.lang):
        document = Document()
        document.core_properties.title = f"{report.project.title} – {_('Impact report')}"
        document.core_properties.language = report.lang
        styles = document.styles
        for style_name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
            run_props = styles[style_name].element.get_or_add_rPr()
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "de-DE" if report.lang == "de" else "en-GB")
            run_props.append(lang)
        document.add_heading(f"{report.project.title}: {_('Impact report')}", level=1)
        for section in report.sections:
            document.add_heading(section.title, level=section.level)
            for sentence_block in [" ".join(section.generated)] if section.generated else []:
                document.add_paragraph(sentence_block)
            if section.key == "key_figures":
                _docx_key_figures(document, report)
            for table in section.tables:
                _docx_breakdown(document, table, report.lang)
            for paragraph in section.text.split("\n\n"):
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
            if section.note:
                document.add_paragraph(section.note)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


def _mark_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _docx_key_figures(document, report):
    headers = [_("Indicator"), _("Level"), _("Baseline"), _("Target"), _("Actual"), _("Per cent reached")]
    rows = report.key_figures
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    _mark_header(table.rows[0])
    for row, figure in zip(table.rows[1:], rows, strict=True):
        values = [
            f"{figure.label} ({figure.unit})",
            str(figure.level),
            format_number(figure.baseline, report.lang),
            format_number(figure.target, report.lang),
            format_number(figure.value, report.lang) if figure.value is not None else _("no value"),
            format_number(figure.percent_of_target, report.lang),
        ]
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text


def _docx_breakdown(document, breakdown, lang):
    document.add_paragraph(breakdown.title)
    table = document.add_table(rows=1 + len(breakdown.cells), cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = _("Group"), _("Number")
    _mark_header(table.rows[0])
    for row, cell in zip(table.rows[1:], breakdown.cells, strict=True):
        row.cells[0].text = cell.label
        row.cells[1].text = _("fewer than 5") if cell.suppressed else format_number(cell.count, lang)


def render_xlsx(report: Report) -> bytes:
    def clean(value):
        return neutralise_formula(value)

    with translation.override(report.lang):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Indicators")[:31]
        headers = [
            _("Code"),
            _("Indicator"),
            _("Unit"),
            _("Level"),
            _("Chain"),
            _("Kind"),
            _("Higher is better"),
            _("Actual"),
            _("Baseline"),
            _("Target"),
            _("Per cent reached"),
            _("Data source"),
            _("Definition"),
            _("Source note"),
        ]
        sheet.append(headers)
        for row in report.figures:
            sheet.append(
                [
                    clean(row.code),
                    clean(row.label),
                    clean(row.unit),
                    row.level,
                    row.chain,
                    row.kind,
                    _("yes") if row.higher_is_better else _("no"),
                    row.value,
                    row.baseline,
                    row.target,
                    row.percent_of_target,
                    (_("manual") if row.manual else _("computed")) if row.has_source else _("no data source yet"),
                    clean(row.definition),
                    clean(row.source_note),
                ]
            )
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.add_table(Table(displayName="Indicators", ref=f"A1:N{len(report.figures) + 1}"))
        for column, width in zip("ABCDEFGHIJKLMN", [28, 40, 16, 7, 9, 7, 10, 10, 10, 10, 10, 18, 70, 40], strict=True):
            sheet.column_dimensions[column].width = width
        text_sheet = workbook.create_sheet(_("Report")[:31])
        text_sheet.append([_("Section"), _("Title"), _("Text")])
        for section in report.sections:
            text_sheet.append([section.key, clean(section.title), clean(section.plain_text)])
        for cell in text_sheet[1]:
            cell.font = Font(bold=True)
        text_sheet.column_dimensions["C"].width = 120
        info = workbook.create_sheet(_("About")[:31])
        info.append([_("Project"), clean(report.project.title)])
        info.append([_("Period"), f"{report.start.isoformat()} – {report.end.isoformat()}"])
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


RENDERERS = {
    "json": render_json,
    "html": lambda r: render_html(r).encode(),
    "pdf": render_pdf,
    "docx": render_docx,
    "xlsx": render_xlsx,
}


def render(report: Report, fmt: str) -> bytes:
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}")
    return RENDERERS[fmt](report)


def filename(report: Report, fmt: str) -> str:
    return f"wirkungsbericht-{report.project.slug}-{report.start.isoformat()}-{report.end.isoformat()}.{fmt}"
