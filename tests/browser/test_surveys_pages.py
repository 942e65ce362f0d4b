"""Every survey page in a real browser: zero axe violations in German and English; a survey answered with the
keyboard only, with a conditional question appearing when its condition is met; screenshots for review."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from inklusio.surveys import services
from inklusio.surveys.models import Response
from tests.surveys.conftest import invitation, person, survey  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("INKLUSIO_SHOTS", "/work/shots/surveys"))


def _fill(survey):  # noqa: F811
    for n in range(6):
        services.record_response(survey, {survey.q["single"].pk: str(1 + n % 3), survey.q["multiple"].pk: ["1", "2"],
                                          survey.q["rating_5"].pk: str(3 + n % 3), survey.q["rating_10"].pk: "8",
                                          survey.q["long_text"].pk: f"Kommentar {n}"})  # fmt: skip


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_survey_pages_have_no_axe_violations(page, login, lead, survey, invitation, axe, prefix):  # noqa: F811
    _fill(survey)
    login(lead)
    staff_pages = [
        "/staff/surveys/",
        "/staff/surveys/new/",
        f"/staff/surveys/{survey.pk}/",
        f"/staff/surveys/{survey.pk}/edit/",
        f"/staff/surveys/{survey.pk}/questions/new/",
        f"/staff/surveys/questions/{survey.q['why'].pk}/edit/",
        f"/staff/surveys/{survey.pk}/results/",
        "/staff/surveys/indicators/",
        "/staff/surveys/indicators/new/",
        f"/umfrage/{invitation.token}/",
        f"/leichte-sprache/umfrage/{invitation.token}/",
    ]
    for path in staff_pages:
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        axe(page)
    page.goto(prefix + f"/umfrage/{invitation.token}/")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    expect(page.locator(".error-summary")).to_be_visible()  # waits for the answer
    axe(page)


def test_answering_with_the_keyboard_only(page, survey, invitation, keyboard):  # noqa: F811
    page.goto(f"/umfrage/{invitation.token}/")
    why = page.locator(f"#id_q{survey.q['why'].pk}")
    assert not why.is_visible()  # shown only after "yes" (JavaScript), and the server decides again
    keyboard(page, f"#id_q{survey.q['single'].pk}_0")
    page.keyboard.press("ArrowDown")  # radio group: the arrow chooses the next option
    keyboard(page, f"#id_q{survey.q['yes_no'].pk}_0")
    page.keyboard.press("Space")
    assert why.is_visible()
    keyboard(page, f"#id_q{survey.q['why'].pk}")
    page.keyboard.type("Einen Ausbildungsplatz angeboten")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/umfrage/danke/")
    answers = {a.question.text_de: a.value for a in Response.objects.get().answers.select_related("question")}
    assert answers == {
        "Lieblingsformat": "2",
        "Etwas umgesetzt?": "yes",
        "Was genau?": "Einen Ausbildungsplatz angeboten",
    }


def test_every_survey_page_fits_a_phone_and_a_desktop(page, login, lead, survey, invitation):  # noqa: F811
    """No page scrolls sideways at 390 px or 1280 px; with INKLUSIO_SHOTS set, each is also saved to look at."""
    _fill(survey)
    login(lead)
    shots = os.environ.get("INKLUSIO_SHOTS")
    if shots:
        SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        pages = [
            ("builder", f"/staff/surveys/{survey.pk}/"),
            ("results", f"/staff/surveys/{survey.pk}/results/"),
            ("answer", f"/umfrage/{invitation.token}/"),
            ("list", "/staff/surveys/"),
            ("question", f"/staff/surveys/questions/{survey.q['why'].pk}/edit/"),
            ("indicators", "/staff/surveys/indicators/"),
        ]
        for name, path in pages:
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            if shots:
                page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
