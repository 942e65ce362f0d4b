"""The retention pages and the Art. 30 record: who may see and change what, validation, the PDF, the CLI."""

import io
from datetime import timedelta

import pytest

from inklusio.core.models import AuditEvent
from inklusio.privacy.models import RetentionPeriod, RetentionRun

from .retention_records import T

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client, make_user):
    def login(role):
        client.force_login(make_user(role))
        return client

    return login


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get("/staff/privacy/retention/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "settings_page", "edit_page", "runs", "record"),
    [
        ("project_lead", 200, 200, 200, 200),
        ("project_staff", 200, 403, 200, 200),
        ("read_only", 200, 403, 200, 200),
        ("network_coordinator", 403, 403, 403, 403),
    ],
)
def test_who_may_see_and_change_the_schedule(as_user, role, settings_page, edit_page, runs, record):
    client = as_user(role)
    assert client.get("/staff/privacy/retention/").status_code == settings_page
    assert client.get("/staff/privacy/retention/mailings.unconfirmed/").status_code == edit_page
    saved = client.post("/staff/privacy/retention/mailings.unconfirmed/", {"days": 9}).status_code
    assert saved == (302 if edit_page == 200 else edit_page)
    assert RetentionPeriod.objects.filter(days=9).exists() == (edit_page == 200)
    assert client.get("/staff/privacy/retention/runs/").status_code == runs
    assert client.get("/staff/privacy/record/").status_code == record


def test_the_lead_changes_a_period_and_it_is_audited(as_user):
    client = as_user("project_lead")
    page = client.get("/staff/privacy/retention/").content.decode()
    assert "Unbestätigte Anmeldungen zum Infoletter" in page
    response = client.post("/staff/privacy/retention/mailings.unconfirmed/", {"days": 14})
    assert response.status_code == 302
    period = RetentionPeriod.objects.get(category="mailings.unconfirmed")
    assert period.days == 14 and period.changed_by.has_perm("privacy.change_retentionperiod")
    event = AuditEvent.objects.get(action="privacy.retention_period_changed")
    assert event.detail == {"days": 14, "before": 7}
    page = client.get("/staff/privacy/retention/").content.decode()
    assert 'id="days-mailings.unconfirmed">14<' in page


@pytest.mark.parametrize("value", ["1", "-5", "abc", "", "99999999"])
def test_a_period_below_the_minimum_or_not_a_number_is_refused_with_the_reason(as_user, value):
    client = as_user("project_lead")
    response = client.post("/staff/privacy/retention/mailings.unconfirmed/", {"days": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="kern-alert kern-alert--danger error-summary"' in page
    if value in ("1", "-5"):
        assert "mindestens 2 Tage" in page and "Bestätigungsmail" in page
    assert not RetentionPeriod.objects.exists()


def test_the_form_explains_the_minimum_before_anything_goes_wrong(as_user):
    page = as_user("project_lead").get("/en/staff/privacy/retention/networks.documents/").content.decode()
    assert "At least 365 days" in page and "grant agreement" in page


def test_an_unknown_category_is_404(as_user):
    assert as_user("project_lead").get("/staff/privacy/retention/nope.nothing/").status_code == 404


def test_dry_run_counts_for_everyone_who_may_see_it_and_lists_records_only_with_permission(as_user, records, settings):
    from inklusio.privacy.models import RetentionPeriod

    RetentionPeriod.objects.create(category="events.registrations", days=30)
    staff_page = as_user("project_staff").get("/staff/privacy/retention/dry-run/").content.decode()
    assert 'id="due-events.registrations">1<' in staff_page
    assert "Gerda Gast" in staff_page  # staff may see the affected records
    assert AuditEvent.objects.filter(action="privacy.retention_dry_run_viewed").count() == 1
    reviewer_page = as_user("read_only").get("/staff/privacy/retention/dry-run/").content.decode()
    assert 'id="due-events.registrations">1<' in reviewer_page
    assert "Gerda Gast" not in reviewer_page
    assert not RetentionRun.objects.exists()  # a dry run changes nothing


def test_the_run_log_shows_counts(as_user, records):
    from inklusio.privacy import retention

    retention.run(T + timedelta(days=500), overrides={"privacy.inactive_contacts": 100_000})
    page = as_user("project_lead").get("/en/staff/privacy/retention/runs/").content.decode()
    assert "Registrations of past events" in page and "periodic job" in page


def test_the_record_follows_the_configured_periods(as_user):
    client = as_user("project_lead")
    page = client.get("/en/staff/privacy/record/").content.decode()
    assert 'id="period-contacts.inquiries">1095 days after the day the inquiry was received, then anonymise' in page
    assert "Explicit consent (GDPR Art. 9(2)(a)" in page
    client.post("/staff/privacy/retention/contacts.inquiries/", {"days": 400})
    page = client.get("/en/staff/privacy/record/").content.decode()
    assert 'id="period-contacts.inquiries">400 days after' in page
    german = client.get("/staff/privacy/record/").content.decode()
    assert "Verzeichnis von Verarbeitungstätigkeiten" in german and "400 Tage nach" in german


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_record_as_a_tagged_pdf(as_user, lang):
    from pypdf import PdfReader

    prefix = "" if lang == "de" else "/en"
    response = as_user("read_only").get(f"{prefix}/staff/privacy/record.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == lang
    text = " ".join(page.extract_text() for page in reader.pages)
    assert ("Rechtsgrundlage" if lang == "de" else "Legal basis") in text


def test_cli_dry_run_changes_nothing_and_the_run_applies(records, capsys):
    from inklusio.cli import main
    from inklusio.events.models import Registration

    RetentionPeriod.objects.create(category="events.registrations", days=30)
    RetentionPeriod.objects.create(category="privacy.inactive_contacts", days=36500)
    assert main(["privacy", "retention", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Registrations of past events" in out or "Anmeldungen zu vergangenen Veranstaltungen" in out
    assert not RetentionRun.objects.exists()
    assert main(["privacy", "retention"]) == 0
    run = RetentionRun.objects.get()
    assert run.trigger == RetentionRun.Trigger.COMMAND and run.results["events.registrations"]["count"] == 1
    assert Registration.objects.get().organisation_name == ""


def test_the_dry_run_page_stops_counting_at_the_limit_and_says_more_than(as_user, records, monkeypatch):
    from inklusio.privacy import retention

    RetentionPeriod.objects.create(category="events.registrations", days=30)
    exact = {due.category.key: due.count for due in retention.dry_run()}  # the command line's exact counts
    assert exact["events.registrations"] == 1 and not any(due.more for due in retention.dry_run())
    monkeypatch.setattr(retention, "COUNT_LIMIT", 0)
    page = as_user("project_lead").get("/en/staff/privacy/retention/dry-run/").content.decode()
    assert 'id="due-events.registrations">more than 0<' in page
    assert "more than 0 records (counts stop at 0 per category)" in page
    event = AuditEvent.objects.get(action="privacy.retention_dry_run_viewed")
    assert event.detail.get("more") is True
