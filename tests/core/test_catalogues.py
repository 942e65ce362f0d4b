"""Every German text is translated: ``makemessages`` on a copy of each app finds no empty or fuzzy entry.

It runs on a temporary copy, so the checked-in catalogues are never rewritten by a test run, and it
catches a string added in code whose German translation was forgotten (the catalogue is only
complete after makemessages picked the new string up).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import inklusio

# The texts, not the database: the PostgreSQL run leaves it out with the other rendering checks.
pytestmark = pytest.mark.rendering

PACKAGE = Path(inklusio.__file__).parent
APPS = sorted(path.parent.parent.parent.name for path in PACKAGE.glob("*/locale/de/LC_MESSAGES"))


def entries(po_text: str) -> list[dict]:
    """The entries of a .po file: flags, msgid and every msgstr (``msgstr`` or ``msgstr[n]``), joined."""
    found = []
    for block in po_text.split("\n\n"):
        entry = {"flags": set(), "msgctxt": "", "msgid": "", "msgstr": {}, "obsolete": False}
        field = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("msgctxt "):
                field, entry["msgctxt"] = "msgctxt", _quoted(line[8:])
            elif line.startswith("msgid_plural"):
                field = None
            elif line.startswith("msgid "):
                field, entry["msgid"] = "msgid", _quoted(line[6:])
            elif line.startswith("msgstr"):
                key, _, value = line.partition(" ")
                field = key
                entry["msgstr"][key] = _quoted(value)
            elif line.startswith('"') and field:
                if field in ("msgid", "msgctxt"):
                    entry[field] += _quoted(line)
                else:
                    entry["msgstr"][field] += _quoted(line)
        if entry["msgstr"] and not entry["obsolete"]:
            found.append(entry)
    return found


def _quoted(text: str) -> str:
    return text.strip()[1:-1]


def problems(po_text: str) -> list[str]:
    """msgids (but not the header) that are fuzzy or have an empty translation."""
    bad = []
    for entry in entries(po_text):
        if entry["msgid"] == "":
            continue
        if "fuzzy" in entry["flags"]:
            bad.append(f"fuzzy: {entry['msgid']}")
        elif any(value == "" for value in entry["msgstr"].values()):
            bad.append(f"untranslated: {entry['msgid']}")
    return bad


def test_the_parser_finds_empty_and_fuzzy_entries():
    po = (
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        'msgid "Done"\nmsgstr "Fertig"\n\n'
        'msgid "Open"\nmsgstr ""\n\n'
        '#, fuzzy, python-format\nmsgid "Old %(x)s"\nmsgstr "Alt %(x)s"\n\n'
        'msgid "One row"\nmsgid_plural "%(n)s rows"\nmsgstr[0] "Eine Zeile"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr ""\n'
    )
    assert problems(po) == ["untranslated: Open", "fuzzy: Old %(x)s", "untranslated: One row"]


@pytest.mark.parametrize("app", APPS)
def test_makemessages_finds_nothing_untranslated(app, tmp_path):
    if shutil.which("xgettext") is None:
        if os.environ.get("INKLUSIO_REQUIRE_GETTEXT"):  # scripts/test.sh installs gettext and sets it
            pytest.fail("GNU gettext (xgettext) is required: scripts/test.sh installs it")
        pytest.skip("GNU gettext (xgettext) is not installed; scripts/test.sh installs it")
    copy = tmp_path / app
    shutil.copytree(PACKAGE / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "inklusio.settings", "PYTHONPATH": str(PACKAGE.parent)}
    env["INKLUSIO_VAR_DIR"] = str(tmp_path / "var")
    # -P: the copy is the working directory, and a module in it (core/csp.py) must not shadow a package.
    subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "de", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    po_text = (copy / "locale/de/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    assert problems(po_text) == [], f"{app}: run makemessages and translate these"


def test_one_text_has_one_translation_in_every_app():
    """Django merges the apps' catalogues and the first app wins, so a msgid translated two ways shows one of them
    everywhere ("Change" as "Veränderung" on a button). Different meanings need a context (pgettext)."""
    from django.conf import settings

    order = [name.rsplit(".", 1)[-1] for name in settings.INSTALLED_APPS if name.startswith("inklusio.")]
    seen: dict[tuple, dict[str, tuple]] = {}
    for app in order:
        po = PACKAGE / app / "locale/de/LC_MESSAGES/django.po"
        if po.exists():
            for entry in entries(po.read_text(encoding="utf-8")):
                if entry["msgid"]:
                    key = (entry["msgctxt"], entry["msgid"])
                    seen.setdefault(key, {})[app] = tuple(entry["msgstr"].values())
    clashes = {key: apps for key, apps in seen.items() if len(set(apps.values())) > 1}
    assert clashes == {}
