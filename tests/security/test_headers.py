"""Security headers on every response, the production settings, and the helpers that keep CSS out of pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from inklusio.core.csp import template_style_sources
from inklusio.core.svg import UnsupportedStyle, without_inline_styles

ROOT = Path(__file__).resolve().parents[2]
# The HTML email and the stand-alone report carry their CSS inside them; it is allowed by hash (core/csp.py).
CSS_INSIDE = (
    "mailings/email/mailing.html",
    "participantmail/email/message.html",  # served as a preview with its styles allowed by hash only
    "impact/report_document.html",
)


def _directives(header: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/events/", "/infoletter/", "/staff/login/", "/en/kontakt/"])
def test_every_page_sends_a_strict_content_security_policy(path):
    response = Client().get(path)
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    directives = _directives(header)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_templates_have_no_inline_script_style_or_handler():
    offenders = []
    served = [p for p in (ROOT / "src").rglob("templates/**/*.html") if not re.search(r"_pdf|certificate", p.name)]
    for template in served:
        text = template.read_text()
        if template.relative_to(ROOT).as_posix().endswith(CSS_INSIDE):
            continue
        if re.search(r"<script(?![^>]*\bsrc=)|<style|\sstyle=\"|\son[a-z]+=|javascript:", text):
            offenders.append(str(template.relative_to(ROOT)))
    assert not offenders


def test_the_email_template_styles_are_allowed_by_hash_only():
    sources = template_style_sources("mailings/email/mailing.html")
    assert "'unsafe-hashes'" in sources
    assert all(s.startswith("'sha256-") for s in sources if s != "'unsafe-hashes'")
    assert "'unsafe-inline'" not in sources


def test_matplotlib_styles_become_presentation_attributes():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><defs><style type="text/css">*{stroke-linejoin: round}</style>'
        '</defs><path d="M0 0" style="fill: #1d4fa0; stroke-width: 0.8"/><text x="1" fill="red" '
        "style=\"fill: blue; font-family: 'DejaVu Sans'\">a</text></svg>"
    )
    result = without_inline_styles(svg)
    assert "style" not in result
    assert '<svg xmlns="http://www.w3.org/2000/svg" stroke-linejoin="round">' in result
    assert '<path d="M0 0" fill="#1d4fa0" stroke-width="0.8"/>' in result
    assert 'fill="red"' in result and 'fill="blue"' not in result  # an attribute already there is kept once
    assert 'font-family="&#x27;DejaVu Sans&#x27;"' in result


def test_inline_svg_loses_its_metadata_and_gets_ids_of_its_own():
    svg = (
        '<svg id="c" role="img" aria-labelledby="c-title figure_1"><title id="c-title">T</title><metadata><rdf:RDF>'
        '<cc:Work/></rdf:RDF></metadata><g id="figure_1"><clipPath id="p1"><rect/></clipPath>'
        '<path id="m2" clip-path="url(#p1)"/><use xlink:href="#m2"/><use href="#m2"/></g></svg>'
    )
    first, second = without_inline_styles(svg, id_prefix="c"), without_inline_styles(svg, id_prefix="d")
    assert "metadata" not in first and "rdf" not in first and first.startswith('<svg id="c" ')
    assert 'aria-labelledby="c-title c-figure_1"' in first and '<title id="c-title">' in first
    assert '<g id="c-figure_1"><clipPath id="c-p1">' in first
    assert 'id="c-m2" clip-path="url(#c-p1)"/><use xlink:href="#c-m2"/><use href="#c-m2"/>' in first
    assert 'id="d-figure_1"' in second and 'id="d-c-title"' in second  # another chart: no id repeats
    other = without_inline_styles(svg.replace(">T<", ">U<"))
    assert 'id="figure_1"' not in other and 'id="figure_1"' not in without_inline_styles(svg)
    assert set(re.findall(r'id="([^"]+)"', other)).isdisjoint(re.findall(r'id="([^"]+)"', without_inline_styles(svg)))


def test_css_without_an_attribute_equivalent_is_refused():
    with pytest.raises(UnsupportedStyle):
        without_inline_styles('<svg><rect style="position: absolute"/></svg>')
    with pytest.raises(UnsupportedStyle):
        without_inline_styles("<svg><style>rect{fill:red}</style></svg>")


def _check_deploy(**extra):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "PYTHONPATH": str(ROOT / "src"),
        "HTTPS": "1",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-test-only-" + "y" * 40,
        "ALLOWED_HOSTS": "inklusio.example.org",
        "SITE_URL": "https://inklusio.example.org",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-m", "inklusio.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _check_deploy(INKLUSIO_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_https(tmp_path):
    result = _check_deploy(INKLUSIO_VAR_DIR=str(tmp_path), HTTPS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS
