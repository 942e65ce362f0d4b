"""The pure checks behind the organisation settings: WCAG contrast and the strict SVG check."""

import pytest

from inklusio.core import colour
from inklusio.core.svgcheck import UnsafeSvg, check_svg


def test_contrast_extremes():
    assert colour.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert colour.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert colour.contrast_ratio("#fff", "#000") == colour.contrast_ratio("#000000", "#FFFFFF")


@pytest.mark.parametrize(
    ("value", "ratio", "passes"),
    [
        ("#767676", 4.54, True),  # the lightest grey that passes AA on white
        ("#777777", 4.48, False),  # one step lighter fails: no rounding up
        ("#005a8c", 7.39, True),
        ("#ffff00", 1.07, False),
        ("#0000ff", 8.59, True),
    ],
)
def test_aa_boundary(value, ratio, passes):
    assert colour.contrast_ratio(value, colour.WHITE) == pytest.approx(ratio, abs=0.01)
    assert colour.meets_aa_text(value) is passes


def test_ratio_exactly_at_the_threshold_passes():
    # find the grey closest to 4.5:1 from above and below; the comparison is >= on the unrounded ratio
    greys = [f"#{v:02x}{v:02x}{v:02x}" for v in range(256)]
    passing = [g for g in greys if colour.meets_aa_text(g)]
    assert max(passing) == "#767676"
    assert all(colour.contrast_ratio(g, colour.WHITE) >= 4.5 for g in passing)


@pytest.mark.parametrize("bad", ["", "005a8c", "#05a8c", "#gggggg", "red", "#0000000", None])
def test_parse_refuses_non_hex(bad):
    with pytest.raises(ValueError):
        colour.parse_hex(bad)


def test_normalise():
    assert colour.normalise("#ABC") == "#aabbcc"


GOOD = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Logo</title>' \
    b'<defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient></defs>' \
    b'<rect width="10" height="10" fill="url(#g)"/><use href="#g"/></svg>'  # fmt: skip


def test_plain_svg_passes():
    check_svg(GOOD)


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT xmlns="http://www.w3.org/2000/svg">x</SCRIPT></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()" width="1" height="1"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
        b'<a x:href="javascript:alert(1)"><text>x</text></a></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
        b"</foreignObject></svg>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/a.css);</style></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/#a)"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="href" to="javascript:alert(1)"/></svg>',
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><h:script xmlns:h="http://www.w3.org/1999/xhtml">x</h:script></svg>',
        b"<svg><rect/></svg>",  # no SVG namespace
        b'<html xmlns="http://www.w3.org/2000/svg"/>',
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",  # not well-formed
        b"\x89PNG\r\n\x1a\n",
    ],
)
def test_unsafe_svg_is_refused(svg):
    with pytest.raises(UnsafeSvg):
        check_svg(svg)
