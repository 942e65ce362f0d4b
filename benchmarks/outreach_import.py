"""Instagram export import speed: first import and re-import (every row an update) of a generated
Meta Business Suite post export with German headings, plus the follower chart's rendering time.

Usage: python benchmarks/outreach_import.py [--rows N] [--postgres URL]
Each database is fresh and runs in its own process. A real account's export holds at most a few
thousand posts; the comparison is first import vs. re-import, SQLite vs. PostgreSQL.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/inklusio_outreach_bench"
HEADER = [
    "Beitrags-ID",
    "Konto-ID",
    "Benutzername des Kontos",
    "Kontoname",
    "Beschreibung",
    "Dauer (Sek.)",
    "Veröffentlichungszeitpunkt",
    "Permalink",
    "Beitragstyp",
    "Datenkommentar",
    "Datum",
    "Impressionen",
    "Reichweite",
    "Gefällt mir",
    "Geteilte Inhalte",
    "Follower",
    "Kommentare",
    "Gespeichert",
]


def german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, 9, 0)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        for i in range(rows):
            when = start + timedelta(hours=7 * i + rng.randint(0, 5))
            reach = rng.randint(100, 25_000)
            writer.writerow(
                [
                    f"1790{i:013d}",
                    "17841400000000001",
                    "bagif_ausbildung",
                    "bag if Ausbildung",
                    f"Beitrag {i}: inklusive Ausbildung im Inklusionsbetrieb #InklusiveAusbildung #Inklusion",
                    f"{rng.randint(0, 90)},{rng.randint(0, 9)}",
                    when.strftime("%d.%m.%Y %H:%M"),
                    f"https://www.instagram.com/p/B{i:08d}/",
                    "IG-Bild",
                    "",
                    "Gesamt",
                    german(round(reach * 1.3)),
                    german(reach),
                    german(reach // 10),
                    german(reach // 100),
                    "0",
                    german(reach // 80),
                    german(reach // 50),
                ]
            )


def run_one(database_url: str, csv_path: str, changed_path: str) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from inklusio.outreach import charts, services
    from inklusio.outreach.models import Channel, Post

    call_command("migrate", verbosity=0)
    channel = Channel.objects.create(platform="instagram", name="Bench", account_id="17841400000000001")
    timings = {}
    for label, path in (("first", csv_path), ("again", csv_path), ("newer", changed_path)):
        data = Path(path).read_bytes()
        started = time.perf_counter()
        plan = services.plan_import(data, channel)
        validated = time.perf_counter()
        assert plan.ok, [str(e) for e in plan.errors[:5]]
        created, updated = services.execute_import(plan, channel)
        finished = time.perf_counter()
        timings[label] = {
            "created": created,
            "updated": updated,
            "validate_s": validated - started,
            "write_s": finished - validated,
            "total_s": finished - started,
        }
    points = [(date(2022, 10, 1) + timedelta(days=d), 40 + d // 2) for d in range(1096)]
    started = time.perf_counter()
    svg = charts.follower_chart_svg(points, title="Follower", description="Test", y_label="Follower")
    chart_s = time.perf_counter() - started
    return {**timings, "posts_in_db": Post.objects.count(), "chart_s": chart_s, "chart_kb": len(svg) / 1024}


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
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--child", nargs=3, metavar=("DATABASE_URL", "CSV", "CSV2"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(*args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "posts.csv"
        generate(csv_path, args.rows)
        changed_path = Path(tmp) / "posts-newer.csv"
        generate(changed_path, args.rows, seed=8)  # the same posts with newer metrics
        targets = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
        if fresh_postgres(args.postgres):
            targets.append(("PostgreSQL", args.postgres))
        print(
            f"Importing a generated Instagram post export: {args.rows:,} rows "
            f"({csv_path.stat().st_size / 1e6:.1f} MB), German headings and numbers;\n"
            "then the same file again ('again'), then one with newer metrics ('newer')"
        )
        for label, url in targets:
            env = {**os.environ, "PYTHONPATH": str(TOP / "src"), "INKLUSIO_VAR_DIR": tmp}
            output = subprocess.run(
                [sys.executable, __file__, "--child", url, str(csv_path), str(changed_path)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            result = json.loads(output.strip().splitlines()[-1])
            for run in ("first", "again", "newer"):
                r = result[run]
                print(
                    f"{label:>10} {run:>5}: {r['created']:,} created, {r['updated']:,} updated in {r['total_s']:.2f} s "
                    f"= {(r['created'] + r['updated']) / r['total_s']:,.0f} rows/s "
                    f"(validate {r['validate_s']:.2f} s, write {r['write_s']:.2f} s)"
                )
            print(
                f"{label:>10}: {result['posts_in_db']:,} posts in the database after all three imports "
                f"(re-import must not duplicate: {'ok' if result['posts_in_db'] == args.rows else 'FAILED'})"
            )
        print(
            f"Follower chart, 1,096 daily points: {result['chart_s'] * 1000:.0f} ms, {result['chart_kb']:.0f} KiB SVG"
        )


if __name__ == "__main__":
    main()
