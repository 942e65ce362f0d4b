"""Issue 16: the first valid plan at once, the better plan from the worker, guarded by the plan version."""

import pytest
from django.db.models import F
from django.urls import reverse
from django_tasks import default_task_backend

from inklusio.worldcafe import services
from inklusio.worldcafe.instances import constrained, mixed_day
from inklusio.worldcafe.models import CafeParticipant, CafeTable, WorldCafe
from inklusio.worldcafe.solver import check_hard_constraints, first_plan, plan_cost, solve
from inklusio.worldcafe.tasks import improve_plan

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}


@pytest.mark.parametrize("problem", [mixed_day(300), mixed_day(11), constrained()], ids=["300", "11", "constrained"])
def test_first_plan_keeps_every_hard_rule_and_is_fast(problem):
    plan = first_plan(problem, seed=1)  # its speed: benchmarks/worldcafe.py --first-plan (no timing in tests)
    assert check_hard_constraints(problem, plan.rounds) == []
    assert plan.iterations == 0 and "late acceptance" not in plan.method  # no search ran
    assert plan_cost(problem, plan.rounds) == plan.cost


def test_plan_cost_agrees_with_the_search():
    problem = mixed_day(30)
    plan = solve(problem, seed=2, time_limit=0.3)
    assert plan_cost(problem, plan.rounds) == plan.cost
    assert plan.cost <= first_plan(problem, seed=2).cost


@pytest.fixture
def cafe(project):
    cafe = WorldCafe.objects.create(project=project, title="Fachtag", rounds=4)
    for i in range(3):
        CafeTable.objects.create(cafe=cafe, name=str(i + 1), capacity=4, position=i)
    for i in range(11):
        CafeParticipant.objects.create(
            cafe=cafe, name=f"Person {i:02d}", organisation=f"Org {i // 3}", stakeholder_type=f"Type {i % 4}"
        )
    return cafe


def _stored_cost(cafe):
    problem, _tables = services._problem(cafe, 0)
    return plan_cost(problem, [[[str(pk) for pk in t] for t in r] for r in cafe.plan])


def test_planning_shows_the_first_plan_at_once_and_queues_the_search(client, cafe, staff, settings):
    settings.TASKS = DUMMY
    default_task_backend.clear()
    client.force_login(staff)
    client.get(reverse("worldcafe:detail", args=[cafe.pk]))  # the first request of a process loads templates
    response = client.post(reverse("worldcafe:plan_make", args=[cafe.pk]))
    assert response.status_code == 302 and response.url == reverse("worldcafe:rounds", args=[cafe.pk])
    cafe.refresh_from_db()
    assert cafe.plan and cafe.plan_version == 1 and cafe.progress == 0
    problem, _tables = services._problem(cafe, 0)
    assert check_hard_constraints(problem, [[[str(pk) for pk in t] for t in r] for r in cafe.plan]) == []
    [queued] = default_task_backend.results
    assert queued.task.name == "improve_plan" and list(queued.args) == [cafe.pk, 1]
    page = client.get(response.url)
    assert b'id="plan-search-progress"' in page.content
    assert f"?shown={cafe.plan_version}".encode() in page.content and b'data-hx-trigger="every 2s"' in page.content


def test_improvement_replaces_the_first_plan_only_when_better(cafe):
    services.plan_at_once(cafe)
    first_cost, version = _stored_cost(cafe), cafe.plan_version
    outcome = improve_plan.call(cafe.pk, version, time_limit=1.0)
    cafe.refresh_from_db()
    assert outcome == services.IMPROVED
    assert cafe.plan_version == version + 1 and _stored_cost(cafe) < first_cost
    assert cafe.progress is None
    problem, _tables = services._problem(cafe, 0)
    assert check_hard_constraints(problem, [[[str(pk) for pk in t] for t in r] for r in cafe.plan]) == []
    # searching again from the better plan with a search too short to beat it: the plan stays
    plan_before = cafe.plan
    outcome = improve_plan.call(cafe.pk, cafe.plan_version, time_limit=0)
    cafe.refresh_from_db()
    assert outcome == services.NOT_BETTER and cafe.plan == plan_before and cafe.plan_version == version + 1


def test_improvement_refuses_when_the_plan_was_made_anew_meanwhile(cafe):
    services.plan_at_once(cafe)
    stale = cafe.plan_version
    services.plan_at_once(cafe)  # someone pressed "plan anew": version 2, with its own search
    plan = cafe.plan
    assert improve_plan.call(cafe.pk, stale, time_limit=1.0) == services.PLAN_CHANGED
    cafe.refresh_from_db()
    assert cafe.plan == plan and cafe.plan_version == stale + 1
    assert cafe.progress == 0  # the newer search still owns the progress


def test_improvement_refuses_when_the_version_changes_during_the_search(cafe):
    services.plan_at_once(cafe)
    version, plan = cafe.plan_version, cafe.plan

    def someone_replans(fraction, cost):
        WorldCafe.objects.filter(pk=cafe.pk).update(plan_version=F("plan_version") + 1)

    outcome = services.improve_stored_plan(cafe.pk, version, time_limit=1.0, progress=someone_replans)
    cafe.refresh_from_db()
    assert outcome == services.PLAN_CHANGED and cafe.plan == plan


