"""Removing surveys and outcome indicators: a survey with answers is archived (closed, still counted), one
without answers is deleted with its questions and links, unless an indicator is defined on it; an indicator is
deleted and its answers stay. Every removal goes through a confirmation page and is audited."""

from datetime import date, timedelta

import pytest

from inklusio.core.models import AuditEvent
from inklusio.core.removal import RemovalRefused
from inklusio.events import services as event_services
from inklusio.impact import services as impact_services
from inklusio.surveys import followups, removal, services
from inklusio.surveys.models import Invitation, Question, Response, Survey, SurveyIndicator

from .conftest import add_question, check_in_today, end_event

pytestmark = pytest.mark.django_db

PERIOD = (date(2024, 1, 1), date(2030, 12, 31))


def _indicator(survey):
    return services.save_indicator(
        SurveyIndicator(
            project=survey.project,
            code="applied",
            label_de="Haben etwas umgesetzt",
            label_en="Put something into practice",
            level=5,
            question=survey.q["yes_no"],
            measure="share",
            values=["yes"],
        )  # fmt: skip
    )


def _answer(survey, value="yes"):
    return services.record_response(survey, {survey.q["yes_no"].pk: value})


def test_a_survey_with_answers_is_archived_closed_and_still_counted(client, lead, survey, invitation, project):
    Survey.objects.filter(pk=survey.pk).update(title_de="Befragung Kassel")
    survey.refresh_from_db()
    _indicator(survey)
    for value in ("yes", "yes", "no"):
        _answer(survey, value)
    before = impact_services.build_report(project, *PERIOD).figures_by_code["applied"]
    client.force_login(lead)
    url = f"/staff/surveys/{survey.pk}/remove/"
    page = client.get(url).content.decode()
    assert "3 Antworten zählen weiter in den Ergebnissen und den Wirkungsindikatoren." in page
    assert Survey.objects.get(pk=survey.pk).archived_at is None  # GET changes nothing
    assert client.post(url)["Location"] == "/staff/surveys/"
    survey.refresh_from_db()
    assert survey.archived_at is not None and survey.responses.count() == 3
    after = impact_services.build_report(project, *PERIOD).figures_by_code["applied"]
    assert (after.value, after.respondents) == (before.value, before.respondents) == (66.7, 3)
    assert AuditEvent.objects.get(action="surveys.survey.archive").detail["responses"] == 3
    # gone from the working list, shown under "archived", marked on its page
    assert "„Befragung Kassel“ wurde archiviert." in client.get("/staff/surveys/").content.decode()
    assert survey.title_de not in client.get("/staff/surveys/").content.decode()
    assert survey.title_de in client.get("/staff/surveys/?archived=1").content.decode()
    assert "Archiviert am" in client.get(survey.get_absolute_url()).content.decode()
    # its personal link takes no more answers
    answer_page = client.get(f"/umfrage/{invitation.token}/").content.decode()
    assert "Diese Umfrage ist beendet" in answer_page
    client.post(f"/umfrage/{invitation.token}/", {f"q{survey.q['single'].pk}": "1"})
    assert survey.responses.count() == 3 and not Invitation.objects.get(pk=invitation.pk).answered
    with pytest.raises(services.SurveyError):
        services.answer_invitation(invitation, {}, lang="de")
    # a second removal is refused
    assert client.post(url).status_code == 409


def test_an_archived_follow_up_is_not_sent(smtp_server, event, reg_data):
    registration, _ = event_services.register(event.pk, reg_data(1))
    check_in_today(registration)
    end_event(event)
    event.refresh_from_db()
    survey = Survey.objects.create(project=event.project, purpose=Survey.Purpose.FOLLOW_UP, event=event,
                                   follow_up_days=30, title_de="Nachfrage", title_en="Follow-up")  # fmt: skip
    add_question(survey, "yes_no", "Umgesetzt?")
    removal.remove(removal.plan_survey(survey))  # no answers yet: deleted
    assert not Survey.objects.filter(pk=survey.pk).exists()
    survey = Survey.objects.create(project=event.project, purpose=Survey.Purpose.FOLLOW_UP, event=event,
                                   follow_up_days=30, title_de="Nachfrage", title_en="Follow-up")  # fmt: skip
    question = add_question(survey, "yes_no", "Umgesetzt?")
    services.record_response(survey, {question.pk: "yes"})
    removal.remove(removal.plan_survey(survey))
    assert followups.send_due(now=event.ends_at + timedelta(days=30, hours=1)) == 0
    assert not smtp_server.messages and not Invitation.objects.exists()


