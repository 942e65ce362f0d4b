"""The benchmark instances of issue 4 (pure Python; used by the benchmark, the tests and the CLI demo)."""

from __future__ import annotations

import random

from .solver import Participant, Problem, Table, anonymous_participants, uniform_tables


def uniform(people: int, tables: int, size: int, rounds: int) -> Problem:
    return Problem(anonymous_participants(people), uniform_tables(people, tables, size), rounds)


def uneven() -> Problem:
    tables = [Table(str(i + 1), 5) for i in range(3)] + [Table(str(i + 4), 4) for i in range(2)]
    return Problem(anonymous_participants(23), tables, 3)


def constrained(seed: int = 7) -> Problem:
    """120 people at 24 tables of 5 for 4 rounds: 40 organisations of 3, 8 stakeholder types,
    24 fixed hosts, 2 assistant pairs, 4 people who need one of the 6 accessible tables."""
    rng = random.Random(seed)
    types = [f"type{k + 1}" for k in range(8)]
    people = []
    for org in range(40):
        for member in range(3):
            people.append({"id": f"p{org * 3 + member + 1}", "organisation": f"org{org + 1}", "type": types[org % 8]})
    order = list(range(120))
    rng.shuffle(order)
    hosts = {}
    host_orgs = set()
    for i in order:
        if len(hosts) == 24:
            break
        if people[i]["organisation"] not in host_orgs:
            host_orgs.add(people[i]["organisation"])
            hosts[i] = len(hosts)
    others = [i for i in order if i not in hosts]
    pairs = [(others[0], others[1]), (others[2], others[3])]
    together = {}
    for a, b in pairs:
        together[a] = (people[b]["id"],)
        together[b] = (people[a]["id"],)
    # accessible: one person of the first pair and three others; one host of an accessible table
    accessible_people = {pairs[0][0], others[4], others[5], others[6]}
    tables = [Table(f"T{t + 1}", 5, accessible=t < 6) for t in range(24)]
    participants = [
        Participant(
            id=p["id"],
            organisation=p["organisation"],
            stakeholder_type=p["type"],
            host_table=hosts.get(i),
            together_with=together.get(i, ()),
            needs_accessible=i in accessible_people,
        )
        for i, p in enumerate(people)
    ]
    return Problem(participants, tables, 4)


def mixed_day(people: int, rounds: int = 4, seed: int = 3) -> Problem:
    """A realistic day: tables of about five, people from organisations of three with six stakeholder
    types, one host per table and one assistant pair; stakeholder mixing means the cost never reaches zero,
    so a search always runs to its time limit (as the 11-person café of issue 16 did, for 5-6 s)."""
    rng = random.Random(seed)
    tables = uniform_tables(people, max(1, round(people / 5)))
    pair = {f"p{people - 1}": (f"p{people}",), f"p{people}": (f"p{people - 1}",)} if people > 2 else {}
    participants = []
    for i in range(people):
        participants.append(
            Participant(
                id=f"p{i + 1}",
                organisation=f"org{i // 3 + 1}",
                stakeholder_type=f"type{rng.randrange(6) + 1}",
                host_table=i if i < len(tables) and people > 10 else None,
                together_with=pair.get(f"p{i + 1}", ()),
            )
        )
    return Problem(participants, tables, rounds)


BENCHMARK = {
    "small": lambda: uniform(20, 5, 4, 3),
    "expert day": lambda: uniform(30, 6, 5, 4),
    "golfers": lambda: uniform(32, 8, 4, 10),
    "square": lambda: uniform(36, 6, 6, 5),
    "large day": lambda: uniform(60, 12, 5, 5),
    "congress": lambda: uniform(100, 20, 5, 6),
    "big hall": lambda: uniform(270, 54, 5, 4),
    "uneven": uneven,
    "constrained": constrained,
}
