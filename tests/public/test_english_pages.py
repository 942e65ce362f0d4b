"""English pages carry no German funder line or consent text, and downloads are named in the page's language."""

import re

import pytest

from inklusio.core.models import OrganisationProfile

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
GERMAN = re.compile(r"Gefördert|Einwilligung|Ich habe|Datenschutzhinweise|Ja, ich möchte")


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S))


@pytest.fixture
def funder_logo(db):
    return OrganisationProfile.objects.create(
        name="Verein", funder_logo=SVG, funder_logo_mime="image/svg+xml", funder_logo_alt="Aktion Mensch",
        funder_caption="Gefördert von",
    )  # fmt: skip


def test_the_funder_line_is_english_on_english_pages(client, pages):
    assert "Gefördert von der Aktion Mensch" in client.get("/").content.decode()
    html = client.get("/en/").content.decode()
    assert "Funded by Aktion Mensch" in html
    assert not GERMAN.search(visible_text(html))


def test_the_funder_logo_caption_is_english_on_english_pages(client, pages, funder_logo):
    assert "Gefördert von" in client.get("/kontakt/").content.decode()
    for path in ["/en/", "/en/kontakt/", "/en/infoletter/"]:
        html = client.get(path).content.decode()
        assert "Funded by" in html, path
        assert not GERMAN.search(visible_text(html)), (path, GERMAN.search(visible_text(html)))


def test_the_contact_form_consent_is_english(client, project):
    html = visible_text(client.get("/en/kontakt/").content.decode())
    assert "I agree that my details are stored to answer my message." in html
    assert "Subject" in html
    assert "Betreff" in visible_text(client.get("/kontakt/").content.decode())


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", 'filename="kontakte-'), ("/en", 'filename="contacts-')],
)
def test_the_contacts_export_is_named_in_the_page_language(client, lead, prefix, expected):
    client.force_login(lead)
    response = client.get(f"{prefix}/staff/contacts/export.csv")
    assert response.status_code == 200
    assert expected in response["Content-Disposition"]


@pytest.mark.parametrize(("prefix", "expected"), [("", 'filename="pressespiegel-'), ("/en", 'filename="press-review-')])
def test_the_press_review_is_named_in_the_page_language(client, lead, prefix, expected):
    client.force_login(lead)
    response = client.get(f"{prefix}/staff/outreach/press/export.xlsx")
    assert response.status_code == 200
    assert expected in response["Content-Disposition"]


@pytest.mark.parametrize(("language", "expected"), [("de", "wirkungsbericht-test-"), ("en", "impact-report-test-")])
def test_the_report_file_is_named_in_the_report_language(project, language, expected):
    from datetime import date

    from inklusio.impact import exports, services

    report = services.build_report(project, date(2024, 1, 1), date(2024, 12, 31), language)
    assert exports.filename(report, "pdf") == f"{expected}2024-01-01-2024-12-31.pdf"


@pytest.mark.parametrize(("language", "expected"), [("de", "auskunft-person-"), ("en", "personal-data-person-")])
def test_the_art15_export_is_named_in_its_language(language, expected):
    from inklusio.contacts.models import Person
    from inklusio.privacy import export

    person = Person.objects.create(first_name="Anna", last_name="Braun")
    _content, _type, name = export.export(person, "zip", language=language)
    assert name == f"{expected}{person.pk}.zip"
