"""The payment request and statement pages in their filled states pass the W3C Nu Html Checker (vnu)."""

import json
import subprocess
from datetime import date
from decimal import Decimal as D

import pytest

from inklusio.finance import statements
from inklusio.finance.models import PaymentRequest
from tests.finance import statement_fixtures
from tests.security.test_valid_html import vnu_or_skip

books = statement_fixtures.books

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]

BASE = "/staff/finance/projects/test/"


def test_statement_pages_are_valid_html(client, lead, project, books, tmp_path):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    request = PaymentRequest.objects.create(
        project=project, number=1, requested_on=date(2024, 1, 1), amount_requested=D("20000"),
        received_on=date(2024, 1, 2), amount_received=D("20000"), note="erste Rate",
    )  # fmt: skip
    draft = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    statements.explain(draft, "reisekosten", 2024, "Mehr Regionaltermine.\nUnd Bahnpreise.", lead)
    done = statements.create(project, "final", date(2024, 1, 1), date(2024, 12, 31), lead)
    statements.explain(done, "reisekosten", 2024, "Mehr Regionaltermine.", lead)
    statements.explain(done, "sachkosten", 2024, "Druckerpatrone.", lead)
    statements.submit(done, lead)
    client.force_login(lead)
    pages = {
        "requests": client.get(BASE + "payment-requests/"),
        "requests-en": client.get("/en" + BASE + "payment-requests/"),
        "request-new": client.get(BASE + "payment-requests/new/"),
        "request-errors": client.post(BASE + "payment-requests/new/", {"amount_requested": "x"}),
        "request-edit": client.get(BASE + f"payment-requests/{request.pk}/edit/"),
        "request-delete": client.get(BASE + f"payment-requests/{request.pk}/delete/"),
        "statements": client.get(BASE + "statements/"),
        "statement-new": client.get(BASE + "statements/new/"),
        "statement-errors": client.post(
            BASE + "statements/new/", {"period_start": "2024-05-01", "period_end": "2024-01-01"}
        ),
        "draft": client.get(BASE + f"statements/{draft.pk}/"),
        "submitted": client.get(BASE + f"statements/{done.pk}/"),
        "explain": client.get(BASE + f"statements/{draft.pk}/explain/sachkosten/2024/"),
        "submit-refused": client.get(BASE + f"statements/{draft.pk}/submit/"),
    }
    statements.explain(draft, "sachkosten", 2024, "Druckerpatrone.", lead)
    pages["submit"] = client.get(BASE + f"statements/{draft.pk}/submit/")
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
