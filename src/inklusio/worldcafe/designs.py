"""Zero-repeat starting plans from known combinatorial designs (pure Python, no Django).

A design here is a list of rounds; a round is a list of groups; a group is a list
of *slot* numbers ``0 .. tables * size - 1``. In a design no two slots share a
group twice. :func:`best_design` returns the longest design this module knows
for ``tables`` groups of ``size`` (possibly shorter than asked for).

Constructions:

- ``field``: for ``tables = q`` a prime power and ``size <= q``, slot ``(t, s)``
  sits at table ``t + x_r * s`` in GF(q) in round ``r`` (``x_r`` running over the
  field elements): two slots with ``s1 != s2`` meet in exactly one round
  ``x = (t2 - t1) / (s1 - s2)``, slots with ``s1 == s2`` never, so ``q`` rounds
  without repeats; when ``size == q`` the parallel class "same seat number"
  completes the affine plane AG(2, q) and gives ``q + 1`` rounds.
- ``latin``: for ``size == tables`` (any order), rows, columns and the cyclic
  Latin square ``(i + j) mod n``: 3 rounds (for order 6 no 4th exists, as there
  are no two orthogonal Latin squares of order 6).
- ``shen-lrb``: the social golfer 8-4-10 (32 people, 8 tables of 4, 10 rounds),
  a resolvable (4,1)-GDD of type 2^16 built from the labeled resolvable design
  LRB(4, 2, 16) of Shen (1992). The ten parallel classes below are the data the
  MIT-licensed package ``perfect-strangers`` 0.3.7 (Sean Enderby) ships in
  ``data/labeled_resolvable_designs.json``; only these 40 blocks are copied
  (verified in tests: 480 distinct pairs, none twice), not the package, which
  pulls in ``galois``/``numba``.

Low-repeat designs (:func:`low_repeat_design`), used where no zero-repeat design is
long enough:

- ``square-6-6-5``: 36 people at 6 tables of 6 for 5 rounds with 12 repeated
  meetings (no pair meets three times). Rounds 1-3 are rows, columns and a Latin
  square of a 6 × 6 grid (no repeats), round 4 is a second Latin square with 2
  repeats against the first (superposed, two Latin squares of order 6 show at most
  34 of the 36 symbol pairs, so 2 is the least possible there), round 5 is orthogonal to the
  rows and the first Latin square and adds 10. Found for inklusio by a dedicated
  search (simulated annealing over swaps in C, 2026-11-23; our own result, no
  third-party data); every run of that search, with the pair cost ``m(m-1)/2`` and
  with the exact repeat count, 16 seeds, rows fixed or not, and with rows, columns
  and a Latin square of each of 11 main-class invariants fixed, stopped at 12 within
  seconds and never went lower in minutes, and a branch and bound over "rows,
  columns, Latin L3, Latin L4 with 2 repeats, round 5 orthogonal to rows, L3 and
  L4" over random L3 found 12 as its best as well. Proven since
  (``benchmarks/worldcafe_square_bound.py``, docs/worldcafe.md): at least 6 repeats
  for any plan, and no plan with 8 or fewer has three mutually orthogonal rounds
  (exhaustive over the 12 main classes of Latin squares of order 6 for rounds 1-3:
  every pair of further rounds gives more than 8, at least 12 here), so this
  design's structure cannot reach 8. Plans without such a triangle are excluded for
  10 of the 14 possible orthogonality graphs; for the other four whether 8 or fewer
  repeats are possible is open.
"""

from __future__ import annotations

from itertools import product

