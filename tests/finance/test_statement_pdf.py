"""The statement and the receipt list as tagged PDFs pass the PDF/UA structure checks, in German and English."""

import io
import subprocess
from datetime import date

import pikepdf
import pytest
from django.utils import translation

from inklusio.finance import exports, statements
from tests.finance import statement_fixtures
from tests.pdf_structure import problems

books = statement_fixtures.books

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


@pytest.mark.parametrize("language", ["de", "en"])
def test_statement_and_receipt_list_pdfs_are_tagged(project, books, lead, language):
    statement = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    statements.explain(statement, "reisekosten", 2024, "Mehr Regionaltermine.", lead)
    statements.explain(statement, "sachkosten", 2024, "Druckerpatrone.", lead)
    submitted = statements.submit(statement, lead)
    with translation.override(language):
        pdfs = {
            "draft statement": exports.statement_pdf(
                statements.create(project, "final", project.start, project.end, lead)
            ),
            "submitted statement": exports.statement_pdf(submitted),
            "receipt list": exports.receipt_list_pdf(exports.receipt_list(project, project.start, project.end)),
            "empty receipt list": exports.receipt_list_pdf(
                exports.receipt_list(project, date(2026, 1, 1), date(2026, 1, 2))
            ),
        }
    for kind, data in pdfs.items():
        assert not problems(data), f"{kind}: {problems(data)}"
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert str(pdf.Root.Lang) == language
    text = subprocess.run(["pdftotext", "-", "-"], input=pdfs["receipt list"], capture_output=True, check=True).stdout
    text = text.decode()
    assert "H-1" in text and "S-1" in text
    assert text.count("no scan" if language == "en" else "kein Scan") >= 3  # H-1, R-2, S-1 have none
