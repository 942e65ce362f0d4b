"""PDF/UA structure checks in the spirit of veraPDF, as far as pikepdf can make them.

``problems(data)`` returns a list of findings (empty when the PDF passes). It checks:

- the document is tagged: ``/MarkInfo /Marked true`` and a ``/StructTreeRoot`` (PDF/UA-1 7.1);
- the catalog has a non-empty ``/Lang`` (7.2);
- the document has a title (Info ``/Title`` and XMP ``dc:title``) and ``/ViewerPreferences /DisplayDocTitle
  true`` (7.1-10);
- every font used by a page (also inside form XObjects) is embedded (``FontFile``/``FontFile2``/``FontFile3``,
  for Type0 fonts in the descendant font) and has a ``/ToUnicode`` map (7.21.4.1, 7.21.7);
- every ``/Figure`` structure element has a non-empty ``/Alt`` (7.3);
- lists and tables are nested as PDF/UA requires (ISO 32000-1 14.8.4.3.3, 14.8.4.3.4; veraPDF's PDF/UA-1
  structure rules): ``L`` holds only ``Caption``, ``LI`` and nested ``L``; ``LI`` only ``Lbl`` and ``LBody``;
  ``Table`` only ``Caption``, ``THead``, ``TBody``, ``TFoot`` and ``TR``; ``THead``/``TBody``/``TFoot`` only
  ``TR``; ``TR`` only ``TH`` and ``TD``; ``LI``, ``Lbl``, ``LBody`` only inside their parents, ``TR`` only in a
  table part, ``TH``/``TD`` only in ``TR`` (role-mapped names are mapped to standard types first);
- all content is tagged or an artifact (7.1-3), approximated on the content streams: every painting operator
  (text, paths, images, shadings, XObjects) of a page lies inside a marked-content sequence that carries an
  ``/MCID`` or is an ``/Artifact``, and every MCID on a page is referenced from the structure tree (for that
  page), and every MCID the structure tree references exists on its page.

Not checked (pikepdf cannot tell): reading order, whether the alt text is meaningful, glyph widths, colour
contrast, and content of form XObjects (they are painted by a tagged or artifact ``Do``).
"""

import io

import pikepdf
from pikepdf import Name

PAINTING = {
    "Tj", "TJ", "'", '"',  # text
    "f", "F", "f*", "B", "B*", "b", "b*", "S", "s",  # path painting (not "n": it paints nothing)
    "sh", "Do", "BI", "INLINE IMAGE",  # shadings, XObjects, inline images
}  # fmt: skip

