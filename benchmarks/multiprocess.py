"""Two web processes and two workers on PostgreSQL (issue 10): a mailing to 5,000 subscribers while 300 people
register for 100 seats across both web processes, all real processes (two gunicorn instances with two workers
each, two ``inklusio worker`` processes, an aiosmtpd sink on loopback).

Usage: python benchmarks/multiprocess.py [--postgres URL] [--subscribers 5000] [--seats 100] [--registrations 300]

Prints the wall time of the registration burst and of the whole mailing, and checks what the issue asks: every
subscriber received exactly one message, and no more registrations were confirmed than there are seats.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests import multiprocess  # noqa: E402

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/inklusio_bench_multiprocess"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRES))
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--registrations", type=int, default=300)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="multiprocess-"))
    result = multiprocess.run(tmp, args.subscribers, args.seats, args.registrations, base_url=args.postgres)

    received = result["newsletter"]
    expected = {f"s{i:05d}@example.org" for i in range(args.subscribers)}
    once = set(received) == expected and set(received.values()) == {1}
    counts = result["registrations"]
    booked = counts.get("confirmed", 0) == min(args.seats, args.registrations)
    print(f"two gunicorn instances x 2 workers, two inklusio workers, PostgreSQL; run in {tmp}")
    print(
        f"registration burst: {args.registrations} POSTs for {args.seats} seats in {result['burst_seconds']:.1f} s "
        f"(HTTP {dict(result['statuses'])}); {counts} ({'no overbooking' if booked else 'WRONG'})"
    )
    print(
        f"mailing: {args.subscribers} subscribers, {sum(received.values())} messages to {len(received)} addresses "
        f"in {result['mailing_seconds']:.1f} s ({args.subscribers / result['mailing_seconds']:.0f} msg/s); "
        f"{'each exactly once' if once else 'WRONG'}; uncertain {result['mailing']['uncertain']}"
    )
    return 0 if once and booked else 1


if __name__ == "__main__":
    sys.exit(main())
