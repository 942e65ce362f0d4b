"""A real SMTP server (aiosmtpd) on loopback that misbehaves on cue, for the sender's failure handling.

server.stop() / server.start()     refuse connections (port closed), then accept again on the same port
server.silent()                    a socket that accepts but never greets: the client's connect times out
faults.temporary_first = K         answer 451 to the first K recipients
faults.reject = {address: "550 …"} answer RCPT for one address with that reply
faults.data_reply = {address: "554 …"}  accept RCPT, refuse the message after DATA
faults.drop_first = K              the first K messages: read them, then drop the connection without an answer
faults.drop_keeps = True           ... and keep them (the server took them, the client never heard)
faults.sleep_first = (K, seconds)  the first K messages: answer only after ``seconds`` (past the client timeout)
faults.after_message = callable(n) called after the n-th accepted message, before the answer
"""

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


@dataclass
class Faults:
    temporary_first: int = 0
    reject: dict = field(default_factory=dict)
    data_reply: dict = field(default_factory=dict)
    drop_first: int = 0
    drop_keeps: bool = False
    sleep_first: tuple = (0, 0.0)
    after_message: object = None


class Handler:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        faults = self.server.faults
        with self.server.lock:
            self.server.rcpt_count += 1
            count = self.server.rcpt_count
        if count <= faults.temporary_first:
            return "451 4.3.0 Temporary local problem, try again later"
        if address in faults.reject:
            return faults.reject[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        faults = self.server.faults
        for address in envelope.rcpt_tos:
            if address in faults.data_reply:
                return faults.data_reply[address]
        with self.server.lock:
            self.server.data_count += 1
            count = self.server.data_count
        if count <= faults.drop_first:
            if faults.drop_keeps:
                self.server.keep(envelope)
            server.transport.abort()  # no answer: the client cannot know whether the message was taken
            return "250 never heard"
        sleep_count, seconds = faults.sleep_first
        if count <= sleep_count:
            await asyncio.sleep(seconds)
        self.server.keep(envelope)
        if faults.after_message is not None:
            await asyncio.get_running_loop().run_in_executor(None, faults.after_message, len(self.server.messages))
        return "250 Message accepted"


class FaultySmtp:
    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.host = "127.0.0.1"
        self.faults = Faults()
        self.lock = threading.Lock()
        self.messages = []
        self.envelopes = []
        self.rcpt_count = 0
        self.data_count = 0
        self.controller = None
        self.silent_socket = None

    def keep(self, envelope):
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self.envelopes.append(envelope)

    def start(self):
        self.close_silent()
        self.controller = Controller(Handler(self), hostname=self.host, port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def silent(self):
        """Listen without ever answering: connections are accepted by the kernel, the greeting never comes."""
        self.stop()
        self.silent_socket = socket.socket()
        self.silent_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.silent_socket.bind((self.host, self.port))
        self.silent_socket.listen(64)

    def close_silent(self):
        if self.silent_socket is not None:
            self.silent_socket.close()
            self.silent_socket = None

    def received(self) -> dict[str, int]:
        """How many messages each recipient address has received."""
        counts: dict[str, int] = {}
        with self.lock:
            for envelope in self.envelopes:
                for address in envelope.rcpt_tos:
                    counts[address] = counts.get(address, 0) + 1
        return counts
