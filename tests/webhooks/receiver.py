"""A real HTTP receiver on loopback (http.server in a thread) and a signature verifier written from the Standard
Webhooks specification (https://www.standardwebhooks.com/), not with inklusio's signer.

Also runnable as a process (``python receiver.py PORT FILE [HOLD_FIRST_SECONDS]``) for the crash test: it prints
READY, appends "<webhook-id>\\t<status>" per answered request to FILE, and holds the first request unanswered
for HOLD_FIRST_SECONDS (so the worker can be killed while it waits).
"""

import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE = 5 * 60  # seconds: a message signed longer ago (or ahead) is taken for a replay


class InvalidSignature(Exception):
    pass


def verify(secret: str, headers: dict, body: bytes, now: float | None = None) -> dict:
    """Check the webhook-* headers against ``secret`` ("whsec_<base64>"); return the JSON payload or raise."""
    message_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > TOLERANCE:
        raise InvalidSignature("timestamp outside the tolerance")
    key = base64.b64decode(secret.split("_", 1)[1])
    signed = message_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    for candidate in headers["webhook-signature"].split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(body)
    raise InvalidSignature("no valid signature")


class Receiver:
    """Records every request; answers with ``answers`` in turn (then 204), or per request with ``answer(n)``."""

    def __init__(self):
        self.requests: list[tuple[dict, bytes]] = []
        self.answered: list[tuple[str, int]] = []  # (webhook-id, status)
        self.answers: list[int] = []
        self.redirect_to = ""
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                with receiver.lock:
                    receiver.requests.append((headers, body))
                    status = receiver.answers.pop(0) if receiver.answers else 204
                    receiver.answered.append((headers.get("webhook-id", ""), status))
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("location", receiver.redirect_to)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/inklusio?source=test"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def successes(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for message_id, status in self.answered:
            if 200 <= status < 300:
                counts[message_id] = counts.get(message_id, 0) + 1
        return counts


def _serve_process(port: int, path: str, hold_first: float) -> None:
    held = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            message_id = self.headers.get("webhook-id", "")
            if not held.is_set():
                held.set()
                with open(path, "a") as handle:
                    handle.write(f"{message_id}\theld\n")
                time.sleep(hold_first)
                return  # no answer: the connection closes
            del body
            self.send_response(204)
            self.send_header("content-length", "0")
            self.end_headers()
            with open(path, "a") as handle:
                handle.write(f"{message_id}\t204\n")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("READY", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    _serve_process(int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0)
