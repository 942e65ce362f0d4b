"""Which indicators exist and how each is computed.

The catalogue (``catalogue.py``) fixes every code with its labels, unit, level, chain, kind, direction
and definition. An app supplies compute functions by code: its ``AppConfig`` names a list with

    impact_indicators = "inklusio.<app>.figures:INDICATORS"

where ``INDICATORS`` holds ``Binding`` objects (``Binding("mailings_sent", compute, records_url)``) for
catalogue codes, complete ``IndicatorDefinition`` objects for codes of the app's own, and ``Breakdown``
objects for grouped figures. These types live in ``inklusio.core.extensions``, so the apps, which sit below
impact, never import impact.

``compute(project, start, end)`` returns an int, a float or None (no value); it must use aggregate
queries only (a fixed number of queries, whatever the amount of data). ``start``/``end`` are dates,
both inclusive. Stock indicators read the state at ``end``; flow indicators count over the period.
``records_url(project, start, end)`` returns the URL of the records behind the figure, or None.

An indicator whose compute function nobody registered has ``compute=None``: it shows as
"no data source yet", never as zero.

An ``IndicatorDefinition`` with a ``permission`` (finance's cost figures need ``finance.view_statement``) is
listed only for users holding it (:func:`visible_to`), and the report and dashboard leave it out where it has no
value: a project without a finance plan shows no cost rows at all.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import replace
from importlib import import_module

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from inklusio.core.extensions import Binding, Breakdown, IndicatorDefinition

from .catalogue import BY_CODE, CATALOGUE

_lock = threading.Lock()
_cache: dict[str, IndicatorDefinition] | None = None
_extra: list = []


def _load_items(path: str) -> list:
    module_name, _, attribute = path.partition(":")
    if not attribute:
        raise ImproperlyConfigured(f"impact_indicators {path!r} must look like 'package.module:NAME'")
    return list(getattr(import_module(module_name), attribute))


def _collect() -> dict[str, IndicatorDefinition]:
    found: dict[str, IndicatorDefinition] = {spec.code: IndicatorDefinition.from_spec(spec) for spec in CATALOGUE}
    bound: dict[str, str] = {}
    sources = [
        (config.label, _load_items(config.impact_indicators))
        for config in apps.get_app_configs()
        if getattr(config, "impact_indicators", None)
    ]
    sources.append(("tests", list(_extra)))
    for origin, items in sources:
        for item in items:
            if isinstance(item, Breakdown):
                continue
            if isinstance(item, Binding):
                if item.code not in BY_CODE:
                    raise ImproperlyConfigured(
                        f"{origin}: {item.code!r} is not in the impact catalogue; add it to impact/catalogue.py "
                        "or register a complete IndicatorDefinition"
                    )
                definition = replace(found[item.code], compute=item.compute, records_url=item.records_url)
            elif isinstance(item, IndicatorDefinition):
                definition = item
            else:
                raise ImproperlyConfigured(f"{origin}: {item!r} is neither a Binding nor an IndicatorDefinition")
            if item.code in bound:
                raise ImproperlyConfigured(
                    f"indicator {item.code!r} is computed by both {bound[item.code]} and {origin}"
                )
            bound[item.code] = origin
            found[item.code] = definition
    return found


def all_definitions() -> list[IndicatorDefinition]:
    """Every computed indicator, catalogue order first, then apps' own codes."""
    global _cache
    with _lock:
        if _cache is None:
            _cache = _collect()
        return list(_cache.values())


def may_see(definition: IndicatorDefinition, user) -> bool:
    """Whether ``user`` may see the figure: a definition with a ``permission`` only for users holding it
    (no user, e.g. the command line or an internal call: only figures without a permission)."""
    if not definition.permission:
        return True
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_perm(definition.permission)
    )


def visible_to(user) -> list[IndicatorDefinition]:
    """The indicators ``user`` may see, in :func:`all_definitions` order (cost figures need finance rights)."""
    return [definition for definition in all_definitions() if may_see(definition, user)]


def get(code: str) -> IndicatorDefinition:
    for definition in all_definitions():
        if definition.code == code:
            return definition
    raise KeyError(code)


def breakdowns(key: str | None = None) -> list[Breakdown]:
    """Registered breakdowns (all, or those of one report section)."""
    items = [
        item
        for config in apps.get_app_configs()
        if getattr(config, "impact_indicators", None)
        for item in _load_items(config.impact_indicators)
    ] + list(_extra)
    return [item for item in items if isinstance(item, Breakdown) and (key is None or item.key == key)]


def reset() -> None:
    global _cache
    with _lock:
        _cache = None


@contextmanager
def registered(*items):
    """Register bindings or definitions for the duration of a ``with`` block (tests, benchmarks)."""
    _extra.extend(items)
    reset()
    try:
        yield
    finally:
        for item in items:
            _extra.remove(item)
        reset()
