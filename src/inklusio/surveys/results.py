"""A survey's results per question, with the report's small-group rule: fewer than five answers are not broken down.

A question answered by fewer than ``MIN_GROUP`` respondents shows only that (no distribution, no mean, no
texts), so that nobody in a small group can be recognised by their answer. Counts come from aggregate queries.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count

from inklusio.core.disclosure import MIN_GROUP

from . import services
from .models import Answer, Question, Survey


@dataclass
class Row:
    label: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    number: int
    question: Question
    text: str
    answered: int
    rows: list[Row] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def suppressed(self) -> bool:
        return 0 < self.answered < MIN_GROUP

    @property
    def has_chart(self) -> bool:
        return bool(self.rows) and not self.suppressed


def survey_results(survey: Survey, lang: str = "de") -> tuple[int, list[QuestionResult]]:
    """``(number of responses, results per question)``."""
    answers = Answer.objects.filter(question__survey=survey)
    answered = dict(
        answers.values("question_id").annotate(n=Count("response", distinct=True)).values_list("question_id", "n")
    )
    counts: dict[int, dict[str, int]] = {}
    for question_id, value, n in (
        answers.filter(question__kind__in=services.CHOICE_KINDS)
        .values("question_id", "value")
        .annotate(n=Count("id"))
        .values_list("question_id", "value", "n")
    ):
        counts.setdefault(question_id, {})[value] = n
    means = dict(
        answers.filter(question__kind__in=services.SCALE_KINDS)
        .values("question_id")
        .annotate(mean=Avg("number"))
        .values_list("question_id", "mean")
    )
    results = []
    for number, question in enumerate(survey.questions.all(), start=1):
        result = QuestionResult(number, question, question.text(lang), answered.get(question.pk, 0))
        if not result.suppressed and result.answered:
            total = result.answered
            for value, label in services.options(question, lang):
                n = counts.get(question.pk, {}).get(value, 0)
                result.rows.append(Row(label, n, round(100 * n / total, 1)))
            if question.pk in means and means[question.pk] is not None:
                result.mean = round(float(means[question.pk]), 1)
            if question.kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
                result.texts = list(answers.filter(question=question).order_by("value").values_list("value", flat=True))
        results.append(result)
    return survey.responses.count(), results


def export_rows(survey: Survey, lang: str, headers: list[str], fewer: str) -> list[list]:
    """The results as a table (question, answer, count, per cent), small groups replaced by ``fewer``."""
    _total, results = survey_results(survey, lang)
    rows = [headers]
    for result in results:
        if result.suppressed:
            rows.append([result.text, fewer, "", ""])
            continue
        for row in result.rows:
            rows.append([result.text, row.label, row.count, row.percent])
        if result.mean is not None:
            rows.append([result.text, "Ø", result.mean, ""])
        for text in result.texts:
            rows.append([result.text, text, "", ""])
        if not result.rows and not result.texts and result.mean is None:
            rows.append([result.text, "", result.answered, ""])
    return rows
