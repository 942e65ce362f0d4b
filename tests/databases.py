"""Which database the tests run on (``DATABASE_URL``, as the settings read it), and the mark for tests that only
PostgreSQL can run."""

import os

import pytest

ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def only_postgres(reason: str):
    """Skip on SQLite, saying why: what the test needs of PostgreSQL (and, where there is one, which test covers
    SQLite)."""
    if len(reason.split()) < 5:
        raise ValueError("say why the test needs PostgreSQL, not only that it does")
    return pytest.mark.skipif(not ON_POSTGRES, reason=reason)
