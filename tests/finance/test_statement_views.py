"""Payment request and statement pages: who may do what, bad input, submit only by the lead, exports."""

import io
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from inklusio.core.models import AuditEvent
from inklusio.finance import statements
from inklusio.finance.models import PaymentRequest, Statement
from tests.finance import statement_fixtures

books = statement_fixtures.books
finance_user = statement_fixtures.finance_user
reviewer = statement_fixtures.reviewer

pytestmark = pytest.mark.django_db

BASE = "/staff/finance/projects/test/"


@pytest.fixture
def as_finance(client, finance_user):
    client.force_login(finance_user)
    return client


def test_payment_request_create_suggests_the_next_number_and_reads_german_amounts(as_finance, project):
    PaymentRequest.objects.create(project=project, number=3, requested_on=date(2024, 1, 5), amount_requested=D("10"))
    page = as_finance.get(BASE + "payment-requests/new/")
    assert page.status_code == 200 and 'value="4"' in page.content.decode()
    answer = as_finance.post(
        BASE + "payment-requests/new/",
        {"number": "4", "requested_on": "2024-02-01", "amount_requested": "1.234,56", "received_on": "2024-02-10",
         "amount_received": "1.234,56", "note": "erste Rate"},
    )  # fmt: skip
    assert answer.status_code == 302
    created = PaymentRequest.objects.get(number=4)
    assert created.amount_requested == D("1234.56") and created.received_on == date(2024, 2, 10)
    assert AuditEvent.objects.filter(action="finance.payment_request_created").count() == 1


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount_requested": "zwölf"}, "amount_requested"),
        ({"amount_requested": "-5"}, "amount_requested"),
        ({"amount_requested": "9" * 20}, "amount_requested"),
        ({"number": "3"}, "number"),  # taken
        ({"received_on": "2024-02-10"}, "amount_received"),  # a date without the amount
        ({"received_on": "2024-01-01", "amount_received": "5"}, "received_on"),  # before the request
    ],
)
def test_payment_request_bad_input_is_refused_with_the_input_kept(as_finance, project, data, field):
    PaymentRequest.objects.create(project=project, number=3, requested_on=date(2024, 1, 5), amount_requested=D("10"))
    form = {"number": "4", "requested_on": "2024-02-01", "amount_requested": "100", "note": "behalten"} | data
    answer = as_finance.post(BASE + "payment-requests/new/", form)
    assert answer.status_code == 200
    assert field in answer.context["form"].errors
    assert "behalten" in answer.content.decode()
    assert PaymentRequest.objects.count() == 1


def test_payment_request_edit_and_delete_of_another_project_is_404(as_finance, project):
    from inklusio.core.models import Project

    other = Project.objects.create(title="Anderes", slug="other", funder="X", start=project.start, end=project.end)
    theirs = PaymentRequest.objects.create(project=other, number=1, requested_on=date(2024, 1, 5), amount_requested=1)
    assert as_finance.get(BASE + f"payment-requests/{theirs.pk}/edit/").status_code == 404
    assert as_finance.post(BASE + f"payment-requests/{theirs.pk}/delete/").status_code == 404
    assert PaymentRequest.objects.filter(pk=theirs.pk).exists()


def test_payment_request_delete_asks_first_then_deletes_with_audit(as_finance, project):
    request = PaymentRequest.objects.create(
        project=project, number=1, requested_on=date(2024, 1, 5), amount_requested=1
    )
    assert as_finance.get(BASE + f"payment-requests/{request.pk}/delete/").status_code == 200
    assert PaymentRequest.objects.exists()
    assert as_finance.post(BASE + f"payment-requests/{request.pk}/delete/").status_code == 302
    assert not PaymentRequest.objects.exists()
    assert AuditEvent.objects.filter(action="finance.payment_request_deleted").exists()


