"""World Café solver benchmark: the instances of issue 4 with a fixed seed and time limit.

Run: ``PYTHONPATH=src python benchmarks/worldcafe.py [--time-limit 60] [--seed 1] [instance ...]``
Prints per instance: repeated meetings, the lower bound where known, time to the first valid plan and
to the best plan, and for the constrained instance colleague clashes and stakeholder mixing.
"""

import argparse
import time

from inklusio.worldcafe.instances import BENCHMARK
from inklusio.worldcafe.solver import check_hard_constraints, lower_bound_note, solve

GOALS = {"square": 8}  # at most; every other instance: 0

SHAPES = {
    "small": (5, 4, 3, 20),
    "expert day": (6, 5, 4, 30),
    "golfers": (8, 4, 10, 32),
    "square": (6, 6, 5, 36),
    "large day": (12, 5, 5, 60),
    "congress": (20, 5, 6, 100),
    "big hall": (54, 5, 4, 270),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("instances", nargs="*", default=list(BENCHMARK))
    args = parser.parse_args()
    header = (
        f"{'instance':<12} {'repeats':>7} {'bound':>6} {'goal':>5} {'max':>4} {'first s':>8} {'best s':>7} "
        f"{'total s':>8}  {'clashes':>7} {'types min/mean':>14}  method"
    )
    print(f"seed {args.seed}, time limit {args.time_limit} s, one process")
    print(header)
    for name in args.instances:
        problem = BENCHMARK[name]()
        started = time.perf_counter()
        plan = solve(problem, seed=args.seed, time_limit=args.time_limit)
        total = time.perf_counter() - started
        assert not check_hard_constraints(problem, plan.rounds)
        m = plan.metrics
        bound = lower_bound_note(*SHAPES[name]) if name in SHAPES else "0"
        goal = GOALS.get(name, 0)
        mixing = f"{m.types_per_table_min}/{m.types_per_table_mean}" if name == "constrained" else "-"
        clashes = str(m.colleague_clashes) if name == "constrained" else "-"
        print(
            f"{name:<12} {m.repeated_meetings:>7} {bound:>6} {'<=' + str(goal):>5} {m.max_meetings:>4} "
            f"{plan.time_to_first:>8.3f} {plan.time_to_best:>7.2f} {total:>8.2f}  {clashes:>7} {mixing:>14}  "
            f"{plan.method}",
            flush=True,
        )


if __name__ == "__main__":
    main()
