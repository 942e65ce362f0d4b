"""Answering a survey: every question type, conditions, required, once per link, anonymity, bad input."""

from decimal import Decimal

import pytest
from django.db import connection

from inklusio.surveys import conditions, services
from inklusio.surveys.models import MAX_TEXT, Answer, Invitation, Response

from .conftest import full_answers

pytestmark = pytest.mark.django_db


def answers_of(response):
    return {(a.question.text_de, a.value) for a in response.answers.select_related("question")}


def test_each_question_type_is_stored(client, survey, invitation):
    page = client.get(f"/umfrage/{invitation.token}/").content.decode()
    for question in survey.questions.all():
        assert question.text_de in page
    response = client.post(f"/umfrage/{invitation.token}/", full_answers(survey))
    assert response.status_code == 302 and response["Location"] == "/umfrage/danke/"
    stored = Response.objects.get()
    assert answers_of(stored) == {
        ("Lieblingsformat", "2"),
        ("Besuchte Formate", "1"),
        ("Besuchte Formate", "3"),
        ("Gesamtbewertung", "4"),
        ("Weiterempfehlung", "9"),
        ("Etwas umgesetzt?", "yes"),
        ("Wie viele Azubis?", "3"),
        ("Ihre Rolle", "Ausbilderin"),
        ("Kommentar", "Sehr gut."),
        ("Was genau?", "Einen Ausbildungsplatz angeboten"),
    }
    numbers = dict(stored.answers.filter(number__isnull=False).values_list("question__kind", "number"))
    assert numbers == {"rating_5": Decimal(4), "rating_10": Decimal(9), "number": Decimal(3)}


def test_required_question_is_asked_for(client, survey, invitation):
    response = client.post(f"/umfrage/{invitation.token}/", full_answers(survey, **{f"q{survey.q['single'].pk}": None}))
    assert response.status_code == 200
    assert f"q{survey.q['single'].pk}" in response.context["form"].errors
    assert "Es gibt ein Problem" in response.content.decode() or "There is a problem" in response.content.decode()
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.answered  # nothing lost: the link still works


def test_conditional_question_required_only_when_shown(client, survey, invitation):
    why = f"q{survey.q['why'].pk}"
    shown_but_empty = client.post(f"/umfrage/{invitation.token}/", full_answers(survey, **{why: None}))
    assert why in shown_but_empty.context["form"].errors
    hidden = full_answers(survey, **{f"q{survey.q['yes_no'].pk}": "no", why: None})
    assert client.post(f"/umfrage/{invitation.token}/", hidden).status_code == 302


def test_answers_to_hidden_questions_are_ignored(client, survey, invitation):
    data = full_answers(survey, **{f"q{survey.q['yes_no'].pk}": "no"})  # "why" answered, but it is hidden
    assert client.post(f"/umfrage/{invitation.token}/", data).status_code == 302
    assert not Answer.objects.filter(question=survey.q["why"]).exists()


def test_invalid_hidden_answer_does_not_block(client, survey, invitation):
    why = f"q{survey.q['why'].pk}"
    data = full_answers(survey, **{f"q{survey.q['yes_no'].pk}": "no", why: "x" * 5000})
    assert client.post(f"/umfrage/{invitation.token}/", data).status_code == 302


def test_conditions_pure():
    rules = [
        conditions.Rule(1),
        conditions.Rule(2, 1, frozenset({"yes"})),
        conditions.Rule(3, 2, frozenset({"4", "5"})),
    ]
    assert conditions.visible(rules, {}) == {1}
    assert conditions.visible(rules, {1: ["yes"]}) == {1, 2}
    assert conditions.visible(rules, {1: ["yes"], 2: ["5"]}) == {1, 2, 3}
    assert conditions.visible(rules, {1: ["no"], 2: ["5"]}) == {1}  # a chain hides below a hidden question
    assert conditions.points_backwards(rules)
    assert not conditions.points_backwards([conditions.Rule(1, 2, frozenset({"x"})), conditions.Rule(2)])


