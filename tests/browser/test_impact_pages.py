"""The impact pages in a real browser: zero axe violations in German and English, keyboard use."""

from datetime import date

import pytest

from inklusio.contacts.models import Inquiry, Organisation, StakeholderType
from inklusio.impact import charts, services  # charts: import matplotlib before the live server (slow)
from inklusio.impact.models import ManualIndicator, ManualValue, Target
from tests.conftest import STAFF_PAGE_PREFIXES

assert charts
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def impact_data(project, lead):
    from inklusio.core.models import Project

    org = Organisation.objects.create(name="IHK Kassel", stakeholder_type=StakeholderType.objects.get(code="chamber"))
    Inquiry.objects.bulk_create(
        [
            Inquiry(
                project=project,
                received_on=date(2025, 3, i % 28 + 1),
                channel="email",
                topic="Frage",
                organisation=org if i % 2 else None,
            )
            for i in range(46)
        ]
        + [Inquiry(project=project, received_on=date(2024, 3, 1), channel="phone", topic="Alt") for _ in range(9)]
    )
    Target.objects.create(project=project, code="inquiries", baseline=0, target=60)
    manual = ManualIndicator.objects.create(
        project=project,
        code="companies_started",
        label_de="Betriebe, die ausbilden",
        label_en="Companies training",
        unit_de="Betriebe",
        unit_en="companies",
        level=5,
        definition_de="d",
    )
    ManualValue.objects.create(
        indicator=manual, period_start=project.start, period_end=project.end, value=8, source_note="Umfrage"
    )
    services.save_section(project, "summary", "Das Projekt **wirkt**.\n\n- Punkt eins\n- Punkt zwei", "", lead)
    Project.objects.create(
        title="Folgeprojekt",
        slug="folge",
        funder="Aktion Mensch",
        start=date(2027, 1, 1),
        end=date(2028, 6, 30),
        predecessor=project,
    )
    return project


PAGES = [
    "/staff/impact/",
    "/staff/impact/test/",
    "/staff/impact/test/?start=2025-01-01&end=2025-06-30",
    "/staff/impact/test/?start=2025-06-01&end=2025-01-01",
    "/staff/impact/test/report/",
    "/staff/impact/test/report/export/html/",
    "/staff/impact/folge/comparison/",
    "/staff/impact/test/sections/summary/",
    "/staff/impact/test/targets/inquiries/",
    "/staff/impact/test/manual/new/",
]


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_impact_pages_have_no_axe_violations(page, login, lead, impact_data, axe, prefix):
    login(lead)
    for path in PAGES:
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de"), path
        axe(page)


def test_read_only_sees_the_dashboard_without_edit_links(page, login, make_user, impact_data, axe):
    login(make_user("read_only"))
    page.goto("/staff/impact/test/report/")
    assert page.locator("a[href*='/sections/']").count() == 0
    axe(page)


def test_edit_a_section_with_the_keyboard_only(page, login, lead, impact_data, keyboard):
    login(lead)
    page.goto("/staff/impact/test/report/")
    # the outlook is the last section, after one source link per figure: about 80 tab stops
    keyboard(page, "a[href='/staff/impact/test/sections/outlook/']", max_presses=150)
    page.keyboard.press("Enter")
    page.wait_for_url("**/sections/outlook/")
    keyboard(page, "#id_text_de")
    page.keyboard.type("Es geht weiter im Anschlussprojekt.")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/#section-outlook")
    assert "Es geht weiter im Anschlussprojekt." in page.locator("#main").inner_text()
