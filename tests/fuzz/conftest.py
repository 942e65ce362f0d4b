"""Fuzzing with hypothesis: profiles, and the fixtures the public forms need.

``HYPOTHESIS_PROFILE=ci`` (the default under ``CI=true``) is reproducible: derandomised, no example database.
``dev`` (the default otherwise) draws new examples each run and remembers failures. ``FUZZ_SCALE`` multiplies
the number of examples (e.g. ``FUZZ_SCALE=10`` for a long local run).
"""

import os

from hypothesis import HealthCheck, settings

_common = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, **_common)
settings.register_profile("dev", **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

from tests.events.conftest import event, make_event  # noqa: E402, F401 - fixtures shared with the events tests
from tests.public.conftest import company, company_type, offer  # noqa: E402, F401
