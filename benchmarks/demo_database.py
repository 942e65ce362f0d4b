"""A throwaway SQLite database for a benchmark's child processes, with the demo data when asked for."""

import os
import subprocess
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent


def sqlite_environment(directory: str, **extra: str) -> dict:
    """The environment of a child process that runs inklusio on ``directory/bench.sqlite3`` (``extra`` added)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inklusio.settings",
        "PYTHONPATH": str(TOP / "src"),
        "INKLUSIO_VAR_DIR": directory,
        "DATABASE_URL": f"sqlite:///{directory}/bench.sqlite3",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def load_demo(environment: dict) -> None:
    """Migrate and load the demo data, as ``inklusio load-demo`` does for a new user."""
    for command in (["manage", "migrate", "--verbosity", "0"], ["load-demo"]):
        subprocess.run(
            [sys.executable, "-m", "inklusio.cli", *command], env=environment, check=True, capture_output=True
        )
