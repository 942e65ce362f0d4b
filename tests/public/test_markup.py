from inklusio.core import markdown
from inklusio.public.occupations import OCCUPATION_NAMES, OCCUPATIONS, occupation_name


def test_markdown_is_rendered_and_headings_start_below_h1():
    html = markdown.render("# Titel\n\nEin **fetter** [Link](https://example.org).", markdown.PAGE)
    assert "<h2>Titel</h2>" in html
    assert "<h1" not in html
    assert "<strong>fetter</strong>" in html
    assert 'href="https://example.org"' in html


def test_raw_html_and_script_urls_are_not_passed_through():
    html = markdown.render(
        "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>", markdown.PAGE
    )
    assert "<script" not in html
    assert "href=" not in html  # markdown-it refuses the javascript: link; it stays plain text
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_sanitiser_removes_what_markdown_would_let_through():
    html = markdown.render("[mail](mailto:a@example.org) [ftp](ftp://example.org/x)", markdown.PAGE)
    assert 'href="mailto:a@example.org"' in html
    assert '<a rel="noopener noreferrer">ftp</a>' in html  # the sanitiser drops the unknown scheme's href
    assert 'rel="noopener noreferrer"' in html


def test_empty_text_renders_nothing():
    assert markdown.render("", markdown.PAGE) == ""


def test_occupation_list_has_unique_codes_and_fachpraktiker_occupations():
    codes = [code for code, _name in OCCUPATIONS]
    assert len(codes) == len(set(codes))
    assert len(codes) >= 30
    assert sum("Fachpraktiker" in name for name in OCCUPATION_NAMES.values()) >= 8


def test_occupation_name_falls_back_to_free_text():
    assert occupation_name("koch") == "Koch/Köchin"
    assert occupation_name("", " Tierpfleger*in ") == "Tierpfleger*in"
    assert occupation_name("unknown", "") == ""
