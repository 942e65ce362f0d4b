"""The WSGI entry point that gunicorn imports: what start-up made is frozen out of the garbage collector's reach,
with the views loaded first (a full collection then skips them; benchmarks/gc_pause.py measures the pause)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

START_AS_A_WORKER = """
import gc, json, sys
before = gc.get_freeze_count()
import inklusio.wsgi
print(json.dumps({
    "before": before,
    "frozen": gc.get_freeze_count(),
    "tracked": len(gc.get_objects()),
    "views_loaded": "inklusio.events.views_public" in sys.modules and "inklusio.impact.views" in sys.modules,
    "application": callable(inklusio.wsgi.application),
}))
"""


def _start(tmp_path, code: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inklusio.settings",
        "PYTHONPATH": str(SRC),
        "INKLUSIO_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/unused.sqlite3",
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_start_up_loads_the_views_and_freezes_what_it_made(tmp_path):
    started = _start(tmp_path, START_AS_A_WORKER)
    assert started["before"] == 0 and started["application"]
    assert started["views_loaded"]  # frozen after the URLconf imported them, not before
    assert started["frozen"] > 50_000  # about 200,000 here
    assert started["tracked"] < started["frozen"] / 10  # a full collection walks only what came after


def test_the_database_is_not_touched_at_start_up(tmp_path):
    _start(tmp_path, START_AS_A_WORKER)
    assert not (tmp_path / "unused.sqlite3").exists()
