"""The surveys' retention category (see inklusio.privacy.retention): the names on answers given with a name.

Answers are anonymous by default; a survey that asks for names, to a respondent who agreed, links the answer to
the person. After the period that link goes and the answer stays, so results and indicators keep counting it.
"""

from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import ANONYMISE, RetentionCategory

from .models import Response


def named_responses_due(cutoff):
    """Answers given with a name before the cutoff's day (only the day of an answer is stored)."""
    return (
        Response.objects.filter(person__isnull=False, submitted_on__lt=cutoff.date())
        .select_related("survey")
        .order_by("submitted_on", "id")
    )


def anonymise_named_responses(cutoff) -> int:
    return named_responses_due(cutoff).update(person=None)


CATEGORIES = [
    RetentionCategory(
        key="surveys.named_responses",
        label=_("Names on survey answers"),
        data=_("The link between a survey answer and the person who gave it, where the survey asked for names"),
        data_subjects=_("Respondents who agreed to answer with their name"),
        purpose=_("Asking a respondent back about their answer, as the survey told them"),
        legal_basis=_("Consent (GDPR Art. 6(1)(a)), given on the survey form"),
        recipients=_("Project staff"),
        default_days=365,
        find=named_responses_due,
        apply=lambda cutoff, now: anonymise_named_responses(cutoff),
        action=ANONYMISE,
        describe=lambda response: f"{response.survey.title_de}: {response.submitted_on:%Y-%m-%d}",
        minimum_days=30,
        minimum_reason=_("Staff ask back in the weeks after a survey closes."),
        after=_("the day of the answer"),
    ),
]
