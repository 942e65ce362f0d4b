import pytest

from inklusio.surveys.models import Invitation, Question, Survey
from tests.events.conftest import check_in_today, end_event, event, make_event, reg_data  # noqa: F401 — fixtures

K = Question.Kind


def add_question(survey, kind, text, **extra):
    position = survey.questions.count() + 1
    return Question.objects.create(
        survey=survey, position=position, kind=kind, text_de=text, text_en=f"{text} (en)", **extra
    )


CHOICES = [
    {"value": "1", "de": "Vorträge", "en": "talks", "easy": "Vorträge"},
    {"value": "2", "de": "Workshops", "en": "workshops", "easy": "Workshops"},
    {"value": "3", "de": "World Café", "en": "World Café", "easy": "World Café"},
]


@pytest.fixture
def survey(project):
    """A survey with every question type; q_why is shown only if q_yes_no is answered "yes"."""
    survey = Survey.objects.create(project=project, title_de="Umfrage", title_en="Survey", title_easy="Fragen")
    survey.q = {
        "single": add_question(survey, K.SINGLE, "Lieblingsformat", choices=CHOICES, required=True),
        "multiple": add_question(survey, K.MULTIPLE, "Besuchte Formate", choices=CHOICES),
        "rating_5": add_question(survey, K.RATING_5, "Gesamtbewertung", code="overall"),
        "rating_10": add_question(survey, K.RATING_10, "Weiterempfehlung"),
        "yes_no": add_question(survey, K.YES_NO, "Etwas umgesetzt?"),
        "number": add_question(survey, K.NUMBER, "Wie viele Azubis?"),
        "short_text": add_question(survey, K.SHORT_TEXT, "Ihre Rolle"),
        "long_text": add_question(survey, K.LONG_TEXT, "Kommentar"),
    }
    survey.q["why"] = add_question(
        survey, K.SHORT_TEXT, "Was genau?", required=True, show_if_question=survey.q["yes_no"], show_if_values=["yes"]
    )
    return survey


@pytest.fixture
def person(db):
    from inklusio.contacts.services import find_or_create_person

    return find_or_create_person(email="antwort@example.org", user=None, first_name="Ada", last_name="Antwort")


@pytest.fixture
def invitation(survey, person):
    return Invitation.objects.create(survey=survey, person=person)


def full_answers(survey, **overrides):
    q = survey.q
    data = {
        f"q{q['single'].pk}": "2",
        f"q{q['multiple'].pk}": ["1", "3"],
        f"q{q['rating_5'].pk}": "4",
        f"q{q['rating_10'].pk}": "9",
        f"q{q['yes_no'].pk}": "yes",
        f"q{q['number'].pk}": "3",
        f"q{q['short_text'].pk}": "Ausbilderin",
        f"q{q['long_text'].pk}": "Sehr gut.",
        f"q{q['why'].pk}": "Einen Ausbildungsplatz angeboten",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
