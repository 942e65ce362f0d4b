"""Exceptions to the Content-Security-Policy for documents that must carry their CSS inside them.

The HTML email (previewed in a sandboxed ``srcdoc`` frame, which inherits the page's policy) and the stand-alone
HTML report need inline CSS. Instead of ``'unsafe-inline'``, the response allows exactly the ``<style>`` elements
and ``style`` attributes written in the template's source, by their SHA-256 hashes. Hashes are taken from the
template file, never from the rendered page, so nothing a user typed can become an allowed style.
"""

import base64
import hashlib
import re
from functools import cache

from django.template.loader import get_template

_STYLE_ELEMENT = re.compile(r"<style[^>]*>([^{<]*?(?:\{[^{}]*\}[^{<]*?)*)</style>", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"{}]*)"')


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def template_style_sources(template_name: str) -> tuple[str, ...]:
    source = get_template(template_name).template.source
    sources = [_hash(css) for css in _STYLE_ELEMENT.findall(source)]
    attributes = sorted({_hash(css) for css in _STYLE_ATTRIBUTE.findall(source)})
    if attributes:
        sources += ["'unsafe-hashes'", *attributes]
    return tuple(sources)


def allow_template_styles(response, *template_names: str):
    """Add the hashes of the inline CSS written in ``template_names`` to the response's ``style-src``."""
    sources = [source for name in template_names for source in template_style_sources(name)]
    if sources:
        response._csp_update = {"style-src": sources}
    return response
