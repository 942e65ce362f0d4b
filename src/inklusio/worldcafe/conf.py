import os

from django.conf import settings


def request_time_limit() -> float:
    """Seconds a plan may be computed within a web request (WORLDCAFE_REQUEST_TIME_LIMIT)."""
    return float(getattr(settings, "WORLDCAFE_REQUEST_TIME_LIMIT", os.environ.get("WORLDCAFE_REQUEST_TIME_LIMIT") or 5))


def background_time_limit() -> float:
    """Seconds a background plan search may take (WORLDCAFE_BACKGROUND_TIME_LIMIT)."""
    value = getattr(settings, "WORLDCAFE_BACKGROUND_TIME_LIMIT", os.environ.get("WORLDCAFE_BACKGROUND_TIME_LIMIT"))
    return float(value or 60)


def best_plan_every() -> float:
    """Seconds between stores of a background search's best plan so far (WORLDCAFE_BEST_PLAN_EVERY)."""
    value = getattr(settings, "WORLDCAFE_BEST_PLAN_EVERY", os.environ.get("WORLDCAFE_BEST_PLAN_EVERY"))
    return float(value or 3)
