"""World Café table rotation: who sits at which table in each round (pure Python, no Django).

Problem: N participants, T tables (each with a capacity), R rounds; each round
everybody present sits at one table. Optimised in this order:

1. hard: table capacities; hosts stay at their own table every round; people who
   must stay together (a participant and their assistant or interpreter) sit
   together every round; people who need an accessible table only sit at one;
2. no pair meets twice (the cost of a pair that met ``m`` times is ``m(m-1)/2``,
   which is convex, so a pair meeting three times costs more than two pairs
   meeting twice: repeats are spread);
3. colleagues (same organisation) not at the same table;
4. stakeholder types mixed (cost: pairs of the same type at a table).

The three soft goals are one weighted sum, ``1000 * repeats + 40 * colleague
pairs + 1 * same-type pairs``; the weights make the order lexicographic in
practice (a repeat is traded only for more than 25 colleague clashes).

Algorithm, chosen by measurement (``benchmarks/worldcafe.py``, seed 1, one core,
time limit 60 s; figures measured 2026-11-23 on the development machine):

1. Start plan. People with no hard constraints on uniform tables get a known
   zero-repeat design (``designs.py``): GF(q) / affine plane for ``q`` tables
   with ``q`` a prime power, the cyclic Latin square (3 rounds) for square
   instances, and Shen's LRB(4, 2, 16) for the social golfer 8-4-10. Where
   those are too short and a known low-repeat design reaches further, that one
   is used: 6 tables of 6 for 4-5 rounds get ``square-6-6-5`` (2 repeats in 4
   rounds, 12 in 5). All
   further rounds (or all rounds, when hosts, together-groups or accessible
   tables are involved) come from a greedy construction that seats the most
   constrained blocks first, each at the admissible table where it adds the
   least cost. This is the "first valid plan" (well under a second everywhere).
2. Improvement by late-acceptance hill climbing (LAHC, Burke & Bykov) over
   swaps of equal-sized blocks (a pair of people who stay together counts as a
   block and is swapped with another pair or with two single people) between two
   tables of one round, with an O(table size) incremental delta on the pair
   meeting-count matrix. LAHC accepts a move when it is no worse than the cost
   of L = 500 steps ago; unlike simulated annealing it needs no temperature, which
   matters with lexicographic weights spanning three orders of magnitude.
   Two of three moves are aimed: they take a person who currently has a cost
   (a repeat, a colleague, a same-type neighbour) at their table.
3. When LAHC stalls with repeats left, a conflict-directed tabu search (after
   Dotu and Van Hentenryck's social golfer search) takes over: the best swap
   of a person who meets someone again with anybody at another table; then LAHC
   again, from the best plan, until the time limit or a cost of zero.

Measured with ``PYTHONPATH=src python benchmarks/worldcafe.py --time-limit 60 --seed 1``
(2026-11-23, development machine with 2 cores shared by several processes; the first valid
plan came within 0.13 s everywhere; the "tool" column is the generic genetic solver hosts use
today, figures from issue 4):

=============  =======  ===========  =============================================
instance       repeats  best after   tool / notes
=============  =======  ===========  =============================================
small          0        0.00 s       tool 0; field design GF(5)
expert day     0        0.8-3.3 s    tool 1
golfers        0        0.00 s       tool 31-34; Shen's LRB design. Without the
                                     design the local search stops at 26 (30 s)
square         12       0.00 s       tool 15-20; goal 8 NOT reached; the
                                     square-6-6-5 design (first plan = best
                                     plan, 1 ms); lower bound >= 6, and 8
                                     is impossible with three mutually
                                     orthogonal rounds (docs/worldcafe.md).
                                     Before the design: 12 after 7-42 s
large day      0        1.1 s        tool 0 in 7-17 s
congress       0        2.9-3.6 s    tool 0 in ~80 s
big hall       0        0.1-0.2 s    tool 0 in 230-300 s
uneven         0        0.5-0.7 s
constrained    0        12 s         0 colleague clashes, 5 stakeholder types at
                                     every table-round (min 5, mean 5.0)
=============  =======  ===========  =============================================

Tried and dropped for the square instance (36 people, 6 x 6, 5 rounds): simulated annealing
over the same swaps (14-18 repeats after 20 s), LAHC histories of 5,000 and 20,000 (15 and 23
after 60 s), fixing rows and columns as rounds 1-2 (14-15), and annealing over three Latin
squares by cycle switches (14 after 10 s). The default (LAHC history 500 alternating with the
conflict-directed tabu search) gave 12-15. A dedicated simulated annealing in C (about a million
swaps per second, all five rounds free or rows fixed, pair cost ``m(m-1)/2`` or the exact repeat
count, 16 runs of 60-300 s with different seeds) reached 12 within 0.1-10 s in every run and
never fewer; with rows, columns and a Latin square fixed as rounds 1-3 (one square for each of 11
main-class invariants, 20 s each) it gave 12-15; exact covers with rounds 3-5 all Latin squares
gave at best 14, and a branch and bound with two Latin squares plus a row-orthogonal fifth round
gave 12. So 12 is stored as the
``square-6-6-5`` design (``designs.py``); the local search still runs on it until the time limit
but has not improved it. Whether 8 is possible at all is open here; proven since
(``benchmarks/worldcafe_square_bound.py``, exhaustive case split, docs/worldcafe.md): at least
6 repeats always, and more than 8 (at least 12) whenever three rounds are mutually orthogonal,
which every plan these searches found had; the open cases are four orthogonality patterns without
such a triple.

``perfect-strangers`` 0.3.7 (PyPI, MIT) was examined as the alternative (its data
files and constructions, read and verified here; not run, because it needs ``galois``): it
builds the 8-4-10 (the same Shen design, 10 rounds) but only 3 rounds for 6 × 6 and
nothing for hosts, pairs, accessibility, colleagues or mixing, and it depends on
``galois`` (numba, llvmlite). Only its 8-4 data is used (copied in ``designs.py``).
OR-Tools CP-SAT is not used: the local search reaches zero on every instance
where the issue asks for zero, in seconds. For the square instance it was tried offline
(ortools 9.15, one worker, rounds 1-3 fixed as above, rounds 4-5 free, at most 11 repeats
required): after 420 s no plan and no bound above 0, so it neither found nor refuted a better
plan and is not a dependency.

Re-planning: :class:`Problem` takes ``fixed_rounds`` (the rounds already held,
counted as meetings) and ``absent`` (who left); only the remaining rounds are
planned, with everybody not absent, including people who arrived late.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field

from .designs import best_design, low_repeat_design

W_REPEAT = 1000
W_COLLEAGUE = 40
W_TYPE = 1


class InfeasibleError(ValueError):
    """The instance has no plan that keeps the hard constraints; the message says why."""


@dataclass(frozen=True)
class Participant:
    id: str
    name: str = ""
    organisation: str = ""
    stakeholder_type: str = ""
    host_table: int | None = None
    together_with: tuple[str, ...] = ()
    needs_accessible: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    capacity: int
    accessible: bool = False


@dataclass
class Problem:
    participants: list[Participant]
    tables: list[Table]
    rounds: int
    fixed_rounds: list[list[list[str]]] = field(default_factory=list)
    absent: frozenset[str] = frozenset()


@dataclass
class Metrics:
    repeated_meetings: int
    max_meetings: int
    new_contacts_min: int
    new_contacts_mean: float
    colleague_clashes: int
    types_per_table_min: int
    types_per_table_mean: float

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Plan:
    rounds: list[list[list[str]]]
    metrics: Metrics
    method: str
    cost: int
    time_to_first: float
    time_to_best: float
    iterations: int

    def as_dict(self) -> dict:
        return {
            "rounds": self.rounds,
            "metrics": self.metrics.as_dict(),
            "solver": {
                "method": self.method,
                "cost": self.cost,
                "time_to_first_plan": round(self.time_to_first, 4),
                "time_to_best_plan": round(self.time_to_best, 4),
                "iterations": self.iterations,
            },
        }


def uniform_tables(people: int, tables: int, size: int | None = None) -> list[Table]:
    """T tables named 1..T; with ``size`` each seats ``size``, otherwise the sizes differ by at most one
    so that exactly ``people`` fit."""
    if tables < 1:
        raise InfeasibleError("There must be at least one table.")
    if size is not None:
        return [Table(str(i + 1), size) for i in range(tables)]
    base, extra = divmod(people, tables)
    return [Table(str(i + 1), base + (1 if i < extra else 0)) for i in range(tables)]


def anonymous_participants(n: int) -> list[Participant]:
    return [Participant(str(i + 1)) for i in range(n)]


# --------------------------------------------------------------------------- validation and blocks


def _blocks(problem: Problem) -> tuple[list[list[int]], list[int]]:
    """Group participants who stay together (union-find over ``together_with``)."""
    index = {p.id: i for i, p in enumerate(problem.participants)}
    parent = list(range(len(problem.participants)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, p in enumerate(problem.participants):
        for other in p.together_with:
            if other not in index:
                raise InfeasibleError(f"{p.id} should stay together with {other}, who is not a participant.")
            if other == p.id:
                continue
            parent[find(i)] = find(index[other])
    groups: dict[int, list[int]] = {}
    for i in range(len(problem.participants)):
        groups.setdefault(find(i), []).append(i)
    blocks = list(groups.values())
    block_of = [0] * len(problem.participants)
    for b, members in enumerate(blocks):
        for i in members:
            block_of[i] = b
    return blocks, block_of


def _validate(problem: Problem) -> None:
    if problem.rounds < 1:
        raise InfeasibleError("There must be at least one round.")
    if not problem.tables:
        raise InfeasibleError("There must be at least one table.")
    for t in problem.tables:
        if t.capacity < 1:
            raise InfeasibleError(f"Table {t.name} must seat at least one person.")
    seen = set()
    for p in problem.participants:
        if p.id in seen:
            raise InfeasibleError(f"Participant {p.id} appears twice.")
        seen.add(p.id)
        if p.host_table is not None and not 0 <= p.host_table < len(problem.tables):
            raise InfeasibleError(f"{p.id} hosts table number {p.host_table + 1}, which does not exist.")
        if p.host_table is not None and p.needs_accessible and not problem.tables[p.host_table].accessible:
            raise InfeasibleError(
                f"{p.id} needs an accessible table but hosts table {problem.tables[p.host_table].name}, which is not."
            )
    if len(problem.fixed_rounds) > problem.rounds:
        raise InfeasibleError("More rounds are fixed than the World Café has.")
    for r, tables in enumerate(problem.fixed_rounds):
        if len(tables) != len(problem.tables):
            raise InfeasibleError(f"Round {r + 1} has {len(tables)} tables, the World Café {len(problem.tables)}.")
        ids = [pid for table in tables for pid in table]
        if len(ids) != len(set(ids)):
            raise InfeasibleError(f"Someone sits at two tables in round {r + 1}.")
        unknown = set(ids) - seen
        if unknown:
            raise InfeasibleError(f"Round {r + 1} seats unknown participants: {', '.join(sorted(unknown))}.")


# --------------------------------------------------------------------------- metrics


def evaluate(problem: Problem, rounds: list[list[list[str]]]) -> Metrics:
    """The figures the issue asks for, over all rounds (pairs who must stay together are not counted)."""
    info = {p.id: p for p in problem.participants}
    _, block_of = _blocks(problem)
    index = {p.id: i for i, p in enumerate(problem.participants)}
    meetings: Counter = Counter()
    clashes = 0
    types_per_table = []
    contacts: dict[str, set] = {}
    for tables in rounds:
        for table in tables:
            if not table:
                continue
            types_per_table.append(len({info[p].stakeholder_type for p in table if info[p].stakeholder_type}))
            for i, a in enumerate(table):
                contacts.setdefault(a, set())
                for b in table[i + 1 :]:
                    if block_of[index[a]] == block_of[index[b]]:
                        continue
                    meetings[(a, b) if a < b else (b, a)] += 1
                    contacts[a].add(b)
                    contacts.setdefault(b, set()).add(a)
                    if info[a].organisation and info[a].organisation == info[b].organisation:
                        clashes += 1
    new_contacts = [len(c) for c in contacts.values()] or [0]
    return Metrics(
        repeated_meetings=sum(m - 1 for m in meetings.values()),
        max_meetings=max(meetings.values(), default=0),
        new_contacts_min=min(new_contacts),
        new_contacts_mean=round(sum(new_contacts) / len(new_contacts), 2),
        colleague_clashes=clashes,
        types_per_table_min=min(types_per_table, default=0),
        types_per_table_mean=round(sum(types_per_table) / len(types_per_table), 2) if types_per_table else 0.0,
    )


def check_hard_constraints(problem: Problem, rounds: list[list[list[str]]]) -> list[str]:
    """Every broken hard rule of the planned (not fixed) rounds, as messages; empty when the plan is valid."""
    errors = []
    info = {p.id: p for p in problem.participants}
    present = {p.id for p in problem.participants if p.id not in problem.absent}
    if len(rounds) != problem.rounds:
        errors.append(f"{len(rounds)} rounds instead of {problem.rounds}")
    for r, tables in enumerate(rounds):
        if r < len(problem.fixed_rounds):
            continue
        seated = [pid for table in tables for pid in table]
        if sorted(seated) != sorted(present):
            errors.append(f"round {r + 1}: not everybody present is seated exactly once")
        where = {pid: t for t, table in enumerate(tables) for pid in table}
        for t, table in enumerate(tables):
            spec = problem.tables[t]
            if len(table) > spec.capacity:
                errors.append(f"round {r + 1}: table {spec.name} over capacity")
            for pid in table:
                if info[pid].needs_accessible and not spec.accessible:
                    errors.append(f"round {r + 1}: {pid} at a table that is not accessible")
        for pid in seated:
            p = info[pid]
            if p.host_table is not None and where[pid] != p.host_table:
                errors.append(f"round {r + 1}: host {pid} not at their table")
            for other in p.together_with:
                if other in where and where[other] != where[pid]:
                    errors.append(f"round {r + 1}: {pid} and {other} are not together")
    return errors


# --------------------------------------------------------------------------- the search


class _Search:
    def __init__(self, problem: Problem, rng: random.Random):
        self.problem = problem
        self.rng = rng
        people = problem.participants
        self.n = n = len(people)
        self.index = {p.id: i for i, p in enumerate(people)}
        self.blocks, self.block_of = _blocks(problem)
        self.T = len(problem.tables)
        self.capacity = [t.capacity for t in problem.tables]
        self.accessible = [t.accessible for t in problem.tables]
        # static pair cost (colleagues, same type), zero inside a block
        static = [[0] * n for _ in range(n)]
        for i in range(n):
            pi = people[i]
            for j in range(i + 1, n):
                if self.block_of[i] == self.block_of[j]:
                    continue
                pj = people[j]
                cost = 0
                if pi.organisation and pi.organisation == pj.organisation:
                    cost += W_COLLEAGUE
                if pi.stakeholder_type and pi.stakeholder_type == pj.stakeholder_type:
                    cost += W_TYPE
                if cost:
                    static[i][j] = static[j][i] = cost
        self.static = static
        self.meet = [[0] * n for _ in range(n)]
        self.present_blocks = []
        self.block_host: list[int | None] = []
        self.block_access: list[bool] = []
        for b, members in enumerate(self.blocks):
            hosts = {people[i].host_table for i in members if people[i].host_table is not None}
            if len(hosts) > 1:
                names = ", ".join(people[i].id for i in members)
                raise InfeasibleError(f"{names} must sit together but host different tables.")
            self.block_host.append(hosts.pop() if hosts else None)
            self.block_access.append(any(people[i].needs_accessible for i in members))
            if self.block_host[b] is not None and self.block_access[b] and not self.accessible[self.block_host[b]]:
                names = ", ".join(people[i].id for i in members)
                raise InfeasibleError(
                    f"{names} must sit together at table {problem.tables[self.block_host[b]].name}, which is not "
                    "accessible, but one of them needs an accessible table."
                )
            present_members = [i for i in members if people[i].id not in problem.absent]
            if present_members and len(present_members) != len(members):
                # someone of a together-group left: the rest stays a block
                self.blocks[b] = present_members
            if present_members:
                self.present_blocks.append(b)
        self.fixed = len(problem.fixed_rounds)
        self.free_rounds = list(range(self.fixed, problem.rounds))
        for tables in problem.fixed_rounds:
            for table in tables:
                members = [self.index[pid] for pid in table]
                for a_pos, a in enumerate(members):
                    for c in members[a_pos + 1 :]:
                        if self.block_of[a] != self.block_of[c]:
                            self.meet[a][c] += 1
                            self.meet[c][a] += 1
        self._check_capacity()

    # ---- feasibility
    def _check_capacity(self):
        people = self.problem.participants
        size = {b: len(self.blocks[b]) for b in self.present_blocks}
        total = sum(size.values())
        if total > sum(self.capacity):
            raise InfeasibleError(f"{total} participants do not fit at tables that seat {sum(self.capacity)} in total.")
        host_load = [0] * self.T
        for b in self.present_blocks:
            if self.block_host[b] is not None:
                host_load[self.block_host[b]] += size[b]
        for t, load in enumerate(host_load):
            if load > self.capacity[t]:
                raise InfeasibleError(
                    f"Table {self.problem.tables[t].name} seats {self.capacity[t]}, but its hosts and the people "
                    f"who stay with them are {load}."
                )
        biggest = max(self.capacity)
        for b in self.present_blocks:
            if size[b] > biggest:
                names = ", ".join(people[i].id for i in self.blocks[b])
                raise InfeasibleError(f"{names} must sit together, but no table seats {size[b]}.")
        need = sum(size[b] for b in self.present_blocks if self.block_access[b])
        room = sum(self.capacity[t] for t in range(self.T) if self.accessible[t])
        if need > room:
            raise InfeasibleError(
                f"{need} participants need an accessible table, but the accessible tables seat only {room}."
            )

    def _targets(self) -> list[int]:
        """Balanced table sizes: fill every table level by level up to its capacity."""
        total = sum(len(self.blocks[b]) for b in self.present_blocks)
        sizes = [0] * self.T
        level = 0
        while total > 0:
            level += 1
            for t in range(self.T):
                if total and self.capacity[t] >= level:
                    sizes[t] += 1
                    total -= 1
        return sizes

    # ---- construction
    def _place(self, r, b, t):
        members = self.members[r][t]
        for a in self.blocks[b]:
            row = self.meet[a]
            for x in members:
                row[x] += 1
                self.meet[x][a] += 1
        members.extend(self.blocks[b])
        self.where[r][b] = t
        if self.block_host[b] is None:
            self.movable[r][t].append(b)

    def _greedy_round(self, r, targets):
        rng = self.rng
        order = list(self.present_blocks)
        rng.shuffle(order)
        order.sort(key=lambda b: (self.block_host[b] is None, not self.block_access[b], -len(self.blocks[b])))
        for b in order:
            size = len(self.blocks[b])
            if self.block_host[b] is not None:
                self._place(r, b, self.block_host[b])
                continue
            best = None
            for slack in (False, True):
                for t in range(self.T):
                    if self.block_access[b] and not self.accessible[t]:
                        continue
                    used = len(self.members[r][t])
                    limit = self.capacity[t] if slack else min(targets[t], self.capacity[t])
                    if used + size > limit:
                        continue
                    cost = 0
                    for a in self.blocks[b]:
                        row, srow = self.meet[a], self.static[a]
                        for x in self.members[r][t]:
                            cost += W_REPEAT * row[x] + srow[x]
                    key = (cost, used, rng.random())
                    if best is None or key < best[0]:
                        best = (key, t)
                if best is not None:
                    break
            if best is None:
                raise InfeasibleError(
                    "The tables cannot seat everybody with these rules (capacities, accessible tables, people "
                    "who stay together)."
                )
            self._place(r, b, best[1])

    def _design_start(self) -> tuple[str, int]:
        """Seat the first rounds after a known design; returns (name, rounds seated)."""
        p = self.problem
        if self.fixed or len(set(self.capacity)) != 1:
            return "", 0
        if any(self.block_host[b] is not None or len(self.blocks[b]) > 1 for b in self.present_blocks):
            return "", 0
        if any(self.block_access[b] for b in self.present_blocks) and not all(self.accessible):
            return "", 0
        size = self.capacity[0]
        if len(self.present_blocks) != self.T * size:
            return "", 0
        name, design = best_design(self.T, size)
        if len(design) < p.rounds:
            # a known low-repeat design that covers more rounds beats a greedy continuation
            low_name, low = low_repeat_design(self.T, size)
            if len(low) > len(design):
                name, design = low_name, low
        if not design:
            return "", 0
        slots = list(self.present_blocks)
        self.rng.shuffle(slots)
        used = min(len(design), p.rounds)
        for r in range(used):
            for t, group in enumerate(design[r]):
                for slot in group:
                    self._place(r, slots[slot], t)
        return name, used

    def construct(self) -> str:
        self.members = {r: [[] for _ in range(self.T)] for r in self.free_rounds}
        self.movable = {r: [[] for _ in range(self.T)] for r in self.free_rounds}
        self.where = {r: {} for r in self.free_rounds}
        name, seated = self._design_start()
        targets = self._targets()
        for r in self.free_rounds:
            if r < seated:
                continue
            self._greedy_round(r, targets)
        if name and seated:
            return f"{name} design ({seated} rounds)" + (" + greedy" if seated < len(self.free_rounds) else "")
        return "greedy"

    def total_cost(self) -> int:
        cost = 0
        n = self.n
        for i in range(n):
            row = self.meet[i]
            for j in range(i + 1, n):
                m = row[j]
                if m > 1:
                    cost += W_REPEAT * m * (m - 1) // 2
        for r in range(self.problem.rounds):
            for table in self._table_lists(r):
                for a_pos, a in enumerate(table):
                    srow = self.static[a]
                    for c in table[a_pos + 1 :]:
                        cost += srow[c]
        return cost

    def _table_lists(self, r):
        if r < self.fixed:
            return [[self.index[pid] for pid in table] for table in self.problem.fixed_rounds[r]]
        return self.members[r]

    def restore(self, rounds):
        """Reset the free rounds to ``rounds`` (a snapshot)."""
        # undo meetings of the free rounds, then place again
        for r in self.free_rounds:
            for table in self.members[r]:
                for a_pos, a in enumerate(table):
                    for c in table[a_pos + 1 :]:
                        if self.block_of[a] != self.block_of[c]:
                            self.meet[a][c] -= 1
                            self.meet[c][a] -= 1
        self.members = {r: [[] for _ in range(self.T)] for r in self.free_rounds}
        self.movable = {r: [[] for _ in range(self.T)] for r in self.free_rounds}
        self.where = {r: {} for r in self.free_rounds}
        for r in self.free_rounds:
            for t, table in enumerate(rounds[r]):
                placed = set()
                for pid in table:
                    b = self.block_of[self.index[pid]]
                    if b not in placed:
                        placed.add(b)
                        self._place(r, b, t)

    def snapshot(self):
        people = self.problem.participants
        result = []
        for r in range(self.problem.rounds):
            if r < self.fixed:
                result.append([list(table) for table in self.problem.fixed_rounds[r]])
            else:
                result.append([[people[i].id for i in sorted(table)] for table in self.members[r]])
        return result

    # ---- local search
    def _delta(self, movers_a, others_a, movers_b, others_b) -> int:
        meet, static = self.meet, self.static
        delta = 0
        for p in movers_a:
            row, srow = meet[p], static[p]
            for x in others_a:
                delta -= W_REPEAT * (row[x] - 1) + srow[x]
            for y in others_b:
                delta += W_REPEAT * row[y] + srow[y]
        for q in movers_b:
            row, srow = meet[q], static[q]
            for y in others_b:
                delta -= W_REPEAT * (row[y] - 1) + srow[y]
            for x in others_a:
                delta += W_REPEAT * row[x] + srow[x]
        return delta

    def _person_cost(self, p, table) -> int:
        row, srow = self.meet[p], self.static[p]
        cost = 0
        for x in table:
            if x != p:
                cost += W_REPEAT * (row[x] - 1 if row[x] > 1 else 0) + srow[x]
        return cost

    def _propose(self):
        """A random admissible swap: (round, table A, blocks from A, table B, blocks from B) or None."""
        rng = self.rng
        r = rng.choice(self.free_rounds)
        if rng.random() < 0.67:
            # aimed: a person with a cost at their table
            for _ in range(6):
                t1 = rng.randrange(self.T)
                if not self.movable[r][t1]:
                    continue
                b1 = rng.choice(self.movable[r][t1])
                if self._person_cost(self.blocks[b1][0], self.members[r][t1]) > 0:
                    break
            else:
                t1 = rng.randrange(self.T)
        else:
            t1 = rng.randrange(self.T)
        movable1 = self.movable[r][t1]
        if not movable1:
            return None
        b1 = rng.choice(movable1)
        t2 = rng.randrange(self.T - 1)
        if t2 >= t1:
            t2 += 1
        movable2 = self.movable[r][t2]
        if not movable2:
            return None
        size = len(self.blocks[b1])
        if size == 1:
            b2 = rng.choice(movable2)
            if len(self.blocks[b2]) == 1:
                group2 = [b2]
            else:
                # a bigger block at B for b1 plus singles at A
                singles = [b for b in movable1 if len(self.blocks[b]) == 1]
                need = len(self.blocks[b2])
                if len(singles) < need:
                    return None
                return self._admissible(r, t2, [b2], t1, rng.sample(singles, need))
        else:
            same = [b for b in movable2 if len(self.blocks[b]) == size]
            singles = [b for b in movable2 if len(self.blocks[b]) == 1]
            if same and (len(singles) < size or rng.random() < 0.5):
                group2 = [rng.choice(same)]
            elif len(singles) >= size:
                group2 = rng.sample(singles, size)
            else:
                return None
        return self._admissible(r, t1, [b1], t2, group2)

    def _admissible(self, r, t1, group1, t2, group2):
        if not self.accessible[t2] and any(self.block_access[b] for b in group1):
            return None
        if not self.accessible[t1] and any(self.block_access[b] for b in group2):
            return None
        return r, t1, group1, t2, group2

    def _apply(self, r, t1, group1, t2, group2):
        members1, members2 = self.members[r][t1], self.members[r][t2]
        movers1 = [p for b in group1 for p in self.blocks[b]]
        movers2 = [p for b in group2 for p in self.blocks[b]]
        for p in movers1:
            members1.remove(p)
        for q in movers2:
            members2.remove(q)
        meet = self.meet
        for p in movers1:
            row = meet[p]
            for x in members1:
                row[x] -= 1
                meet[x][p] -= 1
            for y in members2:
                row[y] += 1
                meet[y][p] += 1
        for q in movers2:
            row = meet[q]
            for y in members2:
                row[y] -= 1
                meet[y][q] -= 1
            for x in members1:
                row[x] += 1
                meet[x][q] += 1
        members1.extend(movers2)
        members2.extend(movers1)
        movable1, movable2 = self.movable[r][t1], self.movable[r][t2]
        for b in group1:
            movable1.remove(b)
            movable2.append(b)
            self.where[r][b] = t2
        for b in group2:
            movable2.remove(b)
            movable1.append(b)
            self.where[r][b] = t1

    def improve(self, deadline: float, cost: int, on_best, stall: float, history: int = 500):
        """Late-acceptance hill climbing until the deadline, a cost of zero or ``stall`` seconds without a new best."""
        if cost == 0 or not self.free_rounds or self.T < 2:
            return cost, 0
        best = cost
        lengths = [cost] * history
        iterations = 0
        members = self.members
        last_best = time.perf_counter()
        while True:
            iterations += 1
            if not iterations & 255:
                now = time.perf_counter()
                if now >= deadline or now - last_best > stall:
                    break
            move = self._propose()
            if move is None:
                continue
            r, t1, group1, t2, group2 = move
            movers1 = [p for b in group1 for p in self.blocks[b]]
            movers2 = [p for b in group2 for p in self.blocks[b]]
            others1 = [x for x in members[r][t1] if x not in movers1]
            others2 = [y for y in members[r][t2] if y not in movers2]
            delta = self._delta(movers1, others1, movers2, others2)
            slot = iterations % history
            new = cost + delta
            if delta <= 0 or new <= lengths[slot]:
                self._apply(r, t1, group1, t2, group2)
                cost = new
                if cost < best:
                    best = cost
                    last_best = time.perf_counter()
                    on_best(cost)
                    if cost == 0:
                        break
            if cost < lengths[slot]:
                lengths[slot] = cost
        return cost, iterations

    def _repeat_conflicts(self):
        """(round, table, person) for every single, movable person who meets someone at their table again."""
        conflicts = []
        meet = self.meet
        for r in self.free_rounds:
            for t in range(self.T):
                table = self.members[r][t]
                for b in self.movable[r][t]:
                    if len(self.blocks[b]) != 1:
                        continue
                    p = self.blocks[b][0]
                    row = meet[p]
                    if any(row[x] > 1 for x in table if x != p):
                        conflicts.append((r, t, b))
        return conflicts

    def tabu(self, deadline: float, cost: int, on_best, stall: float):
        """Conflict-directed tabu search (after Dotu and Van Hentenryck's social golfer search): the best swap
        of a person who meets someone again with anybody at another table of that round."""
        rng = self.rng
        best = cost
        tabu: dict = {}
        iterations = 0
        last_best = time.perf_counter()
        members, blocks = self.members, self.blocks
        while True:
            now = time.perf_counter()
            if now >= deadline or now - last_best > stall or cost < W_REPEAT:
                break
            iterations += 1
            conflicts = self._repeat_conflicts()
            if not conflicts:
                break
            choice = None
            best_delta = None
            for r, t1, b1 in conflicts:
                p = blocks[b1][0]
                others1 = [x for x in members[r][t1] if x != p]
                for t2 in range(self.T):
                    if t2 == t1:
                        continue
                    if self.block_access[b1] and not self.accessible[t2]:
                        continue
                    for b2 in self.movable[r][t2]:
                        if len(blocks[b2]) != 1:
                            continue
                        if self.block_access[b2] and not self.accessible[t1]:
                            continue
                        q = blocks[b2][0]
                        others2 = [y for y in members[r][t2] if y != q]
                        delta = self._delta([p], others1, [q], others2)
                        is_tabu = tabu.get((r, b1, t2), 0) > iterations or tabu.get((r, b2, t1), 0) > iterations
                        if is_tabu and cost + delta >= best:
                            continue
                        if best_delta is None or delta < best_delta or (delta == best_delta and rng.random() < 0.3):
                            best_delta = delta
                            choice = (r, t1, [b1], t2, [b2])
            if choice is None:
                tabu.clear()
                continue
            r, t1, group1, t2, group2 = choice
            self._apply(r, t1, group1, t2, group2)
            cost += best_delta
            tabu[(r, group1[0], t1)] = iterations + rng.randint(3, 12)
            tabu[(r, group2[0], t2)] = iterations + rng.randint(3, 12)
            if cost < best:
                best = cost
                last_best = time.perf_counter()
                on_best(cost)
        return cost, iterations


def solve(
    problem: Problem,
    seed: int = 0,
    time_limit: float = 10.0,
    progress=None,
    improved=None,
) -> Plan:
    """Plan all rounds not fixed yet; returns the best plan found within ``time_limit`` seconds.

    Raises :class:`InfeasibleError` with a readable reason when the hard constraints cannot be kept.
    ``progress(fraction, cost)`` is called now and then (for a background task's progress bar);
    ``improved(cost, rounds)`` with each new best plan (for showing the best plan so far).
    """
    started = time.perf_counter()
    _validate(problem)
    rng = random.Random(seed)
    search = _Search(problem, rng)
    method = search.construct()
    cost = search.total_cost()
    time_to_first = time.perf_counter() - started
    best = {"cost": cost, "rounds": search.snapshot(), "at": time_to_first}
    deadline = started + max(0.0, time_limit)

    def on_best(new_cost):
        best["cost"] = new_cost
        best["rounds"] = search.snapshot()
        best["at"] = time.perf_counter() - started
        if improved is not None:
            improved(new_cost, best["rounds"])
        if progress is not None:
            elapsed = time.perf_counter() - started
            progress(min(1.0, elapsed / time_limit) if time_limit else 1.0, new_cost)

    iterations = 0
    phases = []
    stall = max(0.5, time_limit / 10)
    while best["cost"] > 0 and search.free_rounds and search.T > 1 and time.perf_counter() < deadline:
        cost, done = search.improve(deadline, cost, on_best, stall)
        iterations += done
        phases.append("late acceptance")
        if cost >= W_REPEAT and time.perf_counter() < deadline:
            cost, done = search.tabu(deadline, cost, on_best, stall * 2)
            iterations += done
            phases.append("tabu")
        if cost > best["cost"]:
            # continue from the best plan found so far
            search.restore(best["rounds"])
            cost = best["cost"]
    if phases:
        method += " + " + " / ".join(dict.fromkeys(phases))
    if progress is not None:
        progress(1.0, best["cost"])
    rounds = best["rounds"]
    return Plan(
        rounds=rounds,
        metrics=evaluate(problem, rounds),
        method=method,
        cost=best["cost"],
        time_to_first=time_to_first,
        time_to_best=best["at"],
        iterations=iterations,
    )


def first_plan(problem: Problem, seed: int = 0) -> Plan:
    """The first valid plan only (known design or greedy construction, no search): fast enough for a web
    request at any size, so a page can show it at once while :func:`solve` improves on it in the background."""
    return solve(problem, seed=seed, time_limit=0)


def plan_cost(problem: Problem, rounds: list[list[list[str]]]) -> int:
    """The weighted cost the search minimises (``1000 * pair repeats`` convex, colleagues, same types), of any
    plan: lets a background search tell whether its plan is better than the one stored meanwhile."""
    info = {p.id: p for p in problem.participants}
    _, block_of = _blocks(problem)
    index = {p.id: i for i, p in enumerate(problem.participants)}
    meetings: Counter = Counter()
    cost = 0
    for tables in rounds:
        for table in tables:
            for i, a in enumerate(table):
                for b in table[i + 1 :]:
                    if a not in info or b not in info or block_of[index[a]] == block_of[index[b]]:
                        continue
                    meetings[(a, b) if a < b else (b, a)] += 1
                    pa, pb = info[a], info[b]
                    if pa.organisation and pa.organisation == pb.organisation:
                        cost += W_COLLEAGUE
                    if pa.stakeholder_type and pa.stakeholder_type == pb.stakeholder_type:
                        cost += W_TYPE
    return cost + sum(W_REPEAT * m * (m - 1) // 2 for m in meetings.values())


def replan(
    problem: Problem,
    held_rounds: list[list[list[str]]],
    left: set[str] | frozenset[str] = frozenset(),
    seed: int = 0,
    time_limit: float = 5.0,
) -> Plan:
    """Keep ``held_rounds`` as they were, drop ``left`` and plan the rest (arrivals are in ``problem.participants``)."""
    fixed = Problem(
        participants=problem.participants,
        tables=problem.tables,
        rounds=problem.rounds,
        fixed_rounds=[[list(t) for t in tables] for tables in held_rounds],
        absent=frozenset(left) | problem.absent,
    )
    return solve(fixed, seed=seed, time_limit=time_limit)


def lower_bound_note(tables: int, size: int, rounds: int, people: int) -> str:
    """What is known about the least possible repeats for a uniform instance (for the benchmark)."""
    if people != tables * size:
        return "?"
    _, design = best_design(tables, size)
    if len(design) >= rounds:
        return "0"
    if people - 1 < rounds * (size - 1):
        # each person would have to meet more people than there are
        return f">= {math.ceil((rounds * (size - 1) - (people - 1)) * people / 2)}"
    if tables == size == 6 and rounds >= 4:
        # two rounds that are not orthogonal share at least two pairs; five rounds: at least 6 repeats
        # (benchmarks/worldcafe_square_bound.py, docs/worldcafe.md)
        return ">= 6" if rounds >= 5 else ">= 2"
    return "0"
