"""The receipt pages in their filled, empty and error states pass the W3C Nu Html Checker (vnu)."""

import json
import subprocess

import pytest

from tests.security.test_valid_html import vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


def test_receipt_pages_are_valid_html(client, make_user, project, make_receipt, tmp_path):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    base = f"/staff/finance/projects/{project.slug}/receipts/"
    client.force_login(make_user("finance"))
    empty = client.get(base)
    receipt = make_receipt("R-1", vat="19.00", scan_path="a.pdf", scan_name="a.pdf", contract="V-7")
    make_receipt("R-2", kind="refund", gross="-5.00")
    pages = {
        "empty": empty,
        "list": client.get(base),
        "filtered-none": client.get(base, {"q": "nichts", "without_scan": "on"}),
        "new": client.get(base + "new/"),
        "new-errors": client.post(base + "new/", {"number": "R-1", "gross": "abc", "kind": "invoice"}),
        "detail": client.get(f"{base}{receipt.pk}/"),
        "edit": client.get(f"{base}{receipt.pk}/edit/"),
        "delete": client.get(f"{base}{receipt.pk}/delete/"),
        "list-en": client.get(f"/en{base}?lang=en"),
    }
    # the booking import: upload form and its errors, mapping, preview with a duplicate and a problem, refusal
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inklusio.finance.models import BookingImport

    imports = base + "import/"
    pages["import"] = client.get(imports)
    pages["import-errors"] = client.post(imports, {"file": SimpleUploadedFile("a.exe", b"MZ")})
    csv = "Datum;Betrag;Konto;Text\n01.03.2025;100,00;4980;Papier\n02.03.2025;12,3,4;4980;x\n"
    client.post(imports, {"file": SimpleUploadedFile("b.csv", csv.encode())})
    record = BookingImport.objects.latest("pk")
    pages["import-mapping"] = client.get(f"{imports}{record.pk}/")
    mapping = {"check": "1", "column_date": "0", "column_amount": "1", "column_account": "2", "column_text": "3"}
    client.post(f"{imports}{record.pk}/", {**mapping, "account_0": str(receipt.category_id)})
    pages["import-preview"] = client.get(f"{imports}{record.pk}/")
    pages["import-mapping-errors"] = client.post(f"{imports}{record.pk}/", {"check": "1"})
    client.post(imports, {"file": SimpleUploadedFile("c.csv", b"")})
    client.post(imports, {"file": SimpleUploadedFile("d.csv", b'Datum\n"offen')})
    pages["import-refused"] = client.get(f"{imports}{BookingImport.objects.latest('pk').pk}/")
    client.force_login(make_user("read_only"))
    pages["reviewer-list"] = client.get(base)
    out = tmp_path / "pages"  # not tmp_path itself: the uploads are there
    out.mkdir()
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        (out / f"{name}.html").write_bytes(response.content)
    assert "Zeile 3" in pages["import-preview"].content.decode()  # the bad amount's row is named
    result = subprocess.run([*command, str(out)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
