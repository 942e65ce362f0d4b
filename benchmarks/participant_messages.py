"""Messages to participants: the real worker path against a bare smtplib loop, and a worker killed mid-send.

    python benchmarks/participant_messages.py [--participants 2000] [--database sqlite|postgres]
                                              [--postgres postgres://postgres@127.0.0.1:5432/]

What runs: one aiosmtpd sink in its own process (tests/mailings/smtp_sink.py, one line per message).
1. Bare loop: this process renders the message once (``PreparedMessage``), then for every participant fills in
   the placeholders, builds the message with the ``email`` package and sends it with ``smtplib`` over one
   connection. No database, no protocol.
2. Worker path: a fresh database with an event and N confirmed registrations, one message to them,
   ``start_sending`` (one delivery row each), then one ``inklusio worker`` sends it through ``core.delivery``.
3. Crash: the same again, the worker SIGKILLed after a third of the messages and a new one started.
Rate = messages / time from the first to the last message at the sink. lost = participants who received
nothing; doubled = participants who received it twice without their delivery being recorded as uncertain.
"""

import argparse
import json
import os
import signal
import smtplib
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
    count_lines,
    database_url,
    environment,
    free_port,
    migrate,
    run_django,
    start_sink,
    start_worker,
)
from tests.participantmail.crossprocess import MESSAGE_STATE, SETUP_PARTICIPANTS, START_MESSAGE  # noqa: E402

BODY = (
    "Hallo {Vorname},\n\nmorgen beginnt **{Veranstaltung}** ({Datum}).\n\nIhr Zugang: {Zugangslink}\n\n"
    "Barrierefreiheit: {Barrierefreiheit}\n"
)


def read_from(path: Path, offset: int) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return handle.read().splitlines()[offset:]


def wait_lines(path: Path, target: int, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if count_lines(path) >= target:
            return time.monotonic()
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
    from django.utils import timezone

    from inklusio.events.models import Event
    from inklusio.participantmail import placeholders
    from inklusio.participantmail.models import Message
    from inklusio.participantmail.rendering import PreparedMessage, event_values

    now = timezone.now()
    event = Event(pk=1, project_id=None, title="Online-Kongress", starts_at=now, ends_at=now, venue="", address="")
    event.accessibility_info = "Gebärdensprache, Untertitel"
    message = Message(pk=1, event=event, subject="Morgen: {Veranstaltung}", body=BODY, language="de")
    prepared = PreparedMessage.__new__(PreparedMessage)  # as PreparedMessage, without the materials query
    prepared.message, prepared.event, prepared.materials = message, event, []
    prepared.shared = event_values(event, "de")
    html, text = "<p>" + placeholders.to_tokens(BODY) + "</p>", placeholders.to_tokens(BODY)
    smtp = smtplib.SMTP("127.0.0.1", port)
    started = time.perf_counter()
    for i in range(n):
        link = f"http://127.0.0.1:8000/events/r/reg{i:06d}x/"
        values = {**prepared.shared, "first_name": f"Teilnehmer*in{i}", "personal_link": link, "join_link": link}
        email = EmailMessage()
        email["Subject"] = placeholders.fill(placeholders.to_tokens(message.subject), values)
        email["From"] = "inklusio@localhost"
        email["To"] = f"bare{i:05d}@example.org"
        email["Date"] = format_datetime(timezone.now())
        email["Message-ID"] = make_msgid(domain="inklusio.localhost")
        email.set_content(placeholders.fill(text, values))
        email.add_alternative(placeholders.fill(html, values), subtype="html")
        smtp.sendmail("inklusio@localhost", [email["To"]], email.as_bytes(policy=policy.SMTP))
    elapsed = time.perf_counter() - started
    smtp.quit()
    print(f"  bare smtplib loop: {n} messages in {elapsed:.1f} s = {n / elapsed:.1f} msg/s", flush=True)
    return n / elapsed


def worker_run(label: str, db_url: str, port: int, sink_file: Path, n: int, tmp: Path, kill: bool) -> dict:
    env = environment(tmp, db_url, port, MAILINGS_DISPATCH_SECONDS=1)
    migrate(env)
    run_django(env, SETUP_PARTICIPANTS.format(n=n))
    before = count_lines(sink_file)
    pk, count = map(int, run_django(env, START_MESSAGE.format(subject="Morgen: {Veranstaltung}")).split())
    assert count == n
    workers = [start_worker(env, tmp / f"worker-{int(kill)}-1.log")]
    try:
        started = time.monotonic()
        if kill:
            wait_lines(sink_file, before + n // 3, timeout=1800)
            workers[0].send_signal(signal.SIGKILL)
            workers[0].wait()
            workers.append(start_worker(env, tmp / f"worker-{int(kill)}-2.log"))
        while json.loads(run_django(env, MESSAGE_STATE.format(pk=pk)))["status"] != "sent":
            time.sleep(0.5)
        last = time.monotonic()
        time.sleep(1.0)  # anything arriving late would be a duplicate
    finally:
        for process in workers:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except Exception:  # noqa: BLE001
                    process.kill()
    received = Counter(line.split("\t")[0] for line in read_from(sink_file, before))
    state = json.loads(run_django(env, MESSAGE_STATE.format(pk=pk)))
    expected = {f"p{i:05d}@example.org" for i in range(n)}
    uncertain = set(state["uncertain"])
    result = {
        "label": label,
        "rate": n / (last - started),
        "lost": len(expected - set(received)),
        "doubled": len({a for a, c in received.items() if c > 1} - uncertain),
        "uncertain": len(uncertain),
        "status": state["status"],
    }
    print(
        f"  {label}: {n} messages in {last - started:.1f} s (from the worker's start, its start-up included) = "
        f"{result['rate']:.1f} msg/s; lost {result['lost']}, doubled {result['doubled']}, "
        f"uncertain {result['uncertain']}; deliveries {state['counts']}",
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument(
        "--postgres", default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")
    )
    args = parser.parse_args()
    n = args.participants
    with tempfile.TemporaryDirectory(prefix="participant-bench-") as name:
        tmp = Path(name)
        port = free_port()
        sink_file = tmp / "sink.tsv"
        sink = start_sink(port, sink_file)
        try:
            print(
                f"Messages to participants, {n} personalised messages (text + HTML), aiosmtpd sink in its own "
                f"process on 127.0.0.1:{port}; {os.cpu_count()} CPUs; database: {args.database}",
                flush=True,
            )
            bare = bare_loop(port, n, tmp)
            results = []
            for kill in (False, True):
                label = "worker killed at 1/3, restarted" if kill else "1 worker"
                base = "" if args.database == "sqlite" else args.postgres + "x"
                url = database_url(tmp, f"inklusio_pm_bench_{int(kill)}", base_url=base)
                results.append(worker_run(label, url, port, sink_file, n, tmp, kill))
        finally:
            sink.send_signal(signal.SIGTERM)
            sink.wait(timeout=30)
    print("\nSummary (messages per second; ratio to the bare smtplib loop of this run):")
    print(f"  {'bare smtplib loop':34s} {bare:8.1f}   1.00x")
    for r in results:
        print(
            f"  {r['label']:34s} {r['rate']:8.1f}   {r['rate'] / bare:.2f}x   lost={r['lost']} "
            f"doubled={r['doubled']} uncertain={r['uncertain']} message {r['status']}"
        )
    return 0 if all(r["lost"] == 0 and r["doubled"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
