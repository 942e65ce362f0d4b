"""The retention schedule: every app's data categories, their periods, and the run that applies them.

An app declares ``retention_categories`` on its ``AppConfig`` (a list of ``RetentionCategory`` from
``inklusio.core.extensions``, or a property returning one, so the definitions may import the app's models
lazily). The privacy app stores the project lead's overrides of the periods
(:class:`~inklusio.privacy.models.RetentionPeriod`), runs the schedule as a periodic job, and logs each run with
counts only (:class:`~inklusio.privacy.models.RetentionRun`).

A category's ``find(cutoff)`` returns what is due (a queryset or a list: the dry run counts and lists it) and
``apply(cutoff, now)`` deletes or anonymises exactly that and returns how many items it handled, so a dry run
and the real run agree. ``cutoff`` is ``now`` minus the period: whatever is older than the cutoff is due.
Anonymising keeps every row an aggregate figure counts; only what identifies a person goes.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.core.extensions import ANONYMISE, DELETE, RetentionCategory

from .models import RetentionPeriod, RetentionRun

logger = logging.getLogger(__name__)
ACTION_LABELS = {DELETE: _("delete"), ANONYMISE: _("anonymise")}
LIST_LIMIT = 200  # the dry-run report lists at most this many records per category
COUNT_LIMIT = 10_000  # the dry-run page counts up to this many per category, then says "more than" (a count of a
# million delivery logs alone took a third of a second); the command line counts exactly


def categories(keys=None) -> list[RetentionCategory]:
    """Every app's categories in app order (only those in ``keys`` when given)."""
    found = []
    for config in apps.get_app_configs():
        found.extend(getattr(config, "retention_categories", []))
    return [c for c in found if keys is None or c.key in keys]


def category(key: str) -> RetentionCategory | None:
    return next((c for c in categories() if c.key == key), None)


def periods() -> dict[str, int]:
    """The period in days per category key: the lead's override, else the app's default."""
    overrides = dict(RetentionPeriod.objects.values_list("category", "days"))
    return {c.key: overrides.get(c.key, c.default_period()) for c in categories()}


def cutoff_for(days: int, now: datetime) -> datetime:
    return now - timedelta(days=days)


def _count(items, limit: int | None = None) -> int:
    """How many ``items`` (a queryset or a list); at most ``limit + 1`` when a limit is given."""
    if isinstance(items, list) or not hasattr(items, "count"):
        return len(items)
    if limit is None:
        return items.count()
    return items.order_by()[: limit + 1].count()  # the first limit + 1 in any order: no sort of every row


@dataclass
class Due:
    category: RetentionCategory
    days: int
    cutoff: datetime
    count: int
    items: list = field(default_factory=list)  # descriptions, only when asked for
    more: bool = False  # more than ``count`` are due (the count stopped at its limit)


def dry_run(
    now=None, *, with_items: bool = False, overrides: dict | None = None, keys=None, count_limit: int | None = None
) -> list[Due]:
    """What the next run would delete or anonymise per category (``overrides`` tries other periods); with
    ``count_limit``, a category with more due says ``more`` and counts ``count_limit``."""
    now = now or timezone.now()
    days_by_key = {**periods(), **(overrides or {})}
    report = []
    for cat in categories(keys):
        days = days_by_key[cat.key]
        cutoff = cutoff_for(days, now)
        due = cat.find(cutoff)
        count = _count(due, count_limit)
        more = count_limit is not None and count > count_limit
        entry = Due(cat, days, cutoff, min(count, count_limit) if more else count, more=more)
        if with_items:
            entry.items = [cat.describe(item) for item in list(due[:LIST_LIMIT])]
        report.append(entry)
    return report


def run(now: datetime | None = None, *, trigger: str = "job", overrides: dict | None = None, keys=None):
    """Apply every category once and log the run (counts only); returns the :class:`RetentionRun`."""
    now = now or timezone.now()
    days_by_key = {**periods(), **(overrides or {})}
    record = RetentionRun.objects.create(started_at=now, trigger=trigger)
    results = {}
    for cat in categories(keys):
        days = days_by_key[cat.key]
        try:
            with transaction.atomic():
                count = cat.apply(cutoff_for(days, now), now)
            results[cat.key] = {"days": days, "count": count}
        except Exception as error:  # one category failing must not stop the others; the log says which
            logger.exception("Retention category %s failed", cat.key)
            results[cat.key] = {"days": days, "count": 0, "error": type(error).__name__}
    record.results = results
    record.finished_at = timezone.now()
    record.save(update_fields=["results", "finished_at"])
    return record
