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


def _shoot(page, name):
    """Save a screenshot to look at, only when INKLUSIO_SHOTS is set."""
    if os.environ.get("INKLUSIO_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


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
        f"/staff/surveys/{survey.pk}/remove/",
        "/staff/surveys/?archived=1",
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
    expect(why).to_be_visible()
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
            ("remove", f"/staff/surveys/{survey.pk}/remove/"),
            ("question-new", f"/staff/surveys/{survey.pk}/questions/new/"),
        ]
        for name, path in pages:
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            if shots:
                page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_a_condition_is_picked_and_a_survey_archived_with_the_keyboard_only(
    page,
    login,
    lead,
    survey,  # noqa: F811
    keyboard,
    axe,
):
    _fill(survey)
    login(lead)
    page.goto(f"/staff/surveys/{survey.pk}/questions/new/")
    keyboard(page, "#id_kind")
    page.keyboard.type("Kurz")  # the select jumps to "Kurzer Text" by typing
    keyboard(page, "#id_text_de")
    page.keyboard.type("Welche Workshops?")
    keyboard(page, "#id_text_en")
    page.keyboard.type("Which workshops?")
    keyboard(page, "#id_show_if_question")
    page.keyboard.type("1.")  # "1. Lieblingsformat"
    answer = f"input[name=show_if_answers][value='{survey.q['single'].pk}:2']"  # "Workshops" of question 1
    keyboard(page, answer)
    page.keyboard.press("Space")
    axe(page)
    _shoot(page, "question-condition-1280")
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    added = survey.questions.get(text_de="Welche Workshops?")
    assert (added.show_if_question_id, added.show_if_values) == (survey.q["single"].pk, ["2"])

    page.goto(f"/staff/surveys/{survey.pk}/")
    keyboard(page, f"a[href$='/staff/surveys/{survey.pk}/remove/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "6 Antworten zählen weiter" in page.inner_text("main")
    axe(page)
    _shoot(page, "survey-archive-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    axe(page)
    _shoot(page, "survey-archive-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("wurde archiviert")
    survey.refresh_from_db()
    assert survey.archived_at is not None
