"""``inklusio worldcafe plan``: plan a World Café from the command line."""

from __future__ import annotations

import json
import sys


def register(subparsers, setup) -> None:
    worldcafe = subparsers.add_parser("worldcafe", help="World Café table plans")
    commands = worldcafe.add_subparsers(dest="worldcafe_command", required=True)
    plan = commands.add_parser("plan", help="plan who sits at which table in each round")
    source = plan.add_mutually_exclusive_group(required=True)
    source.add_argument("--people", type=int, help="number of anonymous participants")
    source.add_argument("--participants", metavar="FILE.csv", help="participants (CSV or XLSX)")
    plan.add_argument("--tables", type=int, help="number of tables")
    plan.add_argument("--tables-file", metavar="FILE.csv", help="tables: name, capacity, accessible")
    plan.add_argument("--table-size", type=int, help="seats per table (default: as even as possible)")
    plan.add_argument("--rounds", type=int, required=True)
    plan.add_argument("--seed", type=int, default=0)
    plan.add_argument("--time-limit", type=float, default=10.0, metavar="SECONDS")
    plan.add_argument("--format", choices=("json", "csv", "pdf"), default="json")
    plan.add_argument("--output", metavar="FILE", help="write here instead of standard output")
    plan.set_defaults(func=lambda args: cmd_plan(args, setup))


def _fail(message: str) -> int:
    print(f"inklusio worldcafe plan: {message}", file=sys.stderr)
    return 2


def _read_file(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def cmd_plan(args, setup) -> int:
    from .files import FileFormatError, plan_to_csv, read_participants, read_tables  # noqa: PLC0415 — loaded when the command runs, after Django is set up
    from .solver import InfeasibleError, Problem, anonymous_participants, solve, uniform_tables  # noqa: PLC0415 — loaded when the command runs, after Django is set up

    if args.rounds < 1:
        return _fail("--rounds must be at least 1.")
    if args.tables is None and args.tables_file is None:
        return _fail("give --tables T or --tables-file FILE.")
    if args.tables is not None and args.tables_file is not None:
        return _fail("give either --tables or --tables-file, not both.")
    if args.format == "pdf" and not args.output:
        return _fail("--format pdf needs --output FILE.pdf.")
    try:
        tables = read_tables(_read_file(args.tables_file), args.tables_file) if args.tables_file else None
        if args.participants:
            if tables is None:
                count_people = read_participants(_read_file(args.participants), None, args.participants)
                if args.tables < 1:
                    return _fail("--tables must be at least 1.")
                tables = uniform_tables(len(count_people), args.tables, args.table_size)
            people = read_participants(_read_file(args.participants), tables, args.participants)
        else:
            if args.people < 1:
                return _fail("--people must be at least 1.")
            people = anonymous_participants(args.people)
            if tables is None:
                if args.tables < 1:
                    return _fail("--tables must be at least 1.")
                tables = uniform_tables(args.people, args.tables, args.table_size)
    except OSError as error:
        return _fail(f"{error.filename}: {error.strerror}.")
    except FileFormatError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    try:
        plan = solve(Problem(people, tables, args.rounds), seed=args.seed, time_limit=args.time_limit)
    except InfeasibleError as error:
        return _fail(f"no plan is possible: {error}")
    names = {p.id: p.name for p in people}
    if args.format == "json":
        data = plan.as_dict()
        data["tables"] = [{"name": t.name, "capacity": t.capacity, "accessible": t.accessible} for t in tables]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        text = plan_to_csv(plan.rounds, tables, names)
    else:
        setup()
        from .pdf import standalone_plan_pdf  # noqa: PLC0415 — loaded when the command runs, after Django is set up

        with open(args.output, "wb") as handle:
            handle.write(standalone_plan_pdf(plan.rounds, tables, names))
        print(f"Wrote {args.output}.", file=sys.stderr)
        return 0
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0