def test_a_survey_without_answers_is_deleted_with_its_questions_and_links(client, lead, survey, invitation):
    client.force_login(lead)
    url = f"/staff/surveys/{survey.pk}/remove/"
    page = client.get(url).content.decode()
    assert "9 Fragen werden mit gelöscht." in page and "1 persönlicher Link funktioniert nicht mehr." in page
    assert client.post(url).status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert not Question.objects.exists() and not Invitation.objects.exists()
    assert AuditEvent.objects.get(action="surveys.survey.delete").detail["questions"] == 9
    assert client.get(f"/umfrage/{invitation.token}/").status_code == 404


def test_deleting_a_survey_with_an_indicator_is_refused_until_the_indicator_goes(client, lead, survey):
    indicator = _indicator(survey)
    client.force_login(lead)
    url = f"/staff/surveys/{survey.pk}/remove/"
    page = client.get(url).content.decode()
    assert "Ein Wirkungsindikator ist auf einer Frage dieser Umfrage definiert." in page
    assert client.post(url).status_code == 409 and Survey.objects.filter(pk=survey.pk).exists()
    indicator_url = f"/staff/surveys/indicators/{indicator.pk}/remove/"
    assert "Das Wirkungs-Dashboard und der Bericht zeigen ihn nicht mehr." in client.get(indicator_url).content.decode()
    assert client.post(indicator_url)["Location"] == "/staff/surveys/indicators/"
    assert not SurveyIndicator.objects.exists()
    assert AuditEvent.objects.filter(action="surveys.indicator.delete").count() == 1
    assert client.post(url).status_code == 302 and not Survey.objects.filter(pk=survey.pk).exists()


def test_an_answer_coming_in_after_the_page_was_shown_turns_deletion_into_a_refusal(survey):
    plan = removal.plan_survey(survey)
    assert plan.action == "delete"
    _answer(survey)
    with pytest.raises(RemovalRefused):
        removal.remove(plan)
    assert Survey.objects.filter(pk=survey.pk).exists() and Response.objects.count() == 1


def test_deleting_an_indicator_keeps_every_answer(survey, project):
    _answer(survey)
    indicator = _indicator(survey)
    removal.remove(removal.plan_indicator(indicator))
    assert Response.objects.count() == 1 and survey.questions.count() == 9
    assert "applied" not in impact_services.build_report(project, *PERIOD).figures_by_code


def test_the_reviewer_may_not_remove(client, make_user, survey):
    client.force_login(make_user("read_only"))
    assert client.get(f"/staff/surveys/{survey.pk}/remove/").status_code == 403
    assert client.post(f"/staff/surveys/{survey.pk}/remove/").status_code == 403
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_an_archived_feedback_survey_closes_the_events_feedback(client, event, reg_data, project):
    registration, _ = event_services.register(event.pk, reg_data(1))
    check_in_today(registration)
    end_event(event)
    survey = Survey.objects.create(
        project=project, purpose=Survey.Purpose.FEEDBACK, event=event, title_de="Feedback", title_en="Feedback"
    )
    overall = add_question(survey, "rating_5", "Wie war es?", code="overall")
    services.record_response(survey, {overall.pk: "4"})  # someone else's feedback: the survey is archived
    removal.remove(removal.plan_survey(survey))
    page = client.get(f"/events/r/{registration.token}/feedback/").content.decode()
    assert "Die Rückmeldung zu dieser Veranstaltung ist beendet." in page
    client.post(f"/events/r/{registration.token}/feedback/", {f"q{overall.pk}": "5"})
    assert Response.objects.count() == 1
    with pytest.raises(event_services.RegistrationError) as refused:
        event_services.submit_survey_feedback(registration, survey, {overall.pk: "5"}, lang="de")
    assert refused.value.code == "feedback_closed"
