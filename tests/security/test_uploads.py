"""Every import upload refuses too-large, wrong-type and disguised files with a clear message and writes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from inklusio.contacts.models import ContactImport, Person
from inklusio.core.uploads import TABLE_TYPES, CheckedFileField, safe_filename
from inklusio.mailings.models import Subscriber
from inklusio.outreach.models import OutreachImport
from inklusio.worldcafe.models import CafeParticipant, WorldCafe

pytestmark = pytest.mark.django_db

CSV = b"first_name;last_name;email\nAda;Lovelace;ada@example.org\n"
BAD = {
    "too_large": ("people.csv", CSV + b"x" * 2048),
    "wrong_type": ("people.exe", b"MZ\x90\x00"),
    "disguised_binary": ("people.csv", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64),
    "text_as_xlsx": ("people.xlsx", CSV),
    "empty": ("people.csv", b""),
}


@pytest.fixture
def small_limit(settings):
    settings.IMPORT_MAX_BYTES = 1024


def _files(settings):
    root = settings.UPLOAD_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _importers(project):
    cafe = WorldCafe.objects.create(project=project, title="Café", rounds=2)
    return {
        "contacts": ("/staff/contacts/import/", {}, lambda: (Person.objects.count(), ContactImport.objects.count())),
        "outreach": ("/staff/outreach/import/", {}, lambda: OutreachImport.objects.count()),
        "mailings": ("/staff/infoletter/subscribers/import/", {"source": "other"}, lambda: Subscriber.objects.count()),
        "worldcafe": (f"/staff/worldcafe/{cafe.pk}/import/", {}, lambda: CafeParticipant.objects.count()),
    }


@pytest.mark.parametrize("importer", ["contacts", "outreach", "mailings", "worldcafe"])
@pytest.mark.parametrize("kind", list(BAD))
def test_bad_uploads_are_refused_without_writing(client, lead, project, settings, small_limit, importer, kind):
    url, extra, count = _importers(project)[importer]
    client.force_login(lead)
    before = count()
    name, content = BAD[kind]
    response = client.post(url, {**extra, "file": SimpleUploadedFile(name, content)})
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors["file"]
    assert errors, kind
    assert count() == before
    assert _files(settings) == []


@pytest.mark.parametrize(
    ("language", "kind", "expected"),
    [
        ("en", "too_large", "The file is 4 MB; at most 3 MB are accepted."),
        ("de", "too_large", "Die Datei ist 4 MB groß; höchstens 3 MB werden angenommen."),
        ("de", "wrong_type", "Dateien dieses Typs werden nicht angenommen"),
        ("en", "wrong_type", "Files of this type are not accepted. Allowed: .csv, .txt, .xlsx."),
        ("de", "disguised_binary", "Der Inhalt der Datei passt nicht zu ihrem Typ."),
        ("en", "empty", "The submitted file is empty."),  # Django's own FileField check
    ],
)
def test_messages_in_both_languages(language, kind, expected, settings):
    settings.IMPORT_MAX_BYTES = 3 * 1_048_576
    name, content = BAD[kind]
    if kind == "too_large":
        content = b"a;b\n" * 1_048_576  # 4 MB
    field = CheckedFileField()
    with translation.override(language):
        with pytest.raises(Exception) as raised:
            field.clean(SimpleUploadedFile(name, content))
        assert expected in " ".join(raised.value.messages)


def test_a_good_file_passes_and_keeps_a_clean_name():
    upload = CheckedFileField().clean(SimpleUploadedFile("../../etc/\u202epeople\x00.csv", CSV))
    assert upload.name == "people.csv"
    assert upload.read() == CSV  # the sniffing left the file at its start


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("C:\\Users\\x\\Kontakte.xlsx", "Kontakte.xlsx"),
        ("../../.bashrc", "bashrc"),
        ("", "upload"),
        ("a\r\nb.csv", "ab.csv"),
        ("x" * 300 + ".csv", "x" * 196 + ".csv"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_xlsx_is_recognised_by_content():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["first_name", "last_name"])
    workbook.save(buffer)
    assert CheckedFileField().clean(SimpleUploadedFile("people.xlsx", buffer.getvalue())).name == "people.xlsx"
    assert set(TABLE_TYPES) == {"csv", "txt", "xlsx"}
