"""The report as HTML, tagged PDF, DOCX, XLSX and JSON."""

import base64
import io
import json
from dataclasses import dataclass, replace

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table

from inklusio.core import markdown
from inklusio.core.branding import PRODUCT_NAME, BrandImage, branding_for
from inklusio.core.tabular import neutralise_formula

from . import charts, docx_markdown, services, usage_trend
from .catalogue import CHAIN_LABELS, KIND_LABELS
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


def usage_context(months: list, lang: str, *, for_pdf: bool = False, chart_id: str = "chart-usage") -> dict:
    """The trend of the use of the digital offers for a template (``impact/includes/usage_trend.html``)."""
    chart = usage_trend.chart(months, lang, chart_id)
    return {
        "usage_chart": chart,
        "usage_rows": usage_trend.rows(months, lang) if chart else [],
        "usage_chart_uri": _data_uri(chart[0]) if chart and for_pdf else "",
    }


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render_html(report: Report, *, for_pdf: bool = False) -> str:
    chart = target_chart(report)
    chart_uri = ""
    if chart and for_pdf:
        chart_uri = _data_uri(chart[0])
    letterhead = _letterhead(report.project)
    logo_uri = letterhead.logo.data_uri if letterhead.logo is not None else ""
    with translation.override(report.lang):
        return render_to_string(
            HTML_TEMPLATE,
            {
                "report": report,
                "chart": chart,
                "chart_uri": chart_uri,
                "for_pdf": for_pdf,
                "letterhead": letterhead,
                "letterhead_logo_uri": logo_uri,
                **usage_context(report.usage, report.lang, for_pdf=for_pdf),
            },
        )


def render_pdf(report: Report) -> bytes:
    from inklusio.core.pdf import untreed_content_as_artifacts, write_pdf  # noqa: PLC0415 — beside WeasyPrint

    html = render_html(report, for_pdf=True)
    return write_pdf(
        html,
        base_url=".",
        pdf_variant="pdf/ua-1",
        finisher=untreed_content_as_artifacts,  # the running header and page numbers are artifacts
        pdf_identifier=report.project.slug.encode(),
        custom_metadata=True,
    )


def render_json(report: Report) -> bytes:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2).encode()


@dataclass(frozen=True)
class Letterhead:
    """Who the report comes from, for the DOCX header and the PDF's cover and running header."""

    name: str
    funder: str = ""
    logo: BrandImage | None = None  # SVG or PNG, from the organisation settings

    @property
    def logo_alt(self) -> str:
        return self.logo.alt if self.logo is not None else ""


def _letterhead(project) -> Letterhead:
    """The report's letterhead: the organisation (with the project's own values) from its settings."""
    branding = branding_for(project)
    name = branding.name if branding.name != PRODUCT_NAME else project.title  # no organisation set up yet
    return Letterhead(name=name, funder=project.funder, logo=branding.logo)


def render_docx(report: Report) -> bytes:
    letterhead = _letterhead(report.project)
    with translation.override(report.lang):
        document = Document()
        title = f"{report.project.title} – {_('Impact report')}"
        document.core_properties.title = title
        document.core_properties.language = report.lang
        document.core_properties.author = letterhead.name
        _docx_styles(document, report.lang)
        page = document.sections[0]
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        page.left_margin = page.right_margin = Cm(2)
        page.top_margin, page.bottom_margin = Cm(2.2), Cm(2)
        _docx_header_footer(document, letterhead)
        document.add_paragraph(report.project.title, style="Title")
        document.add_paragraph(_("Impact report"), style="Subtitle")
        document.add_paragraph(_period(report))
        if letterhead.funder:
            document.add_paragraph(_("Funded by %(funder)s") % {"funder": letterhead.funder})
        document.add_page_break()
        for section in report.sections:
            document.add_heading(section.title, level=section.level - 1)
            if section.key in LISTED_SECTIONS:  # one statement per level or per target: a list reads better
                for sentence in section.generated:
                    document.add_paragraph(sentence, style="List Bullet")
            elif section.generated:
                document.add_paragraph(" ".join(section.generated))
            if section.key == "key_figures":
                _docx_chart(document, report)
                _docx_key_figures(document, report)
            for table in section.tables:
                _docx_breakdown(document, table, report.lang)
            if section.key == "evaluation":
                _docx_usage(document, report)
            if section.text.strip():
                docx_markdown.add_markdown(document, section.text, DOCX_MARKDOWN)
            if section.note:
                document.add_paragraph(section.note)
        buffer = io.BytesIO()
        document.save(buffer)
    return buffer.getvalue()


LISTED_SECTIONS = {"impact_logic", "deviations"}
# The section's Markdown headings (h4 in the HTML, below h2/h3 sections) are Heading 3 in Word (sections are 1/2).
DOCX_MARKDOWN = replace(markdown.REPORT, headings={1: 3, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3})


