"""Longer solves run in the background (django-tasks); the page shows their progress."""

import time

from django_tasks import task

from . import conf, services
from .models import WorldCafe


@task()
def improve_plan(cafe_id: int, time_limit: float | None = None) -> dict:
    cafe = WorldCafe.objects.get(pk=cafe_id)
    last = [0.0]

    def progress(fraction, _cost):
        now = time.monotonic()
        if now - last[0] >= 1.0:
            last[0] = now
            WorldCafe.objects.filter(pk=cafe_id).update(progress=min(99, int(fraction * 100)))

    try:
        services.make_plan(
            cafe, time_limit=conf.background_time_limit() if time_limit is None else time_limit, progress=progress
        )
    finally:
        WorldCafe.objects.filter(pk=cafe_id).update(progress=None)
    return cafe.metrics
