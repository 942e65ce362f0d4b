"""Follow-up surveys go out by the periodic job at the right time, once per person, through a real SMTP server."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from inklusio.events import services as event_services
from inklusio.surveys import followups, services
from inklusio.surveys.models import Invitation, Survey
from inklusio.surveys.tasks import send_follow_ups

from .conftest import add_question, check_in_today, end_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(event, reg_data):
    type(event).objects.filter(pk=event.pk).update(capacity=10)
    registrations = []
    for n in range(3):
        registration, _ = event_services.register(event.pk, reg_data(n))
        check_in_today(registration)
        registrations.append(registration)
    event_services.register(event.pk, reg_data(9))  # registered, never came: not asked
    end_event(event)
    event.refresh_from_db()
    return registrations


@pytest.fixture
def follow_up(event, attended):
    survey = Survey.objects.create(
        project=event.project, purpose=Survey.Purpose.FOLLOW_UP, event=event, follow_up_days=91,
        title_de="Nach drei Monaten", title_en="After three months",
    )  # fmt: skip
    add_question(survey, "yes_no", "Haben Sie seitdem etwas umgesetzt?")
    return survey


def test_sent_at_the_right_time_and_only_once(smtp_server, event, follow_up, attended):
    before = event.ends_at + timedelta(days=90)
    assert followups.send_due(now=before) == 0 and not smtp_server.messages
    due = event.ends_at + timedelta(days=91, hours=1)
    assert followups.send_due(now=due) == 3
    recipients = sorted(env.rcpt_tos[0] for env in smtp_server.envelopes)
    assert recipients == ["person0@example.org", "person1@example.org", "person2@example.org"]
    assert followups.send_due(now=due + timedelta(hours=1)) == 0  # the next run sends nobody again
    assert len(smtp_server.messages) == 3
    links = {i.token for i in Invitation.objects.all()}
    body = smtp_server.messages[0].get_content()
    assert any(f"/umfrage/{token}/" in body for token in links)
    assert followups.send_due(now=event.ends_at + timedelta(days=200)) == 0  # long past: not sent automatically


def test_refused_message_is_retried_on_the_next_run(smtp_server, event, follow_up, attended):
    due = event.ends_at + timedelta(days=92)
    smtp_server.fail_with = "451 try again later"
    assert followups.send_due(now=due) == 0
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 3
    smtp_server.fail_with = None
    assert followups.send_due(now=due) == 3
    assert len(smtp_server.messages) == 3


def test_the_periodic_task_runs_it(smtp_server, event, follow_up, attended):
    Survey.objects.filter(pk=follow_up.pk).update(follow_up_days=1)  # the event ended two days ago
    assert send_follow_ups.call() == 3


def test_each_person_answers_once(client, smtp_server, event, follow_up, attended):
    followups.send_due(now=event.ends_at + timedelta(days=91, hours=1))
    invitation = Invitation.objects.first()
    question = follow_up.questions.get()
    assert client.post(f"/umfrage/{invitation.token}/", {f"q{question.pk}": "yes"}).status_code == 302
    assert client.post(f"/umfrage/{invitation.token}/", {f"q{question.pk}": "no"}).status_code == 200
    assert follow_up.responses.count() == 1


def test_network_follow_up_goes_to_current_members(smtp_server, project):
    from inklusio.contacts.services import find_or_create_person
    from inklusio.networks.models import Membership, Network

    network = Network.objects.create(name="Netzwerk Nord", founded_on=date(2023, 1, 1))
    people = [find_or_create_person(email=f"m{n}@example.org", user=None, first_name=f"M{n}") for n in range(3)]
    for person in people[:2]:
        Membership.objects.create(network=network, person=person, joined_on=date(2024, 1, 1))
    Membership.objects.create(network=network, person=people[2], joined_on=date(2024, 1, 1), left_on=date(2024, 6, 1))
    survey = Survey(project=project, purpose=Survey.Purpose.FOLLOW_UP, network=network, title_de="N", title_en="N")
    with pytest.raises(services.SurveyError):
        services.save_survey(survey)  # a network follow-up needs its day
    survey.send_on = timezone.localdate()
    services.save_survey(survey)
    assert followups.send_due() == 2
    assert sorted(env.rcpt_tos[0] for env in smtp_server.envelopes) == ["m0@example.org", "m1@example.org"]