def _period(report: Report) -> str:
    return _("Reporting period %(start)s to %(end)s") % {
        "start": services.format_date(report.start, report.lang),
        "end": services.format_date(report.end, report.lang),
    }


def _docx_styles(document, lang: str) -> None:
    styles = document.styles
    styles["Normal"].font.name = "DejaVu Sans"
    styles["Normal"].font.size = Pt(10.5)
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        run_props = styles[style_name].element.get_or_add_rPr()
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "de-DE" if lang == "de" else "en-GB")
        run_props.append(language)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as a simple field: Word and LibreOffice fill it in."""
    field_element = OxmlElement("w:fldSimple")
    field_element.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field_element.append(run)
    paragraph._p.append(field_element)


def _docx_header_footer(document, letterhead: Letterhead) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    if letterhead.logo is not None and letterhead.logo.mime == "image/png":  # Word cannot take an SVG alone
        header.add_run().add_picture(io.BytesIO(letterhead.logo.data), height=Cm(1.2))
        _describe(header, letterhead.logo_alt or letterhead.name)
        header.add_run("  ")
    header.add_run(letterhead.name).bold = True
    header.add_run(f" · {_('Impact report')}")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_("Page") + " ")
    _field(footer, "PAGE")
    footer.add_run(" " + _("of") + " ")
    _field(footer, "NUMPAGES")


def _describe(paragraph, alt: str) -> None:
    """Alt text on the last picture of ``paragraph`` (``wp:docPr/@descr``, what Word shows as alternative text)."""
    properties = paragraph._p.findall(".//" + qn("wp:docPr"))
    if properties:
        properties[-1].set("descr", alt)


def _docx_chart(document, report: Report) -> None:
    rows = [row for row in report.figures if row.percent_of_target is not None]
    chart = target_chart(report)
    if chart is None:
        return
    _svg, title, description = chart
    png = charts.bar_chart_png(
        [row.label for row in rows],
        [row.percent_of_target for row in rows],
        xlabel=_("per cent of the target"),
        reference=100,
    )
    paragraph = document.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(15))
    _describe(paragraph, f"{title}: {description}")
    document.add_paragraph(f"{title} {_('(the numbers are in the table)')}", style="Caption")


def _docx_usage(document, report: Report) -> None:
    chart = usage_trend.chart(report.usage, report.lang)
    if chart is None:
        return
    _svg, title, description = chart
    paragraph = document.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(usage_trend.chart_png(report.usage, report.lang)), width=Cm(15))
    _describe(paragraph, f"{title}: {description}")
    document.add_paragraph(f"{title} {_('(the numbers are in the table)')}", style="Caption")
    number = format_number
    rows = [
        [row.month, number(row.page_views, report.lang), number(row.downloads, report.lang),
         number(row.link_clicks, report.lang), number(row.total, report.lang)]
        for row in usage_trend.rows(report.usage, report.lang)
    ]  # fmt: skip
    headers = [_("Month"), _("Page views"), _("Downloads"), _("Newsletter link clicks"), _("Total")]
    _docx_table(document, title, headers, rows, [4.2, 3.2, 3.0, 3.6, 3.0])


def _mark_header(row):
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "E8EAF0")
        cell._tc.get_or_add_tcPr().append(shading)


def _keep_rows_whole(table):
    for row in table.rows:
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(cant_split)


def _docx_table(document, caption: str, headers: list[str], rows: list[list[str]], widths: list[float]):
    document.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = True
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_column.set(qn("w:w"), str(Cm(width).twips))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    _mark_header(table.rows[0])
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    _keep_rows_whole(table)
    document.add_paragraph().paragraph_format.space_after = Pt(0)  # keeps the next text off the table's edge
    return table


def _docx_key_figures(document, report):
    headers = [_("Indicator"), _("Level"), _("Baseline"), _("Target"), _("Actual"), _("Per cent reached")]
    rows = [
        [
            f"{figure.label} ({figure.unit})",
            str(figure.level),
            format_number(figure.baseline, report.lang),
            format_number(figure.target, report.lang),
            format_number(figure.value, report.lang) if figure.value is not None else _("no value"),
            format_number(figure.percent_of_target, report.lang),
        ]
        for figure in report.key_figures
    ]
    caption = _("Key figures: baseline, target, actual and share of the target reached")
    _docx_table(document, caption, headers, rows, [5.2, 1.5, 3.1, 2.2, 2.2, 2.8])
    if report.missing_sources:
        document.add_paragraph(
            _("No data source yet (these figures are not counted yet, and are not zero):")
            + " "
            + ", ".join(row.label for row in report.missing_sources)
            + "."
        )


def _docx_breakdown(document, breakdown, lang):
    rows = [
        [cell.label, _("fewer than 5") if cell.suppressed else format_number(cell.count, lang)]
        for cell in breakdown.cells
    ] or [[_("none"), ""]]
    _docx_table(document, breakdown.title, [_("Group"), _("Number")], rows, [11.0, 6.0])
    document.add_paragraph(_("Groups of fewer than five people are not shown separately."))


HEADER_FILL = PatternFill("solid", fgColor="E8EAF0")
INTEGER_FORMAT, DECIMAL_FORMAT, PERCENT_FORMAT = "#,##0", "#,##0.0", "0.0%"


def _number_format(value) -> str:
    return DECIMAL_FORMAT if isinstance(value, float) and not value.is_integer() else INTEGER_FORMAT


def _sheet(workbook, title: str, headers: list[str], widths: list[int], used: set[str]):
    """A sheet with a bold, frozen header row that is printed on every page (landscape, one page wide)."""
    name = "".join(" " if char in "[]:*?/\\" else char for char in title)[:31].strip()
    base, counter = name, 2
    while name.lower() in used:
        name = f"{base[:28]} {counter}"
        counter += 1
    used.add(name.lower())
    sheet = workbook.create_sheet(name)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def render_xlsx(report: Report) -> bytes:
    """One sheet per section of the report (the key figures: every indicator), labels in the report's language."""
    clean = neutralise_formula
    german = report.lang == "de"
    with translation.override(report.lang):
        workbook = Workbook()
        workbook.remove(workbook.active)
        workbook.properties.title = f"{report.project.title} – {_('Impact report')}"
        workbook.properties.creator = _letterhead(report.project).name
        used: set[str] = set()
        key_title = next(s.title for s in report.sections if s.key == "key_figures")
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
        widths = [26, 36, 16, 7, 22, 22, 10, 11, 11, 11, 11, 18, 60, 30]
        sheet = _sheet(workbook, key_title, headers, widths, used)
        sheet.freeze_panes = "C2"  # the code and the indicator's name stay in view
        sheet.print_title_cols = "A:B"
        sheet.row_dimensions[1].height = 30  # two lines for "Higher is better", "Per cent reached"
        sheet.page_setup.fitToWidth = 2  # fourteen columns: two pages wide stay legible
        for row in report.figures:
            percent = row.percent_of_target
            sheet.append(
                [
                    clean(row.code),
                    clean(row.label),
                    clean(row.unit),
                    row.level,
                    CHAIN_LABELS[row.chain][0 if german else 1] if row.chain in CHAIN_LABELS else clean(row.chain),
                    KIND_LABELS[row.kind][0 if german else 1] if row.kind in KIND_LABELS else clean(row.kind),
                    _("yes") if row.higher_is_better else _("no"),
                    row.value,
                    row.baseline,
                    row.target,
                    None if percent is None else percent / 100,
                    (_("manual") if row.manual else _("computed")) if row.has_source else _("no data source yet"),
                    clean(row.definition),
                    clean(row.source_note),
                ]
            )
            cells = sheet[sheet.max_row]
            for cell in cells[7:10]:
                if cell.value is not None:
                    cell.number_format = _number_format(cell.value)
            cells[10].number_format = PERCENT_FORMAT
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = max(len(row.definition) // 55, len(row.label) // 32, len(row.source_note) // 27) + 1
            sheet.row_dimensions[sheet.max_row].height = 14 * lines
        sheet.add_table(Table(displayName="Indicators", ref=f"A1:N{len(report.figures) + 1}"))
        for section in report.sections:
            if section.key == "key_figures":
                continue
            text_sheet = _sheet(workbook, section.title, [section.title], [110], used)
            paragraphs = list(section.generated)
            if section.text.strip():
                paragraphs += docx_markdown.plain_paragraphs(section.text)
            if section.note:
                paragraphs.append(section.note)
            for paragraph in paragraphs:
                text_sheet.append([clean(paragraph)])
                text_sheet.cell(text_sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
                # Spreadsheet programs do not grow a row for wrapped text written by openpyxl: give it its height.
                text_sheet.row_dimensions[text_sheet.max_row].height = 15 * (1 + len(paragraph) // 120)
            for table in section.tables:
                text_sheet.append([])
                text_sheet.append([clean(table.title)])
                text_sheet.cell(text_sheet.max_row, 1).font = Font(bold=True)
                text_sheet.append([_("Group"), _("Number")])
                for cell in text_sheet[text_sheet.max_row]:
                    cell.font, cell.fill = Font(bold=True), HEADER_FILL
                for cell in table.cells:
                    text_sheet.append([clean(cell.label), _("fewer than 5") if cell.suppressed else cell.count])
                    if not cell.suppressed:
                        text_sheet.cell(text_sheet.max_row, 2).number_format = INTEGER_FORMAT
                text_sheet.column_dimensions["B"].width = 16
        info = _sheet(workbook, _("About"), [_("Field"), _("Value")], [24, 80], used)
        info.append([_("Project"), clean(report.project.title)])
        info.append([_("Funder"), clean(report.project.funder)])
        info.append([_("Period"), _period(report)])
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
    with translation.override(report.lang):
        stem = pgettext("file name", "impact-report")
    return f"{stem}-{report.project.slug}-{report.start.isoformat()}-{report.end.isoformat()}.{fmt}"