def test_a_running_search_stops_when_its_plan_was_replaced(cafe):
    services.plan_at_once(cafe)
    WorldCafe.objects.filter(pk=cafe.pk).update(plan_version=F("plan_version") + 1)
    with pytest.raises(services.PlanChanged):
        services.report_search_progress(cafe.pk, cafe.plan_version, 0.5)


def test_improvement_refuses_when_participants_changed(cafe):
    services.plan_at_once(cafe)
    plan = cafe.plan
    CafeParticipant.objects.create(cafe=cafe, name="Late arrival")
    assert improve_plan.call(cafe.pk, cafe.plan_version, time_limit=0.5) == services.PLAN_CHANGED
    cafe.refresh_from_db()
    assert cafe.plan == plan and cafe.progress is None


def test_leaving_replans_and_outdates_a_running_search(cafe):
    services.plan_at_once(cafe)
    stale = cafe.plan_version
    services.mark_left(cafe, cafe.participants.first(), 1)
    cafe.refresh_from_db()
    assert cafe.progress is None and cafe.plan_version == stale + 1
    assert improve_plan.call(cafe.pk, stale, time_limit=0.5) == services.PLAN_CHANGED


def test_polling_page_says_how_the_search_ended(client, cafe, staff):
    services.plan_at_once(cafe)
    client.force_login(staff)
    for name in ("worldcafe:rounds", "worldcafe:detail"):
        url = reverse(name, args=[cafe.pk])
        searching = client.get(url, {"shown": cafe.plan_version}, headers={"HX-Request": "true"})
        assert b'id="plan-search-progress"' in searching.content
        WorldCafe.objects.filter(pk=cafe.pk).update(progress=None)
        same = client.get(url, {"shown": cafe.plan_version}, headers={"HX-Request": "true"})
        assert b"keinen besseren Plan" in same.content
        better = client.get(url, {"shown": cafe.plan_version - 1}, headers={"HX-Request": "true"})
        assert b'id="plan-metrics"' in better.content
        assert b"data-hx-trigger" not in better.content.split(b'id="plan-progress"')[1][:200]  # polling stops
        bad = client.get(url, {"shown": "x<script>"})
        assert bad.status_code == 200 and b"x<script>" not in bad.content
        WorldCafe.objects.filter(pk=cafe.pk).update(progress=0)


def test_read_only_user_cannot_start_planning(client, cafe, make_user):
    client.force_login(make_user("read_only"))
    assert client.post(reverse("worldcafe:plan_make", args=[cafe.pk])).status_code == 403
    cafe.refresh_from_db()
    assert not cafe.plan and cafe.plan_version == 0


def test_the_search_stores_its_best_plan_so_far_and_the_page_shows_it(client, cafe, staff):
    services.plan_at_once(cafe)
    version, first_cost = cafe.plan_version, _stored_cost(cafe)
    seen = []

    def progress(fraction, cost):  # what the page would show while the search runs
        row = WorldCafe.objects.get(pk=cafe.pk)
        seen.append((row.plan_version, row.search_improvements, _stored_cost(row)))

    stored = []
    outcome = services.improve_stored_plan(
        cafe.pk, version, time_limit=1.0, progress=progress, on_stored=stored.append, store_every=0
    )
    cafe.refresh_from_db()
    assert outcome == services.IMPROVED
    assert len(stored) >= 2 and stored == list(range(version + 1, version + 1 + len(stored)))
    assert cafe.plan_version == stored[-1] and cafe.search_improvements == len(stored)
    assert any(v > version for v, _n, _c in seen), "a better plan was stored while the search still ran"
    costs = [c for _v, _n, c in seen]
    assert costs == sorted(costs, reverse=True) and _stored_cost(cafe) < first_cost  # only ever better
    problem, _tables = services._problem(cafe, 0)
    assert check_hard_constraints(problem, [[[str(pk) for pk in t] for t in r] for r in cafe.plan]) == []
    WorldCafe.objects.filter(pk=cafe.pk).update(progress=40)
    client.force_login(staff)
    page = client.get(reverse("worldcafe:rounds", args=[cafe.pk])).content.decode()
    assert "der beste bisher gefundene" in page and f"{len(stored)}" in page
    WorldCafe.objects.filter(pk=cafe.pk).update(progress=None)
    done = client.get(reverse("worldcafe:rounds", args=[cafe.pk]), {"shown": cafe.plan_version})
    assert "Ein besserer Plan wurde gefunden" in done.content.decode()  # improved, though the last poll saw it


def test_the_task_follows_its_own_stores_and_clears_the_progress(cafe, settings):
    settings.WORLDCAFE_BEST_PLAN_EVERY = 0
    services.plan_at_once(cafe)
    version = cafe.plan_version
    assert improve_plan.call(cafe.pk, version, time_limit=1.0) == services.IMPROVED
    cafe.refresh_from_db()
    assert cafe.plan_version > version and cafe.search_improvements == cafe.plan_version - version
    assert cafe.progress is None  # cleared at the search's own last version, not taken for a rival's


def test_a_plan_made_anew_after_a_store_stops_the_search(cafe):
    services.plan_at_once(cafe)
    version = cafe.plan_version

    def someone_replans(stored_version):
        if stored_version == version + 1:
            WorldCafe.objects.filter(pk=cafe.pk).update(plan_version=F("plan_version") + 1)

    outcome = services.improve_stored_plan(cafe.pk, version, time_limit=1.0, on_stored=someone_replans, store_every=0)
    cafe.refresh_from_db()
    assert outcome == services.PLAN_CHANGED and cafe.plan_version == version + 2
