"""World Café operations: participants, plans, departures. Views call these; the algorithm is in solver.py."""

from __future__ import annotations

import time
from types import SimpleNamespace

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from inklusio.contacts.queries import people_with_ids
from inklusio.core import audit
from inklusio.events.queries import event_participants
from inklusio.networks.services import meeting_participants

from . import conf
from .files import read_participants
from .models import CafeParticipant, CafeTable, WorldCafe
from .solver import InfeasibleError, Participant, Problem, Table, evaluate, first_plan, plan_cost, solve


class PlanError(ValueError):
    pass


def add_person(cafe: WorldCafe, person) -> CafeParticipant:
    """Seat a contact: organisation and stakeholder type come from the current affiliation or their own type."""
    affiliation = person.affiliations.filter(end__isnull=True).select_related("organisation__stakeholder_type").first()
    organisation = affiliation.organisation if affiliation else None
    if person.stakeholder_type_id:
        kind = str(person.stakeholder_type)
    elif organisation:
        kind = str(organisation.stakeholder_type)
    else:
        kind = ""
    participant, _created = CafeParticipant.objects.get_or_create(
        cafe=cafe,
        person=person,
        defaults={
            "name": person.full_name,
            "organisation": organisation.name if organisation else "",
            "stakeholder_type": kind,
        },
    )
    return participant


def occasion_people(cafe: WorldCafe):
    """The contacts of the café's event or network meeting, in the order they should be seated."""
    if cafe.event_id:
        ids = event_participants(cafe.event_id)
    elif cafe.meeting_id:
        ids = meeting_participants(cafe.meeting)
    else:
        ids = []
    return people_with_ids(ids)


@transaction.atomic
def add_occasion_participants(cafe: WorldCafe) -> int:
    """Seat everyone of the event or meeting who is not seated yet; returns how many were added."""
    seated = set(cafe.participants.exclude(person=None).values_list("person_id", flat=True))
    added = 0
    for person in occasion_people(cafe).prefetch_related("affiliations__organisation"):
        if person.pk not in seated:
            add_person(cafe, person)
            added += 1
    return added


@transaction.atomic
def import_participants(cafe: WorldCafe, data: bytes) -> int:
    """Participants from CSV/XLSX (the CLI's columns), all or nothing; raises FileFormatError."""
    tables = list(cafe.tables.all())
    solver_tables = [Table(t.name, t.capacity, t.accessible) for t in tables]
    people = read_participants(data, solver_tables, _("file"))
    created = {}
    for p in people:
        created[p.id] = CafeParticipant.objects.create(
            cafe=cafe,
            name=p.name or p.id,
            organisation=p.organisation,
            stakeholder_type=p.stakeholder_type,
            host_table=tables[p.host_table] if p.host_table is not None else None,
            needs_accessible_table=p.needs_accessible,
        )
    for p in people:
        if p.together_with:
            created[p.id].together_with = created[p.together_with[0]]
            created[p.id].save(update_fields=["together_with"])
    return len(people)


def _problem(cafe: WorldCafe, held: int) -> tuple[Problem, list[CafeTable]]:
    tables = list(cafe.tables.all())
    if not tables:
        raise PlanError(_("Add at least one table first."))
    index = {t.pk: i for i, t in enumerate(tables)}
    participants = list(cafe.participants.all())
    if not participants:
        raise PlanError(_("Add participants first."))
    people = [
        Participant(
            id=str(p.pk),
            name=p.name,
            organisation=p.organisation,
            stakeholder_type=p.stakeholder_type,
            host_table=index.get(p.host_table_id),
            together_with=(str(p.together_with_id),) if p.together_with_id else (),
            needs_accessible=p.needs_accessible_table,
        )
        for p in participants
    ]
    absent = frozenset(str(p.pk) for p in participants if p.left_after_round is not None and p.left_after_round <= held)
    known = {str(p.pk) for p in participants}
    fixed = []
    for tables_of_round in (cafe.plan or [])[:held]:
        fixed.append([[str(pk) for pk in table if str(pk) in known] for table in tables_of_round])
    return Problem(
        people, [Table(t.name, t.capacity, t.accessible) for t in tables], cafe.rounds, fixed, absent
    ), tables


