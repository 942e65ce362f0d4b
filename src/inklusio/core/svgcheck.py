"""A strict check for uploaded SVG images (pure Python, no Django).

An SVG is a document that can run scripts, load other files and embed HTML. A logo needs none of that, so the
check refuses rather than repairs: a file passes only if it is well-formed XML without a DOCTYPE or entities
(parsed by defusedxml), its root is ``<svg>`` in the SVG namespace, every element is an SVG element outside the
deny list (scripts, foreign objects, animation that could rewrite links, embedded documents), no attribute is an
event handler, every link points inside the file (``#id``), and no style reaches outside it (``url()`` other than
``#id``, ``@import``, ``expression``). Passing files are stored unchanged and served with ``default-src 'none'``.
"""

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
DENIED_ELEMENTS = frozenset(
    {
        "script", "foreignObject", "iframe", "embed", "object", "handler", "listener", "animate", "set",
        "animateMotion", "animateTransform", "animateColor", "discard", "audio", "video", "canvas", "feImage",
    }
)  # fmt: skip
_DENIED_LOWER = frozenset(name.lower() for name in DENIED_ELEMENTS)  # HTML parsers lower-case inlined SVG
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
_DANGEROUS_CSS = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:|-moz-binding", re.I)


class UnsafeSvg(ValueError):
    """The file is not an SVG a logo may be: the message says why (English, for logs and tests)."""


def _local(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _check_style(text: str) -> None:
    if _DANGEROUS_CSS.search(text):
        raise UnsafeSvg("style with @import, expression or script")
    for target in _URL.findall(text):
        if not target.startswith("#"):
            raise UnsafeSvg(f"style refers to an outside resource: {target!r}")


def check_svg(data: bytes) -> None:
    """Raise :class:`UnsafeSvg` unless ``data`` is an SVG without scripts and without references outside itself."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise UnsafeSvg("DOCTYPE or entity declarations are not accepted")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise UnsafeSvg(f"not well-formed XML: {error}") from None
    if _local(root.tag) != (SVG_NS, "svg"):
        raise UnsafeSvg("the root element is not <svg> in the SVG namespace")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions are dropped by the parser
        namespace, local = _local(element.tag)
        if namespace != SVG_NS:
            raise UnsafeSvg(f"element outside the SVG namespace: {element.tag}")
        if local.lower() in _DENIED_LOWER:
            raise UnsafeSvg(f"element <{local}> is not accepted")
        if local.lower() == "style":
            _check_style(element.text or "")
        for name, value in element.attrib.items():
            attribute_namespace, attribute = _local(name)
            if attribute.lower().startswith("on"):
                raise UnsafeSvg(f"event handler attribute {attribute}")
            if attribute.lower() == "href" and attribute_namespace in ("", XLINK_NS):
                if not value.strip().startswith("#"):
                    raise UnsafeSvg(f"link to an outside resource: {value!r}")
            elif attribute_namespace not in ("", XLINK_NS, "http://www.w3.org/XML/1998/namespace"):
                raise UnsafeSvg(f"attribute outside the SVG namespace: {name}")
            _check_style(value)
