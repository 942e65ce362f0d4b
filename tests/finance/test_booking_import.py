"""The import of the accounting's booking export: upload, read once, map columns and accounts, preview with the
duplicates, write all or nothing in the worker; a bad file writes nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from inklusio.core.models import AuditEvent, ImportJob
from inklusio.finance import bookings
from inklusio.finance.models import AccountMapping, BookingImport, Receipt

pytestmark = pytest.mark.django_db

GOOD = (
    "Belegdatum;Betrag;Konto;Buchungstext\n"
    "03.02.2025;1.190,00;4980;Laptop Schulung\n"
    "05.02.2025;-50,00;4980;Gutschrift Laptop\n"
    "10.02.2025;89,90;4600;Flyer Druck\n"
    "10.02.2025;89,90;4600;Flyer Druck\n"
)


def base(project):
    return f"/staff/finance/projects/{project.slug}/receipts/import/"


def upload(client, project, content, name="buchungen.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    response = client.post(base(project), {"file": SimpleUploadedFile(name, data)})
    return response


def check(client, project, record, accounts, columns=(0, 1, 2, 3)):
    data = {"check": "1"}
    for name, index in zip(("date", "amount", "account", "text"), columns, strict=True):
        data[f"column_{name}"] = str(index)
    form = client.get(f"{base(project)}{record.pk}/").context["form"]
    for index, account in enumerate(form.accounts):
        if account in accounts:
            data[f"account_{index}"] = str(accounts[account].pk)
    return client.post(f"{base(project)}{record.pk}/", data)


def test_pure_plan_reads_rows_and_finds_duplicates():
    columns = bookings.guess_columns(["Belegdatum", "Betrag", "Konto", "Buchungstext"])
    assert columns == {"date": 0, "amount": 1, "account": 2, "text": 3}
    rows = [r.split(";") for r in GOOD.splitlines()[1:]] + [["31.02.2025", "1,0,0", "", ""]]
    entered = {(date(2025, 2, 3), Decimal("1190.00"))}
    plan = bookings.plan(rows, columns, mapped={"4980", "4600"}, imported_keys=set(), entered=entered)
    assert [(b.row, why) for b, why in plan.duplicates] == [(2, "entered"), (5, "file")]
    assert [b.amount for b in plan.new] == [Decimal("-50.00"), Decimal("89.90")]
    assert {p.code for p in plan.problems} == {"date", "amount", "account", "text"} and not plan.ok
    unmapped = bookings.plan(rows[:3], columns, mapped={"4980"}, imported_keys=set(), entered=set())
    assert [(p.row, p.code, p.value) for p in unmapped.problems] == [(4, "unmapped", "4600")]


def test_good_file_is_mapped_previewed_and_written_once(
    client, finance_user, project, categories, make_receipt, django_capture_on_commit_callbacks
):
    make_receipt("7", receipt_date=date(2025, 2, 10), gross="89.90")  # entered by hand: the same cost
    client.force_login(finance_user)
    response = upload(client, project, GOOD)
    record = BookingImport.objects.get()
    assert response.status_code == 302 and record.stage == BookingImport.Stage.READY
    page = client.get(f"{base(project)}{record.pk}/")
    assert page.context["form"].accounts == ["4980", "4600"]
    assert page.context["form"]["column_amount"].initial == "1"  # guessed from the header
    mapping = {"4980": categories["investitionen"], "4600": categories["oeffentlichkeitsarbeit"]}
    check(client, project, record, mapping)
    record.refresh_from_db()
    assert record.review["ok"] and record.review["new"] == 2 and record.review["duplicate_count"] == 2
    assert not Receipt.objects.filter(booking_key__gt="").exists()  # the preview writes nothing
    assert not AccountMapping.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{base(project)}{record.pk}/", {"import": "1"})
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.DONE, job.error
    imported = Receipt.objects.exclude(booking_key="").order_by("receipt_date")
    assert [(r.number, r.kind, r.gross, r.category.key) for r in imported] == [
        ("8", "invoice", Decimal("1190.00"), "investitionen"),
        ("9", "refund", Decimal("-50.00"), "investitionen"),
    ]
    assert dict(AccountMapping.objects.values_list("account", "category__key")) == {
        "4980": "investitionen",
        "4600": "oeffentlichkeitsarbeit",
    }
    assert AuditEvent.objects.filter(action="finance.receipt_import").exists()
    record.refresh_from_db()
    assert record.status == BookingImport.Status.IMPORTED
    # the same file again: every booking is a duplicate now, the mapping is remembered
    upload(client, project, GOOD)
    again = BookingImport.objects.latest("pk")
    page = client.get(f"{base(project)}{again.pk}/")
    assert page.context["form"]["account_0"].initial == categories["investitionen"].pk
    check(client, project, again, mapping)
    again.refresh_from_db()
    assert again.review["new"] == 0 and again.review["duplicate_count"] == 4 and not again.review["ok"]
    client.post(f"{base(project)}{again.pk}/", {"import": "1"})
    assert Receipt.objects.count() == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Datum;Betrag;Konto;Text\n01.02.2025;12,3,4;4980;x\n", "Betrag"),  # a bad amount
        ("Datum;Betrag;Konto;Text\n31.02.2025;10,00;4980;x\n", "Datum"),  # no such day
        ("Datum;Betrag;Konto;Text\n01.02.2025;10,00;9999;x\n", "9999"),  # an account without a category
    ],
)
def test_bad_rows_stop_the_import_with_nothing_written(client, finance_user, project, categories, content, message):
    client.force_login(finance_user)
    upload(client, project, content)
    record = BookingImport.objects.get()
    check(client, project, record, {"4980": categories["sachkosten"]})
    record.refresh_from_db()
    assert not record.review["ok"]
    assert any(message in problem for problem in record.review["problems"]), record.review["problems"]
    page = client.get(f"{base(project)}{record.pk}/").content.decode()
    assert 'name="import"' not in page
    client.post(f"{base(project)}{record.pk}/", {"import": "1"})
    assert not ImportJob.objects.exists() and not Receipt.objects.exists() and not AccountMapping.objects.exists()


def test_bad_files_are_refused_with_a_clear_message(client, finance_user, project, settings):
    client.force_login(finance_user)
    # UTF-16 without its byte-order mark, i.e. with NUL bytes: refused by the upload check
    response = upload(client, project, "Datum;Betrag\n".encode("utf-16-le"))
    assert response.status_code == 400 and "file" in response.context["form"].errors
    # an Excel file of a few KB that declares a million rows
    book = Workbook()
    book.active["A1"] = "Datum"
    book.active["A1000000"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    assert len(buffer.getvalue()) < 10_000
    upload(client, project, buffer.getvalue(), name="buchungen.xlsx")
    record = BookingImport.objects.get()
    assert record.stage == BookingImport.Stage.REFUSED
    page = client.get(f"{base(project)}{record.pk}/").content.decode()
    assert "1.000.000" in page or "Zeilen" in page
    # too large
    settings.IMPORT_MAX_BYTES = 100
    response = upload(client, project, GOOD * 3)
    assert response.status_code == 400 and "MB" in str(response.context["form"].errors["file"])
    # an exe renamed
    response = upload(client, project, b"MZ\x90\x00\x03\x00\x00\x00", name="buchungen.csv")
    assert response.status_code == 400
    assert not Receipt.objects.exists()


def test_someone_elses_or_another_projects_import_answers_404(client, make_user, project, finance_user, categories):
    from inklusio.core.models import Project

    other = Project.objects.create(
        title="Anderes", slug="anderes", funder="Aktion Mensch", start=date(2024, 1, 1), end=date(2026, 12, 31)
    )
    client.force_login(finance_user)
    upload(client, project, GOOD)
    record = BookingImport.objects.get()
    assert client.get(f"{base(other)}{record.pk}/").status_code == 404
    client.force_login(make_user("project_lead"))
    assert client.get(f"{base(project)}{record.pk}/").status_code == 404
    client.force_login(make_user("read_only"))
    assert client.get(base(project)).status_code == 403
    assert client.post(f"{base(project)}{record.pk}/", {"import": "1"}).status_code == 403


def test_discard_deletes_the_upload(client, finance_user, project, categories):
    client.force_login(finance_user)
    upload(client, project, GOOD)
    record = BookingImport.objects.get()
    from inklusio.finance.bookings_import import upload_path

    assert not upload_path(record).exists() or upload_path(record).exists()
    response = client.post(f"{base(project)}{record.pk}/", {"discard": "1"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == BookingImport.Status.DISCARDED and not upload_path(record).exists()


def test_windows_1252_export_is_read(client, finance_user, project, categories):
    client.force_login(finance_user)
    upload(client, project, "Datum;Betrag;Konto;Buchungstext\n01.03.2025;12,50;4600;Flyer Müller\n".encode("cp1252"))
    record = BookingImport.objects.get()
    check(client, project, record, {"4600": categories["oeffentlichkeitsarbeit"]})
    record.refresh_from_db()
    assert record.review["ok"] and record.review["new_sample"][0]["text"] == "Flyer Müller"


def test_receipt_numbers_follow_the_highest():
    from inklusio.finance.receipts import following

    assert following("R-009") == "R-010"
    assert following("2025/99") == "2025/100"
    assert following("ohne") == "ohne-1"
