"""Inline SVG without inline CSS (pure Python, no Django).

matplotlib writes ``style="fill: …; stroke: …"`` attributes and a ``<style>`` element into its SVG. Inlined into
an HTML page, both count as inline styles, which the Content-Security-Policy forbids. Every property matplotlib
uses there is also an SVG presentation attribute, so ``style="fill: #fff"`` becomes ``fill="#fff"`` and the
``*{…}`` rule becomes attributes on the root ``<svg>`` (they inherit), and the drawing looks the same.

Inlined into HTML, the SVG must also be valid HTML: its RDF ``<metadata>`` is dropped (HTML knows no RDF
elements), and its ids (``figure_1``, ``patch_2``, … the same in every matplotlib chart) get a per-chart prefix
so that several charts on one page do not repeat an id.
"""

import hashlib
import re
from html import escape

# SVG presentation attributes matplotlib puts into style attributes (see the SVG 1.1 property index).
PRESENTATION_ATTRIBUTES = frozenset(
    {
        "clip-rule", "color", "fill", "fill-opacity", "fill-rule", "font-family", "font-size", "font-style",
        "font-variant", "font-weight", "opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor",
        "dominant-baseline", "visibility", "display",
    }
)  # fmt: skip

_STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_METADATA = re.compile(r"<metadata\b.*?</metadata>\s*", re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^)"]+)')
_LABELLEDBY = re.compile(r'(aria-(?:labelledby|describedby)=")([^"]*)"')


class UnsupportedStyle(ValueError):
    """The SVG uses CSS that has no presentation-attribute equivalent; the caller must change the chart."""


def _declarations(css: str) -> list[tuple[str, str]]:
    pairs = []
    for declaration in css.split(";"):
        if not declaration.strip():
            continue
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name not in PRESENTATION_ATTRIBUTES:
            raise UnsupportedStyle(f"CSS property {name!r} has no SVG presentation attribute")
        pairs.append((name, value))
    return pairs


def _attributes(pairs: list[tuple[str, str]], tag: str) -> str:
    present = set(re.findall(r"\s([a-zA-Z-]+)=", tag))
    return "".join(f' {name}="{escape(value, quote=True)}"' for name, value in pairs if name not in present)


def with_unique_ids(svg: str, prefix: str) -> str:
    """Prefix every id of ``svg`` (and every reference to it) with ``prefix-``; ids that have it (or are it) stay."""
    ids = {value for value in _ID.findall(svg) if value != prefix and not value.startswith(f"{prefix}-")}
    if not ids:
        return svg

    def renamed(value: str) -> str:
        return f"{prefix}-{value}" if value in ids else value

    svg = _ID.sub(lambda m: f' id="{renamed(m.group(1))}"', svg)
    svg = _REFERENCE.sub(lambda m: m.group(1) + renamed(m.group(2)), svg)
    return _LABELLEDBY.sub(lambda m: m.group(1) + " ".join(renamed(v) for v in m.group(2).split()) + '"', svg)


def without_inline_styles(svg: str, *, id_prefix: str | None = None) -> str:
    """Return ``svg`` with every style attribute and ``<style>`` element turned into presentation attributes.

    It also drops ``<metadata>`` and prefixes the ids with ``id_prefix`` (by default a hash of the drawing, so
    different charts on one page never share an id).
    """
    svg = _METADATA.sub("", svg)
    svg = with_unique_ids(svg, id_prefix or "svg-" + hashlib.sha256(svg.encode()).hexdigest()[:8])
    root_pairs: list[tuple[str, str]] = []
    for css in _STYLE_ELEMENT.findall(svg):
        for rule in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            if rule[0].strip() != "*":
                raise UnsupportedStyle(f"CSS rule for {rule[0].strip()!r} cannot become attributes")
            root_pairs += _declarations(rule[1])
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = re.sub(r"<defs>\s*</defs>", "", svg)

    def rewrite(match: re.Match) -> str:
        tag = match.group(0)
        style = _STYLE_ATTRIBUTE.search(tag)
        if style:
            tag = tag[: style.start()] + tag[style.end() :]
            insert_at = len(tag) - (2 if tag.endswith("/>") else 1)
            tag = tag[:insert_at] + _attributes(_declarations(style.group(1)), tag) + tag[insert_at:]
        return tag

    svg = _TAG.sub(rewrite, svg)
    if root_pairs:
        opening = re.search(r"<svg\b[^>]*>", svg)
        tag = opening.group(0)
        svg = svg[: opening.start()] + tag[:-1] + _attributes(root_pairs, tag) + ">" + svg[opening.end() :]
    return svg
