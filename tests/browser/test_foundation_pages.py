"""Every staff page of the foundation in a real browser: zero axe violations in German and English."""

import pytest
from playwright.sync_api import expect

from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType
from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def contact_data(project):
    company = Organisation.objects.create(
        name="Brückenwerk gGmbH",
        region="DE-HE",
        city="Kassel",
        stakeholder_type=StakeholderType.objects.get(code="inclusion_company"),
    )
    person = Person.objects.create(first_name="Ayşe", last_name="Yılmaz", email="ayse@example.org", region="DE-HE")
    Affiliation.objects.create(person=person, organisation=company, role="Ausbildungsleitung")
    inquiry = Inquiry.objects.create(
        project=project, received_on="2025-03-01", channel="email", topic="Fachtag", person=person
    )
    return {"person": person, "company": company, "inquiry": inquiry}


STAFF_PAGES = [
    "/staff/",
    "/staff/projects/",
    "/staff/projects/new/",
    "/staff/projects/test/",
    "/staff/projects/test/edit/",
    "/staff/audit/",
    "/staff/contacts/",
    "/staff/contacts/?q=yilmaz&region=DE-HE",
    "/staff/contacts/people/new/",
    "/staff/contacts/people/{person}/",
    "/staff/contacts/people/{person}/edit/",
    "/staff/contacts/people/{person}/merge/",
    "/staff/contacts/organisations/",
    "/staff/contacts/organisations/new/",
    "/staff/contacts/organisations/{company}/",
    "/staff/contacts/organisations/{company}/edit/",
    "/staff/contacts/inquiries/",
    "/staff/contacts/inquiries/new/",
    "/staff/contacts/inquiries/{inquiry}/",
    "/staff/contacts/inquiries/{inquiry}/edit/",
    "/staff/contacts/import/",
]


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_staff_pages_have_no_axe_violations(page, login, lead, contact_data, axe, prefix):
    login(lead)
    ids = {key: obj.pk for key, obj in contact_data.items()}
    for path in STAFF_PAGES:
        response = page.goto(prefix + path.format(**ids))
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_login_and_public_home_have_no_axe_violations(page, axe, prefix):
    for path in ["/staff/login/", "/"]:
        page.goto(prefix + path)
        axe(page)


def test_form_errors_are_summarised_and_focused(page, login, lead, axe):
    login(lead)
    page.goto("/staff/contacts/people/new/")
    page.click("main button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # waits for the answer
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    assert page.locator("#id_last_name").get_attribute("aria-invalid") == "true"
    axe(page)


def test_pages_reflow_at_320_css_pixels(page, login, lead, contact_data):
    login(lead)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/staff/login/", "/staff/contacts/", f"/staff/contacts/people/{contact_data['person'].pk}/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
