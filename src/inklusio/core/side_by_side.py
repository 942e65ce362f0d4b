"""Independent reads side by side: a report's figures are dozens of aggregate queries that do not depend on each
other, and while PostgreSQL answers one, Python waits. Up to ``FIGURE_THREADS`` threads, each with its own
connection, let the database run several at once and let Python build the next query meanwhile.

Only on PostgreSQL and only outside a transaction: another connection would not see what this transaction
wrote. SQLite (the small, single-user installation) reads in one thread. The threads see the caller's context
variables (a ``figure_scope``'s shared results), language and time zone (Django keeps those two per thread), and
close their connections when they end.
"""

import contextvars
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone, translation

Item = TypeVar("Item")
Result = TypeVar("Result")


def threads_available() -> int:
    """How many threads :func:`map_side_by_side` would use now (1: it runs in the caller's thread)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 1
    return max(1, int(getattr(settings, "FIGURE_THREADS", 1)))


def map_side_by_side(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """``[function(item) for item in items]``, the items taken in order by up to :func:`threads_available`
    threads. The first exception raised is raised here, after every thread has ended."""
    workers = min(threads_available(), len(items))
    if workers <= 1:
        return [function(item) for item in items]
    results: list = [None] * len(items)
    errors: list[BaseException] = []
    queue = iter(range(len(items)))
    lock = threading.Lock()
    language, zone = translation.get_language(), timezone.get_current_timezone()

    def call(item):
        with translation.override(language), timezone.override(zone):
            return function(item)

    def work(context: contextvars.Context) -> None:
        try:
            take_items(context)
        except BaseException as error:  # noqa: BLE001 - handed to the caller below
            errors.append(error)
        finally:
            connections.close_all()  # this thread's connections only

    def take_items(context: contextvars.Context) -> None:
        while not errors:
            with lock:
                index = next(queue, None)
            if index is None:
                return
            results[index] = context.run(call, items[index])

    threads = [threading.Thread(target=work, args=(contextvars.copy_context(),)) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results
