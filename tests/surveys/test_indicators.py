"""Outcome indicators from survey answers: share, count and mean, with level and number of answers."""

from datetime import date

import pytest

from inklusio.impact import prose
from inklusio.impact import services as impact_services
from inklusio.surveys import services
from inklusio.surveys.models import SurveyIndicator

pytestmark = pytest.mark.django_db


def _answers(survey, yes, no):
    for n in range(yes + no):
        services.record_response(survey, {survey.q["yes_no"].pk: "yes" if n < yes else "no",
                                          survey.q["rating_5"].pk: str(1 + n % 5)})  # fmt: skip


def _indicator(survey, **kw):
    values = {"project": survey.project, "code": "applied", "label_de": "Haben etwas umgesetzt",
              "label_en": "Put something into practice", "level": 5, "question": survey.q["yes_no"],
              "measure": "share", "values": ["yes"]}  # fmt: skip
    values.update(kw)
    return services.save_indicator(SurveyIndicator(**values))


def test_share_in_dashboard_and_report_with_level_and_answers(survey, project):
    _answers(survey, yes=36, no=21)
    _indicator(survey, target=70)
    report = impact_services.build_report(project, date(2024, 1, 1), date(2026, 12, 31))
    row = report.figures_by_code["applied"]
    assert (row.value, row.respondents, row.part, row.level, row.target) == (63.2, 57, 36, 5, 70)
    evaluation = next(s for s in report.sections if s.key == "evaluation")
    assert "Haben etwas umgesetzt (Stufe 5): knapp zwei Drittel der 57 Antwortenden (63,2 %)." in evaluation.generated
    assert "applied" in {r.code for r in impact_services.dashboard(project).figures}


def test_count_and_mean(survey, project):
    _answers(survey, yes=8, no=33)
    _indicator(survey, measure="count", code="count")
    _indicator(survey, measure="mean", code="mean", question=survey.q["rating_5"], level=4, values=[])
    rows = impact_services.build_report(project, date(2024, 1, 1), date(2026, 12, 31)).figures_by_code
    assert (rows["count"].value, rows["count"].respondents) == (8, 41)
    assert rows["mean"].value == 3.0 and rows["mean"].level == 4


def test_no_answers_is_no_value_not_zero(survey, project):
    _indicator(survey)
    row = impact_services.build_report(project, date(2024, 1, 1), date(2026, 12, 31)).figures_by_code["applied"]
    assert row.value is None and row.respondents == 0


def test_indicator_rules(survey, project):
    with pytest.raises(services.SurveyError):
        _indicator(survey, values=["maybe"])
    with pytest.raises(services.SurveyError):
        _indicator(survey, measure="mean")  # a yes/no question has no mean
    with pytest.raises(services.SurveyError):
        _indicator(survey, question=survey.q["long_text"])


@pytest.mark.parametrize(
    "part, whole, de, en",
    [(36, 57, "knapp zwei Drittel der 57 Antwortenden", "almost two thirds of the 57 respondents"),
     (20, 40, "die Hälfte der 40 Antwortenden", "half of the 40 respondents"),
     (21, 40, "mehr als die Hälfte der 40 Antwortenden", "over half of the 40 respondents"),
     (8, 41, "20 Prozent der 41 Antwortenden", "20 per cent of the 41 respondents"),
     (41, 41, "alle 41 Antwortenden", "all 41 respondents")],
)  # fmt: skip
def test_share_phrase(part, whole, de, en):
    assert prose.share_phrase(part, whole, "Antwortenden") == de
    assert prose.share_phrase(part, whole, "respondents", "en") == en
