"""The funder report as documents (issue #17): structure checks per format, and LibreOffice opening DOCX and XLSX."""

import io
import os
import re
import shutil
import subprocess
from datetime import date

import docx
import pikepdf
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader
from weasyprint import HTML

from inklusio.contacts.models import Inquiry
from inklusio.impact import exports, services
from inklusio.impact.models import ManualIndicator, ManualValue, Target

pytestmark = pytest.mark.django_db

NARRATIVE = """**Zielgruppen:** Betriebe und _Auszubildende_.

## Was wir gelernt haben

- erster Punkt
- zweiter Punkt mit **fett**

1. Schritt eins
2. Schritt zwei

Mehr auf [unserer Seite](https://example.org/projekt) und [nicht hier](ftp://example.org/datei).
"""


@pytest.fixture
def report_project(project, lead):
    Inquiry.objects.bulk_create(
        [Inquiry(project=project, received_on=date(2025, 3, 1), channel="email", topic="t") for _ in range(46)]
    )
    Target.objects.create(project=project, code="inquiries", baseline=0, target=40)
    # Enough rows with long labels that the key figures table runs over a page break.
    for number in range(30):
        indicator = ManualIndicator.objects.create(
            project=project,
            code=f"manual_{number}",
            label_de=f"Von Hand erhobene Kennzahl Nummer {number} mit einem recht langen Namen über zwei Zeilen",
            label_en=f"Indicator number {number} entered by hand, with a rather long name over two lines",
            unit_de="Betriebe",
            unit_en="companies",
            level=5,
            definition_de="d",
        )
        ManualValue.objects.create(
            indicator=indicator,
            period_start=project.start,
            period_end=project.end,
            value=number,
            source_note="Umfrage",
        )
        Target.objects.create(project=project, code=indicator.code, baseline=0, target=20)
    services.save_section(project, "starting_situation", NARRATIVE, "", lead)
    services.save_section(project, "outlook", "Weiter im **Anschlussprojekt**.", "Onwards.", lead)
    return project


def _docx(project, lang="de"):
    return docx.Document(io.BytesIO(exports.render(services.build_report(project, lang=lang), "docx")))


def _all_docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def test_docx_uses_word_styles_and_no_literal_markdown(report_project):
    document = _docx(report_project)
    report = services.build_report(report_project)
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    headings = {text: name for name, text in styles if name.startswith("Heading")}
    for section in report.sections:  # the navigation pane lists every section, at its level
        assert headings[section.title] == f"Heading {section.level - 1}"
    assert headings["Was wir gelernt haben"] == "Heading 3"
    assert ("List Bullet", "erster Punkt") in styles and ("List Bullet", "zweiter Punkt mit fett") in styles
    assert ("List Number", "Schritt eins") in styles
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    italic = [run.text for p in document.paragraphs for run in p.runs if run.italic]
    assert "Zielgruppen:" in bold and "fett" in bold and "Anschlussprojekt" in bold and "Auszubildende" in italic
    text = _all_docx_text(document)
    for literal in ("**", "__", "# ", "](", "ftp:"):
        assert literal not in text, literal
    links = document.part.rels.values()
    targets = {rel.target_ref for rel in links if rel.reltype.endswith("/hyperlink")}
    assert targets == {"https://example.org/projekt"}  # a scheme the report does not allow stays plain text
    assert "unserer Seite und nicht hier." in text


def test_docx_tables_figures_header_and_footer(report_project):
    document = _docx(report_project)
    assert len(document.tables) >= 2
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None  # header row repeats on each page
        assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in table.rows)
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    assert pictures, "the key figures chart is missing"
    for picture in pictures:
        assert "Direkte Kontaktaufnahmen" in picture.get("descr", "")
    footer = document.sections[0].footer._element
    instructions = [field.get(qn("w:instr")).strip() for field in footer.iter(qn("w:fldSimple"))]
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    assert exports._letterhead(report_project).name in document.sections[0].header.paragraphs[0].text
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered and numbered[0]._p.pPr.numPr is not None  # its own numbering, restarting at 1


@pytest.fixture
def pdf_report(report_project):
    report = services.build_report(report_project)
    return report, exports.render(report, "pdf")


def test_pdf_cover_contents_bookmarks_and_page_numbers(pdf_report):
    report, data = pdf_report
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "de"
        with pdf.open_outline() as outline:
            top = {item.title: item for item in outline.root}
        for section in report.sections:
            if section.level == 2:
                assert section.title in top, section.title
        nested = [child.title for child in top["Leistungen nach Bereichen"].children]
        assert nested == [s.title for s in report.sections if s.level == 3]
        pages = len(pdf.pages)
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    assert "Testprojekt" in texts[0] and "Wirkungsbericht" in texts[0] and "Seite" not in texts[0]  # the cover
    assert "Inhalt" in texts[1]
    for number, text in enumerate(texts[1:], start=2):
        assert f"Seite {number} von {pages}" in text
        assert "Testprojekt" in text  # the running header
    # The contents give each section's page: the page on which its heading is.
    for section in report.sections:
        line = next(line for line in texts[1].splitlines() if line.startswith(section.title))
        page = int(re.search(r"(\d+)$", line).group(1))
        assert section.title in texts[page - 1], section.title


