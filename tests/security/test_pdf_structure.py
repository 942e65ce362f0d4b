"""Every kind of PDF inklusio makes passes the PDF/UA structure checks of tests/pdf_structure.py.

The kinds (every ``write_pdf`` in src): the certificate of attendance, the World Café table and personal cards,
the funder report, the press review, the Art. 15 export and the Art. 30 record of processing activities. Each is
made from the demo data, in German and English, the way the staff UI (or a participant) gets it.
"""

import base64
import io
import os
from collections import Counter
from pathlib import Path

import pikepdf
import pydyf
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from weasyprint import HTML

from inklusio.contacts.models import Person
from inklusio.core.demo import DEMO_USERNAME, REFERENCE_SLUG, demo_authenticator, ensure_demo_login
from inklusio.core.models import Project
from inklusio.core.pdf import PYDYF_PAGE_REFERENCES, SharedDrawings, untreed_content_as_artifacts
from inklusio.events.models import Registration
from inklusio.impact import exports, services
from inklusio.privacy import export
from inklusio.worldcafe.models import WorldCafe
from tests.conftest import Client
from tests.pdf_structure import problems

pytestmark = pytest.mark.rendering


@pytest.fixture
def demo_lead(demo):
    ensure_demo_login()
    demo_authenticator()
    client = Client()
    client.force_login(get_user_model().objects.get(username=DEMO_USERNAME))
    return client


def pdf_of(response) -> bytes:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return response.content


def every_kind_of_pdf(client, language: str) -> dict[str, bytes]:
    prefix = "/en" if language == "en" else ""
    registration = Registration.objects.filter(attendances__isnull=False).distinct().first()
    cafe = next(cafe for cafe in WorldCafe.objects.order_by("pk") if cafe.plan)
    person = Person.objects.filter(anonymised=False, event_registrations__isnull=False).first()
    project = Project.objects.get(slug=REFERENCE_SLUG)
    with_prefix = {
        "certificate": reverse("events:certificate", args=[registration.event_id, registration.pk]),
        "world café cards": reverse("worldcafe:cards_pdf", args=[cafe.pk]),
        "press review": reverse("outreach:press_export", args=["pdf"]),
        "Art. 30 record": reverse("privacy:record_pdf"),
    }
    pdfs = {kind: pdf_of(client.get(prefix + url.removeprefix("/en"))) for kind, url in with_prefix.items()}
    pdfs["funder report"] = exports.render(services.build_report(project, lang=language), "pdf")
    pdfs["Art. 15 export"] = export.build_pdf(export.collect(person), language)
    return pdfs


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_every_kind_of_pdf_passes_the_structure_checks(demo_lead, language):
    pdfs = every_kind_of_pdf(demo_lead, language)
    if dump := os.environ.get("INKLUSIO_PDF_DUMP"):  # keep the PDFs to look at them
        for kind, data in pdfs.items():
            Path(dump, f"{kind.replace(' ', '-')}-{language}.pdf").write_bytes(data)
    findings = Counter(f"{kind}: {finding}" for kind, data in pdfs.items() for finding in problems(data))
    assert not findings, "\n".join(f"{finding} (×{count})" for finding, count in findings.items())
    # Each PDF is in the language asked for; the certificate is in its participant's language.
    registration = Registration.objects.filter(attendances__isnull=False).distinct().first()
    expected = {kind: language for kind in pdfs} | {"certificate": registration.language or "de"}
    for kind, data in pdfs.items():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert str(pdf.Root.Lang).startswith(expected[kind]), (kind, str(pdf.Root.Lang))


PAGE = '<html lang="en"><head><title>Checks</title><style>{style}</style></head><body>{body}</body></html>'
SQUARE = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
PIXEL = "data:image/svg+xml;base64," + base64.b64encode(SQUARE).decode()


def weasyprint_pdf(body: str, style: str = "", **options) -> bytes:
    return HTML(string=PAGE.format(body=body, style=style)).write_pdf(**options)


def test_the_checks_find_what_they_check():
    untagged = problems(weasyprint_pdf("<p>Text</p>"))
    assert "not tagged: /MarkInfo /Marked is not true" in untagged and "no structure tree (/StructTreeRoot)" in untagged
    assert "/ViewerPreferences /DisplayDocTitle is not true" in untagged
    assert problems(weasyprint_pdf("<p>Text</p><ul><li>a</li></ul>", pdf_variant="pdf/ua-1")) == []
    divs_in_a_list = problems(weasyprint_pdf("<dl><div><dt>Key</dt><dd>Value</dd></div></dl>", pdf_variant="pdf/ua-1"))
    assert any("/Div inside /L" in finding for finding in divs_in_a_list), divs_in_a_list
    no_alt = problems(weasyprint_pdf(f'<img src="{PIXEL}">', pdf_variant="pdf/ua-1"))
    assert "a /Figure has no /Alt text" in no_alt, no_alt
    assert problems(weasyprint_pdf(f'<img src="{PIXEL}" alt="A square">', pdf_variant="pdf/ua-1")) == []


def test_page_numbers_become_artifacts():
    style = "@page { @bottom-right { content: counter(page) } }"
    plain = problems(weasyprint_pdf("<p>Text</p>", style, pdf_variant="pdf/ua-1"))
    assert any("not referenced from the structure tree" in finding for finding in plain), plain
    finished = weasyprint_pdf("<p>Text</p>", style, pdf_variant="pdf/ua-1", finisher=untreed_content_as_artifacts)
    assert problems(finished) == []
    with pikepdf.open(io.BytesIO(finished)) as pdf:
        operators = [str(op) for _operands, op in pikepdf.parse_content_stream(pdf.pages[0])]
        assert operators.count("BMC") == 1  # the page number, as an artifact


def test_an_svg_image_on_every_page_is_drawn_once_and_stays_a_tagged_figure():
    pages = "".join(
        f'<section style="break-after: page"><img src="{PIXEL}" alt="A square"><p>{n}</p></section>' for n in range(3)
    )
    plain = weasyprint_pdf(pages, pdf_variant="pdf/ua-1")
    shared = weasyprint_pdf(pages, pdf_variant="pdf/ua-1", cache=SharedDrawings())
    assert problems(shared) == []
    with pikepdf.open(io.BytesIO(shared)) as pdf:
        forms = {str(name) for page in pdf.pages for name in page.Resources.get("/XObject", {})}
        assert len(forms) == 1  # one form XObject, painted on each page
        for page in pdf.pages:
            operators = [str(op) for _operands, op in pikepdf.parse_content_stream(page)]
            assert operators.count("Do") == 1 and "f" not in operators  # the square is filled in the form, not here
    with pikepdf.open(io.BytesIO(plain)) as pdf:
        assert all("f" in [str(op) for _o, op in pikepdf.parse_content_stream(page)] for page in pdf.pages)


def test_remembered_page_references_follow_the_pages_added():
    pdf = pydyf.PDF()
    for count in (1, 3):
        while len(pdf.pages["Kids"]) < 3 * count:
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf.page_references == PYDYF_PAGE_REFERENCES.fget(pdf)  # pydyf's own answer, after each page added
        assert len(pdf.page_references) == count and pdf.page_references is pdf.page_references
