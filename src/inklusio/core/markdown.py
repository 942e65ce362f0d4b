"""Markdown to safe HTML, the one renderer of inklusio: markdown-it-py renders, nh3 sanitises. Pure, no Django.

markdown-it-py runs with ``html=False``, so raw HTML in the source is escaped, never passed through; nh3 then
keeps only the tags, attributes and URL schemes of the caller's ``Style`` and gives every link a ``rel``.
Headings are renumbered before rendering, because each page or mail already has its own ``h1``.

The styles of the callers (``MAILING``, ``MINUTES``, ``PAGE``, ``REPORT``) differ only in their options;
each keeps the output its area had before the renderers were merged into this module.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

WEB_SCHEMES = frozenset({"http", "https", "mailto"})
_BLOCKS = {"p", "br", "h2", "h3", "h4", "blockquote", "pre", "hr", "ul", "ol", "li"}
_INLINE = {"strong", "em", "a", "code"}
_TABLES = {"table", "thead", "tbody", "tr", "th", "td"}
#: What pages and minutes allow; mailings add h5, h6 and images.
TEXT_TAGS = frozenset(_BLOCKS | _INLINE | _TABLES)


def shifted(offset: int, *, deepest: int = 6) -> dict[int, int]:
    """Heading levels moved ``offset`` levels down, none deeper than ``deepest``."""
    return {level: min(level + offset, deepest) for level in range(1, 7)}


@dataclass(frozen=True)
class Style:
    """What one caller lets through: the options in which the callers differ."""

    tags: frozenset[str]
    attributes: Mapping[str, frozenset[str]] = field(default_factory=lambda: {"a": frozenset({"href", "title"})})
    url_schemes: frozenset[str] = WEB_SCHEMES
    link_rel: str = "noopener noreferrer"
    #: source heading level -> rendered level; a level missing here stays as it is.
    headings: Mapping[int, int] = field(default_factory=dict)
    tables: bool = True
    #: with ``False``, ``![alt](src)`` is not an image but an exclamation mark and a link.
    images: bool = True
    #: ``scope="col"`` on every table header cell (screen readers in mail clients need it).
    header_scope: bool = False


MAILING = Style(
    tags=TEXT_TAGS | {"h5", "h6", "img"},
    attributes={
        "a": frozenset({"href", "title"}),
        "img": frozenset({"src", "alt", "title"}),
        "th": frozenset({"scope"}),
    },
    headings=shifted(1),  # the mail's subject is its only h1
    header_scope=True,
)

MINUTES = Style(
    tags=TEXT_TAGS,
    attributes={"a": frozenset({"href", "title"}), "th": frozenset({"scope"})},
    link_rel="noopener noreferrer nofollow",
    # The minutes sit below the meeting's h1. h6 keeps its level as it always did, so the sanitiser drops its tag.
    headings={**shifted(1, deepest=4), 6: 6},
)

PAGE = Style(
    tags=TEXT_TAGS,
    attributes={"a": frozenset({"href", "title", "hreflang", "lang"}), "th": frozenset({"scope"})},
    url_schemes=WEB_SCHEMES | {"tel"},
    headings={1: 2},  # every page has its own single h1
)

REPORT = Style(
    tags=frozenset({"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "blockquote", "br", "code"}),
    attributes={"a": frozenset({"href"})},
    # A section's text sits below the section's own h2/h3; h1 to h3 have always come out as h4.
    headings={1: 4, 2: 4, 3: 4},
    tables=False,
    images=False,
)


@lru_cache(maxsize=4)
def _parser(tables: bool, images: bool) -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False})
    if tables:
        parser.enable("table")
    if not images:
        parser.disable("image")
    return parser


def tokens(text: str | None, style: Style) -> list:
    """markdown-it-py's token stream for ``text`` in the given style (headings renumbered), for other output
    formats than HTML (the report's DOCX); such a writer must itself keep only what the style allows."""
    parsed = _parser(style.tables, style.images).parse(text or "")
    for token in parsed:
        if token.type in ("heading_open", "heading_close"):
            level = int(token.tag[1])
            token.tag = f"h{style.headings.get(level, level)}"
        elif token.type == "th_open" and style.header_scope:
            token.attrSet("scope", "col")
    return parsed


def render(text: str | None, style: Style) -> str:
    """Safe HTML for the Markdown ``text`` in the given style; empty text gives an empty string."""
    parser = _parser(style.tables, style.images)
    html = parser.renderer.render(tokens(text, style), parser.options, {})
    return nh3.clean(
        html,
        tags=set(style.tags),
        attributes={tag: set(names) for tag, names in style.attributes.items()},
        url_schemes=set(style.url_schemes),
        link_rel=style.link_rel,
    )


def images_without_alt(text: str | None) -> list[str]:
    """The addresses of the images in ``text`` that have no alternative text, in order."""
    missing = []
    for token in _parser(MAILING.tables, MAILING.images).parse(text or ""):
        for child in token.children or []:
            if child.type == "image" and not "".join(c.content for c in child.children or []).strip():
                missing.append(str(child.attrGet("src") or ""))
    return missing
