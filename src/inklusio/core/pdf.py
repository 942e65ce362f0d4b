"""Helpers for tagged PDFs (PDF/UA-1) made with WeasyPrint (pure Python, no Django).

WeasyPrint tags the content of page margin boxes (``@page { @bottom-right { content: counter(page) } }``) with
marked-content ids and structure elements, but leaves those elements out of the structure tree (PDF/UA-1 has no
place for them there): that content is then neither tagged nor an artifact, which PDF/UA-1 (7.1) forbids.
Running headers and page numbers are artifacts; ``untreed_content_as_artifacts`` is a ``finisher`` for
``write_pdf`` that marks them so.

Importing this module also makes pydyf's ``PDF.page_references`` remember its tuple until a page is added
(``remembered_page_references``): WeasyPrint asks for it once per tagged structure element, and pydyf rebuilds
the tuple of every page's reference each time, so tagging was quadratic in the pages (112 World Café cards:
450,000 references built, about 15 % of the cards' function calls).
"""

import pydyf

from .cycles import without_gc

PYDYF_PAGE_REFERENCES = pydyf.PDF.page_references  # pydyf's own property (tests compare with it)


def remembered_page_references(pdf) -> tuple[bytes, ...]:
    """``pdf.page_references`` (``b"12 0 R"`` per page, in order), built again only when the pages changed."""
    kids = pdf.pages["Kids"]  # flat "n 0 R" triples; pydyf only ever appends to it
    key = (id(kids), len(kids))
    known = pdf.__dict__.get("_remembered_page_references")
    if known is None or known[0] != key:
        known = (key, tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_remembered_page_references"] = known
    return known[1]


pydyf.PDF.page_references = property(remembered_page_references)


def _number(reference) -> int:
    """The object number of an indirect reference (``b"12 0 R"``, or already a number)."""
    return reference if isinstance(reference, int) else int(bytes(reference).split()[0])


def _object(pdf, reference):
    """The pydyf object of an indirect reference (``b"12 0 R"``)."""
    return pdf.objects[_number(reference)]


def _reachable(pdf, element, found: set[int]) -> set[int]:
    """Object numbers of the structure elements below ``element`` (a pydyf Dictionary)."""
    for kid in element.get("K", ()) if isinstance(element.get("K"), list) else [element.get("K")]:
        if isinstance(kid, bytes) and kid.endswith(b" R"):
            number = int(kid.split()[0])
            if number not in found:
                found.add(number)
                child = pdf.objects[number]
                if isinstance(child, pydyf.Dictionary):
                    _reachable(pdf, child, found)
    return found


def untreed_content_as_artifacts(document, pdf) -> None:
    """Mark content whose structure element is not in the structure tree as ``/Artifact`` (a ``finisher``).

    That is the content of margin boxes (page numbers, running headers). It reads the parent tree WeasyPrint
    writes (page index -> MCID -> structure element); tests/security/test_pdf_structure.py checks the result.
    """
    if "StructTreeRoot" not in pdf.catalog:
        return
    tree = _object(pdf, pdf.catalog["StructTreeRoot"])
    in_tree = _reachable(pdf, tree, set())
    numbers = _object(pdf, tree["ParentTree"])["Nums"]
    kids = pdf.pages["Kids"]
    pages = [pdf.objects[kids[index]] for index in range(0, len(kids), 3)]  # flat "n 0 R" triples
    for page_index, elements in zip(numbers[::2], numbers[1::2], strict=True):
        if not isinstance(elements, list) or page_index >= len(pages):
            continue  # an annotation's (a link's) entry: one element, no marked content
        artifacts = {mcid for mcid, element in enumerate(elements) if _number(element) not in in_tree}
        if not artifacts:
            continue
        contents = _object(pdf, pages[page_index]["Contents"])
        content = contents.stream
        for index in range(len(content) - 2, 0, -1):
            properties = content[index]
            if (
                content[index + 1] == b"BDC"
                and isinstance(properties, pydyf.Dictionary)
                and properties.get("MCID") in artifacts
            ):
                content[index - 1 : index + 2] = ["/Artifact", b"BMC"]


def write_pdf(html: str, *, base_url: str | None = None, **options) -> bytes:
    """``weasyprint.HTML(string=html, base_url=base_url).write_pdf(**options)`` with Python's cycle collector
    paused (``core.cycles``): laying out a document makes boxes and styles by the ten thousand, and the collector
    would walk them all again every few hundred (a quarter of the World Café cards' time)."""
    from weasyprint import HTML  # noqa: PLC0415 — heavy (about 2 s), loaded only when a PDF is made

    with without_gc():
        return HTML(string=html, base_url=base_url).write_pdf(**options)


class _DrawnOnce:
    """An SVG image's ``draw`` that draws once per document into a form XObject, which every use then paints."""

    def __init__(self, draw):
        self._draw = draw
        self._forms = []  # (the document's XObject dictionary, size, form): one document's form is not another's

    def __call__(self, stream, width, height, style):
        xobjects = stream._resources["XObject"]  # shared by all pages of a WeasyPrint document
        form = next((f for known, size, f in self._forms if known is xobjects and size == (width, height)), None)
        if form is None:
            form = stream.add_group(0, 0, width, height)
            self._draw(form, width, height, style)
            self._forms.append((xobjects, (width, height), form))
        stream.draw_x_object(form.id)


class SharedDrawings(dict):
    """An image cache for ``write_pdf(cache=...)`` that draws each SVG image once per document.

    WeasyPrint draws an SVG image into the content stream of every page it appears on: the letterhead logo of
    112 World Café cards is drawn (its text shaped) 112 times, a third of the cards' time. With this cache the
    image is drawn once into a form XObject and each page paints that (``Do``) inside its own tagged ``/Figure``
    with the alt text, as before. Raster images are shared by WeasyPrint itself and stay as they are.
    """

    def __setitem__(self, url, image):
        from weasyprint.images import SVGImage  # noqa: PLC0415 — heavy, loaded only when a PDF is made

        # WeasyPrint hands the image it stores here to the first box too, so the instance's draw is replaced
        if isinstance(image, SVGImage) and not isinstance(image.draw, _DrawnOnce):
            image.draw = _DrawnOnce(image.draw)
        super().__setitem__(url, image)
