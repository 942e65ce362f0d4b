"""Validators for text that ends up in mail: people's names from public forms, and header values.

A name typed into a public form (Infoletter sign-up, event registration, inquiries) is later put into mail
that the organisation sends ("Dear …,"). So a name must look like a name: no control characters (line
breaks, bidi overrides), no web or mail addresses, and at most ``NAME_MAX_LENGTH`` characters. A name that
does not pass (say, from an import or from before this rule) is not greeted by name: ``greeting_name``
returns "" and the mail falls back to the neutral greeting.

A header value (a subject) must hold no line break or other control character: it could start a new header.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NAME_MAX_LENGTH = 100

# Schemes, "www.", an @, or a host name with a common top-level domain ("example.com", "bit.ly/x").
_URL = re.compile(
    r"://|\bwww\.|@|\b[\w-]+\.(?:com|net|org|info|biz|de|at|ch|eu|io|ly|me|co|ru|cn|xyz|top|site|online|shop|"
    r"link|app|click|page|gg|tk|cc)\b",
    re.IGNORECASE,
)


# Zero-width (non-)joiners are format characters that Persian and Indic names need.
_JOINERS = {"\u200c", "\u200d"}
# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
_BIDI = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]}


def _control_characters(value: str) -> bool:
    """Control (Cc), format (Cf, but the joiners), line and paragraph separators, surrogates, private, unassigned."""
    return any(
        unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"} and char not in _JOINERS
        for char in value
    )


def name_problem(value: str) -> str | None:
    """Why ``value`` is not a plausible name, or None if it is (the empty name is plausible: no name)."""
    if len(value) > NAME_MAX_LENGTH:
        return "length"
    if _control_characters(value):
        return "control"
    if _URL.search(value):
        return "url"
    return None


def validate_person_name(value: str) -> None:
    """Form field validator for a person's name typed by the public."""
    problem = name_problem(value or "")
    if problem == "length":
        raise ValidationError(
            _("Please enter a name of at most %(limit)s characters."),
            code="name_length",
            params={"limit": NAME_MAX_LENGTH},
        )
    if problem == "control":
        raise ValidationError(_("The name may not contain line breaks or control characters."), code="name_control")
    if problem == "url":
        raise ValidationError(_("Please enter only your name, without a web or email address."), code="name_url")


def greeting_name(value: str | None) -> str:
    """The name to greet someone with in a mail, or "" (the neutral greeting) if it is not a plausible name."""
    value = " ".join((value or "").split())
    return value if value and name_problem(value) is None else ""


def validate_header_text(value: str) -> None:
    """Form field validator for text that goes into a mail header (subject): one line, no control characters."""
    if value and any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} or char in _BIDI for char in value):
        raise ValidationError(
            _("Please write this on one line, without line breaks or control characters."), code="header_control"
        )
