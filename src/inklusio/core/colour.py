"""WCAG 2.x contrast of colours (pure Python, no Django).

The relative luminance and contrast ratio are the formulas of WCAG 2.2, "relative luminance" and "contrast ratio"
(https://www.w3.org/TR/WCAG22/#dfn-relative-luminance): sRGB channels are linearised, weighted 0.2126 / 0.7152 /
0.0722, and the ratio is (L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour. Level AA asks for 4.5:1 for
normal text.
"""

import re

AA_TEXT = 4.5
WHITE = "#ffffff"
_HEX = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def parse_hex(value: str) -> tuple[int, int, int]:
    """``#rrggbb`` or ``#rgb`` as three 0–255 channels; ValueError for anything else."""
    match = _HEX.match((value or "").strip())
    if not match:
        raise ValueError(f"not a hex colour: {value!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def normalise(value: str) -> str:
    """The colour as lower-case ``#rrggbb``."""
    return "#{:02x}{:02x}{:02x}".format(*parse_hex(value))


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(value: str) -> float:
    r, g, b = (_linear(channel) for channel in parse_hex(value))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def meets_aa_text(colour: str, background: str = WHITE) -> bool:
    """True when text in ``colour`` on ``background`` reaches WCAG AA for normal text (at least 4.5:1).

    The ratio is compared unrounded: WCAG does not allow rounding up (4.49:1 fails).
    """
    return contrast_ratio(colour, background) >= AA_TEXT
