import itertools
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inklusio.worldcafe.designs import best_design, field_design, low_repeat_design, shen_8_4_10, square_6_6_5
from inklusio.worldcafe.instances import BENCHMARK, constrained
from inklusio.worldcafe.solver import (
    InfeasibleError,
    Participant,
    Problem,
    Table,
    anonymous_participants,
    check_hard_constraints,
    evaluate,
    replan,
    solve,
    uniform_tables,
)


def max_pair_count(rounds):
    count = Counter()
    for groups in rounds:
        for group in groups:
            for a, b in itertools.combinations(sorted(group), 2):
                count[a, b] += 1
    return max(count.values()), len(count)


def test_shen_design_is_the_social_golfer_8_4_10():
    rounds = shen_8_4_10()
    assert len(rounds) == 10
    for groups in rounds:
        assert sorted(x for g in groups for x in g) == list(range(32))
        assert all(len(g) == 4 for g in groups)
    assert max_pair_count(rounds) == (1, 480)


@pytest.mark.parametrize(("tables", "size", "rounds"), [(5, 4, 5), (4, 4, 5), (8, 5, 8), (9, 9, 10), (7, 3, 7)])
def test_field_designs_have_no_repeats(tables, size, rounds):
    design = field_design(tables, size)
    assert len(design) == rounds
    for groups in design:
        assert sorted(x for g in groups for x in g) == list(range(tables * size))
    assert max_pair_count(design)[0] == 1


def repeats(rounds):
    count = Counter()
    for groups in rounds:
        for group in groups:
            for a, b in itertools.combinations(sorted(group), 2):
                count[a, b] += 1
    return sum(m - 1 for m in count.values())


def test_square_design_has_twelve_repeats_and_none_in_its_first_three_rounds():
    rounds = square_6_6_5()
    assert len(rounds) == 5
    for groups in rounds:
        assert sorted(x for g in groups for x in g) == list(range(36))
        assert [len(g) for g in groups] == [6] * 6
    assert [repeats(rounds[:k]) for k in range(1, 6)] == [0, 0, 0, 2, 12]
    assert max_pair_count(rounds)[0] == 2
    assert low_repeat_design(6, 6) == ("square-6-6-5", rounds)
    assert low_repeat_design(6, 5) == ("", [])


@pytest.mark.parametrize(("rounds", "most"), [(3, 0), (4, 2), (5, 12)])
def test_square_instance_starts_from_the_low_repeat_design(rounds, most):
    # 36 people at 6 tables of 6: the first plan already has the design's repeats; the rest is searched
    problem = Problem(anonymous_participants(36), uniform_tables(36, 6, 6), rounds)
    plan = solve(problem, seed=3, time_limit=0.5)
    assert check_hard_constraints(problem, plan.rounds) == []
    assert plan.time_to_first < 1.0
    assert plan.metrics.repeated_meetings <= most
    assert plan.metrics.max_meetings <= 2
    assert ("square-6-6-5" in plan.method) == (rounds > 3)


def test_square_benchmark_reaches_twelve_within_a_second():
    # issue 4 asks for at most 8; 12 is the best known here (see designs.py)
    problem = BENCHMARK["square"]()
    plan = solve(problem, seed=1, time_limit=1.0)
    assert check_hard_constraints(problem, plan.rounds) == []
    assert plan.metrics.repeated_meetings <= 12
    assert plan.time_to_best < 1.0


def test_square_instance_with_a_host_does_not_use_the_design():
    people = anonymous_participants(36)
    people[0] = Participant("1", host_table=2)
    problem = Problem(people, uniform_tables(36, 6, 6), 5)
    plan = solve(problem, seed=1, time_limit=0.3)
    assert check_hard_constraints(problem, plan.rounds) == []
    assert "square-6-6-5" not in plan.method
    assert all("1" in plan.rounds[r][2] for r in range(5))


def test_no_design_for_six_tables_of_five():
    assert best_design(6, 5)[1] == [] or len(best_design(6, 5)[1]) < 2


@pytest.mark.parametrize("name", ["small", "golfers", "uneven", "expert day"])
def test_benchmark_instances_reach_zero_repeats(name):
    problem = BENCHMARK[name]()
    plan = solve(problem, seed=1, time_limit=20)
    assert check_hard_constraints(problem, plan.rounds) == []
    assert plan.metrics.repeated_meetings == 0
    assert plan.metrics.max_meetings == 1


def test_constrained_instance_keeps_every_rule_and_mixes():
    problem = constrained()
    plan = solve(problem, seed=1, time_limit=20)
    assert check_hard_constraints(problem, plan.rounds) == []
    m = plan.metrics
    assert m.repeated_meetings == 0
    assert m.colleague_clashes == 0
    assert m.types_per_table_min >= 3
    hosts = {p.id: p.host_table for p in problem.participants if p.host_table is not None}
    for tables in plan.rounds:
        for pid, t in hosts.items():
            assert pid in tables[t]


def test_same_seed_same_plan_without_search():
    problem = BENCHMARK["large day"]()
    a = solve(problem, seed=5, time_limit=0)
    b = solve(problem, seed=5, time_limit=0)
    assert a.rounds == b.rounds
    assert solve(problem, seed=6, time_limit=0).rounds != a.rounds


def test_repeats_are_spread_when_unavoidable():
    # 4 people at 2 tables of 2 for 4 rounds: K4 has 3 perfect matchings, so one repeats (2 repeats)
    problem = Problem(anonymous_participants(4), uniform_tables(4, 2, 2), 4)
    plan = solve(problem, seed=0, time_limit=1)
    assert plan.metrics.repeated_meetings == 2
    assert plan.metrics.max_meetings == 2  # nobody meets three times while others never met
    assert plan.metrics.new_contacts_min == 3


