"""Garbage-collection pauses in a server process: start-up's objects frozen (as inklusio.wsgi does) or not.

Usage: python benchmarks/gc_pause.py [--requests 3000]

Builds the demo data in a fresh SQLite database (``inklusio manage migrate``, ``inklusio load-demo``). Then, each in
a fresh process, as a gunicorn worker starts (``import inklusio.wsgi``):

- *frozen*: as shipped: ``inklusio.wsgi`` loads the views and freezes what start-up made (``gc.freeze()``);
- *not frozen*: the same, then ``gc.unfreeze()``: the state before that change.

Each process logs in as a superuser and requests a round of staff and public pages ``--requests`` times in
all, through the WSGI application as gunicorn calls it, recording every full (generation 2) collection that falls
inside a request (``gc.callbacks``), then times three forced full collections. Prints, per process: the objects
the collector tracks (before and after the requests), the full collections and their longest pause, the request
p50/p99/max and the forced collection's time; then the ratio frozen / not frozen.
No target: this shows what the change buys (issue 22's pages, whose p95 a 100 ms pause can break).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

from demo_database import load_demo, sqlite_environment  # this folder is on the path

PAGES = [
    "/staff/",
    "/staff/contacts/",
    "/staff/contacts/inquiries/",
    "/staff/events/",
    "/staff/infoletter/",
    "/staff/outreach/calendar/",
    "/staff/networks/",
    "/staff/impact/",
    "/",
    "/events/",
]

MEASURE = """
import gc, json, os, statistics, sys, time

import inklusio.wsgi  # as a gunicorn worker starts: Django set up, the views loaded, start-up's objects frozen
if os.environ["BENCH_VARIANT"] == "not frozen":
    gc.unfreeze()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

# a session for a superuser (the test client makes it), then every request straight through the WSGI application,
# as gunicorn calls it: the test client itself connects signal receivers on every request, which a server does not
login = Client(HTTP_HOST="127.0.0.1")
admin = get_user_model().objects.filter(username="gc-bench").first()
login.force_login(admin or get_user_model().objects.create_superuser("gc-bench", "gc-bench@example.org", None))
cookie = f"{settings.SESSION_COOKIE_NAME}={login.cookies[settings.SESSION_COOKIE_NAME].value}"
factory = RequestFactory(HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)

def get(path):
    answer = {}
    body = inklusio.wsgi.application(factory.get(path).environ, lambda status, headers: answer.update(status=status))
    b"".join(body)
    body.close()
    return int(answer["status"].split()[0])

pages = json.loads(os.environ["BENCH_PAGES"])
left_out = [path for path in list(pages) if get(path) != 200]  # each page warmed once
pages = [path for path in pages if path not in left_out]
pauses, started = [], {}

def watch(phase, info):
    if info["generation"] == 2:
        if phase == "start":
            started["t"] = time.perf_counter()
        else:
            pauses.append(1000 * (time.perf_counter() - started["t"]))

tracked = len(gc.get_objects())
gc.callbacks.append(watch)
latencies = []
for n in range(int(os.environ["BENCH_REQUESTS"])):
    t = time.perf_counter()
    get(pages[n % len(pages)])
    latencies.append(1000 * (time.perf_counter() - t))
gc.callbacks.remove(watch)
tracked_after = len(gc.get_objects())
forced = []
for _ in range(3):
    t = time.perf_counter()
    gc.collect()
    forced.append(1000 * (time.perf_counter() - t))
latencies.sort()
print(json.dumps({
    "tracked": tracked, "frozen": gc.get_freeze_count(), "pages": len(pages), "left_out": left_out,
    "requests": len(latencies), "tracked_after": tracked_after,
    "full": len(pauses), "longest": max(pauses, default=0.0), "total_pause": sum(pauses),
    "p50": statistics.median(latencies), "p99": latencies[int(0.99 * (len(latencies) - 1))],
    "max": latencies[-1], "forced": statistics.median(forced),
}))
"""


def measure(env: dict, variant: str, requests: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE],
        env={**env, "BENCH_VARIANT": variant, "BENCH_REQUESTS": str(requests), "BENCH_PAGES": json.dumps(PAGES)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(done.stderr[-4000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inklusio-gc-") as tmp:
        env = sqlite_environment(tmp)
        print("building the demo data (SQLite) …", flush=True)
        load_demo(env)
        results = {variant: measure(env, variant, args.requests) for variant in ("frozen", "not frozen")}
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores (shared machine)")
    print(
        f"{'process':<12}{'tracked':>9}{'after':>9}{'frozen':>9}{'requests':>9}{'full GCs':>9}{'longest':>9}"
        f"{'p50 ms':>8}{'p99 ms':>8}{'max ms':>8}{'forced full GC ms':>19}"
    )
    for variant, r in results.items():
        print(
            f"{variant:<12}{r['tracked']:>9,}{r['tracked_after']:>9,}{r['frozen']:>9,}{r['requests']:>9}{r['full']:>9}{r['longest']:>9.1f}"
            f"{r['p50']:>8.1f}{r['p99']:>8.1f}{r['max']:>8.1f}{r['forced']:>19.1f}"
        )
    frozen, thawed = results["frozen"], results["not frozen"]
    print(f"pages: {frozen['pages']} of {len(PAGES)}; left out (not 200): {', '.join(frozen['left_out']) or 'none'}")
    print(
        f"a full collection: frozen {frozen['forced']:.1f} ms against not frozen {thawed['forced']:.1f} ms "
        f"(ratio {frozen['forced'] / thawed['forced']:.3f})"
    )
    print(
        f"time in full collections during the requests: frozen {frozen['total_pause']:.1f} ms in {frozen['full']}, "
        f"not frozen {thawed['total_pause']:.1f} ms in {thawed['full']}"
    )


if __name__ == "__main__":
    main()
