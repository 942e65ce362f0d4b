"""inklusio's settings plus the test-only app with a slow periodic job (tests/core/slowjob)."""

from inklusio.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.core.slowjob"]  # noqa: F405
