"""The placeholders of a message to participants: ``{first name}``, ``{event title}`` … (German names too).

Pure: no Django. A message is written with placeholders, rendered once (Markdown → HTML) with each placeholder
replaced by a token that Markdown leaves alone, and filled in per recipient by replacing the tokens, so a
recipient's name can never turn into Markdown or HTML.
"""

import re

# key -> the names staff may write (English and German), the first one is shown in the help text
NAMES = {
    "first_name": ("first name", "Vorname"),
    "personal_link": ("personal link", "persönlicher Link"),
    "join_link": ("join link", "Zugangslink"),
    "event_title": ("event title", "Veranstaltung"),
    "date": ("date", "Datum"),
    "venue": ("venue", "Ort"),
    "accessibility": ("accessibility", "Barrierefreiheit"),
    "materials": ("materials", "Materialien"),
}
LINKS = frozenset({"personal_link", "join_link"})
EVENT_ONLY = frozenset({"personal_link", "join_link", "event_title", "date", "venue", "accessibility", "materials"})

_BY_NAME = {name.casefold(): key for key, names in NAMES.items() for name in names}
_PATTERN = re.compile(r"\{([^{}\n]{1,40})\}")


def token(key: str) -> str:
    """The stand-in for a placeholder while rendering: letters only, so Markdown and escaping keep it."""
    return f"INKLUSIOPH{key.replace('_', '').upper()}X7"


def _key(name: str) -> str | None:
    return _BY_NAME.get(" ".join(name.split()).casefold())


def unknown(text: str) -> list[str]:
    """Placeholders in ``text`` that are not known, as written (``{Vornahme}``), in order, each once."""
    found = []
    for match in _PATTERN.finditer(text or ""):
        if _key(match.group(1)) is None and match.group(0) not in found:
            found.append(match.group(0))
    return found


def used(text: str) -> set[str]:
    """The keys of the known placeholders in ``text``."""
    return {key for match in _PATTERN.finditer(text or "") if (key := _key(match.group(1)))}


def to_tokens(text: str) -> str:
    """``text`` with every known placeholder replaced by its token; unknown ones stay as written."""

    def replace(match):
        key = _key(match.group(1))
        return token(key) if key else match.group(0)

    return _PATTERN.sub(replace, text or "")


def fill(rendered: str, values: dict[str, str]) -> str:
    """Replace the tokens in a rendered text by the values (already escaped for where they go)."""
    for key in NAMES:
        rendered = rendered.replace(token(key), values.get(key, ""))
    return rendered