def test_pdf_tables_repeat_their_header_and_never_split_a_row(report_project):
    html = exports.render_html(services.build_report(report_project), for_pdf=True)
    document = HTML(string=html, base_url=".").render()
    pages_of_row: dict[int, list[int]] = {}
    header_rows = set()

    def walk(box, page_number, in_head=False):
        in_head = in_head or (type(box).__name__ == "TableRowGroupBox" and box.element.tag == "thead")
        if type(box).__name__ == "TableRowBox":
            pages_of_row.setdefault(id(box.element), []).append(page_number)
            if in_head:
                header_rows.add(id(box.element))
        for child in getattr(box, "children", []) or []:
            walk(child, page_number, in_head)

    for number, page in enumerate(document.pages, start=1):
        walk(page._page_box, number)
    repeated = [rows for key, rows in pages_of_row.items() if key in header_rows and len(rows) > 1]
    assert repeated, "the key figures table should run over a page break and repeat its header"
    for key, pages in pages_of_row.items():
        if key not in header_rows:
            assert len(pages) == 1, f"a table row is split over pages {pages}"


def test_xlsx_sheet_per_section_frozen_headers_formats_and_german_labels(report_project):
    report = services.build_report(report_project)
    workbook = load_workbook(io.BytesIO(exports.render(report, "xlsx")))
    titles = [section.title for section in report.sections]
    assert workbook.sheetnames[0] == "Kennzahlen"
    expected = [title[:31].strip() for title in titles if title != "Kennzahlen"]
    assert workbook.sheetnames == ["Kennzahlen", *expected, "Angaben"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes in {"A2", "C2"}, sheet.title
        assert sheet["A1"].font.bold
    indicators = workbook["Kennzahlen"]
    header = [cell.value for cell in indicators[1]]
    inquiries = next(row for row in indicators.iter_rows(min_row=2) if row[0].value == "inquiries")
    actual, percent = inquiries[header.index("Ist-Wert")], inquiries[header.index("Prozent erreicht")]
    assert (actual.value, actual.number_format) == (46, "#,##0")
    assert (percent.value, percent.number_format) == (pytest.approx(1.15), "0.0%")
    english = re.compile(r"\b(output|outcome|input|flow|stock|yes|no)\b", re.IGNORECASE)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=1 if sheet.title != "Kennzahlen" else 2):
            for cell in row[1:] if sheet.title == "Kennzahlen" else row:  # column A holds the stable codes
                if isinstance(cell.value, str):
                    assert not english.search(cell.value), (sheet.title, cell.value)
                    assert "**" not in cell.value and "](" not in cell.value, cell.value
    situation = [row[0] for row in workbook["Ausgangslage und Zielgruppen"].iter_rows(values_only=True)]
    assert "Zielgruppen: Betriebe und Auszubildende." in situation and "• erster Punkt" in situation
    assert "1. Schritt eins" in situation and "2. Schritt zwei" in situation


def test_xlsx_english_labels(report_project):
    workbook = load_workbook(io.BytesIO(exports.render(services.build_report(report_project, lang="en"), "xlsx")))
    assert workbook.sheetnames[0] == "Key figures"
    row = next(r for r in workbook["Key figures"].iter_rows(min_row=2, values_only=True) if r[0] == "inquiries")
    assert row[4:7] == ("outcome", "total over the period", "yes")


@pytest.mark.office
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_opens_the_docx_and_xlsx(report_project, fmt, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        # scripts/test.sh installs it, so CI cannot skip this silently; a bare pytest on a dev machine may
        assert not os.environ.get("CI"), "LibreOffice is missing although scripts/test.sh installs it"
        pytest.skip("LibreOffice is not installed (scripts/test.sh installs libreoffice-writer-nogui/-calc-nogui)")
    source = tmp_path / f"report.{fmt}"
    source.write_bytes(exports.render(services.build_report(report_project), fmt))
    result = subprocess.run(  # noqa: S603 — a fixed program and arguments
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr and "error" not in result.stdout.lower(), result.stderr
    converted = tmp_path / "out" / "report.pdf"
    assert converted.exists(), result.stdout + result.stderr
    pages = PdfReader(converted).pages
    assert len(pages) >= 2
    assert "Testprojekt" in pages[0].extract_text() or fmt == "xlsx"


def test_the_letterhead_is_the_organisation_with_its_logo(report_project):
    """With organisation settings, the DOCX header and the PDF carry its name and logo (a PNG in Word)."""
    import io

    from PIL import Image

    from inklusio.core.models import OrganisationProfile

    png = io.BytesIO()
    Image.new("RGB", (40, 20), "#005a8c").save(png, "PNG")
    OrganisationProfile.objects.create(
        name="Verein für Inklusion e. V.", logo=png.getvalue(), logo_mime="image/png", logo_alt="Logo des Vereins"
    )
    letterhead = exports._letterhead(report_project)
    assert letterhead.name == "Verein für Inklusion e. V." and letterhead.logo_alt == "Logo des Vereins"
    header = _docx(report_project).sections[0].header
    assert "Verein für Inklusion e. V." in header.paragraphs[0].text
    descriptions = [p.get("descr") for p in header._element.iter(qn("wp:docPr"))]
    assert descriptions == ["Logo des Vereins"]