def test_each_person_answers_once(client, survey, invitation):
    assert client.post(f"/umfrage/{invitation.token}/", full_answers(survey)).status_code == 302
    again = client.post(f"/umfrage/{invitation.token}/", full_answers(survey))
    assert again.status_code == 200 and "bereits" in again.content.decode()
    assert Response.objects.count() == 1
    with pytest.raises(services.SurveyError):
        services.answer_invitation(invitation, {survey.q["single"].pk: "1"}, lang="de")
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    "field, value",
    [("single", "99"), ("rating_5", "6"), ("rating_10", "-1"), ("yes_no", "vielleicht"), ("number", "1e99"),
     ("multiple", ["1", "7"]), ("short_text", "x" * 301), ("long_text", "x" * (MAX_TEXT + 1))],
)  # fmt: skip
def test_bad_input_is_refused_with_a_message(client, survey, invitation, field, value):
    name = f"q{survey.q[field].pk}"
    response = client.post(f"/umfrage/{invitation.token}/", full_answers(survey, **{name: value}))
    assert response.status_code == 200 and name in response.context["form"].errors
    assert not Response.objects.exists()


def test_tampered_ids_are_ignored_and_tokens_guessed_give_404(client, survey, invitation, project):
    from inklusio.surveys.models import Question, Survey

    other = Survey.objects.create(project=project, title_de="Andere", title_en="Other")
    foreign = Question.objects.create(survey=other, kind="short_text", text_de="Fremd", text_en="Foreign")
    data = full_answers(survey, **{f"q{foreign.pk}": "eingeschmuggelt", "q999999": "x"})
    assert client.post(f"/umfrage/{invitation.token}/", data).status_code == 302
    assert not Answer.objects.filter(question=foreign).exists()
    assert client.get("/umfrage/not-a-real-token-at-all-xxxxxxxx/").status_code == 404
    template = Survey.objects.create(project=project, title_de="Vorlage", title_en="T", is_template=True)
    template_link = Invitation.objects.create(survey=template, person=invitation.person)
    assert client.get(f"/umfrage/{template_link.token}/").status_code == 404


def test_answers_are_anonymous_no_link_from_answer_to_person(client, survey, invitation):
    """Nothing in the answer tables points at the person or the link: no column, no time finer than a day."""
    client.post(f"/umfrage/{invitation.token}/", full_answers(survey))
    stored = Response.objects.get()
    assert stored.person_id is None
    response_columns = {f.column for f in Response._meta.concrete_fields}
    answer_columns = {f.column for f in Answer._meta.concrete_fields}
    assert response_columns == {"id", "survey_id", "submitted_on", "language", "person_id"}
    assert answer_columns == {"id", "response_id", "question_id", "value", "number"}
    # The link records only that it was used; its token and person appear nowhere in the answer rows.
    invitation.refresh_from_db()
    assert invitation.answered
    with connection.cursor() as cursor:
        for table in (Response._meta.db_table, Answer._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 — fixed table names
            for row in cursor.fetchall():
                assert invitation.token not in map(str, row)
                assert invitation.person.email not in map(str, row)


def test_named_only_when_survey_asks_and_respondent_agrees(client, survey, invitation):
    page = client.get(f"/umfrage/{invitation.token}/").content.decode()
    assert "consent_named" not in page  # an anonymous survey does not even ask
    client.post(f"/umfrage/{invitation.token}/", {**full_answers(survey), "consent_named": "on"})
    assert Response.objects.get().person_id is None

    survey.anonymous = False
    survey.save()
    second = Invitation.objects.create(survey=survey, person=invitation.person.__class__.objects.create(
        first_name="Bea", last_name="Zwei", email="bea@example.org"))  # fmt: skip
    third = Invitation.objects.create(survey=survey, person=second.person.__class__.objects.create(
        first_name="Cem", last_name="Drei", email="cem@example.org"))  # fmt: skip
    assert "consent_named" in client.get(f"/umfrage/{second.token}/").content.decode()
    client.post(f"/umfrage/{second.token}/", full_answers(survey))  # no tick
    client.post(f"/umfrage/{third.token}/", {**full_answers(survey), "consent_named": "on"})
    assert sorted(Response.objects.values_list("person_id", flat=True), key=str) == sorted(
        [None, None, third.person_id], key=str
    )


def test_survey_in_english_and_leichte_sprache(client, survey, invitation):
    english = client.get(f"/en/umfrage/{invitation.token}/").content.decode()
    assert "Lieblingsformat (en)" in english and "workshops" in english
    survey.q["single"].text_easy = "Was mögen Sie am liebsten?"
    survey.q["single"].save()
    easy = client.get(f"/leichte-sprache/umfrage/{invitation.token}/").content.decode()
    assert "Was mögen Sie am liebsten?" in easy and "Gesamtbewertung" in easy  # falls back to German
    client.post(f"/leichte-sprache/umfrage/{invitation.token}/", full_answers(survey))
    assert Response.objects.get().language == "easy"