# Shen (1992) LRB(4, 2, 16): per parallel class four blocks (points, first three labels).
_SHEN_8_4 = [
    [((0, 1, 2, 3), (0, 1, 0)), ((4, 5, 6, 7), (1, 0, 0)), ((8, 9, 10, 11), (1, 1, 0)), ((12, 13, 14, 15), (1, 1, 1))],
    [((0, 1, 9, 10), (1, 0, 1)), ((2, 3, 8, 11), (0, 0, 1)), ((4, 5, 13, 14), (0, 0, 1)), ((6, 7, 12, 15), (1, 1, 1))],
    [((0, 2, 12, 14), (0, 0, 0)), ((1, 3, 13, 15), (1, 1, 0)), ((4, 6, 8, 10), (1, 1, 1)), ((5, 7, 9, 11), (0, 1, 1))],
    [((0, 3, 4, 7), (1, 0, 1)), ((1, 2, 5, 6), (0, 0, 0)), ((8, 9, 12, 13), (0, 0, 0)), ((10, 11, 14, 15), (0, 1, 0))],
    [((0, 4, 9, 13), (1, 1, 0)), ((1, 5, 10, 14), (1, 1, 1)), ((2, 6, 11, 15), (1, 0, 1)), ((3, 7, 8, 12), (1, 1, 0))],
    [((0, 5, 8, 15), (1, 0, 0)), ((1, 6, 9, 12), (1, 0, 1)), ((2, 7, 10, 13), (1, 0, 1)), ((3, 4, 11, 14), (0, 0, 0))],
    [((0, 5, 11, 12), (0, 0, 1)), ((1, 4, 8, 15), (0, 0, 1)), ((2, 7, 9, 14), (0, 0, 1)), ((3, 6, 10, 13), (0, 1, 1))],
    [((0, 6, 8, 14), (0, 1, 1)), ((1, 7, 11, 13), (1, 1, 0)), ((2, 4, 10, 12), (1, 1, 1)), ((3, 5, 9, 15), (0, 0, 0))],
    [((0, 6, 11, 13), (1, 1, 1)), ((1, 7, 8, 14), (0, 1, 0)), ((2, 4, 9, 15), (0, 1, 0)), ((3, 5, 10, 12), (1, 0, 1))],
    [((0, 7, 10, 15), (0, 0, 1)), ((1, 4, 11, 12), (1, 0, 0)), ((2, 5, 8, 13), (1, 1, 0)), ((3, 6, 9, 14), (1, 1, 1))],
]


def shen_8_4_10() -> list[list[list[int]]]:
    rounds = []
    for parallel_class in _SHEN_8_4:
        groups = []
        for points, labels in parallel_class:
            for j in range(2):
                groups.append([2 * p + ((j + (labels[i - 1] if i else 0)) % 2) for i, p in enumerate(points)])
        rounds.append(groups)
    return rounds


def _prime_power(q: int) -> tuple[int, int] | None:
    if q < 2:
        return None
    p = 2
    while p * p <= q and q % p:
        p += 1
    if q % p:
        p = q
    k, rest = 0, q
    while rest % p == 0:
        rest //= p
        k += 1
    return (p, k) if rest == 1 else None


def _poly_mod(a: list[int], m: list[int], p: int) -> list[int]:
    a = a[:]
    while len(a) >= len(m):
        factor = a[-1] * pow(m[-1], -1, p) % p
        shift = len(a) - len(m)
        for i, c in enumerate(m):
            a[shift + i] = (a[shift + i] - factor * c) % p
        while a and a[-1] == 0:
            a.pop()
    return a


