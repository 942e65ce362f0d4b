"""Markdown to safe HTML for mailings: markdown-it-py (no raw HTML) then nh3. Pure Python, no Django here."""

from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre",
    "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"scope"}}


@dataclass
class Rendered:
    html: str
    images_without_alt: list[str] = field(default_factory=list)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render(source: str) -> Rendered:
    """Render Markdown; headings move one level down (the mail's subject is its only h1)."""
    md = _parser()
    tokens = md.parse(source or "")
    missing = []
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 1)}"
        if token.type == "th_open":
            token.attrSet("scope", "col")
        for child in token.children or []:
            if child.type == "image" and not "".join(c.content for c in child.children or []).strip():
                missing.append(str(child.attrGet("src") or ""))
    html = md.renderer.render(tokens, md.options, {})
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Rendered(html=clean, images_without_alt=missing)
