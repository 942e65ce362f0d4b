"""Python's cycle collector paused around work that builds many objects at once (pure Python, no Django)."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_gc() -> Iterator[None]:
    """The cycle collector paused while a large table is read and checked or a PDF is laid out: every few hundred
    new lists, dictionaries or boxes it would walk all the objects made so far again (for 100,000 table rows
    about half of the reading and checking time, for 112 World Café cards about a quarter of the rendering).
    Garbage without cycles is freed as before; cycles left behind are collected once the collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
