"""Contact form, barrier feedback and the spam protection (honeypot, signed time check, rate limit per address)."""

import time

import pytest
from django.core import signing

from inklusio.contacts.models import Inquiry, Person
from inklusio.public import services
from inklusio.public.models import FormSubmission

pytestmark = pytest.mark.django_db


def contact_data(**changes):
    data = {
        "name": "Mira Schulz",
        "email": "Mira@Example.org",
        "topic": "Frage zur Ausbildung",
        "message": "Gibt es Plätze in Kassel?",
        "consent": "on",
        "website": "",
        "started": signing.dumps(time.time() - 30, salt=services.STARTED_SALT),
    }
    data.update(changes)
    return data


@pytest.fixture
def quick(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def test_contact_form_creates_inquiry_and_confirms_by_real_smtp(
    client, project, pages, quick, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kontakt/", contact_data())
    assert response.status_code == 302
    assert response["Location"] == "/kontakt/gesendet/"
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.channel, inquiry.project) == ("general", "web_form", project)
    assert inquiry.topic == "Frage zur Ausbildung"
    assert inquiry.person.email == "mira@example.org"
    assert (inquiry.person.first_name, inquiry.person.last_name) == ("Mira", "Schulz")
    [mail] = smtp_server.to("mira@example.org")
    assert "Ihre Nachricht" in mail["Subject"]
    assert "Gibt es Plätze in Kassel?" in mail.get_content()
    assert client.get("/kontakt/gesendet/").status_code == 200


def test_existing_person_is_reused_by_email(client, project, quick):
    person = Person.objects.create(first_name="Mira", last_name="Schulz", email="mira@example.org")
    client.post("/kontakt/", contact_data())
    assert Inquiry.objects.get().person == person
    assert Person.objects.count() == 1


def test_english_confirmation_is_in_english(client, project, quick, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/kontakt/", contact_data())
    [mail] = smtp_server.messages
    assert mail["Subject"].startswith("Your message to")


def test_missing_fields_show_errors_and_create_nothing(client, project, quick):
    response = client.post("/kontakt/", contact_data(message="", consent="", email="no-address"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"message", "consent", "email"}
    assert not Inquiry.objects.exists()
    assert b"error-summary" in response.content


def test_filled_honeypot_looks_sent_but_records_nothing(client, project, quick, smtp_server):
    response = client.post("/kontakt/", contact_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Inquiry.objects.exists()
    assert not Person.objects.exists()
    assert smtp_server.messages == []


def test_too_fast_submission_is_refused_with_a_fresh_token(client, project, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 5
    token = services.started_token()
    response = client.post("/kontakt/", contact_data(started=token))
    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    assert "sehr schnell" in str(response.context["form"].non_field_errors())
    assert response.context["form"]["started"].value() != token


@pytest.mark.parametrize(
    "started",
    ["", "garbage", "1700000000.0", signing.dumps(time.time(), salt="other")],
    ids=["empty", "garbage", "unsigned", "other-salt"],
)
def test_missing_or_forged_time_token_is_refused(client, project, quick, started):
    response = client.post("/kontakt/", contact_data(started=started))
    assert response.status_code == 200
    assert not Inquiry.objects.exists()


def test_expired_time_token_is_refused(client, project, quick, settings):
    settings.PUBLIC_FORM_MAX_AGE_SECONDS = 1
    old = signing.dumps(time.time() - 30, salt=services.STARTED_SALT)
    time.sleep(1.1)
    response = client.post("/kontakt/", contact_data(started=old))
    assert response.status_code == 200
    assert not Inquiry.objects.exists()


def test_rate_limit_per_address_across_forms_and_case(client, project, quick, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    assert client.post("/kontakt/", contact_data()).status_code == 302
    assert client.post("/barrierefreiheit/", contact_data(email="MIRA@example.org")).status_code == 302
    response = client.post("/kontakt/", contact_data(email="mira@EXAMPLE.org"))
    assert response.status_code == 200
    assert "kurzer Zeit" in str(response.context["form"].non_field_errors())
    assert Inquiry.objects.count() == 2
    # Another address is not affected.
    assert client.post("/kontakt/", contact_data(email="other@example.org")).status_code == 302


def test_old_submissions_leave_the_rate_window(project, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 1
    FormSubmission.objects.create(email="a@example.org", form="contact")
    FormSubmission.objects.update(at="2000-01-01T00:00:00Z")
    services.check_submission(
        "contact", "a@example.org", signing.dumps(time.time() - 60, salt=services.STARTED_SALT), ""
    )


def test_barrier_feedback_creates_accessibility_inquiry(
    client, project, pages, quick, smtp_server, django_capture_on_commit_callbacks
):
    data = contact_data(page="/ausbildungsangebote/", message="Der Filter ist per Tastatur schwer erreichbar.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/barrierefreiheit/", data)
    assert response["Location"] == "/barrierefreiheit/gesendet/"
    inquiry = Inquiry.objects.get()
    assert inquiry.kind == Inquiry.Kind.ACCESSIBILITY
    assert "/ausbildungsangebote/" in inquiry.topic
    assert len(smtp_server.to("mira@example.org")) == 1


def test_forms_say_so_when_no_project_exists(client, db):
    response = client.get("/kontakt/")
    assert response.status_code == 200
    assert b'<form method="post"' not in response.content


def test_accessibility_statement_names_the_enforcement_procedure(client, project, pages):
    response = client.get("/barrierefreiheit/")
    text = response.content.decode()
    assert "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz" in text
    assert "teilweise" in text  # state of compliance: partially compliant
    assert "Alte PDFs" in text
