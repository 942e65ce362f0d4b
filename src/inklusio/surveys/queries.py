"""Who may see which surveys, and what the other areas read of them (the one place that decides it)."""

from django.db.models import Count, Q

from .models import Answer, Invitation, Question, Survey, SurveyIndicator

VIEW = "surveys.view_survey"


def surveys_for_user(user):
    if getattr(user, "is_authenticated", False) and user.is_active and user.has_perm(VIEW):
        return Survey.objects.all()
    return Survey.objects.none()


def templates_for_user(user):
    return surveys_for_user(user).filter(is_template=True)


def indicators_for_user(user):
    if getattr(user, "is_authenticated", False) and user.is_active and user.has_perm("surveys.view_surveyindicator"):
        return SurveyIndicator.objects.all()
    return SurveyIndicator.objects.none()


def invitation_by_token(token: str):
    return Invitation.objects.select_related("survey", "person").filter(survey__is_template=False, token=token).first()


def feedback_survey(event_id):
    """The survey attached to the event as its feedback form, or None (the event then uses the fixed form)."""
    return (
        Survey.objects.filter(event_id=event_id, purpose=Survey.Purpose.FEEDBACK, is_template=False)
        .prefetch_related("questions")
        .first()
    )


def questions_of(survey):
    return list(survey.questions.all())


def rating_totals(events, code: str = "overall") -> tuple[int, int]:
    """``(answers, answers of 4 or 5)`` to the 1–5 rating with ``code`` in the feedback forms of ``events``."""
    totals = Answer.objects.filter(
        question__code=code,
        question__kind=Question.Kind.RATING_5,
        question__survey__purpose=Survey.Purpose.FEEDBACK,
        question__survey__event__in=events,
    ).aggregate(all=Count("id"), good=Count("id", filter=Q(number__gte=4)))
    return totals["all"], totals["good"]


def feedback_counts(event_id) -> dict:
    """Responses to the event's feedback form (for the event page's feedback summary)."""
    survey = feedback_survey(event_id)
    if survey is None:
        return {}
    return {"survey": survey, "responses": survey.responses.count()}
