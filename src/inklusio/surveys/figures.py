"""Outcome indicators from survey answers, for the impact dashboard and report (aggregate queries only).

An answer belongs to the period in which it was submitted (``Response.submitted_on``, start and end inclusive).
"""

from django.db.models import Avg, Count, Q
from django.urls import reverse

from inklusio.core.extensions import ProjectIndicator

from .models import Answer, SurveyIndicator


def indicator_value(indicator: SurveyIndicator, start, end) -> tuple[float | int | None, int, int | None]:
    """``(value, respondents, part)``: respondents answered the question; part of them gave a counted answer."""
    answers = Answer.objects.filter(question=indicator.question_id)
    if start:
        answers = answers.filter(response__submitted_on__gte=start)
    if end:
        answers = answers.filter(response__submitted_on__lte=end)
    if indicator.measure == SurveyIndicator.Measure.MEAN:
        totals = answers.aggregate(respondents=Count("response", distinct=True), mean=Avg("number"))
        mean = totals["mean"]
        return (round(float(mean), 1) if mean is not None else None), totals["respondents"], None
    totals = answers.aggregate(
        respondents=Count("response", distinct=True),
        part=Count("response", distinct=True, filter=_counted(indicator)),
    )
    respondents, part = totals["respondents"], totals["part"]
    if indicator.measure == SurveyIndicator.Measure.COUNT:
        return (part if respondents else None), respondents, part
    return (round(100 * part / respondents, 1) if respondents else None), respondents, part


def _counted(indicator):
    return Q(value__in=indicator.values)


def _unit(indicator: SurveyIndicator, lang: str) -> str:
    if indicator.measure == SurveyIndicator.Measure.SHARE:
        return "%"
    return (indicator.unit_en if lang == "en" else indicator.unit_de) or indicator.unit_de


def _definition(indicator: SurveyIndicator, lang: str) -> str:
    question = indicator.question
    survey = question.survey
    if lang == "en":
        measure = {"share": "Share of respondents answering", "count": "Respondents answering", "mean": "Mean of"}
        answers = f" {', '.join(indicator.values)}" if indicator.values else ""
        return f"{measure[indicator.measure]}{answers}: “{question.text_en}” (survey “{survey.title_en}”)."
    measure = {
        "share": "Anteil der Antwortenden mit",
        "count": "Antwortende mit",
        "mean": "Mittelwert der Antworten auf",
    }
    answers = f" {', '.join(indicator.values)} auf" if indicator.values else ""
    return f"{measure[indicator.measure]}{answers} „{question.text_de}“ (Umfrage „{survey.title_de}“)."


def _number(value):
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def project_indicators(project, start, end, lang: str) -> list[ProjectIndicator]:
    found = []
    for indicator in SurveyIndicator.objects.filter(project=project).select_related("question__survey"):
        value, respondents, part = indicator_value(indicator, start, end)
        found.append(
            ProjectIndicator(
                code=indicator.code,
                label=indicator.label_en if lang == "en" else indicator.label_de,
                unit=_unit(indicator, lang),
                level=indicator.level,
                definition=_definition(indicator, lang),
                measure=indicator.measure,
                value=value,
                respondents=respondents,
                part=part,
                respondents_noun=indicator.respondents_en if lang == "en" else indicator.respondents_de,
                baseline=_number(indicator.baseline),
                target=_number(indicator.target),
                records_url=reverse("surveys:survey_results", args=[indicator.question.survey_id]),
            )
        )
    return found