def _held_rounds(cafe: WorldCafe) -> int:
    return cafe.held_rounds if cafe.plan and len(cafe.plan[0]) == cafe.tables.count() else 0


def _store(cafe: WorldCafe, plan, held: int) -> None:
    cafe.plan = [[[int(pid) for pid in table] for table in tables] for tables in plan.rounds]
    cafe.metrics = plan.metrics.as_dict()
    cafe.held_rounds = held
    cafe.plan_version += 1
    cafe.save(update_fields=["plan", "metrics", "held_rounds", "plan_version", "updated"])


def make_plan(cafe: WorldCafe, actor=None, time_limit: float | None = None, progress=None) -> WorldCafe:
    """Plan every round not held yet (all of them for a new plan); ``time_limit=0`` gives the first valid plan."""
    held = _held_rounds(cafe)
    problem, _tables = _problem(cafe, held)
    limit = conf.request_time_limit() if time_limit is None else time_limit
    try:
        if limit <= 0:
            plan = first_plan(problem, seed=cafe.seed)
        else:
            plan = solve(problem, seed=cafe.seed, time_limit=limit, progress=progress)
    except InfeasibleError as error:
        raise PlanError(str(error)) from error
    _store(cafe, plan, held)
    if actor is not None:
        audit.record(actor, "worldcafe.plan", cafe, held_rounds=held, repeats=plan.metrics.repeated_meetings)
    return cafe


def plan_at_once(cafe: WorldCafe, actor=None) -> WorldCafe:
    """Plan all rounds anew, but only the first valid plan (milliseconds even for 300 people), so the page
    shows it at once; the caller queues :func:`improve_stored_plan` in the worker and marks the progress."""
    cafe.held_rounds = 0
    make_plan(cafe, actor=actor, time_limit=0)
    mark_searching(cafe)
    return cafe


def mark_searching(cafe: WorldCafe) -> None:
    cafe.progress, cafe.search_improvements = 0, 0
    WorldCafe.objects.filter(pk=cafe.pk).update(progress=0, search_improvements=0)


IMPROVED, NOT_BETTER, PLAN_CHANGED = "improved", "not better", "plan changed"


class PlanChanged(Exception):
    """Raised by a search's progress callback when the plan it improves was replaced: stop early."""


def _seated(rounds, held: int) -> tuple[int, set[str]]:
    free = rounds[held:]
    return (len(free[0]) if free else 0), {str(pid) for tables in free for table in tables for pid in table}


def improve_stored_plan(
    cafe_id: int,
    version: int,
    *,
    time_limit: float,
    progress=None,
    on_stored=None,
    store_every: float | None = None,
) -> str:
    """Search up to ``time_limit`` seconds for a better plan of the rounds not held yet (in the worker).

    A better plan replaces the stored one only if it is better (lower weighted cost) and the plan is still the
    one the search started from: ``plan_version`` unchanged (but for the search's own stores) and the same people
    at the same number of tables. A plan made, re-planned or improved meanwhile wins. While it runs, the best plan
    so far is stored every ``store_every`` seconds (``conf.best_plan_every``), so the page shows it at once;
    ``on_stored(version)`` is told each new version. Returns IMPROVED (stored at least once), NOT_BETTER or
    PLAN_CHANGED.
    """
    cafe = WorldCafe.objects.get(pk=cafe_id)
    if cafe.plan_version != version or not cafe.plan:
        return PLAN_CHANGED
    held = _held_rounds(cafe)
    every = conf.best_plan_every() if store_every is None else store_every
    state = {"version": version, "stored": 0, "at": time.monotonic(), "changed": False}

    def store(problem, rounds, cost) -> None:
        outcome = _store_if_better(cafe_id, state["version"], held, problem, rounds, cost)
        if outcome == PLAN_CHANGED:
            state["changed"] = True
            raise PlanChanged
        if outcome == IMPROVED:
            state["version"] += 1
            state["stored"] += 1
            if on_stored is not None:
                on_stored(state["version"])

    def improved(cost, rounds):
        if time.monotonic() - state["at"] >= every:
            state["at"] = time.monotonic()
            store(problem, rounds, cost)

    def progress_here(fraction, cost):
        if progress is not None:
            progress(fraction, cost)

    try:
        problem, _tables = _problem(cafe, held)
        plan = solve(problem, seed=cafe.seed, time_limit=time_limit, progress=progress_here, improved=improved)
        store(problem, plan.rounds, plan.cost)
    except (PlanError, InfeasibleError, PlanChanged):
        if state["changed"] or not state["stored"]:
            return PLAN_CHANGED  # participants, tables or the plan changed so that this search no longer fits
    return IMPROVED if state["stored"] else NOT_BETTER


