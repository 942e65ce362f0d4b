import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inklusio.settings")
application = get_wsgi_application()


def freeze_what_start_up_made() -> int:
    """Load every view module (through the URLconf), then move all objects made so far out of the garbage
    collector's reach; returns how many.

    A server process holds about 200,000 such objects (modules, classes, the URLconf), alive until it ends. Python's
    full collection walks them all, about 100 ms on this machine, in whichever request it happens to fall;
    frozen, they are skipped (benchmarks/gc_pause.py measures both).
    """
    get_resolver().url_patterns  # noqa: B018 - imports the views and what they import
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


freeze_what_start_up_made()
