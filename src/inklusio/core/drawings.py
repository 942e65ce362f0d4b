"""Charts drawn once per process for the same numbers: matplotlib takes 100–300 ms for one SVG, and a report or
a results page draws several on every request although their numbers rarely change.

:func:`memoised` keeps the last :data:`KEPT` drawings of a function in memory, keyed by its arguments and the
active language (tick labels may be translated inside). Arguments that cannot be compared by value (a function
made for one call) fall back to drawing each time. The drawing functions are pure, so a kept one is exact.
"""

import functools
import numbers
from collections import OrderedDict
from threading import Lock

from django.utils.functional import Promise
from django.utils.translation import get_language

KEPT = 256


def _frozen(value):
    if isinstance(value, (str, numbers.Number, type(None))):
        return value
    if isinstance(value, Promise):  # a lazy translation: its text in the active language
        return str(value)
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, functools.partial):  # a function with fixed arguments: compared by name and arguments
        return (value.func.__module__, value.func.__qualname__, _frozen(value.args), _frozen(value.keywords))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "__dict__") and not callable(value):
        return (type(value).__qualname__, _frozen(vars(value)))
    raise TypeError(type(value).__name__)


def memoised(function):
    kept: OrderedDict = OrderedDict()
    lock = Lock()

    @functools.wraps(function)
    def draw(*args, **kwargs):
        try:
            key = (get_language(), _frozen(list(args)), _frozen(dict(kwargs)))
        except TypeError:
            return function(*args, **kwargs)
        with lock:
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        drawing = function(*args, **kwargs)
        with lock:
            kept[key] = drawing
            while len(kept) > KEPT:
                kept.popitem(last=False)
        return drawing

    draw.kept = kept
    return draw