def _store_if_better(cafe_id: int, version: int, held: int, problem, rounds, cost) -> str:
    with transaction.atomic():
        current = WorldCafe.objects.select_for_update().get(pk=cafe_id)
        stored = [[[str(pid) for pid in table] for table in tables] for tables in current.plan]
        if current.plan_version != version or _seated(stored, held) != _seated(rounds, held):
            return PLAN_CHANGED
        if cost >= plan_cost(problem, stored):
            return NOT_BETTER
        _store(current, SimpleNamespace(rounds=rounds, metrics=evaluate(problem, rounds)), held)
        WorldCafe.objects.filter(pk=cafe_id).update(search_improvements=F("search_improvements") + 1)
    return IMPROVED


def report_search_progress(cafe_id: int, version: int, fraction: float) -> None:
    """Show the search's progress; raises PlanChanged when its plan was replaced meanwhile."""
    if not WorldCafe.objects.filter(pk=cafe_id, plan_version=version).update(progress=min(99, int(fraction * 100))):
        raise PlanChanged


def search_finished(cafe_id: int, version: int) -> None:
    """Clear the progress, unless a newer plan (with its own search) replaced the search's last one (``version``)."""
    WorldCafe.objects.filter(pk=cafe_id, plan_version=version).update(progress=None)


@transaction.atomic
def mark_left(cafe: WorldCafe, participant: CafeParticipant, after_round: int, actor=None) -> WorldCafe:
    """Someone left after ``after_round``: keep rounds 1..after_round, re-plan the rest without them."""
    if not cafe.plan:
        raise PlanError(_("There is no plan yet."))
    if not 0 <= after_round < cafe.rounds:
        raise PlanError(_("Choose a round before the last one."))
    participant.left_after_round = after_round
    participant.save(update_fields=["left_after_round"])
    cafe.held_rounds = max(cafe.held_rounds, after_round)
    cafe.progress = None  # a search still running started from the old plan and will be refused
    cafe.save(update_fields=["held_rounds", "progress"])
    if actor is not None:
        audit.record(actor, "worldcafe.left", cafe, participant=participant.pk, after_round=after_round)
    return make_plan(cafe, actor=actor)


def seating(cafe: WorldCafe):
    """Rounds as lists of (table, [participants]) and per participant their tables, for the pages and PDFs."""
    tables = list(cafe.tables.all())
    people = {p.pk: p for p in cafe.participants.select_related("host_table")}
    rounds = []
    itinerary: dict[int, list] = {pk: [None] * len(cafe.plan) for pk in people}
    for r, tables_of_round in enumerate(cafe.plan or []):
        row = []
        for t, pks in enumerate(tables_of_round):
            if t >= len(tables):
                continue
            seated = [people[pk] for pk in pks if pk in people]
            row.append((tables[t], seated))
            for p in seated:
                itinerary[p.pk][r] = tables[t]
        rounds.append(row)
    return rounds, [(p, itinerary[p.pk]) for p in sorted(people.values(), key=lambda p: (p.name, p.pk))]
