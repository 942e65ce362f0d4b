"""``inklusio demo`` keeps its services up: a worker killed with SIGKILL is started again while the web server
keeps answering; a service that keeps dying stops the demo with exit code 1 instead of looping forever."""

import os
import signal
import sys
import threading
import time
import urllib.request

import pytest

from inklusio.cli import Service, demo_services, supervise

from ..mailings.crossprocess import database_url, environment, free_port, migrate, wait_for


def _answers(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own server on loopback
        return response.status


@pytest.mark.slow
def test_a_killed_worker_is_started_again_while_the_web_server_keeps_answering(tmp_path):
    env = environment(
        tmp_path, database_url(tmp_path, "inklusio_demo_supervisor"), free_port(), SCHEDULER_TICK_SECONDS=0.5
    )
    migrate(env)
    port = free_port()
    services = demo_services("127.0.0.1", port, workers=1)
    web, worker = services
    stop = threading.Event()
    outcome = []
    supervisor = threading.Thread(target=lambda: outcome.append(supervise(services, env, stop, poll=0.2)))
    supervisor.start()
    healthz = f"http://127.0.0.1:{port}/healthz"
    try:
        wait_for(lambda: _try(healthz) == 200, timeout=60, what="the web server")
        first_web, first_worker = web.process.pid, worker.process.pid
        os.kill(first_worker, signal.SIGKILL)
        answers = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            answers.append(_answers(healthz))  # raises if the web server went away
            if worker.process.pid != first_worker and worker.running():
                break
            time.sleep(0.1)
        assert worker.process.pid != first_worker, "the killed worker was not started again"
        assert len(worker.starts) == 2
        time.sleep(1.5)  # the new worker stays up (it is a real worker, not a process that exits at once)
        assert worker.running()
        assert web.process.pid == first_web and web.running(), "the web server stayed up"
        assert answers and set(answers) == {200}
        assert _answers(healthz) == 200
    finally:
        stop.set()
        supervisor.join(timeout=60)
    assert outcome == [0]
    assert not web.running() and not worker.running(), "stopping the demo stops its services"


def _try(url: str) -> int | None:
    try:
        return _answers(url)
    except OSError:
        return None


def test_a_service_that_keeps_dying_stops_the_demo_with_exit_code_1(tmp_path):
    dying = Service("worker", [sys.executable, "-c", "raise SystemExit(3)"])
    steady = Service("web server", [sys.executable, "-c", "import time; time.sleep(60)"])
    stop = threading.Event()
    started = time.monotonic()
    assert supervise([steady, dying], dict(os.environ), stop, poll=0.05, max_starts=3, window=30) == 1
    assert len(dying.starts) == 3 and dying.process.returncode == 3
    assert len(steady.starts) == 1 and steady.process.returncode == -signal.SIGTERM, "the others are stopped"
    assert time.monotonic() - started < 15
