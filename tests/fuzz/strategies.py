"""Nasty input: arbitrary and hostile text, huge values, control characters, formula injection, bad bytes."""

import csv
import io
import os

from hypothesis import settings
from hypothesis import strategies as st

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))


def examples(n: int):
    """``@settings`` with ``n`` examples (times FUZZ_SCALE), on top of the loaded profile."""
    return settings(max_examples=max(1, int(n * SCALE)))


HOSTILE = [
    "",
    " ",
    "=1+1",
    '=HYPERLINK("http://evil.example","x")',
    "+49 30 1234",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    '" onmouseover="x',
    "'; DROP TABLE contacts_person; --",
    "\x00",
    "a\x00b",
    "\r\n",
    "\u202eevil",
    "\ufeff",
    "\ud7ff\ue000\uffff",
    "𝕏😀👩‍🦽",
    "ä@ö.de",
    "a@b.c",
    "x" * 5000,
    "9" * 40,
    "-1",
    "1e309",
    "NaN",
    "2025-02-30",
    "31.12.9999",
    "yes",
    "ja",
    "on",
    "None",
    "{{ 7*7 }}",
    "%(name)s",
]

text = st.one_of(st.text(max_size=80), st.sampled_from(HOSTILE), st.text(alphabet=st.characters(), max_size=400))
# Form values as a browser could send them: no surrogates (they cannot be UTF-8 encoded in a request).
form_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
    st.sampled_from(HOSTILE).filter(lambda s: "\ud7ff" not in s),
)
form_value = st.one_of(form_text, st.lists(form_text, min_size=1, max_size=3))
cell = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))


def encode(text_value: str, encoding: str) -> bytes:
    return (
        text_value.encode(encoding, errors="replace")
        if encoding != "utf-8"
        else text_value.encode("utf-8", errors="surrogatepass")
    )


@st.composite
def csv_bytes(draw, columns: list[str]):
    """A CSV file with a header from ``columns`` (and strangers), nasty cells, odd delimiters and encodings."""
    header = draw(st.lists(st.one_of(st.sampled_from(columns), cell), min_size=0, max_size=len(columns) + 2))
    rows = draw(st.lists(st.lists(cell, max_size=len(header) + 2), max_size=8))
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    for row in [header, *rows]:
        writer.writerow(row)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "ascii"]))
    data = encode(buffer.getvalue(), encoding)
    if draw(st.booleans()) and data:  # cut the file anywhere, or splice bytes in
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=8)) + data[cut:]
    return data


def _xml_char(ch: str) -> bool:
    code = ord(ch)
    return ch in "\t\n\r" or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


@st.composite
def xlsx_bytes(draw, columns: list[str]):
    """A real XLSX workbook with nasty cells (numbers, dates, formulas, text), or a corrupted one."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Text a worksheet can hold at all: no XML-illegal control characters, no lone surrogates.
    storable = cell.map(lambda s: "".join(ch for ch in ILLEGAL_CHARACTERS_RE.sub("", s) if _xml_char(ch)))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(draw(st.lists(st.one_of(st.sampled_from(columns), storable), max_size=len(columns) + 1)))
    xlsx_cell = st.one_of(
        storable,
        st.integers(-(10**15), 10**15),
        st.floats(allow_nan=True, allow_infinity=False),
        st.dates(),
        st.booleans(),
        st.none(),
    )
    for row in draw(st.lists(st.lists(xlsx_cell, max_size=len(columns) + 1), max_size=5)):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if draw(st.integers(0, 3)) == 0:  # a damaged archive: still starts like a ZIP
        # The archive's length varies with its timestamp, so draw where to cut as a fraction (same draws each run).
        cut = 4 + (len(data) - 4) * draw(st.integers(0, 1000)) // 1000
        data = data[:cut] + draw(st.binary(max_size=64))
    return data


def table_files(columns: list[str]):
    return st.one_of(
        csv_bytes(columns),
        xlsx_bytes(columns),
        st.binary(max_size=300),
        st.just(b"PK\x03\x04" + b"\x00" * 100),
        st.just(b"\xff\xfe" + "a;b\n1;2\n".encode("utf-16-le")),
    )
