"""Removing surveys and outcome indicators (see ``core/removal.py`` for the rule).

A survey with answers is counted (its results, the outcome indicators on it, an event's feedback figures): it is
archived. It then takes no more answers and sends no follow-ups, and its answers stay counted. A survey without
answers is deleted with its questions and personal links, unless an outcome indicator is defined on one of its
questions (delete the indicator first). An outcome indicator is a definition computed afresh each time: deleting
it takes it out of the dashboard and the report, and no answer is lost.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.removal import ARCHIVE, DELETE, RemovalPlan, RemovalRefused, archive

from .models import Survey, SurveyIndicator


def plan_survey(survey: Survey) -> RemovalPlan:
    counts = {
        "responses": survey.responses.count(),
        "questions": survey.questions.count(),
        "invitations": survey.invitations.count(),
        "indicators": SurveyIndicator.objects.filter(question__survey=survey).count(),
    }
    if survey.archived_at:
        return RemovalPlan(survey, ARCHIVE, counts=counts, refusal=_("This is archived already."))
    if counts["responses"]:
        lines = [
            ngettext(
                "%(count)s answer stays counted in the results and the outcome indicators.",
                "%(count)s answers stay counted in the results and the outcome indicators.",
                counts["responses"],
            )
            % {"count": counts["responses"]},
            _("Its links take no more answers, and no follow-up is sent any more."),
        ]
        return RemovalPlan(survey, ARCHIVE, lines, counts)
    lines = [
        ngettext(
            "%(count)s question is deleted with it.", "%(count)s questions are deleted with it.", counts["questions"]
        )
        % {"count": counts["questions"]},
        ngettext(
            "%(count)s personal link stops working.", "%(count)s personal links stop working.", counts["invitations"]
        )
        % {"count": counts["invitations"]},
    ]
    if survey.purpose == Survey.Purpose.FEEDBACK and survey.event_id:
        lines.append(_("The event asks for feedback with the standard form again."))
    refusal = ""
    if counts["indicators"]:
        refusal = ngettext(
            "An outcome indicator is defined on a question of this survey. Delete the indicator first.",
            "%(count)s outcome indicators are defined on questions of this survey. Delete them first.",
            counts["indicators"],
        ) % {"count": counts["indicators"]}
    return RemovalPlan(survey, DELETE, lines, counts, refusal=refusal)


def plan_indicator(indicator: SurveyIndicator) -> RemovalPlan:
    lines = [
        _("The impact dashboard and the report no longer show it."),
        _("No answer is deleted; you can define the indicator again at any time."),
    ]
    return RemovalPlan(indicator, DELETE, lines, {"level": indicator.level})


def remove(plan: RemovalPlan) -> None:
    subject = plan.subject
    if plan.action == ARCHIVE:
        archive(subject)
        return
    with transaction.atomic():
        if isinstance(subject, Survey):
            locked = Survey.objects.select_for_update().get(pk=subject.pk)
            # The plan was made on a page: an answer or an indicator may have come in since.
            if locked.responses.exists() or SurveyIndicator.objects.filter(question__survey=locked).exists():
                raise RemovalRefused(_("Answers or an outcome indicator came in meanwhile. Look at the survey again."))
        subject.delete()
