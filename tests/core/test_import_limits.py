"""The bounded table reader: every limit is checked while the file is read, a file over one is refused with a
message naming it (German and English), nothing is written, and reading a hostile file stays small in memory."""

import io
import re
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from inklusio.contacts.models import ContactImport, Person
from inklusio.core.imports import table_error_message
from inklusio.core.tabular import Limits, TableError, read_table
from inklusio.mailings.models import Subscriber, SubscriberImport

MB = 1_048_576


def xlsx(rows, dimension=None, extra=None) -> bytes:
    """A real XLSX from openpyxl; ``dimension`` patches sheet1's <dimension ref>, ``extra`` adds members."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if dimension and info.filename == "xl/worksheets/sheet1.xml":
                content, count = re.subn(
                    rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), content
                )
                assert count == 1
            target.writestr(info.filename, content)
        for name, writer in (extra or {}).items():
            with target.open(name, "w", force_zip64=True) as member:
                writer(member)
    return out.getvalue()


FORGED = xlsx([["Nachname", "E-Mail"], ["Muster", "m@example.org"]], dimension="A1:XFD1048576")


def million_columns() -> bytes:
    return b"Nachname," + b"abcdefghi," * 1_000_000 + b"\nMuster\n"  # 10 MB


def zip_bomb() -> bytes:
    def zeros(member):
        chunk = b"\0" * MB
        for _ in range(120):
            member.write(chunk)

    return xlsx([["Nachname"], ["Muster"]], extra={"xl/media/image1.bin": zeros})


def refused(data, limits=None) -> tuple[TableError, int]:
    """The error and the peak of Python memory (bytes) while reading."""
    tracemalloc.start()
    try:
        with pytest.raises(TableError) as raised:
            read_table(data, limits or Limits())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return raised.value, peak


def test_a_forged_dimension_is_refused_before_anything_is_sized_by_it():
    error, peak = refused(FORGED)
    assert error.code == "declared_size"
    assert "1048576 rows and 16384 columns" in str(error) and "at most 200001 rows and 200 columns" in str(error)
    assert peak < 30 * MB


def test_a_small_declared_dimension_does_not_hide_what_the_sheet_holds():
    wide = xlsx([["Nachname", *[f"c{i}" for i in range(300)]]], dimension="A1:A1")
    error, peak = refused(wide)
    assert (error.code, error.params["limit"]) == ("too_many_columns", 200)
    tall = xlsx([["Nachname"], *[[f"p{i}"] for i in range(60)]], dimension="A1:A2")
    assert refused(tall, Limits(max_rows=50))[0].code == "too_many_rows"


def test_an_empty_cell_far_to_the_right_is_not_padded_or_refused():
    workbook = Workbook()
    workbook.active.append(["Nachname", "E-Mail"])
    workbook.active.append(["Muster", "m@example.org"])
    workbook.active.cell(row=2, column=16384).number_format = "0.00"  # styled, empty: <c r="XFD2" s="1"/>
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = xlsx([["Nachname", "E-Mail"], ["Muster", "m@example.org"]], dimension="A1:B2")
    for content in (data, buffer.getvalue()):
        try:
            table = read_table(content)
        except TableError as error:
            assert error.code == "declared_size"  # openpyxl wrote the dimension up to XFD2
            continue
        assert table.header == ["Nachname", "E-Mail"] and table.rows == [["Muster", "m@example.org"]]


def test_a_million_columns_csv_is_refused_after_reading_one_bounded_line():
    error, peak = refused(million_columns())
    assert (error.code, error.params) == ("too_many_columns", {"row": 1, "limit": 200})
    assert peak < 40 * MB  # the file itself is 10 MB; the csv module never built the row


def test_quoted_delimiters_do_not_count_as_columns():
    text = "Nachname;Notizen\nMuster;" + '"' + ";" * 500 + '"\n'
    table = read_table(text.encode())
    assert table.rows == [["Muster", ";" * 500]]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "csv_quoted_over_lines"])
def test_a_cell_longer_than_the_limit_is_refused(kind):
    long = "x" * 10_001
    data = {
        "csv": f"Nachname;Notizen\nMuster;{long}\n".encode(),
        "xlsx": xlsx([["Nachname", "Notizen"], ["Muster", long]]),
        "csv_quoted_over_lines": ('Nachname;Notizen\nMuster;"' + "x\n" * 6000 + '"\n').encode(),
    }[kind]
    error, _peak = refused(data)
    assert error.code == "cell_too_long" and error.params["limit"] == 10_000 and error.params["row"] == 2


def test_a_record_spanning_many_lines_cannot_grow_without_bound():
    # every line closes a quote the previous one opened: one record, many lines, columns adding up
    data = ('Nachname,Vorname\n"' + '",a,"\n' * 100_000 + '"\n').encode()
    error, peak = refused(data)
    assert error.code in ("too_many_columns", "row_too_long")
    assert peak < 30 * MB


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_too_many_rows_and_too_many_cells_are_refused(kind):
    rows = [["Nachname", "Vorname"], *[[f"N{i}", f"V{i}"] for i in range(101)]]
    # the sheet claims two rows, so the rows are counted while streaming, not refused from the claim
    data = xlsx(rows, dimension="A1:B2") if kind == "xlsx" else "\n".join(";".join(r) for r in rows).encode()
    error, _peak = refused(data, Limits(max_rows=100))
    assert (error.code, error.params["limit"]) == ("too_many_rows", 100)
    error, _peak = refused(data, Limits(max_cells=150))
    assert (error.code, error.params["limit"]) == ("too_many_cells", 150)
    assert len(read_table(data, Limits(max_rows=101)).rows) == 101


def test_a_zip_bomb_member_is_refused_from_the_archive_directory():
    data = zip_bomb()
    assert len(data) < MB
    error, peak = refused(data)
    assert error.code == "unzipped_too_large" and error.params["limit"] == 100
    assert error.params["name"] == "xl/media/image1.bin"
    assert peak < 20 * MB


def test_a_zip_with_too_many_members_is_refused():
    data = xlsx([["Nachname"]], extra={f"x/{i}": (lambda member: member.write(b"x")) for i in range(1001)})
    assert refused(data)[0].code == "zip_members"


def test_blank_rows_are_dropped_and_rows_keep_their_numbers():
    table = read_table(b"a;b\n1;2\n;\n\n3;\n")
    assert table.rows == [["1", "2"], ["3"]] and [row.number for row in table.rows] == [2, 5]
    assert table.delimiter == ";"
    sheet = read_table(xlsx([["a"], [None], ["x"]]))
    assert [(row.number, list(row)) for row in sheet.rows] == [(3, ["x"])]


@pytest.mark.parametrize(
    ("language", "data", "expected"),
    [
        ("de", FORGED, "höchstens 200.001 Zeilen und 200 Spalten"),
        ("en", FORGED, "at most 200,001 rows and 200 columns can be imported"),
        ("de", million_columns(), "Zeile 1 hat mehr als 200 Spalten; höchstens 200 Spalten"),
        ("en", million_columns(), "Row 1 has more than 200 columns; at most 200 columns can be imported."),
        ("de", zip_bomb(), "entpackt mehr als 100 MB"),
        ("en", zip_bomb(), "unpacks to more than 100 MB"),
    ],
)
def test_the_message_names_the_limit_in_both_languages(language, data, expected):
    with pytest.raises(TableError) as raised:
        read_table(data)
    with translation.override(language):
        assert expected in table_error_message(raised.value)


# --- through the importers: refused with the message, nothing written -------------------------------------


def _files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("forged.xlsx", FORGED, "16.384 Spalten"),
        ("breit.csv", million_columns(), "mehr als 200 Spalten"),
        ("bombe.xlsx", zip_bomb(), "mehr als 100 MB"),
    ],
)
def test_the_contact_import_refuses_and_writes_nothing(client, lead, settings, tmp_path, name, data, expected):
    settings.UPLOAD_ROOT = tmp_path
    client.force_login(lead)
    response = client.post("/staff/contacts/import/", {"file": SimpleUploadedFile(name, data)}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and expected in page and "Nichts wurde importiert" in page
    record = ContactImport.objects.get()
    assert record.stage == ContactImport.Stage.REFUSED and record.status == ContactImport.Status.PENDING
    assert Person.objects.count() == 0
    assert _files(tmp_path) == []  # the refused upload is not kept, and no table was written
    assert 'name="import"' not in page


@pytest.mark.django_db
def test_the_subscriber_import_refuses_too_many_rows_and_writes_nothing(client, staff, settings, tmp_path):
    settings.UPLOAD_ROOT = tmp_path
    settings.IMPORT_MAX_ROWS = 50
    data = ("Email;Name\n" + "".join(f"p{i}@example.org;P{i}\n" for i in range(51))).encode()
    client.force_login(staff)
    response = client.post(
        "/staff/infoletter/subscribers/import/",
        {"file": SimpleUploadedFile("liste.csv", data), "source": "CSV"},
        follow=True,
    )
    assert "mehr als 50 Datenzeilen" in response.content.decode()
    record = SubscriberImport.objects.get()
    assert record.stage == SubscriberImport.Stage.REFUSED
    assert client.post(f"/staff/infoletter/subscribers/import/{record.pk}/", {"import": "1"}).status_code == 200
    assert Subscriber.objects.count() == 0 and _files(tmp_path) == []


MAPPING = {"map_first_name": "Vorname", "map_last_name": "Nachname", "map_email": "E-Mail"}


@pytest.mark.django_db
def test_the_review_page_reads_the_stored_result_not_the_file(client, lead, settings, tmp_path):
    settings.UPLOAD_ROOT = tmp_path
    client.force_login(lead)
    data = b"Vorname;Nachname;E-Mail\nAnna;Muster;anna@example.org\n"
    response = client.post("/staff/contacts/import/", {"file": SimpleUploadedFile("k.csv", data)})
    record = ContactImport.objects.get()
    assert record.stage == ContactImport.Stage.READY and record.review["new"] == 1
    (tmp_path / "imports" / record.stored_as).write_bytes(b"\x00garbage")  # the upload is not read again
    page = client.get(response.url)
    assert page.status_code == 200 and "1 neue Person wird importiert" in page.content.decode()
    htmx = client.get(response.url, headers={"HX-Request": "true"})
    assert htmx.headers.get("HX-Refresh") == "true"  # polling stops: the page reloads into the review
    ContactImport.objects.filter(pk=record.pk).update(stage=ContactImport.Stage.READING, rows_read=3000)
    waiting = client.get(response.url).content.decode()
    assert (
        'hx-trigger="every 2s"' in waiting
        and re.search(r"bisher 3[.,]?000 Zeilen", waiting)
        and 'name="import"' not in waiting
    )
    ContactImport.objects.filter(pk=record.pk).update(stage=ContactImport.Stage.READY)
    assert client.post(response.url, {"import": "1", **MAPPING}).status_code == 302
    assert Person.objects.filter(email="anna@example.org").exists()