def test_the_list_warns_about_funds_not_spent_in_time(as_finance, project, books):
    today = timezone.localdate()
    PaymentRequest.objects.create(
        project=project, number=1, requested_on=date(2024, 1, 1), amount_requested=D("20000"),
        received_on=date(2024, 1, 2), amount_received=D("20000"),
    )  # fmt: skip
    page = as_finance.get(BASE + "payment-requests/")
    text = page.content.decode()
    assert page.status_code == 200 and "overdue" in text.lower() or "überfällig" in text
    position = page.context["position"]
    assert position.received == D("20000.00") and position.overdue
    # the grant's share of the 11,950 paid: 7,000 / 11,500 of it, at most 7,000
    assert position.spent == D("7000.00") and position.balance == D("13000.00")
    assert position.instalments[0].deadline == date(2024, 1, 2) + timedelta(days=42) < today


def test_dashboard_panel_only_for_who_sees_payment_requests(client, project, books, finance_user, make_user):
    from inklusio.core.dashboard import dashboard_panels_for

    PaymentRequest.objects.create(
        project=project, number=1, requested_on=date(2024, 1, 1), amount_requested=D("20000"),
        received_on=date(2024, 1, 2), amount_received=D("20000"),
    )  # fmt: skip
    today = date(2024, 6, 1)
    panel = next(p for p in dashboard_panels_for(finance_user, today) if p.key == "finance_funds")
    assert len(panel.items) == 1 and panel.items[0].flag
    assert "/payment-requests/" in panel.items[0].url
    assert not [p for p in dashboard_panels_for(finance_user, date(2023, 6, 1)) if p.key == "finance_funds"]  # none yet
    in_time = next(p for p in dashboard_panels_for(finance_user, date(2024, 2, 1)) if p.key == "finance_funds")
    assert not in_time.items and in_time.empty  # received, deadline not passed
    for role in ("project_staff", "read_only", "network_coordinator"):
        assert not [p for p in dashboard_panels_for(make_user(role), today) if p.key == "finance_funds"]


def test_statement_flow_create_explain_and_submit_by_the_lead(client, project, books, finance_user, lead):
    client.force_login(finance_user)
    bad = client.post(
        BASE + "statements/new/", {"kind": "interim", "period_start": "2024-05-01", "period_end": "2024-04-01"}
    )
    assert bad.status_code == 200 and bad.context["form"].errors and not Statement.objects.exists()
    outside = client.post(
        BASE + "statements/new/", {"kind": "final", "period_start": "2023-01-01", "period_end": "2024-04-01"}
    )
    assert outside.status_code == 200 and not Statement.objects.exists()
    answer = client.post(
        BASE + "statements/new/", {"kind": "interim", "period_start": "2024-01-01", "period_end": "2024-12-31"}
    )
    statement = Statement.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"statements/{statement.pk}/")
    detail = client.get(answer["Location"])
    assert detail.status_code == 200 and not detail.context["figures"].complete
    # finance may explain, but not submit
    explain = BASE + f"statements/{statement.pk}/explain/reisekosten/2024/"
    assert client.post(explain, {"text": "Mehr Regionaltermine."}).status_code == 302
    assert client.get(BASE + f"statements/{statement.pk}/explain/honorare/2024/").status_code == 404  # not flagged
    assert client.get(BASE + f"statements/{statement.pk}/explain/nope/2024/").status_code == 404
    client.post(BASE + f"statements/{statement.pk}/explain/sachkosten/2024/", {"text": "Druckerpatrone."})
    assert client.post(BASE + f"statements/{statement.pk}/submit/").status_code == 403
    assert not Statement.objects.get().is_submitted
    client.force_login(lead)
    assert client.get(BASE + f"statements/{statement.pk}/submit/").status_code == 200  # the confirmation
    assert not Statement.objects.get().is_submitted
    assert client.post(BASE + f"statements/{statement.pk}/submit/").status_code == 302
    assert Statement.objects.get().is_submitted
    # frozen: explaining again is refused, submitting again too
    assert client.post(explain, {"text": "anders"}).status_code == 302
    assert "Mehr Regionaltermine." in str(Statement.objects.get().snapshot)
    again = client.post(BASE + f"statements/{statement.pk}/submit/")
    assert again.status_code == 200 and again.context["error"]
    # a new version
    answer = client.post(BASE + f"statements/{statement.pk}/new-version/")
    successor = Statement.objects.get(version=2)
    assert answer["Location"].endswith(f"statements/{successor.pk}/")


