"""A survey attached to an event replaces its fixed feedback form; the fixed form's answers still count."""

from datetime import date

import pytest

from inklusio.events import services as event_services
from inklusio.events.models import FeedbackResponse
from inklusio.impact import services as impact_services
from inklusio.surveys import services
from inklusio.surveys.models import Response, Survey

from .conftest import add_question, check_in_today, end_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(event, reg_data):
    registration, _ = event_services.register(event.pk, reg_data(1))
    check_in_today(registration)
    end_event(event)
    registration.refresh_from_db()
    return registration


def test_survey_replaces_the_fixed_form_and_satisfaction_counts_both(client, event, attended, project):
    FeedbackResponse.objects.create(event=event, overall=2, content=3, accessibility=3)  # given before
    survey = Survey.objects.create(
        project=project, purpose=Survey.Purpose.FEEDBACK, event=event, title_de="Feedback", title_en="Feedback"
    )
    overall = add_question(survey, "rating_5", "Wie war es insgesamt?", code="overall", required=True)
    page = client.get(f"/events/r/{attended.token}/feedback/").content.decode()
    assert "Wie war es insgesamt?" in page and 'name="content"' not in page
    assert client.post(f"/events/r/{attended.token}/feedback/", {f"q{overall.pk}": "5"}).status_code == 302
    again = client.post(f"/events/r/{attended.token}/feedback/", {f"q{overall.pk}": "1"})
    assert again.status_code == 200 and Response.objects.count() == 1
    assert Response.objects.get().person_id is None
    row = impact_services.build_report(project, date(2024, 1, 1), date(2026, 12, 31)).figures_by_code["satisfaction"]
    assert row.value == 50.0  # one fixed answer rated 2, one survey answer rated 5


def test_only_one_feedback_form_per_event(event, project):
    services.save_survey(
        Survey(project=project, purpose=Survey.Purpose.FEEDBACK, event=event, title_de="A", title_en="A")
    )
    with pytest.raises(services.SurveyError):
        services.save_survey(
            Survey(project=project, purpose=Survey.Purpose.FEEDBACK, event=event, title_de="B", title_en="B")
        )