def test_metrics_count_repeats_and_clashes():
    people = [
        Participant("a", organisation="X", stakeholder_type="s"),
        Participant("b", organisation="X"),
        Participant("c", stakeholder_type="s"),
        Participant("d", stakeholder_type="t"),
    ]
    problem = Problem(people, [Table("1", 2), Table("2", 2)], 2)
    m = evaluate(problem, [[["a", "b"], ["c", "d"]], [["a", "b"], ["c", "d"]]])
    assert m.repeated_meetings == 2
    assert m.max_meetings == 2
    assert m.colleague_clashes == 2
    assert m.new_contacts_min == 1
    assert m.types_per_table_min == 1
    assert m.types_per_table_mean == 1.5


def test_replan_keeps_past_rounds_and_counts_them():
    problem = BENCHMARK["expert day"]()
    first = solve(problem, seed=2, time_limit=5)
    held = first.rounds[:2]
    left = {held[0][0][0], held[0][1][0]}
    latecomer = Participant("late")
    problem2 = Problem(problem.participants + [latecomer], problem.tables, problem.rounds)
    plan = replan(problem2, held, left=left, seed=2, time_limit=5)
    assert plan.rounds[:2] == held
    assert (
        check_hard_constraints(Problem(problem2.participants, problem2.tables, 4, held, frozenset(left)), plan.rounds)
        == []
    )
    seated_later = {pid for tables in plan.rounds[2:] for table in tables for pid in table}
    assert not seated_later & left
    assert "late" in seated_later
    assert plan.metrics.repeated_meetings == 0


def test_replan_with_no_rounds_left_returns_the_held_plan():
    problem = BENCHMARK["small"]()
    first = solve(problem, seed=1, time_limit=0)
    plan = replan(problem, first.rounds, seed=1, time_limit=1)
    assert plan.rounds == first.rounds


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (Problem(anonymous_participants(11), uniform_tables(10, 2, 5), 2), "do not fit"),
        (Problem(anonymous_participants(4), [], 2), "at least one table"),
        (Problem(anonymous_participants(4), uniform_tables(4, 2, 2), 0), "at least one round"),
        (
            Problem(
                [Participant("a", host_table=0), Participant("b", host_table=0), Participant("c", host_table=0)],
                uniform_tables(3, 2, 2),
                1,
            ),
            "hosts",
        ),
        (
            Problem(
                [Participant("a", host_table=0, together_with=("b",)), Participant("b", host_table=1)],
                uniform_tables(2, 2, 2),
                1,
            ),
            "host different tables",
        ),
        (
            Problem(
                [Participant("a", needs_accessible=True), Participant("b", needs_accessible=True)],
                [Table("1", 1, True), Table("2", 5)],
                1,
            ),
            "accessible",
        ),
        (
            Problem(
                [Participant("a", together_with=("b",)), Participant("b"), Participant("c", together_with=("b",))],
                uniform_tables(3, 2, 2),
                1,
            ),
            "no table seats 3",
        ),
        (Problem([Participant("a", together_with=("zz",))], uniform_tables(1, 1, 2), 1), "not a participant"),
        (Problem([Participant("a"), Participant("a")], uniform_tables(2, 1, 2), 1), "twice"),
        (Problem([Participant("a", host_table=5)], uniform_tables(1, 1, 2), 1), "does not exist"),
        (Problem([Participant("a", needs_accessible=True, host_table=0)], [Table("1", 2)], 1), "accessible"),
        (
            Problem(anonymous_participants(2), uniform_tables(2, 1, 2), 1, [[["1"], ["2"]], [["1"], ["2"]]]),
            "More rounds",
        ),
    ],
)
def test_impossible_instances_raise_a_clear_error(problem, message):
    with pytest.raises(InfeasibleError, match=message):
        solve(problem, time_limit=0.1)


@st.composite
def instances(draw):
    n_tables = draw(st.integers(1, 7))
    tables = [Table(str(t), draw(st.integers(1, 6)), draw(st.booleans())) for t in range(n_tables)]
    n = draw(st.integers(1, sum(t.capacity for t in tables) + 3))  # sometimes too many
    people = []
    hosts_used = Counter()
    for i in range(n):
        host = draw(st.none() | st.integers(0, n_tables))  # n_tables itself is an invalid index
        if host is not None and host < n_tables and hosts_used[host] >= 1 and draw(st.booleans()):
            host = None
        if host is not None:
            hosts_used[host] += 1
        together = ()
        if i > 0 and draw(st.integers(0, 5)) == 0:
            together = (str(draw(st.integers(0, i - 1))),)
        people.append(
            Participant(
                str(i),
                organisation=draw(st.sampled_from(["", "A", "B", "C"])),
                stakeholder_type=draw(st.sampled_from(["", "x", "y", "z"])),
                host_table=host,
                together_with=together,
                needs_accessible=draw(st.integers(0, 6)) == 0,
            )
        )
    return Problem(people, tables, draw(st.integers(1, 4)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.integers(0, 3))
def test_every_returned_plan_keeps_the_hard_constraints(problem, seed):
    try:
        plan = solve(problem, seed=seed, time_limit=0.05)
    except InfeasibleError as error:
        assert str(error)
        return
    assert check_hard_constraints(problem, plan.rounds) == []
    assert plan.metrics.repeated_meetings >= 0


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5), st.integers(1, 4), st.integers(0, 3))
def test_too_many_people_is_always_an_error(tables, size, extra):
    people = anonymous_participants(tables * size + 1 + extra)
    with pytest.raises(InfeasibleError, match="do not fit"):
        solve(Problem(people, uniform_tables(0, tables, size), 2), time_limit=0)
