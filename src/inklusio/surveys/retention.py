"""The surveys' retention category (see inklusio.privacy.retention): the names on answers given with a name.

Answers are anonymous by default; a survey that asks for names, to a respondent who agreed, links the answer to
the person. After the period that link goes and the answer stays, so results and indicators keep counting it.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import ANONYMISE, DELETE, RetentionCategory

from .models import Invitation, Response


def named_responses_due(cutoff):
    """Answers given with a name before the cutoff's day (only the day of an answer is stored)."""
    return (
        Response.objects.filter(person__isnull=False, submitted_on__lt=cutoff.date())
        .select_related("survey")
        .order_by("submitted_on", "id")
    )


def anonymise_named_responses(cutoff) -> int:
    return named_responses_due(cutoff).update(person=None)


def invitations_due(cutoff):
    """Personal links sent before the cutoff, or made before it and never sent. Deleting one ends the link; the
    answer given through it keeps no reference to it (see models.Response), so results stay as they are."""
    return (
        Invitation.objects.filter(Q(sent_at__lt=cutoff) | Q(sent_at__isnull=True, created__lt=cutoff))
        .select_related("survey")
        .order_by("created", "id")
    )


def delete_invitations(cutoff) -> int:
    return invitations_due(cutoff).delete()[0]


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
    RetentionCategory(
        key="surveys.invitations",
        label=_("Personal survey links"),
        data=_(
            "Who was sent a personal link to a survey, when, and whether it has been used (never what was answered)"
        ),
        data_subjects=_("Attendees of events and members of networks asked in a follow-up survey"),
        purpose=_("Sending each person one link and taking one answer per person"),
        legal_basis=_("Legitimate interest in measuring the project's impact (GDPR Art. 6(1)(f))"),
        recipients=_("Project staff"),
        default_days=365,
        find=invitations_due,
        apply=lambda cutoff, now: delete_invitations(cutoff),
        action=DELETE,
        describe=lambda invitation: f"{invitation.survey.title_de}: {invitation.created:%Y-%m-%d}",
        minimum_days=90,
        minimum_reason=_("A follow-up survey takes answers for weeks after its links go out."),
        after=_("the day the link was sent"),
    ),
]
