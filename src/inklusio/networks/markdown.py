"""Minutes in Markdown, rendered to sanitised HTML (markdown-it-py + nh3)."""

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "code", "pre", "a", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Markdown to HTML that is safe to show: no raw HTML, no scripts, only http(s)/mailto links."""
    html = _md.render(text or "")
    # Headings shift down one level: a page has exactly one h1, the minutes sit below it.
    for level in (5, 4, 3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{min(level + 1, 4)}>").replace(
            f"</h{level}>", f"</h{min(level + 1, 4)}>"
        )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
