"""The in-process buffer: a page view costs one increment under a lock; a thread of the process writes the
buffered counts in batches.

Invariant: every increment is written exactly once, or is still in the buffer. ``flush`` takes the whole buffer
under the lock (later increments go to a fresh one) and writes it with ``count = count + n`` (``store.add``),
which is correct however many processes flush at the same time; if the write fails, the counts go back into the
buffer for the next flush. The thread wakes every ``USAGE_FLUSH_SECONDS`` or as soon as ``USAGE_FLUSH_SIZE``
keys are waiting; at the process's normal exit the rest is written (``atexit``). A forked child starts empty.
What a killed process had not flushed yet (at most one interval's worth) is lost: counts are evidence of use,
not records anyone relies on one by one.
"""

import atexit
import logging
import os
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


class CountBuffer:
    """Counts per key, safe to increment from many threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts: dict[tuple, int] = {}

    def add(self, key: tuple, n: int = 1) -> int:
        """Add ``n`` to ``key``; returns how many keys are waiting."""
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + n
            return len(self._counts)

    def take(self) -> dict[tuple, int]:
        """Everything waiting, leaving the buffer empty."""
        with self._lock:
            counts, self._counts = self._counts, {}
        return counts

    def give_back(self, counts: dict[tuple, int]) -> None:
        with self._lock:
            for key, n in counts.items():
                self._counts[key] = self._counts.get(key, 0) + n

    def __len__(self) -> int:
        with self._lock:
            return len(self._counts)


_buffer = CountBuffer()
_wake = threading.Event()
_thread: threading.Thread | None = None
_thread_lock = threading.Lock()


def record(key: tuple) -> None:
    """Count one use of ``key`` (a tuple ``store.add`` understands); never touches the database."""
    waiting = _buffer.add(key)
    if _thread is None:
        _start_thread()
    if waiting >= settings.USAGE_FLUSH_SIZE:
        _wake.set()


def flush() -> int:
    """Write what is waiting; returns the number of keys written. On a database error nothing is lost."""
    from . import store  # noqa: PLC0415 — the store reads the models, which load after this module

    counts = _buffer.take()
    if not counts:
        return 0
    try:
        store.add(counts)
    except Exception:
        _buffer.give_back(counts)
        raise
    return len(counts)


def pending() -> dict[tuple, int]:
    """A copy of what is waiting (tests, the benchmark)."""
    counts = _buffer.take()
    _buffer.give_back(counts)
    return counts


def discard() -> None:
    """Forget what is waiting (tests)."""
    _buffer.take()


def _start_thread() -> None:
    global _thread
    interval = float(settings.USAGE_FLUSH_SECONDS)
    if interval <= 0:
        return
    with _thread_lock:
        if _thread is None:
            _thread = threading.Thread(target=_run, args=(interval,), name="usage-flush", daemon=True)
            _thread.start()


def _run(interval: float) -> None:
    while True:
        _wake.wait(interval)
        _wake.clear()
        _flush_logged()
        connections.close_all()  # this thread's connections only: a fresh one next time


def _flush_logged() -> None:
    try:
        flush()
    except Exception:
        logger.exception("usage: writing the counts failed; they are kept for the next try")


def _after_fork_in_child() -> None:
    global _buffer, _wake, _thread, _thread_lock
    _buffer, _wake, _thread, _thread_lock = CountBuffer(), threading.Event(), None, threading.Lock()


os.register_at_fork(after_in_child=_after_fork_in_child)
atexit.register(_flush_logged)