ALLOWED_CHILDREN = {
    "L": {"Caption", "LI", "L"},
    "LI": {"Lbl", "LBody"},
    "Table": {"Caption", "THead", "TBody", "TFoot", "TR"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TFoot": {"TR"},
    "TR": {"TH", "TD"},
}
ALLOWED_PARENTS = {
    "LI": {"L"},
    "Lbl": {"LI"},
    "LBody": {"LI"},
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "THead": {"Table"},
    "TBody": {"Table"},
    "TFoot": {"Table"},
    "TH": {"TR"},
    "TD": {"TR"},
}


def _text(value) -> str:
    return str(value).strip() if value is not None else ""


def _document_problems(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    root = pdf.Root
    mark_info = root.get("/MarkInfo")
    if mark_info is None or not bool(mark_info.get("/Marked", False)):
        found.append("not tagged: /MarkInfo /Marked is not true")
    if "/StructTreeRoot" not in root:
        found.append("no structure tree (/StructTreeRoot)")
    if not _text(root.get("/Lang")):
        found.append("no /Lang in the catalog")
    preferences = root.get("/ViewerPreferences")
    if preferences is None or not bool(preferences.get("/DisplayDocTitle", False)):
        found.append("/ViewerPreferences /DisplayDocTitle is not true")
    if not _text(pdf.docinfo.get("/Title")):
        found.append("no document title (Info /Title)")
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        if not _text(xmp.get("dc:title")):
            found.append("no document title in the XMP metadata (dc:title)")
    return found


def _fonts(resources, seen: set) -> list[tuple[str, pikepdf.Dictionary]]:
    fonts = []
    if resources is None:
        return fonts
    for name, font in (resources.get("/Font") or {}).items():
        if font.objgen not in seen:
            seen.add(font.objgen)
            fonts.append((name, font))
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == Name.Form and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            fonts += _fonts(xobject.get("/Resources"), seen)
    return fonts


def _font_problems(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    seen: set = set()
    for number, page in enumerate(pdf.pages, 1):
        for name, font in _fonts(page.obj.get("/Resources"), seen):
            base = _text(font.get("/BaseFont")) or name
            if font.get("/Subtype") == Name.Type3:
                continue  # glyphs are content streams of the font itself
            described = font.DescendantFonts[0] if font.get("/Subtype") == Name.Type0 else font
            descriptor = described.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.append(f"page {number}: font {base} is not embedded")
            if "/ToUnicode" not in font:
                found.append(f"page {number}: font {base} has no /ToUnicode map")
    return found


def _role_map(pdf: pikepdf.Pdf) -> dict[str, str]:
    tree = pdf.Root.get("/StructTreeRoot")
    role_map = (tree.get("/RoleMap") if tree is not None else None) or {}
    return {str(k)[1:]: str(v)[1:] for k, v in role_map.items()}


def _standard(element, role_map: dict[str, str]) -> str:
    kind = str(element.get("/S", "/?"))[1:]
    for _ in range(10):
        if kind not in role_map:
            break
        kind = role_map[kind]
    return kind


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _structure_problems(pdf: pikepdf.Pdf) -> tuple[list[str], set[tuple[tuple[int, int], int]]]:
    """Figures, lists and tables; returns the findings and the (page, MCID) pairs the tree references."""
    found: list[str] = []
    referenced: set[tuple[tuple[int, int], int]] = set()
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return found, referenced
    role_map = _role_map(pdf)
    visited: set = set()

    def walk(element, parent_kind: str, page):
        if element.is_indirect:
            if element.objgen in visited:
                return
            visited.add(element.objgen)
        kind = _standard(element, role_map)
        page = element.get("/Pg", page)
        if kind == "Figure" and not _text(element.get("/Alt")):
            found.append("a /Figure has no /Alt text")
        if kind in ALLOWED_PARENTS and parent_kind not in ALLOWED_PARENTS[kind]:
            found.append(f"/{kind} inside /{parent_kind} (allowed only in {sorted(ALLOWED_PARENTS[kind])})")
        for kid in _kids(element):
            if isinstance(kid, int):
                if page is not None:
                    referenced.add((page.objgen, int(kid)))
                continue
            if not isinstance(kid, pikepdf.Dictionary):
                continue
            if kid.get("/Type") == Name.MCR:
                kid_page = kid.get("/Pg", page)
                if kid_page is not None:
                    referenced.add((kid_page.objgen, int(kid.MCID)))
                continue
            if kid.get("/Type") == Name.OBJR:
                continue
            child_kind = _standard(kid, role_map)
            if kind in ALLOWED_CHILDREN and child_kind not in ALLOWED_CHILDREN[kind]:
                found.append(f"/{child_kind} inside /{kind} (allowed: {sorted(ALLOWED_CHILDREN[kind])})")
            walk(kid, kind, page)

    for top in _kids(tree):
        if isinstance(top, pikepdf.Dictionary):
            walk(top, "StructTreeRoot", None)
    return found, referenced


def _content_problems(pdf: pikepdf.Pdf, referenced: set) -> list[str]:
    found = []
    for number, page in enumerate(pdf.pages, 1):
        stack: list[str] = []  # "mcid", "artifact" or "other" per open marked-content sequence
        marked_ids: set[int] = set()
        untagged: dict[str, int] = {}
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                properties = operands[1] if op == "BDC" else None
                if isinstance(properties, pikepdf.Name):
                    properties = page.obj.Resources.Properties[properties]
                if tag == "/Artifact":
                    stack.append("artifact")
                elif properties is not None and "/MCID" in properties:
                    marked_ids.add(int(properties.MCID))
                    stack.append("mcid")
                else:
                    stack.append("other")
            elif op == "EMC":
                if stack:
                    stack.pop()
                else:
                    found.append(f"page {number}: EMC without an open marked-content sequence")
            elif op in PAINTING and not any(state in ("mcid", "artifact") for state in stack):
                untagged[op] = untagged.get(op, 0) + 1
        if untagged:
            counts = ", ".join(f"{op} ×{count}" for op, count in sorted(untagged.items()))
            found.append(f"page {number}: content neither tagged nor an artifact ({counts})")
        page_key = page.obj.objgen
        unreferenced = {mcid for mcid in marked_ids if (page_key, mcid) not in referenced}
        if unreferenced:
            found.append(f"page {number}: MCIDs {sorted(unreferenced)} are not referenced from the structure tree")
        missing = {mcid for key, mcid in referenced if key == page_key and mcid not in marked_ids}
        if missing:
            found.append(f"page {number}: the structure tree references MCIDs {sorted(missing)} not on the page")
    return found


def problems(data: bytes) -> list[str]:
    """All findings for the PDF ``data``; an empty list means every check passed."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = _document_problems(pdf) + _font_problems(pdf)
        structure, referenced = _structure_problems(pdf)
        return found + structure + _content_problems(pdf, referenced)
