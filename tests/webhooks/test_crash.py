"""A real worker process is SIGKILLed while it waits for the receiver's answer; a second worker delivers every
event, the one in flight again with the same webhook-id after its claim expired: nothing is lost.

Separate processes against a file-based SQLite database (or a fresh PostgreSQL database when DATABASE_URL points
at PostgreSQL): the receiver (http.server), the setup, the workers (see tests/mailings/crossprocess.py).
"""

import json
import signal
import subprocess
import sys
from pathlib import Path

from tests.mailings.crossprocess import (
    database_url,
    environment,
    free_port,
    migrate,
    run_django,
    start_worker,
    wait_for,
)

RECEIVER = Path(__file__).with_name("receiver.py")
EVENTS = 3

SETUP = """
from inklusio.core.models import Project
from inklusio.contacts.services import create_inquiry
from inklusio.webhooks import services
from inklusio.webhooks.models import Subscription
from datetime import date
project = Project.objects.create(title="P", slug="p", funder="F", start=date(2024, 1, 1), end=date(2030, 1, 1))
s = services.create_subscription(Subscription(description="CRM", url={url!r}, kinds=["inquiry.created"]), None)
for n in range({n}):
    create_inquiry(project=project, kind="general", channel="email", topic=f"Frage {{n}}")
print(s.pk)
"""

STATE = """
import json
from inklusio.webhooks.models import WebhookDelivery
print(json.dumps(list(WebhookDelivery.objects.order_by("pk").values("message_id", "status", "attempts"))))
"""


def received(path: Path) -> list[tuple[str, str]]:
    if not path.exists():
        return []
    return [tuple(line.split("\t")) for line in path.read_text().splitlines()]


def test_a_worker_killed_mid_delivery_loses_nothing(tmp_path):
    port = free_port()
    log = tmp_path / "received.tsv"
    db_url = database_url(tmp_path, "inklusio_webhooks_crash")
    env = environment(
        tmp_path,
        db_url,
        free_port(),
        WEBHOOK_ALLOW_PRIVATE=1,
        WEBHOOK_TIMEOUT=30,  # the killed worker would otherwise give up on the held request itself
        WEBHOOK_CLAIM_SECONDS=2,
        WEBHOOK_POLL_SECONDS=1,
        SCHEDULER_TICK_SECONDS=0.5,
        WORKER_HEARTBEAT_MAX_AGE=2,
    )
    sink = subprocess.Popen(
        [sys.executable, str(RECEIVER), str(port), str(log), "60"], stdout=subprocess.PIPE, text=True
    )
    assert sink.stdout.readline().strip() == "READY"
    workers = []
    try:
        migrate(env)
        run_django(env, SETUP.format(url=f"http://127.0.0.1:{port}/hook", n=EVENTS))
        workers.append(start_worker(env, tmp_path / "worker1.log"))
        wait_for(lambda: any(status == "held" for _, status in received(log)), timeout=60, what="the first request")
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait()
        middle = json.loads(run_django(env, STATE))
        assert "sending" in {row["status"] for row in middle}, middle  # the killed worker's claim is left

        workers.append(start_worker(env, tmp_path / "worker2.log"))
        final = wait_for(
            lambda: (
                (rows := json.loads(run_django(env, STATE))) and all(r["status"] == "succeeded" for r in rows) and rows
            ),
            timeout=60,
            interval=0.5,
            what="every delivery to succeed",
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=20)

    ids = [row["message_id"] for row in final]
    assert len(ids) == EVENTS
    answered = [message_id for message_id, status in received(log) if status == "204"]
    assert sorted(answered) == sorted(ids)  # each event delivered exactly once
    held = [message_id for message_id, status in received(log) if status == "held"]
    assert len(held) == 1 and held[0] in ids  # the one in flight went again, with the same id
