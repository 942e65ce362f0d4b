"""Removing events, programme items and registration questions (see ``core/removal.py`` for the rule).

An event with registrations or feedback is counted by the report (participants, attendance, satisfaction), so it
is archived; one without is deleted with its programme and questions. A programme item with speakers, or of an
event that has begun, is counted (speakers, congress programme items), so it is archived. A question is never
counted: it is deleted with its answers.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.removal import ARCHIVE, DELETE, RemovalPlan, archive

from .models import Event, ProgrammeItem, Question


def already_archived() -> str:
    return _("This is archived already.")


def plan_event(event: Event) -> RemovalPlan:
    counts = {
        "registrations": event.registrations.count(),
        "feedback": event.feedback.count(),
        "programme_items": event.programme.count(),
        "questions": event.questions.count(),
        "world_cafes": event.world_cafes.count(),
    }
    if event.archived_at:
        return RemovalPlan(event, ARCHIVE, counts=counts, refusal=already_archived())
    if counts["registrations"] or counts["feedback"]:
        lines = [
            ngettext(
                "Its %(count)s registration stays, with its attendance.",
                "Its %(count)s registrations stay, with their attendance.",
                counts["registrations"],
            )
            % {"count": counts["registrations"]},
            _("It no longer appears on the public event pages; personal registration links keep working."),
        ]
        return RemovalPlan(event, ARCHIVE, lines, counts)
    lines = [
        ngettext(
            "%(count)s programme item is deleted with it.",
            "%(count)s programme items are deleted with it.",
            counts["programme_items"],
        )
        % {"count": counts["programme_items"]},
        ngettext(
            "%(count)s question is deleted with it.", "%(count)s questions are deleted with it.", counts["questions"]
        )
        % {"count": counts["questions"]},
    ]
    if counts["world_cafes"]:
        lines.append(
            ngettext(
                "%(count)s World Café keeps its plan but no longer points at the event.",
                "%(count)s World Cafés keep their plans but no longer point at the event.",
                counts["world_cafes"],
            )
            % {"count": counts["world_cafes"]}
        )
    return RemovalPlan(event, DELETE, lines, counts)


def remove_event(plan: RemovalPlan) -> None:
    event = plan.subject
    if plan.action == ARCHIVE:
        archive(event)
    else:
        event.delete()


def plan_item(item: ProgrammeItem) -> RemovalPlan:
    counts = {"contributions": item.contributions.count()}
    if item.archived_at:
        return RemovalPlan(item, ARCHIVE, counts=counts, refusal=already_archived())
    began = not item.event.cancelled and item.event.starts_at <= timezone.now()
    if counts["contributions"] or began:
        lines = [
            ngettext(
                "Its %(count)s speaker, moderator or host stays counted.",
                "Its %(count)s speakers, moderators and hosts stay counted.",
                counts["contributions"],
            )
            % {"count": counts["contributions"]},
            _("It no longer appears in the programme or in calendar files."),
        ]
        return RemovalPlan(item, ARCHIVE, lines, counts)
    return RemovalPlan(item, DELETE, [], counts)


def remove_item(plan: RemovalPlan) -> None:
    if plan.action == ARCHIVE:
        archive(plan.subject)
    else:
        plan.subject.delete()


def plan_question(question: Question) -> RemovalPlan:
    counts = {"answers": question.answers.count()}
    lines = [
        ngettext("%(count)s answer is deleted with it.", "%(count)s answers are deleted with it.", counts["answers"])
        % {"count": counts["answers"]}
    ]
    return RemovalPlan(question, DELETE, lines, counts)


def remove_question(plan: RemovalPlan) -> None:
    plan.subject.delete()
