"""The organisation picker (a search instead of a drop-down of every organisation), keyboard only, in a browser:
on the inquiry form and in the person's "add an affiliation" form, with axe at both widths."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/work/shots/orgpicker")


@pytest.fixture
def lebenshilfen(db):
    kind = StakeholderType.objects.get(code="chamber")
    return [
        Organisation.objects.create(name=name, city=city, region="DE-HE", stakeholder_type=kind)
        for name, city in [("Lebenshilfe Kassel", "Kassel"), ("Lebenshilfe Fulda", "Fulda"), ("IHK Kassel", "Kassel")]
    ]


def shoot(page, name):
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


def search(page, field, text):
    with page.expect_response(lambda r: reverse("contacts:organisation_search") in r.url and r.status == 200):
        page.keyboard.type(text, delay=40)
    page.locator(f"#id_{field}_results input[type=radio]").first.wait_for()


def test_inquiry_picks_an_organisation_keyboard_only(page, login, lead, project, lebenshilfen, keyboard, axe):
    login(lead)
    page.goto("/staff/contacts/inquiries/new/")
    for select in ("#id_project", "#id_channel"):
        keyboard(page, select)
        page.keyboard.press("ArrowDown")
    keyboard(page, "#id_topic")
    page.keyboard.type("Frage")
    keyboard(page, "#id_organisation_q")
    search(page, "organisation", "lebenshilfe")
    results = page.locator("#id_organisation_results")
    expect(results.locator("input[type=radio]")).to_have_count(2)
    assert "Lebenshilfe Fulda – Fulda · DE-HE" in results.inner_text()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
        shoot(page, f"inquiry-organisation-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_response(lambda r: reverse("contacts:organisation_search") in r.url and "kassel" in r.url):
        page.keyboard.type(" kassel", delay=40)
    expect(results.locator("input[type=radio]")).to_have_count(1)
    keyboard(page, "#id_organisation_results input[type=radio]")
    page.keyboard.press("Space")
    keyboard(page, "main button.kern-btn--primary[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Inquiry.objects.get().organisation == lebenshilfen[0]


def test_affiliation_picks_an_organisation_keyboard_only(page, login, lead, lebenshilfen, keyboard, axe):
    person = Person.objects.create(first_name="Paula", last_name="Probe")
    login(lead)
    page.goto(person.get_absolute_url())
    keyboard(page, "details.kern-accordion summary")
    page.keyboard.press("Enter")  # open "Add an affiliation"
    keyboard(page, "#id_organisation_q")
    search(page, "organisation", "ihk")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
        shoot(page, f"affiliation-organisation-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    keyboard(page, "#id_organisation_results input[type=radio]")
    page.keyboard.press("Space")
    keyboard(page, "#id_role")
    page.keyboard.type("Ausbildung")
    keyboard(page, "details.kern-accordion button[type=submit]:not([name])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Affiliation.objects.filter(person=person).exists(), page.inner_text("main")[:1500]
    expect(page.locator("main")).to_contain_text("IHK Kassel")
    assert Affiliation.objects.get(person=person).organisation == lebenshilfen[2]


def test_no_organisation_found_and_the_search_outside_a_form(page, login, lead, lebenshilfen, keyboard):
    login(lead)
    page.goto("/staff/contacts/inquiries/new/")
    keyboard(page, "#id_organisation_q")
    with page.expect_response(lambda r: reverse("contacts:organisation_search") in r.url):
        page.keyboard.type("zzz", delay=40)
    expect(page.locator("#id_organisation_results")).to_contain_text("Keine Organisation gefunden.")
    page.goto(reverse("contacts:organisation_search") + "?q=Fulda")  # without HTMX: the organisation list's search
    expect(page.locator("main")).to_contain_text("Lebenshilfe Fulda")
    expect(page.locator("main")).not_to_contain_text("IHK Kassel")
