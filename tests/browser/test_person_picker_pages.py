"""The person picker with live search and the duplicate merge, with the keyboard only, in a real browser.

The live search must really fire in the browser (a previous attempt's did not): the test types key by key and
waits for the request to ``contacts:person_search`` and for its radio buttons to appear.
"""

import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from inklusio.contacts.duplicates_search import search_duplicates
from inklusio.contacts.models import Affiliation, Inquiry, NotDuplicatePair, Organisation, Person, StakeholderType, Tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/work/wt/shots")) / "picker"


@pytest.fixture
def albrechts(db):
    chamber = StakeholderType.objects.get(code="chamber")
    people = []
    for org, mail in [("IHK Kassel", "d.albrecht@ihk-kassel.de"), ("Lebenshilfe Köln", "david@lebenshilfe.de")]:
        person = Person.objects.create(first_name="David", last_name="Albrecht", email=mail)
        Affiliation.objects.create(
            person=person, organisation=Organisation.objects.create(name=org, stakeholder_type=chamber)
        )
        people.append(person)
    people.append(Person.objects.create(first_name="David", last_name="Albrecht"))
    people.append(Person.objects.create(first_name="Jörg", last_name="Weiß", email="joerg@example.org"))
    people.append(Person.objects.create(first_name="Joerg", last_name="Weiss", email="j.weiss@example.org"))
    search_duplicates()  # the worker's periodic job: the likely-duplicates list shows what it stored
    return people


def shoot(page, name):
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


def type_and_wait_for_results(page, text):
    with page.expect_response(lambda r: reverse("contacts:person_search") in r.url and r.status == 200):
        page.keyboard.type(text, delay=40)
    page.locator("#id_person_results input[type=radio]").first.wait_for()


def test_pick_a_person_with_live_search_keyboard_only(page, login, lead, project, albrechts, keyboard, axe):
    login(lead)
    page.goto("/staff/contacts/inquiries/new/")
    for select in ("#id_project", "#id_channel"):
        keyboard(page, select)
        page.keyboard.press("ArrowDown")  # the first real option
    keyboard(page, "#id_topic")
    page.keyboard.type("Frage zur Ausbildung")
    keyboard(page, "#id_person_q")
    type_and_wait_for_results(page, "albrecht")
    results = page.locator("#id_person_results")
    assert results.locator("input[type=radio]").count() == 3
    text = results.inner_text()
    assert "IHK Kassel · @ihk-kassel.de" in text and "Lebenshilfe Köln · @lebenshilfe.de" in text
    assert "d.albrecht@" not in text
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
        shoot(page, f"picker-live-results-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    # Narrowing the search replaces the results (the request fires again).
    with page.expect_response(lambda r: reverse("contacts:person_search") in r.url and "lebens" in r.url):
        page.keyboard.type(" lebens", delay=40)
    expect(results.locator("input[type=radio]")).to_have_count(1)
    keyboard(page, "#id_person_results input[type=radio]")
    page.keyboard.press("Space")
    assert results.locator("input[type=radio]").first.is_checked()
    keyboard(page, "main button.kern-btn--primary[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    inquiry = Inquiry.objects.get()
    assert inquiry.person == albrechts[1] and inquiry.topic == "Frage zur Ausbildung"


def test_picker_without_javascript_searches_by_button(browser, live_server, login, lead, project, albrechts):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    from tests.conftest import Client

    client = Client()
    client.force_login(lead)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page.goto("/staff/contacts/inquiries/new/")
    page.select_option("#id_project", str(project.pk))
    page.select_option("#id_channel", "email")
    page.fill("#id_topic", "Frage")
    page.fill("#id_person_q", "weiss")
    with page.expect_navigation():
        page.click("button[name=person_search]")
    assert page.locator("input[type=radio][name=person]").count() == 2
    assert Inquiry.objects.count() == 0
    page.check(f"input[name=person][value='{albrechts[3].pk}']")
    with page.expect_navigation():
        page.click("main button.kern-btn--primary[type=submit]")
    assert Inquiry.objects.get().person == albrechts[3]
    context.close()


def test_merge_from_the_duplicates_list_keyboard_only(page, login, lead, project, albrechts, keyboard, axe):
    joerg, joerg_again = albrechts[3], albrechts[4]
    Inquiry.objects.create(project=project, received_on="2025-01-01", channel="email", topic="x", person=joerg_again)
    joerg.tags.add(Tag.objects.create(name="Presse"))
    login(lead)
    page.goto("/staff/contacts/duplicates/")
    axe(page)
    keyboard(page, f"a[href*='/people/{joerg.pk}/merge/?duplicate={joerg_again.pk}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    main = page.inner_text("main")
    assert "joerg@example.org" in main and "j.weiss@example.org" in main
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
        shoot(page, f"merge-side-by-side-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    keyboard(page, "button[name=confirm]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert not Person.objects.filter(pk=joerg_again.pk).exists() and joerg.inquiries.count() == 1
    page.goto("/staff/contacts/duplicates/")
    assert f"/people/{joerg.pk}/merge/" not in page.content()


def test_dismiss_a_pair_keyboard_only(page, login, lead, albrechts, keyboard):
    login(lead)
    page.goto("/staff/contacts/duplicates/")
    forms = page.locator("form[action$='/duplicates/dismiss/']")
    before = forms.count()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        shoot(page, f"duplicates-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    keyboard(page, "form[action$='/duplicates/dismiss/'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert before >= 2 and forms.count() == before - 1
    assert NotDuplicatePair.objects.count() == 1


def test_merge_page_picks_the_duplicate_with_live_search(page, login, lead, albrechts, keyboard, axe):
    joerg, joerg_again = albrechts[3], albrechts[4]
    login(lead)
    page.goto(f"/staff/contacts/people/{joerg.pk}/merge/")
    keyboard(page, "#id_duplicate_q")
    with page.expect_response(lambda r: reverse("contacts:person_search") in r.url):
        page.keyboard.type("weiss", delay=40)
    page.locator("#id_duplicate_results input[type=radio]").first.wait_for()
    radios = page.locator("#id_duplicate_results input[type=radio]")
    expect(radios).to_have_count(2)  # the live search shows everyone visible; the form refuses oneself on submit
    axe(page)
    keyboard(page, f"#id_duplicate_r{joerg_again.pk}")
    page.keyboard.press("Space")
    keyboard(page, "main form button.kern-btn--primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "j.weiss@example.org" in page.inner_text("main")


def test_network_member_search_is_live_and_keyboard_only(page, login, lead, albrechts, keyboard, axe):
    from datetime import date

    from inklusio.networks.models import Network

    network = Network.objects.create(name="Netzwerk Nord", regions=["DE-HE"], founded_on=date(2023, 1, 1))
    login(lead)
    page.goto(f"/staff/networks/{network.pk}/members/add/")
    keyboard(page, "#id_q")
    with page.expect_response(lambda r: "/members/add/?q=" in r.url and r.status == 200):
        page.keyboard.type("albrecht", delay=40)
    results = page.locator("#member-results li")
    expect(results).to_have_count(3)
    assert "IHK Kassel · @ihk-kassel.de" in page.inner_text("#member-results")
    axe(page)
    keyboard(page, "#member-results li:nth-child(2) button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert network.memberships.get().person == albrechts[1]
