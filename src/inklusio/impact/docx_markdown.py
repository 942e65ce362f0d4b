"""The report's Markdown as Word paragraphs and runs: markdown-it-py's token stream (``core.markdown.tokens``,
the one parser of inklusio) turned into python-docx calls, so that ``**bold**`` becomes a bold run and never
literal asterisks. Headings use Word's Heading styles, lists "List Bullet"/"List Number" (each numbered list
starts at 1), quotes "Quote", links real hyperlinks (only the schemes the Markdown style allows).
"""

from urllib.parse import urlsplit

from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from inklusio.core import markdown

LINK_COLOUR = RGBColor(0x1D, 0x4F, 0xA0)


def add_markdown(document, text: str, style: markdown.Style = markdown.REPORT) -> None:
    """Append the Markdown ``text`` to ``document`` (a python-docx Document) as styled paragraphs."""
    _Writer(document, style).write(markdown.tokens(text, style))


class _Writer:
    def __init__(self, document, style: markdown.Style):
        self.document = document
        self.style = style
        self.lists: list[tuple[str, int | None]] = []  # ("bullet" | "number", numbering id)
        self.quote = 0
        self.heading: str | None = None

    def write(self, tokens) -> None:
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                self.heading = f"Heading {min(int(token.tag[1]), 9)}"
            elif kind == "heading_close":
                self.heading = None
            elif kind == "bullet_list_open":
                self.lists.append(("bullet", None))
            elif kind == "ordered_list_open":
                self.lists.append(("number", self._restart_numbering(len(self.lists))))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind == "inline":
                self._inline(self._paragraph(), token.children or [])
            elif kind in ("code_block", "fence"):
                run = self._paragraph().add_run(token.content.rstrip("\n"))
                run.font.name = "DejaVu Sans Mono"
                run.font.size = Pt(9)

    def _paragraph(self):
        if self.heading:
            return self.document.add_paragraph(style=self.heading)
        if self.lists:
            kind, num_id = self.lists[-1]
            depth = len(self.lists)
            name = "List Bullet" if kind == "bullet" else "List Number"
            paragraph = self.document.add_paragraph(style=name if depth == 1 else f"{name} {min(depth, 3)}")
            if num_id is not None:
                properties = paragraph._p.get_or_add_pPr()
                numbering = OxmlElement("w:numPr")
                level, ident = OxmlElement("w:ilvl"), OxmlElement("w:numId")
                level.set(qn("w:val"), "0")
                ident.set(qn("w:val"), str(num_id))
                numbering.extend([level, ident])
                properties.append(numbering)
            return paragraph
        if self.quote:
            return self.document.add_paragraph(style="Quote")
        return self.document.add_paragraph()

    def _restart_numbering(self, depth: int) -> int | None:
        """A new numbering instance for this list, so that it counts from 1 (Word continues "List Number")."""
        style = self.document.styles["List Number" if depth == 0 else f"List Number {min(depth + 1, 3)}"]
        style_num = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if style_num is None:
            return None
        numbering = self.document.part.numbering_part.element
        base = numbering.num_having_numId(int(style_num.get(qn("w:val"))))
        abstract = base.find(qn("w:abstractNumId")).get(qn("w:val"))
        num = numbering.add_num(int(abstract))
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return num.numId

    def _inline(self, paragraph, children) -> None:
        bold = italic = 0
        link: str | None = None
        for child in children:
            kind = child.type
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                link = href if urlsplit(href).scheme in self.style.url_schemes else None
            elif kind == "link_close":
                link = None
            elif kind in ("softbreak",):
                self._run(paragraph, " ", bold, italic, link)
            elif kind == "hardbreak":
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif kind == "code_inline":
                run = self._run(paragraph, child.content, bold, italic, link)
                run.font.name = "DejaVu Sans Mono"
            elif kind == "text" or child.content:
                self._run(paragraph, child.content, bold, italic, link)

    def _run(self, paragraph, text, bold, italic, link):
        run = paragraph.add_run(text) if link is None else _hyperlink_run(paragraph, link, text)
        run.bold = bool(bold) or None
        run.italic = bool(italic) or None
        return run


def _hyperlink_run(paragraph, url: str, text: str):
    """A run inside a ``w:hyperlink`` to ``url`` (python-docx has no API for links)."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    paragraph._p.append(hyperlink)
    run = paragraph.add_run(text)
    hyperlink.append(run._r)  # moves the run from the paragraph into the link
    run.font.color.rgb = LINK_COLOUR
    run.underline = True
    return run


def plain_paragraphs(text: str, style: markdown.Style = markdown.REPORT) -> list[str]:
    """The Markdown ``text`` as plain paragraphs (for spreadsheet cells): emphasis marks gone, list items as
    "• item" or "1. item", link texts without their addresses."""
    paragraphs = []
    numbers: list[int | None] = []
    for token in markdown.tokens(text, style):
        if token.type == "bullet_list_open":
            numbers.append(None)
        elif token.type == "ordered_list_open":
            numbers.append(0)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif token.type == "inline":
            words = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content for child in token.children or []
            )
            prefix = ""
            if numbers:
                if numbers[-1] is None:
                    prefix = "• "
                else:
                    numbers[-1] += 1
                    prefix = f"{numbers[-1]}. "
            paragraphs.append(prefix + words)
        elif token.type in ("code_block", "fence"):
            paragraphs.append(token.content.rstrip("\n"))
    return paragraphs