def test_submit_of_an_incomplete_statement_is_refused(client, project, books, lead):
    statement = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    client.force_login(lead)
    answer = client.post(BASE + f"statements/{statement.pk}/submit/")
    assert answer.status_code == 200 and answer.context["error"]
    assert not Statement.objects.get().is_submitted


def test_the_reviewer_reads_statements_and_exports_but_changes_nothing(client, project, books, reviewer, lead):
    statement = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    client.force_login(reviewer)
    assert client.get(BASE + "statements/").status_code == 200
    assert client.get(BASE + f"statements/{statement.pk}/").status_code == 200
    assert client.get(BASE + f"statements/{statement.pk}/export/xlsx/").status_code == 200
    assert client.post(BASE + "receipt-list/export/xlsx/").status_code == 302  # made in the worker
    assert client.post(BASE + f"statements/{statement.pk}/explain/reisekosten/2024/", {"text": "x"}).status_code == 403
    assert client.post(BASE + "statements/new/", {}).status_code == 403
    assert client.get(BASE + "payment-requests/").status_code == 403


def test_unknown_export_format_is_404_and_not_audited(client, project, books, lead):
    statement = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    client.force_login(lead)
    before = AuditEvent.objects.count()
    assert client.get(BASE + f"statements/{statement.pk}/export/csv/").status_code == 404
    assert client.post(BASE + "receipt-list/export/docx/").status_code == 404
    assert client.get(BASE + "receipt-list/export/xlsx/").status_code == 405
    assert AuditEvent.objects.count() == before


def cells(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell for cell in row] for row in sheet.iter_rows()]


def test_statement_xlsx_has_values_and_euro_formats_and_comes_from_the_snapshot(client, project, books, lead):
    statement = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    statements.explain(statement, "reisekosten", 2024, '=HYPERLINK("x")', lead)
    statements.explain(statement, "sachkosten", 2024, "Druckerpatrone.", lead)
    statements.submit(statement, lead)
    from inklusio.finance.models import Receipt

    Receipt.objects.filter(number="P-1").update(gross=D("99999"))  # after submission: not in the export
    client.force_login(lead)
    answer = client.get(BASE + f"statements/{statement.pk}/export/xlsx/")
    assert answer.status_code == 200 and "attachment" in answer["Content-Disposition"]
    rows = cells(answer.content)
    values = [c.value for row in rows for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)  # no formulas, the text neutralised
    personnel = next(row for row in rows if row[1].value == "Personalkosten")
    assert personnel[3].value == D("10000.00") or personnel[3].value == 10000
    assert personnel[3].number_format == "#,##0.00 €"
    assert AuditEvent.objects.filter(action="finance.statement_exported").count() == 1


def exported(client, path: str) -> bytes:
    """Ask for the receipt list, let the worker make it, download it from the job's page."""
    from django.urls import reverse

    from inklusio.core import documents
    from inklusio.core.models import DocumentJob

    answer = client.post(path)
    job = DocumentJob.objects.latest("pk")
    assert answer.status_code == 302 and answer["Location"] == job.get_absolute_url()
    assert documents.build(job.pk) == "done"
    download = client.get(reverse("core:document_download", args=[job.pk]))
    assert download.status_code == 200
    return b"".join(download.streaming_content) if download.streaming else download.content


