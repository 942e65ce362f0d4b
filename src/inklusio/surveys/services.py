"""The rules of surveys: building them, copying templates, recording answers once, anonymously by default."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from inklusio.core import audit

from . import conditions
from .models import Answer, Invitation, Question, Response, Survey, SurveyIndicator

CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RATING_5, Question.Kind.RATING_10,
                Question.Kind.YES_NO}  # fmt: skip
SCALE_KINDS = {Question.Kind.RATING_5, Question.Kind.RATING_10, Question.Kind.NUMBER}
YES, NO = "yes", "no"


class SurveyError(Exception):
    """A rule refused the change; the message says why, for the person who asked."""


# --- questions -----------------------------------------------------------------------------------------------


def options(question: Question, lang: str = "de") -> list[tuple[str, str]]:
    """``(value, label)`` of every answer a choice question allows, in order; empty for numbers and text."""
    kind = question.kind
    if kind == Question.Kind.RATING_5:
        return [(str(n), str(n)) for n in range(1, 6)]
    if kind == Question.Kind.RATING_10:
        return [(str(n), str(n)) for n in range(0, 11)]
    if kind == Question.Kind.YES_NO:
        if lang == "en":
            return [(YES, "Yes"), (NO, "No")]
        return [(YES, "Ja"), (NO, "Nein")]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return [(str(c["value"]), c.get(lang) or c.get("de") or str(c["value"])) for c in question.choices]
    return []


def choices_from_lines(de: str, en: str, easy: str = "") -> list[dict]:
    """Options typed one per line in each language; the n-th line of each language is the same option."""
    lines_de = [line.strip() for line in de.splitlines() if line.strip()]
    lines_en = [line.strip() for line in en.splitlines() if line.strip()]
    lines_easy = [line.strip() for line in easy.splitlines() if line.strip()]
    if len(lines_en) != len(lines_de) or (lines_easy and len(lines_easy) != len(lines_de)):
        raise SurveyError(_("Give every option in each language, one per line, in the same order."))
    if len(lines_de) < 2:
        raise SurveyError(_("A choice question needs at least two options."))
    return [
        {"value": str(n), "de": d, "en": e, "easy": lines_easy[n - 1] if lines_easy else ""}
        for n, (d, e) in enumerate(zip(lines_de, lines_en, strict=True), start=1)
    ]


def rules(questions) -> list[conditions.Rule]:
    return [
        conditions.Rule(q.pk, q.show_if_question_id, frozenset(str(v) for v in q.show_if_values or ()))
        for q in questions
    ]


def _check_condition(survey: Survey, question: Question) -> None:
    parent_id = question.show_if_question_id
    if parent_id is None:
        question.show_if_values = []
        return
    parent = survey.questions.filter(pk=parent_id).first()
    if parent is None or parent.kind not in CHOICE_KINDS:
        raise SurveyError(_("A condition must name a choice, rating or yes/no question of this survey."))
    if (parent.position, parent.pk) >= (question.position, question.pk or 10**12):
        raise SurveyError(_("A condition can only name a question that comes earlier."))
    allowed = {value for value, _label in options(parent)}
    values = [str(v) for v in question.show_if_values or ()]
    if not values or not set(values) <= allowed:
        raise SurveyError(_("Choose at least one answer of the earlier question that shows this one."))
    question.show_if_values = values


def save_question(survey: Survey, question: Question, actor=None) -> Question:
    """Add or change a question; checks its options and that its condition points backwards."""
    if survey.responses.exists() and question.pk:
        stored = Question.objects.get(pk=question.pk)
        if stored.kind != question.kind or stored.choices != question.choices:
            raise SurveyError(_("This survey has answers: the type and options of a question cannot change now."))
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(question.choices) < 2:
        raise SurveyError(_("A choice question needs at least two options."))
    if question.kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        question.choices = []
    question.survey = survey
    if not question.pk:
        last = survey.questions.order_by("-position").values_list("position", flat=True).first()
        question.position = (last or 0) + 1
    _check_condition(survey, question)
    question.save()
    audit.record(actor, "surveys.save_question", survey, question=question.pk)
    return question


def delete_question(question: Question, actor=None) -> None:
    if question.answers.exists():
        raise SurveyError(_("This question has answers and stays, so the results remain complete."))
    if question.indicators.exists():
        raise SurveyError(_("An outcome indicator is computed from this question; remove the indicator first."))
    survey = question.survey
    question.delete()
    audit.record(actor, "surveys.delete_question", survey, question=question.pk)


def move_question(question: Question, direction: int, actor=None) -> None:
    """Swap the question with its neighbour above (-1) or below (+1), unless a condition would point forwards."""
    ordered = list(question.survey.questions.all())
    index = ordered.index(question)
    other = index + direction
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    if not conditions.points_backwards(rules(ordered)):
        raise SurveyError(_("A condition would then name a later question; move the condition first."))
    with transaction.atomic():
        for position, item in enumerate(ordered, start=1):
            Question.objects.filter(pk=item.pk).update(position=position)
    audit.record(actor, "surveys.move_question", question.survey, question=question.pk)


# --- surveys and templates -----------------------------------------------------------------------------------


def check_attachment(survey: Survey) -> None:
    if survey.purpose == Survey.Purpose.FEEDBACK and survey.event_id is None and not survey.is_template:
        raise SurveyError(_("A feedback form belongs to an event: choose the event."))
    if survey.purpose == Survey.Purpose.FOLLOW_UP and not survey.is_template:
        if survey.event_id and not survey.follow_up_days:
            raise SurveyError(_("Say how many days after the event the follow-up survey goes out."))
        if not survey.event_id and not survey.send_on:
            raise SurveyError(
                _("Say on which day the follow-up survey goes to the members of the network (or of all networks).")
            )
    if survey.event_id and survey.network_id:
        raise SurveyError(_("Attach the survey to an event or to a network, not to both."))


def save_survey(survey: Survey, actor=None) -> Survey:
    check_attachment(survey)
    try:
        with transaction.atomic():
            survey.save()
    except IntegrityError as error:
        raise SurveyError(_("This event already has a feedback form.")) from error
    audit.record(actor, "surveys.save_survey", survey)
    return survey


def copy_questions(source: Survey, target: Survey) -> None:
    """Copy every question of ``source`` (a template) into ``target``, conditions included."""
    mapping: dict[int, Question] = {}
    for question in source.questions.all():
        old_pk, parent = question.pk, question.show_if_question_id
        question.pk = None
        question.survey = target
        question.show_if_question = mapping.get(parent) if parent else None
        question.save()
        mapping[old_pk] = question


def create_from_template(template: Survey | None, survey: Survey, actor=None) -> Survey:
    with transaction.atomic():
        save_survey(survey, actor)
        if template is not None:
            copy_questions(template, survey)
    return survey


# --- answering -----------------------------------------------------------------------------------------------


def record_response(survey: Survey, answers: dict, *, lang: str = "de", person=None) -> Response:
    """Store one filled-in survey. ``answers`` maps question ids to a value or a list of values (already
    checked by the answer form); answers to questions not in this survey are ignored. ``person`` is stored only
    for a survey that asks for names (the caller passes it only with the respondent's consent)."""
    if survey.is_template:
        raise SurveyError(_("A template is not answered."))
    questions = {q.pk: q for q in survey.questions.all()}
    shown = conditions.visible(rules(questions.values()), _as_values(answers))
    response = Response.objects.create(
        survey=survey, language=lang, person=person if person is not None and not survey.anonymous else None
    )
    rows = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or question_id not in shown:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item in (None, ""):
                continue
            number = _number(question, item)
            rows.append(Answer(response=response, question=question, value=str(item), number=number))
    Answer.objects.bulk_create(rows)
    return response


def _as_values(answers: dict) -> dict[int, list[str]]:
    return {
        k: [str(v) for v in (value if isinstance(value, (list, tuple)) else [value])] for k, value in answers.items()
    }


def _number(question: Question, value) -> Decimal | None:
    if question.kind in SCALE_KINDS:
        return Decimal(str(value))
    return None


def closed_refusal(survey: Survey) -> str:
    """Why an archived survey takes no answers (empty while it is open)."""
    if survey.archived_at:
        return _("This survey is closed and takes no more answers. Thank you for your interest!")
    return ""


def answer_refusal(invitation: Invitation) -> str:
    if invitation.answered:
        return _("You have already answered this survey. Thank you!")
    return closed_refusal(invitation.survey)


def answer_invitation(invitation: Invitation, answers: dict, *, lang: str, consent: bool = False) -> Response:
    """Answer once through a personal link: the link is marked used by a conditional update in the same
    transaction, and the answer is stored without any reference to the link."""
    with transaction.atomic():
        claimed = Invitation.objects.filter(pk=invitation.pk, answered=False, survey__archived_at__isnull=True).update(
            answered=True
        )
        if not claimed:
            invitation.refresh_from_db()
            invitation.survey.refresh_from_db()
            raise SurveyError(answer_refusal(invitation) or _("This link cannot be used any more."))
        person = invitation.person if consent else None
        return record_response(invitation.survey, answers, lang=lang, person=person)


# --- outcome indicators --------------------------------------------------------------------------------------


def save_indicator(indicator: SurveyIndicator, actor=None) -> SurveyIndicator:
    question = indicator.question
    if question.survey.project_id != indicator.project_id:
        raise SurveyError(_("Choose a question of a survey of this project."))
    if indicator.measure == SurveyIndicator.Measure.MEAN:
        if question.kind not in SCALE_KINDS:
            raise SurveyError(_("A mean needs a rating or number question."))
        indicator.values = []
    else:
        allowed = {value for value, _label in options(question)}
        values = [str(v) for v in indicator.values or ()]
        if not allowed:
            raise SurveyError(_("A share or count needs a choice, rating or yes/no question."))
        if not values or not set(values) <= allowed:
            raise SurveyError(_("Choose at least one answer that counts."))
        indicator.values = values
    try:
        with transaction.atomic():
            indicator.save()
    except IntegrityError as error:
        raise SurveyError(_("This project already has an indicator with this code.")) from error
    audit.record(actor, "surveys.save_indicator", indicator)
    return indicator


def answer_form(survey: Survey, lang: str, data=None):
    """The form respondents fill in (also for other areas, e.g. an event's feedback page)."""
    from .forms import AnswerForm  # noqa: PLC0415 — forms.py imports this module

    return AnswerForm(survey, survey.questions.all(), lang, data, ask_consent=not survey.anonymous)


def answer_language(request_language: str, asked: str = "") -> str:
    """``de``, ``en`` or ``easy`` (Leichte Sprache, when asked for and the survey has it)."""
    if asked == "easy":
        return "easy"
    return "en" if (request_language or "de").startswith("en") else "de"
