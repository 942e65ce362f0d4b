"""Art. 15 and Art. 17 for surveys: personal links and the answers a person agreed to have linked to their name."""

from django.utils.translation import gettext as _

from .models import Invitation, Response


def personal_data(person):
    invitations = Invitation.objects.filter(person=person).select_related("survey")
    named = Response.objects.filter(person=person).select_related("survey").prefetch_related("answers__question")
    return {
        _("Survey links"): [
            {"survey": i.survey.title_de, "sent": i.sent_at.isoformat() if i.sent_at else "", "answered": i.answered}
            for i in invitations
        ],
        _("Survey answers given with your name"): [
            {
                "survey": r.survey.title_de,
                "submitted_on": r.submitted_on.isoformat(),
                "answers": [{"question": a.question.text_de, "answer": a.value} for a in r.answers.all()],
            }
            for r in named
        ],
    }


def erase_person(person, actor):
    """Named answers become anonymous (they keep counting); the personal links go."""
    Response.objects.filter(person=person).update(person=None)
    Invitation.objects.filter(person=person).delete()
    return []


def merge_person(survivor, duplicate, actor):
    taken = set(Invitation.objects.filter(person=survivor).values_list("survey_id", flat=True))
    Invitation.objects.filter(person=duplicate, survey_id__in=taken).delete()
    moved = Invitation.objects.filter(person=duplicate).update(person=survivor)
    Response.objects.filter(person=duplicate).update(person=survivor)
    return [f"survey invitations: {moved}"] if moved else []
