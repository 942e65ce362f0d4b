"""Infoletter delivery throughput: the real worker path against a bare smtplib loop, in the same run.

    python benchmarks/mailing_throughput.py [--messages 20000] [--rounds 3] [--databases sqlite,postgres]
                                            [--postgres postgres://postgres@127.0.0.1:5432/] [--db-prefix NAME]

What runs: one aiosmtpd sink in its own process (tests/mailings/smtp_sink.py, writes one line per message).
1. Bare loop: this process renders the mailing once, then for every recipient fills in name and tokens,
   builds the message with the ``email`` package (text and HTML part, List-Unsubscribe headers) and sends it
   with ``smtplib`` over one connection. No database.
2. Worker path: a fresh database (SQLite file, PostgreSQL database) with N confirmed subscribers, one mailing,
   ``start_sending`` (one delivery row per recipient), then ``inklusio worker`` processes (1; and 2 on
   PostgreSQL) send it through the delivery protocol (claim batch, mark sending, SMTP, mark sent).
Rate = messages / time from the first to the last message arriving at the sink. Duplicates and lost messages
are counted from the sink's record. Every step runs ``--rounds`` times (bare loop, then each worker setup, in
turn, so the machine's load falls on all alike); the summary gives the medians, the ratio of the medians and
whether the targets hold (>= 1x with one worker, >= 1.5x with two on PostgreSQL, none lost or doubled).
"""

import argparse
import json
import os
import signal
import smtplib
import statistics
import sys
import tempfile
import time
from collections import Counter
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.mailings.crossprocess import (  # noqa: E402
    MAILING_STATE,
    SETUP_SUBSCRIBERS,
    START_MAILING,
    count_lines,
    database_url,
    environment,
    free_port,
    migrate,
    run_django,
    start_sink,
    start_worker,
)


def read_from(path: Path, offset: int) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return handle.read().splitlines()[offset:]


def wait_count(path: Path, target: int, timeout: float) -> tuple[float, float]:
    """Poll the sink file; return (time of first new line, time when ``target`` lines were reached)."""
    start_lines = count_lines(path)
    first = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = count_lines(path)
        now = time.monotonic()
        if first is None and n > start_lines:
            first = now
        if n >= target:
            return first or now, now
        time.sleep(0.05)
    raise TimeoutError(f"only {count_lines(path)} of {target} lines")


def bare_loop(port: int, n: int, tmp: Path) -> float:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="inklusio.settings",
        INKLUSIO_VAR_DIR=str(tmp / "bare-var"),
        DATABASE_URL=f"sqlite:///{tmp / 'bare.sqlite3'}",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)  # the From header reads the (empty) branding tables

    from inklusio.mailings.models import Mailing
    from inklusio.mailings.rendering import GREETING_NAME, TOKEN, PreparedMailing

    body = "# Ausbildung\n\nNeues aus den Inklusionsunternehmen: [Programm](https://example.org/programm).\n\n" * 3
    prepared = PreparedMailing(Mailing(pk=1, subject="Infoletter Ausbildung", body=body, language="de"))
    smtp = smtplib.SMTP("127.0.0.1", port)
    started = time.perf_counter()
    build_time = 0.0
    for i in range(n):
        t0 = time.perf_counter()
        token, name = f"tok{i:05d}x", f"Abonnent*in {i}"
        message = EmailMessage()
        message["Subject"] = prepared.mailing.subject
        message["From"] = prepared.from_email
        message["To"] = f"bare{i:05d}@example.org"
        message["Date"] = format_datetime(timezone.now())
        message["Message-ID"] = make_msgid(domain="inklusio.localhost")
        message["List-Unsubscribe"] = f"<{prepared.one_click.replace(TOKEN, token)}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message["List-Id"] = prepared.list_id
        message.set_content(prepared.text.replace(GREETING_NAME, name).replace(TOKEN, token))
        message.add_alternative(prepared.html.replace(GREETING_NAME, name).replace(TOKEN, token), subtype="html")
        payload = message.as_bytes(policy=policy.SMTP)  # CRLF line ends, as on the wire
        build_time += time.perf_counter() - t0
        smtp.sendmail(prepared.from_email, [message["To"]], payload)
    elapsed = time.perf_counter() - started
    smtp.quit()
    print(
        f"  bare smtplib loop: {n} messages in {elapsed:.1f} s = {n / elapsed:.1f} msg/s "
        f"({100 * build_time / elapsed:.0f} % of the time building messages)",
        flush=True,
    )
    return n / elapsed


