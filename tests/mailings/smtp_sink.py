"""A loopback SMTP sink in its own process: records one line per accepted message to a file.

    python tests/mailings/smtp_sink.py PORT OUTFILE

Each line: recipient TAB Message-ID TAB X-Inklusio-Delivery. The file is flushed after every message, so a
reader sees what the server accepted, also while the sender is being killed. Prints "READY" when listening.
"""

import signal
import sys
import threading
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, path):
        self.handle = open(path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the process's life
        self.lock = threading.Lock()
        self.parser = BytesHeaderParser()

    async def handle_DATA(self, server, session, envelope):
        headers = self.parser.parsebytes(envelope.content)
        fields = [",".join(envelope.rcpt_tos), headers.get("Message-ID", ""), headers.get("X-Inklusio-Delivery", "")]
        line = "\t".join(" ".join(str(f).split()) for f in fields)  # unfold headers: one line per message
        with self.lock:
            self.handle.write(line + "\n")
            self.handle.flush()
        return "250 Message accepted"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Recorder(path), hostname="127.0.0.1", port=port)
    controller.start()
    print("READY", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
