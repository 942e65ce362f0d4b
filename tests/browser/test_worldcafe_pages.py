"""World Café pages in a real browser: axe in German and English, keyboard-only re-planning."""

import pytest
from playwright.sync_api import expect

from inklusio.worldcafe import services
from inklusio.worldcafe.models import CafeParticipant, CafeTable, WorldCafe
from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def planned_cafe(project):
    cafe = WorldCafe.objects.create(project=project, title="World Café Frankfurt", rounds=3, source_label="3. Fachtag")
    tables = [
        CafeTable.objects.create(cafe=cafe, name=str(i + 1), capacity=4, accessible=i == 0, position=i)
        for i in range(4)
    ]
    people = [
        CafeParticipant.objects.create(
            cafe=cafe, name=f"Teilnehmer*in {i:02d}", organisation=f"Org {i // 2}", stakeholder_type=f"Typ {i % 4}"
        )
        for i in range(15)
    ]
    people[0].host_table = tables[0]
    people[0].save()
    people[1].needs_accessible_table = True
    people[1].save()
    people[2].together_with = people[1]
    people[2].save()
    services.make_plan(cafe, time_limit=0.5)
    return cafe


PAGES = [
    "/staff/worldcafe/",
    "/staff/worldcafe/new/",
    "/staff/worldcafe/{pk}/",
    "/staff/worldcafe/{pk}/rounds/",
    "/staff/worldcafe/{pk}/people/",
    "/staff/worldcafe/{pk}/projector/1/",
]


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_world_cafe_pages_have_no_axe_violations(page, login, staff, planned_cafe, axe, prefix):
    login(staff)
    for path in PAGES:
        response = page.goto(prefix + path.format(pk=planned_cafe.pk))
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de")
        axe(page)


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_background_progress_is_accessible(page, login, staff, planned_cafe, axe, prefix):
    WorldCafe.objects.filter(pk=planned_cafe.pk).update(progress=30)
    login(staff)
    page.goto(f"{prefix}/staff/worldcafe/{planned_cafe.pk}/")
    assert page.locator("#plan-progress progress").get_attribute("value") == "30"
    axe(page)


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_form_errors_on_the_detail_page_are_accessible(page, login, staff, planned_cafe, axe, prefix):
    login(staff)
    page.goto(f"{prefix}/staff/worldcafe/{planned_cafe.pk}/")
    page.fill("#id_name", "1")  # a table of this name exists
    page.fill("#id_capacity", "4")
    page.locator("form[action$='/tables/'] button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer
    axe(page)


def test_replanning_after_a_departure_with_the_keyboard_only(page, login, staff, planned_cafe, keyboard, axe):
    login(staff)
    page.goto(f"/staff/worldcafe/{planned_cafe.pk}/rounds/")
    leaver = planned_cafe.participants.get(name="Teilnehmer*in 05")
    keyboard(page, "#id_participant")
    # choose the person by typing, as keyboard users do in a select
    page.keyboard.type("Teilnehmer*in 05")
    assert page.locator("#id_participant").input_value() == str(leaver.pk)
    keyboard(page, "#id_after_round")
    page.keyboard.press("ArrowDown")  # round 2
    assert page.locator("#id_after_round").input_value() == "2"
    keyboard(page, "#replan-button")
    page.keyboard.press("Enter")
    status = page.locator("#replan-result [role=status]")
    status.wait_for()
    assert "Teilnehmer*in 05" in status.inner_text()
    leaver.refresh_from_db()
    assert leaver.left_after_round == 2
    planned_cafe.refresh_from_db()
    assert planned_cafe.held_rounds == 2
    assert leaver.pk not in [pk for table in planned_cafe.plan[2] for pk in table]
    assert leaver.pk in [pk for table in planned_cafe.plan[1] for pk in table]
    axe(page)


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_the_best_plan_so_far_is_shown_while_the_search_runs(page, login, staff, planned_cafe, axe, keyboard, prefix):
    """The page polls: a better plan stored by the worker (a new version) appears with its count, no reload."""
    import os
    from pathlib import Path

    from django.db.models import F

    WorldCafe.objects.filter(pk=planned_cafe.pk).update(progress=40, search_improvements=3)
    login(staff)
    page.goto(f"{prefix}/staff/worldcafe/{planned_cafe.pk}/rounds/")
    status = page.locator("#plan-progress")
    expect(status).to_contain_text("3")
    axe(page)
    shots = Path(os.environ.get("INKLUSIO_SHOTS", "/tmp/inklusio-shots"))
    shots.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(shots / f"worldcafe-best-so-far{prefix.replace('/', '-')}-{width}.png"), full_page=True
        )
    WorldCafe.objects.filter(pk=planned_cafe.pk).update(
        progress=70, search_improvements=4, plan_version=F("plan_version") + 1
    )
    expect(status).to_contain_text("4", timeout=15_000)  # swapped in by the page's own polling
    expect(page.locator("#plan-search-progress")).to_have_attribute("value", "70")
    axe(page)
    keyboard(page, "#plan-progress a.kern-link")  # the reload link is reachable with the keyboard
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#plan-search-progress")).to_have_attribute("value", "70")
