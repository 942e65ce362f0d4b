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
    client.force_login(make_user("read_only"))
    pages["reviewer-list"] = client.get(base)
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
