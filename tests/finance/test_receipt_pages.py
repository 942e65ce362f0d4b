"""The receipt pages: list, entry with scan, detail, download, deletion; who may do what; bad input."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inklusio.core.models import AuditEvent, DocumentJob, Project
from inklusio.finance.models import Receipt

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(project, name="", pk=None):
    base = f"/staff/finance/projects/{project.slug}/receipts/"
    return base + (f"{pk}/" if pk else "") + name


def form_data(categories, **more):
    data = {
        "number": "R-001",
        "kind": "invoice",
        "receipt_date": "2025-03-01",
        "paid_on": "",
        "payee": "Papierladen GmbH",
        "description": "Druckerpapier",
        "gross": "1.234,56",
        "vat": "",
        "category": categories["sachkosten"].pk,
        "contract": "",
    }
    data.update(more)
    return data


@pytest.fixture
def other_project(db):
    return Project.objects.create(
        title="Anderes", slug="anderes", funder="Aktion Mensch", start=date(2024, 1, 1), end=date(2026, 12, 31)
    )


def test_create_receipt_with_german_amount_and_scan(client, finance_user, project, categories, settings):
    client.force_login(finance_user)
    page = client.get(url(project, "new/"))
    assert page.status_code == 200
    assert page.context["form"].initial["number"] == "1"
    scan = SimpleUploadedFile("Rechnung 1.pdf", PDF, content_type="application/pdf")
    response = client.post(url(project, "new/"), {**form_data(categories, vat="197,11"), "scan": scan})
    receipt = Receipt.objects.get(project=project)
    assert response.status_code == 302
    assert receipt.gross == Decimal("1234.56") and receipt.vat == Decimal("197.11")
    assert receipt.net == Decimal("1037.45")
    assert receipt.scan_name == "Rechnung 1.pdf" and receipt.scan_type == "application/pdf"
    assert (settings.UPLOAD_ROOT / receipt.scan_path).read_bytes() == PDF
    assert AuditEvent.objects.filter(action="finance.receipt_created", subject=f"finance.receipt:{receipt.pk}").exists()
    download = client.get(url(project, "scan/", receipt.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    # the next number follows the highest
    assert client.get(url(project, "new/")).context["form"].initial["number"] == "R-002"


@pytest.mark.parametrize("kind", ["credit_note", "refund"])
def test_credit_notes_and_refunds_are_stored_negative(client, finance_user, project, categories, kind):
    client.force_login(finance_user)
    response = client.post(url(project, "new/"), form_data(categories, kind=kind, gross="50,00", vat="7,98"))
    assert response.status_code == 302
    receipt = Receipt.objects.get()
    assert receipt.gross == Decimal("-50.00") and receipt.vat == Decimal("-7.98") and receipt.net == Decimal("-42.02")
    # typed with a minus, it is the same
    client.post(url(project, "edit/", receipt.pk), form_data(categories, kind=kind, gross="-60,00"))
    receipt.refresh_from_db()
    assert receipt.gross == Decimal("-60.00") and receipt.vat is None
    # the edit form shows the amount as typed, without the sign
    assert 'value="60,00"' in client.get(url(project, "edit/", receipt.pk)).content.decode()


def test_negative_invoice_bad_amount_and_duplicate_number_are_field_errors(
    client, finance_user, project, categories, make_receipt
):
    make_receipt("R-001")
    client.force_login(finance_user)
    response = client.post(url(project, "new/"), form_data(categories, gross="-5,00"))
    assert response.status_code == 400
    assert "gross" in response.context["form"].errors
    response = client.post(url(project, "new/"), form_data(categories, number="R-002", gross="12,3,4"))
    assert "Betrag" in str(response.context["form"].errors["gross"])
    response = client.post(url(project, "new/"), form_data(categories, number="R-001"))
    assert response.status_code == 400
    assert "Belegnummer" in str(response.context["form"].errors["number"]) or response.context["form"].errors["number"]
    response = client.post(url(project, "new/"), form_data(categories, number="R-003", gross="10,00", vat="11,00"))
    assert "vat" in response.context["form"].errors
    assert Receipt.objects.count() == 1


def test_scan_with_wrong_magic_bytes_is_refused(client, finance_user, project, categories, settings):
    client.force_login(finance_user)
    fake = SimpleUploadedFile("rechnung.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(url(project, "new/"), {**form_data(categories), "scan": fake})
    assert response.status_code == 400
    assert "scan" in response.context["form"].errors
    exe = SimpleUploadedFile("rechnung.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client.post(url(project, "new/"), {**form_data(categories), "scan": exe})
    assert "scan" in response.context["form"].errors
    settings.FINANCE_SCAN_MAX_BYTES = 10
    big = SimpleUploadedFile("rechnung.pdf", PDF, content_type="application/pdf")
    response = client.post(url(project, "new/"), {**form_data(categories), "scan": big})
    assert "scan" in response.context["form"].errors
    assert not Receipt.objects.exists()
    scans = settings.UPLOAD_ROOT / "finance" / "receipts"
    assert not scans.exists() or not any(scans.iterdir())


def test_archived_and_other_funders_categories_are_not_offered(client, finance_user, project, categories):
    from django.utils import timezone

    from inklusio.finance.models import CostCategory

    foreign = CostCategory.objects.create(funder="Stiftung X", key="x", name="Fremd")
    categories["investitionen"].archived_at = timezone.now()
    categories["investitionen"].save()
    client.force_login(finance_user)
    offered = set(client.get(url(project, "new/")).context["form"].fields["category"].queryset)
    assert foreign not in offered and categories["investitionen"] not in offered
    response = client.post(url(project, "new/"), form_data(categories, category=foreign.pk))
    assert "category" in response.context["form"].errors


def test_another_projects_receipt_answers_404(client, finance_user, project, other_project, make_receipt):
    foreign = make_receipt("9", project=other_project)
    client.force_login(finance_user)
    for name in ("", "edit/", "delete/", "scan/"):
        assert client.get(url(project, name, foreign.pk)).status_code == 404, name
    assert client.post(url(project, "delete/", foreign.pk)).status_code == 404
    assert Receipt.objects.filter(pk=foreign.pk).exists()


def test_links_only_to_records_of_the_same_project(client, finance_user, project, other_project, categories):
    from django.utils import timezone

    from inklusio.events.models import Event

    fields = {f.name for f in Event._meta.fields}
    values = {"title": "Fremd", "starts_at": timezone.now(), "project": other_project}
    if "ends_at" in fields:
        values["ends_at"] = timezone.now()
    event = Event.objects.create(**values)
    client.force_login(finance_user)
    response = client.post(url(project, "new/"), form_data(categories, event=event.pk))
    assert "event" in response.context["form"].errors


def test_the_drop_downs_offer_the_latest_records_and_keep_the_one_chosen(
    client, finance_user, project, categories, make_receipt, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    from inklusio.events.models import Event
    from inklusio.finance import forms_receipts

    monkeypatch.setattr(forms_receipts, "LATEST_OFFERED", 1)
    now = timezone.now()
    older, latest = (
        Event.objects.create(
            project=project, title=title, slug=title, starts_at=now - timedelta(days=days), ends_at=now
        )
        for title, days in (("older", 60), ("latest", 2))
    )
    client.force_login(finance_user)
    offered = list(client.get(url(project, "new/")).context["form"].fields["event"].queryset)
    assert offered == [latest]
    refused = client.post(url(project, "new/"), form_data(categories, event=older.pk))
    assert "event" in refused.context["form"].errors and not Receipt.objects.exists()  # nothing saved
    receipt = make_receipt("7", event=older)
    page = client.get(url(project, "edit/", receipt.pk))
    assert list(page.context["form"].fields["event"].queryset) == [latest, older]
    assert "Angeboten werden die letzten 1" in page.content.decode()
    saved = client.post(url(project, "edit/", receipt.pk), form_data(categories, number="7", event=older.pk))
    assert saved.status_code == 302
    receipt.refresh_from_db()
    assert receipt.event == older


def test_list_filters_sum_and_missing_scan_mark(client, finance_user, project, categories, make_receipt):
    make_receipt("1", gross="119.00", vat="19.00", payee="Copyshop", scan_path="x.pdf", scan_name="x.pdf")
    make_receipt("2", gross="50.00", category="reisekosten", receipt_date=date(2024, 5, 1), description="Bahn")
    make_receipt("3", kind="credit_note", gross="-20.00", payee="Copyshop")
    client.force_login(finance_user)
    page = client.get(url(project))
    assert page.status_code == 200
    assert page.context["total"] == Decimal("130.00")  # 100 net + 50 - 20
    assert page.content.decode().count("keine Scan") + page.content.decode().count("kein Scan") == 2 or (
        page.content.decode().count("receipt-table__missing") == 2
    )
    assert client.get(url(project), {"q": "copyshop"}).context["total"] == Decimal("80.00")
    assert client.get(url(project), {"year": "2024"}).context["total"] == Decimal("50.00")
    assert client.get(url(project), {"kind": "credit_note"}).context["total"] == Decimal("-20.00")
    assert client.get(url(project), {"category": categories["reisekosten"].pk}).context["count"] == 1
    assert client.get(url(project), {"without_scan": "on"}).context["count"] == 2
    assert client.get(url(project), {"q": "nichts"}).context["count"] == 0
    assert client.get(url(project), {"year": "abc", "page": "x"}).status_code == 200


def test_empty_list_says_what_to_do(client, finance_user, project, categories):
    client.force_login(finance_user)
    page = client.get(url(project)).content.decode()
    assert "receipt-table" not in page
    assert url(project, "new/") in page


def test_reviewer_reads_staff_and_coordinators_get_403(client, make_user, project, make_receipt):
    receipt = make_receipt("1", scan_path="", scan_name="")
    reviewer = make_user("read_only")
    client.force_login(reviewer)
    assert client.get(url(project)).status_code == 200
    assert client.get(url(project, "", receipt.pk)).status_code == 200
    assert client.get(url(project, "new/")).status_code == 403
    assert client.get(url(project, "edit/", receipt.pk)).status_code == 403
    assert client.post(url(project, "delete/", receipt.pk)).status_code == 403
    page = client.get(url(project)).content.decode()
    assert url(project, "new/") not in page
    for role in ("project_staff", "network_coordinator"):
        client.force_login(make_user(role))
        assert client.get(url(project)).status_code == 403
        assert client.get(url(project, "", receipt.pk)).status_code == 403
    assert Receipt.objects.count() == 1


def test_delete_asks_first_then_deletes_scan_and_audits(
    client, finance_user, project, categories, settings, django_capture_on_commit_callbacks
):
    client.force_login(finance_user)
    scan = SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    client.post(url(project, "new/"), {**form_data(categories), "scan": scan})
    receipt = Receipt.objects.get()
    stored = settings.UPLOAD_ROOT / receipt.scan_path
    assert client.get(url(project, "delete/", receipt.pk)).status_code == 200
    assert Receipt.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        with_commit = client.post(url(project, "delete/", receipt.pk))
    assert with_commit.status_code == 302
    assert not Receipt.objects.exists()
    assert AuditEvent.objects.filter(action="finance.receipt_deleted").exists()
    assert not stored.exists()


def test_edit_replaces_and_removes_the_scan(
    client, finance_user, project, categories, settings, django_capture_on_commit_callbacks
):
    client.force_login(finance_user)
    client.post(url(project, "new/"), {**form_data(categories), "scan": SimpleUploadedFile("a.pdf", PDF)})
    receipt = Receipt.objects.get()
    first = settings.UPLOAD_ROOT / receipt.scan_path
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(project, "edit/", receipt.pk), {**form_data(categories), "scan": SimpleUploadedFile("b.png", png)}
        )
    receipt.refresh_from_db()
    assert receipt.scan_type == "image/png" and not first.exists()
    client.post(url(project, "edit/", receipt.pk), {**form_data(categories), "remove_scan": "on"})
    receipt.refresh_from_db()
    assert receipt.scan_path == ""
    assert AuditEvent.objects.filter(action="finance.receipt_changed").count() == 2


def test_zip_of_scans_named_by_number(client, finance_user, project, categories, django_capture_on_commit_callbacks):
    client.force_login(finance_user)
    assert client.post(url(project, "scans/")).status_code == 302
    assert not DocumentJob.objects.exists()  # nothing to zip: a message, no job
    for number in ("2025/001", "2025-002"):
        client.post(
            url(project, "new/"), {**form_data(categories, number=number), "scan": SimpleUploadedFile("s.pdf", PDF)}
        )
    client.post(url(project, "new/"), form_data(categories, number="ohne"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(project, "scans/"))
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and job.status == DocumentJob.Status.DONE
    from inklusio.core.documents import file_path

    with zipfile.ZipFile(io.BytesIO(file_path(job).read_bytes())) as archive:
        assert sorted(archive.namelist()) == ["2025-001.pdf", "2025-002.pdf"]
    assert client.get(url(project, "scans/")).status_code == 405


def test_a_flat_rate_category_is_not_offered_and_refused(client, finance_user, project, categories):
    client.force_login(finance_user)
    offered = set(client.get(url(project, "new/")).context["form"].fields["category"].queryset)
    assert categories["verwaltung"] not in offered and categories["sachkosten"] in offered
    response = client.post(url(project, "new/"), form_data(categories, category=categories["verwaltung"].pk))
    assert "category" in response.context["form"].errors
    assert not Receipt.objects.exists()


def test_the_year_filter_uses_the_payment_date_as_the_statement_does(
    client, finance_user, project, categories, make_receipt
):
    make_receipt("DEC", receipt_date=date(2024, 12, 28), paid_on=date(2025, 1, 5))
    make_receipt("JAN", receipt_date=date(2025, 1, 10))
    client.force_login(finance_user)
    page = client.get(url(project), {"year": "2025"})
    assert {r.number for r in page.context["receipts"]} == {"DEC", "JAN"}
    assert {r.number for r in client.get(url(project), {"year": "2024"}).context["receipts"]} == set()
    assert "05.01.2025" in page.content.decode()  # the payment date is shown


def test_receipts_behind_a_submitted_statement_keep_their_figures(
    client, finance_user, project, categories, make_receipt, lead
):
    from inklusio.finance import statements

    booked = make_receipt("B-1", receipt_date=date(2025, 3, 1), paid_on=date(2025, 3, 2))
    statement = statements.create(project, "interim", date(2025, 1, 1), date(2025, 6, 30), lead)
    for line in statements.compute(statement).flagged:
        statements.explain(statement, line.category_key, line.year, "Begründung.", lead)
    statements.submit(statement, lead)
    client.force_login(finance_user)
    changed = form_data(categories, number="B-1", receipt_date="2025-03-01", paid_on="2025-03-02", gross="999,00")
    response = client.post(url(project, "edit/", booked.pk), changed)
    assert response.status_code == 400 and "Korrektur" in response.content.decode()
    booked.refresh_from_db()
    assert booked.gross == Decimal("100.00")
    # the description and the scan may still change (a scan found later)
    scan = SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf")
    same = {**changed, "gross": "100,00", "description": "Papier, 5 Pakete", "scan": scan}
    assert client.post(url(project, "edit/", booked.pk), same).status_code == 302
    booked.refresh_from_db()
    assert booked.description == "Papier, 5 Pakete" and booked.scan_path
    # no deletion: the confirmation page says why and the POST changes nothing
    assert "Korrektur" in client.get(url(project, "delete/", booked.pk)).content.decode()
    client.post(url(project, "delete/", booked.pk))
    assert Receipt.objects.filter(pk=booked.pk).exists()
    # a late receipt in the period is saved, with a warning that the submitted statement keeps its figures
    late = client.post(
        url(project, "new/"), form_data(categories, number="B-2", receipt_date="2025-04-01"), follow=True
    )
    assert Receipt.objects.filter(number="B-2").exists()
    assert "neue Version" in late.content.decode()
    # after the period, receipts change freely
    free = make_receipt("C-1", receipt_date=date(2025, 8, 1))
    client.post(url(project, "edit/", free.pk), form_data(categories, number="C-1", receipt_date="2025-08-01"))
    free.refresh_from_db()
    assert free.gross == Decimal("1234.56")


def test_the_suggested_number_follows_the_last_receipt_entered_and_skips_taken_ones(project, make_receipt):
    from inklusio.finance import receipts

    assert receipts.next_number(project) == "1"
    make_receipt("B-2023-0200")
    make_receipt("B-2025-0151")
    assert receipts.next_number(project) == "B-2025-0152"  # not after the highest digits of another year
    make_receipt("R-3")
    make_receipt("R-2")
    assert receipts.next_number(project) == "R-4"