def worker_run(label: str, db_url: str, port: int, sink_file: Path, n: int, workers: int, tmp: Path) -> dict:
    env = environment(tmp, db_url, port, MAILINGS_SENDERS=workers, MAILINGS_DISPATCH_SECONDS=3600)
    migrate(env)
    run_django(env, SETUP_SUBSCRIBERS.format(n=n))
    before = count_lines(sink_file)
    pk, count = map(int, run_django(env, START_MAILING.format(subject=label)).split())
    assert count == n
    processes = [start_worker(env, tmp / f"{label}-{i}.log") for i in range(workers)]
    try:
        first, last = wait_count(sink_file, before + n, timeout=3600)
        time.sleep(1.0)  # anything arriving late would be a duplicate
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except Exception:  # noqa: BLE001
                process.kill()
    lines = read_from(sink_file, before)
    received = Counter(line.split("\t")[0] for line in lines)
    state = json.loads(run_django(env, MAILING_STATE.format(pk=pk)))
    rate = n / (last - first) if last > first else float("inf")
    result = {
        "label": label,
        "rate": rate,
        "received": len(lines),
        "distinct": len(received),
        "duplicates": sum(c - 1 for c in received.values()),
        "status": state["status"],
        "counts": state["counts"],
    }
    print(
        f"  {label}: {n} messages in {last - first:.1f} s = {rate:.1f} msg/s; received {len(lines)}, "
        f"distinct {len(received)}, duplicates {result['duplicates']}; deliveries {state['counts']}",
        flush=True,
    )
    return result


TARGETS = {"SQLite, 1 worker": 1.0, "PostgreSQL, 1 worker": 1.0, "PostgreSQL, 2 workers": 1.5}


def one_round(args, tmp: Path, port: int, sink_file: Path, n: int, number: int) -> tuple[float, list[dict]]:
    print(f"Round {number}:", flush=True)
    bare = bare_loop(port, n, tmp)
    results = []
    for database in args.databases.split(","):
        if database == "sqlite":
            url = database_url(tmp, f"bench{number}", base_url="")
            results.append(worker_run("SQLite, 1 worker", url, port, sink_file, n, 1, tmp))
        elif database == "postgres":
            for workers in (1, 2):
                url = database_url(tmp, f"{args.db_prefix}_{workers}", base_url=args.postgres + "x")
                label = f"PostgreSQL, {workers} worker{'s' if workers > 1 else ''}"
                results.append(worker_run(label, url, port, sink_file, n, workers, tmp))
    return bare, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
    )
    parser.add_argument("--db-prefix", default="inklusio_bench", help="PostgreSQL databases: PREFIX_1, PREFIX_2")
    args = parser.parse_args()
    n = args.messages
    rounds = []
    with tempfile.TemporaryDirectory(prefix="mailing-bench-") as name:
        tmp = Path(name)
        port = free_port()
        sink_file = tmp / "sink.tsv"
        sink = start_sink(port, sink_file)
        try:
            print(
                f"Infoletter throughput, {n} personalised messages (text + HTML, List-Unsubscribe), "
                f"aiosmtpd sink in its own process on 127.0.0.1:{port}; {os.cpu_count()} CPUs; "
                f"{args.rounds} rounds, medians",
                flush=True,
            )
            for number in range(1, args.rounds + 1):
                rounds.append(one_round(args, tmp, port, sink_file, n, number))
        finally:
            sink.send_signal(signal.SIGTERM)
            sink.wait(timeout=30)
    bare = statistics.median(b for b, _ in rounds)
    print(f"\nSummary: medians of {len(rounds)} rounds (messages per second; ratio to the bare smtplib loop's median)")
    print(f"  {'bare smtplib loop':24s} {bare:8.1f}   1.00x   rounds: " + ", ".join(f"{b:.0f}" for b, _ in rounds))
    held = True
    for index, first in enumerate(rounds[0][1]):
        label = first["label"]
        runs = [results[index] for _, results in rounds]
        rate = statistics.median(r["rate"] for r in runs)
        ratios = ", ".join(f"{r['rate'] / b:.2f}x" for (b, _), r in zip(rounds, runs, strict=True))
        lost = sum(n - r["distinct"] for r in runs)
        doubled = sum(r["duplicates"] for r in runs)
        target = TARGETS.get(label)
        ok = (target is None or rate / bare >= target) and lost == 0 and doubled == 0
        held = held and ok
        print(
            f"  {label:24s} {rate:8.1f}   {rate / bare:.2f}x   (per round {ratios}); lost {lost}, doubled {doubled}; "
            f"target >= {target:.1f}x and none lost or doubled: {'holds' if ok else 'MISSED'}"
        )
    print(f"\nAll targets {'hold' if held else 'NOT met'} in this run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
