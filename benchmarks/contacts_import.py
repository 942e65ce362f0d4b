"""Contact import speed: 100,000 generated rows into SQLite and PostgreSQL, validation included.

Usage: python benchmarks/contacts_import.py [--rows N] [--postgres URL]
Each database is fresh and runs in its own process. Target (issue 2): at least 5,000 rows/s on SQLite.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/inklusio_bench"
FIRST = ["Anna", "Ben", "Clara", "Jörg", "Elif", "Mehmet", "Sophie", "Lars", "Ida", "Noah", "Greta", "Umut"]
LAST = ["Müller", "Schmidt", "Weiß", "Kaya", "Yılmaz", "Becker", "Krüger", "Neumann", "Öztürk", "Wolf"]
TYPES = ["Inklusionsunternehmen", "chamber", "job_centre", "Integrationsfachdienst (IFD)", "apprentice", "teacher"]
STATES = ["Hessen", "DE-NW", "Niedersachsen", "BY", "Berlin", "Sachsen"]


def generate(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Vorname;Nachname;E-Mail;Organisation;Zielgruppe;Funktion;Seit;Bundesland;Ort;Tags\n")
        for i in range(rows):
            org = f"Organisation {i % 5000}" if i % 4 else ""
            out.write(
                f"{rng.choice(FIRST)};{rng.choice(LAST)}-{i};person{i}@example.org;{org};{rng.choice(TYPES)};"
                f"{'Team' if org else ''};{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.20{rng.randint(10, 24)};"
                f"{rng.choice(STATES)};Stadt {i % 300};{'Fachtag' if i % 3 == 0 else ''}\n"
            )


def run_one(database_url: str, csv_path: str) -> dict:
    """In a child process: fresh database, migrate, then time validation and the write."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from inklusio.contacts import importing
    from inklusio.contacts.models import Person

    call_command("migrate", verbosity=0)
    data = Path(csv_path).read_bytes()
    started = time.perf_counter()
    plan = importing.plan_import(data)
    validated = time.perf_counter()
    assert plan.ok, plan.errors[:5]
    importing.execute_import(plan)
    finished = time.perf_counter()
    return {
        "rows": len(plan.rows),
        "people_in_db": Person.objects.count(),
        "validate_s": validated - started,
        "write_s": finished - validated,
        "total_s": finished - started,
    }


def fresh_postgres(url: str) -> bool:
    import psycopg

    base, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except psycopg.OperationalError as error:
        print(f"PostgreSQL not reachable at {url}: {error}".strip())
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--child", nargs=2, metavar=("DATABASE_URL", "CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(*args.child)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "contacts.csv"
        generate(csv_path, args.rows)
        targets = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if fresh_postgres(args.postgres):
            targets.append(("PostgreSQL", args.postgres))
        print(
            f"Importing {args.rows:,} generated rows ({csv_path.stat().st_size / 1e6:.1f} MB CSV), "
            "validation included; target 5,000 rows/s on SQLite"
        )
        for label, url in targets:
            env = {**os.environ, "PYTHONPATH": str(TOP / "src"), "INKLUSIO_VAR_DIR": tmp}
            output = subprocess.run(
                [sys.executable, __file__, "--child", url, str(csv_path)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            result = json.loads(output.strip().splitlines()[-1])
            rate = result["rows"] / result["total_s"]
            print(
                f"{label:>10}: {result['rows']:,} rows in {result['total_s']:.1f} s = {rate:,.0f} rows/s "
                f"(validate {result['validate_s']:.1f} s, write {result['write_s']:.1f} s; "
                f"{result['people_in_db']:,} people in the database) -> "
                f"{'meets' if rate >= 5000 or label != 'SQLite' else 'misses'} the target"
            )


if __name__ == "__main__":
    main()