def test_receipt_list_xlsx_sorted_by_category_and_date_with_totals_and_scan_marks(client, project, books, lead):
    client.force_login(lead)
    rows = cells(exported(client, BASE + "receipt-list/export/xlsx/"))
    body = [[c.value for c in row] for row in rows[4:]]
    numbers = [row[1] for row in body if row[1]]
    assert numbers == ["P-1", "P-2", "H-1", "R-1", "R-2", "S-1"]
    travel_total = next(row for row in body if str(row[0]).endswith("Reisekosten") and row[1] is None)
    assert D(str(travel_total[6])) == D("700.00")
    marks = {row[1]: row[7] for row in body if row[1]}
    assert marks["P-1"] in ("", None) and marks["H-1"]
    assert D(str(body[-1][6])) == D("11950.00")
    period = cells(exported(client, BASE + "receipt-list/export/xlsx/?from=2024-05-01&until=2024-05-31"))
    assert [c[1].value for c in period[4:] if c[1].value] == ["R-1", "R-2"]


def test_a_statement_of_another_project_is_404_under_this_project(client, project, books, lead):
    from inklusio.core.models import Project

    other = Project.objects.create(title="Anderes", slug="other", funder="X", start=project.start, end=project.end)
    theirs = statements.create(other, "interim", other.start, other.start, lead)
    client.force_login(lead)
    for path in ("", "submit/", "export/pdf/", "explain/reisekosten/2024/"):
        assert client.get(BASE + f"statements/{theirs.pk}/{path}").status_code == 404, path
    assert client.post(BASE + f"statements/{theirs.pk}/new-version/").status_code == 404
    assert client.get("/staff/finance/projects/nope/statements/").status_code == 404


def test_query_counts_do_not_grow_with_the_receipts(client, project, books, lead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.finance.statement_fixtures import add_receipt

    statement = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    PaymentRequest.objects.create(
        project=project, number=1, requested_on=date(2024, 1, 1), amount_requested=D("100"),
        received_on=date(2024, 1, 2), amount_received=D("100"),
    )  # fmt: skip
    client.force_login(lead)
    paths = [
        BASE + f"statements/{statement.pk}/",
        BASE + "payment-requests/",
        BASE + f"statements/{statement.pk}/export/xlsx/",
    ]

    def counts():
        result = []
        for path in paths:
            client.mark_seen()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    for n in range(40):
        day = date(2024, 1 + n % 12, 1 + n % 28)
        add_receipt(project, books["categories"]["reisekosten"], f"X-{n}", "10", day, scan=n % 2 == 0)
    assert counts() == before


def test_the_statement_says_what_the_funder_paid_out_to_who_may_see_payment_requests(
    client, project, books, lead, reviewer
):
    PaymentRequest.objects.create(
        project=project, number=1, requested_on=date(2024, 1, 1), amount_requested=D("500"),
        received_on=date(2024, 2, 1), amount_received=D("500"),
    )  # fmt: skip
    PaymentRequest.objects.create(
        project=project, number=2, requested_on=date(2025, 1, 1), amount_requested=D("700"),
        received_on=date(2025, 2, 1), amount_received=D("700"),
    )  # fmt: skip
    statement = statements.create(project, "interim", date(2024, 1, 1), date(2024, 12, 31), lead)
    client.force_login(lead)
    page = client.get("/en" + BASE + f"statements/{statement.pk}/").content.decode()
    assert "according to the payment requests: 500.00 €" in page
    client.force_login(reviewer)
    assert "payment requests:" not in client.get("/en" + BASE + f"statements/{statement.pk}/").content.decode()


def test_a_receipt_list_with_a_broken_or_reversed_period_falls_back_to_a_sane_one(client, project, books, lead):
    from inklusio.core.models import DocumentJob

    client.force_login(lead)
    client.post(BASE + "receipt-list/export/pdf/?from=31.12.2024&until=%00")
    job = DocumentJob.objects.latest("pk")
    assert (job.params["start"], job.params["end"]) == (str(project.start), str(project.end))
    client.post(BASE + "receipt-list/export/xlsx/?from=2024-12-31&until=2024-01-01")
    job = DocumentJob.objects.latest("pk")
    assert (job.params["start"], job.params["end"]) == ("2024-01-01", "2024-12-31")
