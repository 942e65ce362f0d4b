"""The QR code of a personal link, shown on the personal page for the check-in (staff scan it with a phone)."""

import io

import segno


def personal_link_svg(link: str) -> str:
    """An inline SVG (no XML declaration) of the link; only our own link goes in, so it is safe to embed."""
    out = io.BytesIO()
    segno.make(link, error="m").save(
        out, kind="svg", scale=4, border=4, dark="#000", light="#fff", xmldecl=False, svgns=True
    )
    return out.getvalue().decode()