def _irreducible(p: int, k: int) -> list[int]:
    """The first monic irreducible polynomial of degree k over GF(p) (coefficients low to high)."""
    for coeffs in product(range(p), repeat=k):
        poly = list(coeffs) + [1]
        if poly[0] == 0:
            continue
        reducible = False
        for d in range(1, k // 2 + 1):
            for low in product(range(p), repeat=d):
                divisor = list(low) + [1]
                if not _poly_mod(poly, divisor, p):
                    reducible = True
                    break
            if reducible:
                break
        if not reducible:
            return poly
    raise ValueError("no irreducible polynomial")  # pragma: no cover - exists for every p, k


class GaloisField:
    """GF(p^k) with elements numbered 0..q-1 (base-p digits are polynomial coefficients)."""

    def __init__(self, q: int):
        pk = _prime_power(q)
        if pk is None:
            raise ValueError(f"{q} is not a prime power")
        self.p, self.k = pk
        self.q = q
        self.modulus = _irreducible(self.p, self.k) if self.k > 1 else [0, 1]
        self.add_table = [[self._add(a, b) for b in range(q)] for a in range(q)]
        self.mul_table = [[self._mul(a, b) for b in range(q)] for a in range(q)]

    def _digits(self, a: int) -> list[int]:
        return [(a // self.p**i) % self.p for i in range(self.k)]

    def _number(self, digits: list[int]) -> int:
        return sum(d * self.p**i for i, d in enumerate(digits))

    def _add(self, a: int, b: int) -> int:
        return self._number([(x + y) % self.p for x, y in zip(self._digits(a), self._digits(b), strict=True)])

    def _mul(self, a: int, b: int) -> int:
        if self.k == 1:
            return a * b % self.p
        da, db = self._digits(a), self._digits(b)
        product_ = [0] * (2 * self.k - 1)
        for i, x in enumerate(da):
            for j, y in enumerate(db):
                product_[i + j] = (product_[i + j] + x * y) % self.p
        reduced = _poly_mod(product_, self.modulus, self.p)
        return self._number(reduced + [0] * (self.k - len(reduced)))


def field_design(tables: int, size: int) -> list[list[list[int]]]:
    if _prime_power(tables) is None or size > tables:
        return []
    field = GaloisField(tables)
    rounds = []
    for x in range(tables):
        groups = [[] for _ in range(tables)]
        for t in range(tables):
            for s in range(size):
                groups[field.add_table[t][field.mul_table[x][s]]].append(t * size + s)
        rounds.append(groups)
    if size == tables:
        rounds.append([[t * size + s for t in range(tables)] for s in range(size)])
    return rounds


def latin_design(tables: int, size: int) -> list[list[list[int]]]:
    if tables != size or tables < 2:
        return []
    n = tables
    rows = [[i * n + j for j in range(n)] for i in range(n)]
    columns = [[i * n + j for i in range(n)] for j in range(n)]
    symbols = [[i * n + j for i in range(n) for j in range(n) if (i + j) % n == k] for k in range(n)]
    return [rows, columns, symbols]


# square-6-6-5: per round the table (0-5) of grid cell (i, j), slot i * 6 + j; one string per grid row.
_SQUARE_6_6_5 = [
    ["000000", "111111", "222222", "333333", "444444", "555555"],
    ["012345", "012345", "012345", "012345", "012345", "012345"],
    ["012345", "420153", "234501", "345012", "153420", "501234"],
    ["012345", "345012", "150423", "423150", "501234", "234501"],
    ["012345", "231504", "423150", "504231", "420153", "342015"],
]


def square_6_6_5() -> list[list[list[int]]]:
    """Five rounds for 6 tables of 6 with 12 repeated meetings (0 in the first three rounds, 2 in four)."""
    return [
        [[i * 6 + j for i in range(6) for j in range(6) if int(grid[i][j]) == t] for t in range(6)]
        for grid in _SQUARE_6_6_5
    ]


def low_repeat_design(tables: int, size: int) -> tuple[str, list[list[list[int]]]]:
    """A design with few (not zero) repeats that is longer than the zero-repeat ones; may be empty."""
    if (tables, size) == (6, 6):
        return "square-6-6-5", square_6_6_5()
    return "", []


def best_design(tables: int, size: int) -> tuple[str, list[list[list[int]]]]:
    """The longest zero-repeat design known here for ``tables`` groups of ``size``; may be empty."""
    candidates = [("field", field_design(tables, size)), ("latin", latin_design(tables, size))]
    if (tables, size) == (8, 4):
        candidates.append(("shen-lrb", shen_8_4_10()))
    name, rounds = max(candidates, key=lambda item: len(item[1]))
    return name, rounds
