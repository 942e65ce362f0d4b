"""Removing World Café tables and participants (see ``core/removal.py``).

No report figure counts a table or a seat, so both are deleted. The plan is built on them: while no round has
been held, removing one discards the plan (make a new one); once rounds are held, the plan is history and is not
rewritten: a table stays, and a participant who goes is marked as left instead.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inklusio.core.removal import DELETE, RemovalPlan, RemovalRefused

from .models import CafeParticipant, CafeTable, WorldCafe


def _held_refusal(cafe: WorldCafe, what: str) -> str:
    if not cafe.held_rounds:
        return ""
    if what == "table":
        return _("Rounds have been held at this table already; the table stays in the plan.")
    return _("Rounds have been held already. Mark the participant as having left instead.")


def _plan_lines(cafe: WorldCafe) -> list[str]:
    return [_("The current plan is discarded; make a new plan afterwards.")] if cafe.plan else []


def plan_table(table: CafeTable) -> RemovalPlan:
    counts = {"hosts": table.hosts.count(), "plan_discarded": int(bool(table.cafe.plan))}
    lines = _plan_lines(table.cafe)
    if counts["hosts"]:
        lines.append(
            ngettext(
                "%(count)s participant no longer hosts it.",
                "%(count)s participants no longer host it.",
                counts["hosts"],
            )
            % {"count": counts["hosts"]}
        )
    return RemovalPlan(table, DELETE, lines, counts, refusal=_held_refusal(table.cafe, "table"))


def plan_participant(participant: CafeParticipant) -> RemovalPlan:
    counts = {"plan_discarded": int(bool(participant.cafe.plan))}
    return RemovalPlan(
        participant,
        DELETE,
        _plan_lines(participant.cafe),
        counts,
        refusal=_held_refusal(participant.cafe, "participant"),
    )


def remove(plan: RemovalPlan) -> None:
    """Delete the table or participant and discard a plan not yet held (locked against a concurrent re-plan)."""
    with transaction.atomic():
        cafe = WorldCafe.objects.select_for_update().get(pk=plan.subject.cafe_id)
        if cafe.held_rounds:
            raise RemovalRefused(_held_refusal(cafe, "table" if isinstance(plan.subject, CafeTable) else "person"))
        plan.subject.delete()
        if cafe.plan:
            cafe.plan, cafe.metrics = [], {}
            cafe.save(update_fields=["plan", "metrics", "updated"])
