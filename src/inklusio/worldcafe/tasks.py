"""Longer solves run in the background (django-tasks); the page shows their progress."""

import time

from django_tasks import task

from . import conf, services
from .models import WorldCafe


@task()
def improve_plan(cafe_id: int, version: int | None = None, time_limit: float | None = None) -> str:
    """Improve plan ``version`` of the café (the current one when None); see services.improve_stored_plan."""
    if version is None:
        version = WorldCafe.objects.values_list("plan_version", flat=True).get(pk=cafe_id)
    last = [0.0]
    current = [version]  # the search stores its best plan so far, each store a new version

    def progress(fraction, _cost):
        now = time.monotonic()
        if now - last[0] >= 1.0:
            last[0] = now
            services.report_search_progress(cafe_id, current[0], fraction)

    outcome = services.PLAN_CHANGED
    try:
        outcome = services.improve_stored_plan(
            cafe_id,
            version,
            time_limit=conf.background_time_limit() if time_limit is None else time_limit,
            progress=progress,
            on_stored=lambda stored: current.__setitem__(0, stored),
        )
    finally:
        services.search_finished(cafe_id, current[0])
    return outcome
