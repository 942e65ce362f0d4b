"""The one Markdown renderer: each option of a Style, and what every style keeps out (no database needed)."""

import pytest

from inklusio.core import markdown
from inklusio.core.markdown import MAILING, MINUTES, PAGE, REPORT, Style

BASIC = Style(tags=frozenset({"p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tr", "th", "img"}))


@pytest.mark.parametrize("style", [MAILING, MINUTES, PAGE, REPORT, BASIC])
def test_every_style_escapes_raw_html_and_refuses_script_links(style):
    html = markdown.render('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onclick="x">b</b>', style)
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "")
    assert "<b" not in html and "onclick" not in html.replace("&lt;b onclick=", "")
    assert markdown.render("", style) == markdown.render(None, style) == markdown.render("  \n", style) == ""


def test_tags_option_keeps_only_listed_tags_and_their_text():
    narrow = Style(tags=frozenset({"p"}))
    assert markdown.render("**fett** und _schräg_", narrow) == "<p>fett und schräg</p>\n"
    wide = Style(tags=frozenset({"p", "strong", "em"}))
    assert markdown.render("**fett** und _schräg_", wide) == "<p><strong>fett</strong> und <em>schräg</em></p>\n"


def test_attributes_option_decides_which_attributes_survive():
    source = "![Logo](https://example.org/logo.png)"
    bare = Style(tags=frozenset({"p", "img"}), attributes={"img": frozenset({"src"})})
    described = Style(tags=frozenset({"p", "img"}), attributes={"img": frozenset({"src", "alt"})})
    assert markdown.render(source, bare) == '<p><img src="https://example.org/logo.png"></p>\n'
    assert markdown.render(source, described) == '<p><img src="https://example.org/logo.png" alt="Logo"></p>\n'
    # nh3 lets ``title`` (and ``lang``) through on every allowed tag, whatever the style lists.
    assert 'title="Titel"' in markdown.render('[Seite](https://example.org "Titel")', REPORT)


def test_url_schemes_option_drops_the_href_of_other_schemes():
    source = "[Anruf](tel:+4930123)"
    assert markdown.render(source, PAGE) == '<p><a href="tel:+4930123" rel="noopener noreferrer">Anruf</a></p>\n'
    assert markdown.render(source, MAILING) == '<p><a rel="noopener noreferrer">Anruf</a></p>\n'


def test_link_rel_option():
    source = "[ok](https://example.org)"
    assert 'rel="noopener noreferrer nofollow"' in markdown.render(source, MINUTES)
    assert 'rel="noopener noreferrer"' in markdown.render(source, PAGE)


def test_shifted_moves_headings_down_and_stops_at_the_deepest_level():
    assert markdown.shifted(1) == {1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 6}
    assert markdown.shifted(2, deepest=4) == {1: 3, 2: 4, 3: 4, 4: 4, 5: 4, 6: 4}


def test_headings_option_renumbers_levels_and_leaves_unlisted_levels_alone():
    style = Style(tags=BASIC.tags, headings={1: 3})
    assert markdown.render("# Eins\n\n## Zwei", style) == "<h3>Eins</h3>\n<h2>Zwei</h2>\n"
    assert markdown.render("# Eins\n\n## Zwei", BASIC) == "<h1>Eins</h1>\n<h2>Zwei</h2>\n"
    # Markup that only looks like a heading tag is text and is never renumbered.
    assert markdown.render("`<h1>`", Style(tags=frozenset({"p", "code"}), headings={1: 3})) == (
        "<p><code>&lt;h1&gt;</code></p>\n"
    )


@pytest.mark.parametrize(
    ("style", "levels"),
    [
        (MAILING, ["h2", "h3", "h4", "h5", "h6", "h6"]),
        (MINUTES, ["h2", "h3", "h4", "h4", "h4", None]),
        (PAGE, ["h2", "h2", "h3", "h4", None, None]),
        (REPORT, ["h4", "h4", "h4", "h4", None, None]),
    ],
)
def test_heading_levels_of_each_style(style, levels):
    for level, expected in enumerate(levels, start=1):
        html = markdown.render("#" * level + " Titel", style)
        assert html == (f"<{expected}>Titel</{expected}>\n" if expected else "Titel\n"), (level, html)


def test_tables_option():
    source = "| a | b |\n|---|---|\n| 1 | 2 |"
    assert "<table>" in markdown.render(source, PAGE)
    assert "<table" not in markdown.render(source, REPORT)
    assert "| a | b |" in markdown.render(source, REPORT)


def test_header_scope_option_marks_table_header_cells():
    source = "| a | b |\n|:--|--:|\n| 1 | 2 |"
    assert '<th scope="col">a</th>' in markdown.render(source, MAILING)
    assert "<th>a</th>" in markdown.render(source, PAGE)  # alignment styles are dropped, no scope is added


def test_images_option():
    source = "![Logo](https://example.org/logo.png)"
    assert markdown.render(source, MAILING) == ('<p><img src="https://example.org/logo.png" alt="Logo"></p>\n')
    assert markdown.render(source, PAGE) == "<p></p>\n"  # an image the style does not allow disappears
    # Without the image rule the same source is an exclamation mark and a link.
    assert markdown.render(source, REPORT) == (
        '<p>!<a href="https://example.org/logo.png" rel="noopener noreferrer">Logo</a></p>\n'
    )


def test_images_without_alt_lists_their_addresses_in_order():
    source = "![](https://a.example/1.png) ![ok](https://a.example/2.png)\n\n| x |\n|---|\n| ![ ](b.png) |"
    assert markdown.images_without_alt(source) == ["https://a.example/1.png", "b.png"]
    assert markdown.images_without_alt("") == markdown.images_without_alt(None) == []
