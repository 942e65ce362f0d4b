"""Staff pages of surveys: who may open which, the builder, results with small-group suppression, exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from inklusio.surveys import services
from inklusio.surveys.models import Question, Survey, SurveyIndicator
from tests.core.test_roles_and_access import ROLES, named_urls

from .conftest import CHOICES, add_question

pytestmark = pytest.mark.django_db

READERS = ["project_lead", "project_staff", "read_only"]
EDITORS = ["project_lead", "project_staff"]
EXPECTED = {
    "surveys:survey_list": READERS,
    "surveys:survey_create": EDITORS,
    "surveys:survey_detail": READERS,
    "surveys:survey_update": EDITORS,
    "surveys:question_create": EDITORS,
    "surveys:question_update": EDITORS,
    "surveys:survey_results": READERS,
    "surveys:survey_export": READERS,
    "surveys:indicator_list": READERS,
    "surveys:indicator_create": EDITORS,
    "surveys:indicator_update": EDITORS,
    "surveys:survey_remove": EDITORS,
    "surveys:indicator_remove": EDITORS,
}
POST_ONLY = {"surveys:question_move", "surveys:question_delete"}


def url_for(name, survey, indicator):
    question = survey.questions.first()
    args = {
        "surveys:survey_detail": [survey.pk],
        "surveys:survey_update": [survey.pk],
        "surveys:question_create": [survey.pk],
        "surveys:survey_results": [survey.pk],
        "surveys:survey_export": [survey.pk, "xlsx"],
        "surveys:question_update": [question.pk],
        "surveys:question_move": [question.pk],
        "surveys:question_delete": [question.pk],
        "surveys:indicator_update": [indicator.pk],
        "surveys:indicator_remove": [indicator.pk],
        "surveys:survey_remove": [survey.pk],
    }.get(name, [])
    return reverse(name, args=args)


@pytest.fixture
def indicator(survey):
    return SurveyIndicator.objects.create(
        project=survey.project, code="applied", label_de="Umgesetzt", label_en="Applied", level=5,
        question=survey.q["yes_no"], measure="share", values=["yes"],
    )  # fmt: skip


def test_every_surveys_url_is_in_the_matrix():
    assert set(named_urls(("surveys",))) - POST_ONLY == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_its_pages(client, make_user, survey, indicator, role):
    client.force_login(make_user(role))
    for name, allowed in EXPECTED.items():
        status = client.get(url_for(name, survey, indicator)).status_code
        assert status == (200 if role in allowed else 403), (name, role, status)
    for name in POST_ONLY:
        expected = 302 if role in EDITORS else 403
        assert client.post(url_for(name, survey, indicator), {"direction": "down"}).status_code == expected


def test_anonymous_visitors_go_to_the_login(client, survey, indicator):
    for name in [*EXPECTED, *POST_ONLY]:
        response = client.get(url_for(name, survey, indicator))
        assert response.status_code == 302 and "/login" in response["Location"], name


def test_unknown_ids_and_export_formats_are_404(client, lead, survey):
    client.force_login(lead)
    assert client.get("/staff/surveys/999999/").status_code == 404
    assert client.get("/staff/surveys/questions/999999/edit/").status_code == 404
    assert client.get(f"/staff/surveys/{survey.pk}/results/export.pdf").status_code == 404


def test_builder_from_template_with_options_and_condition(client, lead, project):
    template = Survey.objects.create(project=project, is_template=True, title_de="Vorlage", title_en="Template")
    first = add_question(template, Question.Kind.YES_NO, "Umgesetzt?")
    add_question(template, Question.Kind.SHORT_TEXT, "Was?", show_if_question=first, show_if_values=["yes"])
    client.force_login(lead)
    assert "Vorlage" in client.get(f"/staff/surveys/new/?template={template.pk}").content.decode()
    response = client.post(
        "/staff/surveys/new/",
        {"template": template.pk, "purpose": "general", "title_de": "Neu", "title_en": "New", "anonymous": "on"},
    )
    survey = Survey.objects.get(title_de="Neu")
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    copied = list(survey.questions.all())
    assert [q.text_de for q in copied] == ["Umgesetzt?", "Was?"]
    assert copied[1].show_if_question == copied[0]  # the condition points at the copy, not at the template

    form = {"kind": "single", "text_de": "Format", "text_en": "Format", "options_de": "Vortrag\nWorkshop",
            "options_en": "talk", "required": "on"}  # fmt: skip
    refused = client.post(f"/staff/surveys/{survey.pk}/questions/new/", form)
    assert refused.status_code == 200 and "options_de" in refused.context["form"].errors
    form["options_en"] = "talk\nworkshop"
    assert client.post(f"/staff/surveys/{survey.pk}/questions/new/", form).status_code == 302
    added = survey.questions.get(text_de="Format")
    assert added.choices == [
        {"value": "1", "de": "Vortrag", "en": "talk", "easy": ""},
        {"value": "2", "de": "Workshop", "en": "workshop", "easy": ""},
    ]
    # A condition must name an earlier question and one of its answers.
    bad = {"kind": "short_text", "text_de": "X", "text_en": "X", "show_if_question": added.pk,
           "show_if_answers": f"{added.pk}:7"}  # fmt: skip
    assert "show_if_answers" in client.post(f"/staff/surveys/{survey.pk}/questions/new/", bad).context["form"].errors
    bad["show_if_answers"] = f"{copied[0].pk}:yes"  # an answer of another question than the one chosen
    refused = client.post(f"/staff/surveys/{survey.pk}/questions/new/", bad)
    expected = ["Kreuzen Sie nur Antworten der oben gewählten Frage an."]
    assert refused.context["form"].errors["show_if_answers"] == expected
    bad["show_if_answers"] = []
    refused = client.post(f"/staff/surveys/{survey.pk}/questions/new/", bad)
    assert "show_if_answers" in refused.context["form"].errors
    del bad["show_if_question"]
    bad["show_if_answers"] = f"{added.pk}:1"
    refused = client.post(f"/staff/surveys/{survey.pk}/questions/new/", bad)
    assert "show_if_question" in refused.context["form"].errors
    bad["show_if_question"] = added.pk
    assert client.post(f"/staff/surveys/{survey.pk}/questions/new/", bad).status_code == 302
    assert survey.questions.get(text_de="X").show_if_values == ["1"]
    # Moving the question a condition depends on below it is refused.
    client.post(f"/staff/surveys/questions/{copied[0].pk}/move/", {"direction": "down"})
    assert list(survey.questions.values_list("text_de", flat=True)) == ["Umgesetzt?", "Was?", "Format", "X"]
    client.post(f"/staff/surveys/questions/{added.pk}/move/", {"direction": "up"})
    assert list(survey.questions.values_list("text_de", flat=True)) == ["Umgesetzt?", "Format", "Was?", "X"]


def test_question_with_answers_cannot_be_removed(client, lead, survey):
    services.record_response(survey, {survey.q["single"].pk: "1"})
    client.force_login(lead)
    client.post(f"/staff/surveys/questions/{survey.q['single'].pk}/remove/")
    assert survey.questions.filter(pk=survey.q["single"].pk).exists()
    client.post(f"/staff/surveys/questions/{survey.q['long_text'].pk}/remove/")
    assert not survey.questions.filter(pk=survey.q["long_text"].pk).exists()  # unanswered: nothing is lost


def _answer(survey, n, value="1", text="Gut"):
    for _ in range(n):
        services.record_response(survey, {survey.q["single"].pk: value, survey.q["long_text"].pk: text})


def test_fewer_than_five_answers_are_not_broken_down(client, lead, survey):
    _answer(survey, 4, text="Sehr persönlicher Kommentar")
    client.force_login(lead)
    page = client.get(f"/staff/surveys/{survey.pk}/results/").content.decode()
    assert "Weniger als 5 Antworten: nicht aufgeschlüsselt." in page
    assert "Sehr persönlicher Kommentar" not in page and "<svg" not in page
    export = client.get(f"/staff/surveys/{survey.pk}/results/export.csv").content.decode("utf-8-sig")
    assert "weniger als 5 Antworten" in export and "Sehr persönlicher" not in export
    _answer(survey, 1, value="2", text="Noch einer")
    page = client.get(f"/staff/surveys/{survey.pk}/results/").content.decode()
    assert "Sehr persönlicher Kommentar" in page and "<svg" in page
    assert '<th class="kern-table__cell" scope="row">Vorträge</th><td class="kern-table__cell">4</td>' in page


def test_results_export_xlsx(client, lead, survey):
    _answer(survey, 5)
    client.force_login(lead)
    response = client.get(f"/staff/surveys/{survey.pk}/results/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("Frage", "Antwort", "Anzahl", "Prozent")
    assert ("Lieblingsformat", "Vorträge", 5, 100) in rows
    assert ("Lieblingsformat", "Workshops", 0, 0) in rows


def test_results_translate_choice_labels(client, lead, survey):
    _answer(survey, 5, value="3")
    client.force_login(lead)
    page = client.get(f"/en/staff/surveys/{survey.pk}/results/").content.decode()
    assert "Lieblingsformat (en)" in page and CHOICES[2]["en"] in page


def test_the_survey_form_offers_recent_and_coming_events_and_keeps_the_current_one(client, lead, project, survey):
    from datetime import timedelta

    from django.utils import timezone

    from inklusio.events.models import Event

    now = timezone.now()
    soon, old = (
        Event.objects.create(project=project, title=title, slug=title.lower(), starts_at=start,
                             ends_at=start + timedelta(hours=2))
        for title, start in (("Zukunftstag", now + timedelta(days=5)), ("Vergangenheitstag", now - timedelta(days=800)))
    )  # fmt: skip
    client.force_login(lead)
    body = client.get(reverse("surveys:survey_create")).content.decode()
    assert "Zukunftstag" in body and "Vergangenheitstag" not in body and soon.pk
    Survey.objects.filter(pk=survey.pk).update(event=old)
    body = client.get(reverse("surveys:survey_update", args=[survey.pk])).content.decode()
    assert f'value="{old.pk}" selected' in body and "Vergangenheitstag" in body
