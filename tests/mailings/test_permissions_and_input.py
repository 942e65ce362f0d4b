"""Who may open which Infoletter staff page (403, never a login loop), and input that could break a mail."""

import pytest
from django.urls import URLPattern, reverse

from inklusio.mailings import urls as mailing_urls
from inklusio.mailings.models import Mailing, Subscriber
from inklusio.mailings.rendering import PreparedMailing

from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db

# What the read-only reviewer may open (GET); everything else, and every POST, is 403 for them.
REVIEWER_MAY_VIEW = {
    "mailing_list",
    "mailing_detail",
    "mailing_progress",
    "subscriber_list",
    "subscriber_detail",
    "consent_list",
}
POST_ONLY = {"segment_count", "mailing_send", "mailing_schedule", "mailing_unschedule", "mailing_test", "mailing_pause"}


def _every_mailings_url():
    m = mailing(status=Mailing.Status.PAUSED)
    s = subscriber("x@example.org")
    for pattern in mailing_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        args = []
        if "<int:pk>" in str(pattern.pattern):
            args = [s.pk] if pattern.name.startswith("subscriber_") else [m.pk]
        yield pattern.name, reverse(f"mailings:{pattern.name}", args=args)


def test_every_mailings_url_is_covered_by_the_expectations():
    names = {p.name for p in mailing_urls.urlpatterns}
    assert names.issuperset(REVIEWER_MAY_VIEW | POST_ONLY)


@pytest.mark.parametrize("role", ["network_coordinator", "read_only"])
def test_coordinator_and_reviewer_get_403_never_a_login_redirect(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    for name, url in _every_mailings_url():
        allowed_view = role == "read_only" and name in REVIEWER_MAY_VIEW
        if name not in POST_ONLY:
            response = client.get(url)
            assert response.status_code == (200 if allowed_view else 403), (role, name, response.status_code)
        response = client.post(url, {})
        if name in REVIEWER_MAY_VIEW:
            # GET-only pages: a POST does not change anything; no role gets a redirect to the login
            assert response.status_code in (200, 403, 405), (role, name, response.status_code)
        else:
            assert response.status_code == 403, (role, name, response.status_code)
        assert "/login/" not in response.get("Location", ""), (role, name)
    # nothing was created, resumed or cancelled
    assert list(Mailing.objects.values_list("status", flat=True)) == [Mailing.Status.PAUSED]


def test_anonymous_visitors_go_to_the_login(client):
    m = mailing()
    for url in ["/staff/infoletter/", f"/staff/infoletter/{m.pk}/", f"/staff/infoletter/{m.pk}/cancel/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    "subject",
    ["Infoletter\r\nBcc: everyone@example.org", "Infoletter\nzwei Zeilen", "Tab\tim Betreff", "bidi \u202egnitset"],
)
def test_a_subject_that_could_break_the_header_is_refused(subject):
    from inklusio.mailings.forms import MailingForm

    form = MailingForm({"subject": subject, "language": "de", "body": "Hallo", "in_archive": "on"})
    assert not form.is_valid()
    assert "Zeilenumbrüche" in form.errors["subject"][0]
    ok = MailingForm({"subject": "Infoletter 1/2025 – Neues 🎉", "language": "de", "body": "Hallo"})
    assert ok.is_valid(), ok.errors


GOOD_NAMES = ["Anna Schmidt", "Dr. Zoë O'Brien-Müller", "J. R. R. Tolkien", "محمد\u200cرضا", "Ümit Yılmaz", ""]
BAD_NAMES = [
    ("Anna\nBcc: x@example.org", "Zeilenumbrüche"),
    ("Anna\x00", "Nullzeichen"),  # Django's own check comes first
    ("Anna\x07", "Zeilenumbrüche"),
    ("Anna \u202eevil", "Zeilenumbrüche"),
    ("Gewinn auf https://spam.example", "Web- oder E-Mail-Adresse"),
    ("Besuchen Sie www.example.net", "Web- oder E-Mail-Adresse"),
    ("bit.ly/abc", "Web- oder E-Mail-Adresse"),
    ("anna@example.org", "Web- oder E-Mail-Adresse"),
    ("A" * 101, "höchstens 100 Zeichen"),
]


def _signup(name):
    from inklusio.mailings.forms import SignupForm
    from inklusio.mailings.services import current_consent_text

    consent = current_consent_text()
    data = {"email": "a@example.org", "name": name, "consent": "on", "consent_version": consent.version}
    return SignupForm(data, consent_text=consent)


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_plausible_names_pass_the_public_forms(name):
    assert _signup(name).is_valid()


@pytest.mark.parametrize(("name", "message"), BAD_NAMES)
def test_implausible_names_are_refused_by_every_public_form(name, message, project):
    from datetime import timedelta

    from django.utils import timezone

    from inklusio.events.forms import RegistrationForm
    from inklusio.events.models import Event
    from inklusio.mailings.forms import PreferencesForm
    from inklusio.public.forms import ContactForm

    form = _signup(name)
    assert not form.is_valid() and message in " ".join(form.errors["name"])
    preferences = PreferencesForm({"name": name, "language": "de"})
    assert not preferences.is_valid() and "name" in preferences.errors
    contact = ContactForm({"name": name, "email": "a@example.org", "topic": "x", "message": "y", "consent": "on"})
    assert not contact.is_valid() and message in " ".join(contact.errors["name"])
    start = timezone.now() + timedelta(days=10)
    event = Event.objects.create(project=project, title="Fachtag", slug="fachtag", starts_at=start, ends_at=start)
    registration = RegistrationForm(
        {"first_name": name, "last_name": name, "email": "a@example.org", "privacy_consent": "on"}, event=event
    )
    assert not registration.is_valid()
    assert "first_name" in registration.errors and "last_name" in registration.errors


def test_an_implausible_stored_name_gets_the_neutral_greeting():
    m = mailing()
    prepared = PreparedMailing(m)
    spam = subscriber("spam@example.org", name="Gewinn! Jetzt auf www.spam.example.com klicken")
    fine = subscriber("fine@example.org", name="Anna Schmidt")
    spam_mail = prepared.message(spam)
    assert "www.spam" not in spam_mail.body and "Guten Tag," in spam_mail.body
    assert "www.spam" not in spam_mail.alternatives[0][0]
    assert "Guten Tag Anna Schmidt," in prepared.message(fine).body
    assert Subscriber.objects.count() == 2
