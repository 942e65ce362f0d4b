"""The Infoletter sign-up in Leichte Sprache: the same double opt-in and rules as the standard sign-up, the
confirmation mail in Leichte Sprache (through a real SMTP server on loopback), leading to the Leichte Sprache
confirmation page; someone who knows only an email address learns nothing and changes nothing."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from inklusio.mailings.models import CONFIRMATION_MAIL_VERSION, CONFIRMATION_MAIL_VERSION_EASY, ConsentText, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit hooks (the mails) run

SIGNUP = "/leichte-sprache/infoletter/"


def _data(**changes):
    data = {"email": "Ada@Example.org", "name": "Ada Lovelace", "consent": "on"}
    data["consent_version"] = ConsentText.objects.get().version
    data.update(changes)
    return data


def _confirm_path(mail) -> str:
    body = mail.get_content()
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


def _normalised(response) -> str:
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return re.sub(r'nonce="[^"]*"', "", body)


def test_easy_signup_double_opt_in_with_mail_in_leichte_sprache(smtp_server):
    client = Client()
    page = client.get(SIGNUP)
    assert page.status_code == 200
    assert ConsentText.objects.get().text in page.content.decode()  # the exact consent text is shown too
    response = client.post(SIGNUP, _data())
    assert response.status_code == 302
    assert response["Location"] == "/leichte-sprache/infoletter/danke/"
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.easy_language) == ("ada@example.org", "pending", True)
    assert subscriber.source == "website:infoletter:leichte-sprache"  # consent proof: where it was given
    assert subscriber.consent_text == ConsentText.objects.get()
    assert subscriber.confirmation_mail_version == CONFIRMATION_MAIL_VERSION_EASY
    assert list(subscriber.topics.all()) == []  # everything
    [mail] = smtp_server.messages
    assert mail["To"] == "ada@example.org"
    assert str(mail["Subject"]).strip() == "Bitte bestätigen Sie: Sie wollen den Infoletter bekommen"
    assert mail["Content-Language"] == "de"
    assert not mail.is_multipart()
    body = mail.get_content()
    assert "Guten Tag Ada Lovelace," in body
    assert "Bestätigen heißt: Sie sagen noch einmal Ja." in body
    assert "someone, hopefully you" not in body and "jemand, hoffentlich Sie" not in body
    path = _confirm_path(mail)
    assert path == f"/leichte-sprache/infoletter/bestaetigen/{subscriber.token}/"
    # opening the link changes nothing (link scanners); the button (POST) confirms
    landing = client.get(path)
    assert landing.status_code == 200
    assert "Ja, ich will den Infoletter" in landing.content.decode()
    assert landing["Cache-Control"] == "private, no-store"
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    confirmed = client.post(path)
    assert confirmed["Location"] == f"/leichte-sprache/infoletter/bestaetigt/{subscriber.token}/"
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at is not None
    assert "Sie bekommen jetzt den Infoletter." in client.get(confirmed["Location"]).content.decode()
    # confirming twice changes nothing and says so
    assert "Sie haben schon bestätigt." in client.get(path).content.decode()


def test_easy_signup_under_en_still_mails_in_leichte_sprache(smtp_server):
    client = Client()
    page = client.get("/en" + SIGNUP).content.decode()
    assert "This page is in German, in Leichte Sprache" in page
    response = client.post("/en" + SIGNUP, _data())
    assert response["Location"] == "/en/leichte-sprache/infoletter/danke/"
    subscriber = Subscriber.objects.get()
    assert subscriber.language == "de"  # Leichte Sprache is German
    [mail] = smtp_server.messages
    assert str(mail["Subject"]).strip().startswith("Bitte bestätigen Sie")
    assert _confirm_path(mail) == f"/leichte-sprache/infoletter/bestaetigen/{subscriber.token}/"


def test_standard_signup_after_easy_one_mails_in_standard_language(smtp_server, settings):
    client = Client()
    client.post(SIGNUP, _data())
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timezone.timedelta(hours=1))  # resend allowed
    smtp_server.clear()
    client.post("/infoletter/", _data())
    subscriber = Subscriber.objects.get()
    assert subscriber.easy_language is False
    assert subscriber.confirmation_mail_version == CONFIRMATION_MAIL_VERSION
    [mail] = smtp_server.messages
    assert _confirm_path(mail) == f"/infoletter/bestaetigen/{subscriber.token}/"


def test_easy_signup_errors_are_in_leichte_sprache_and_send_nothing(smtp_server):
    response = Client().post(SIGNUP, _data(email="keine-adresse", consent=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben." in html
    assert "Die E-Mail-Adresse ist nicht richtig." in html
    assert "Bitte setzen Sie den Haken." in html
    assert "Enter a valid email" not in html and "Please agree" not in html
    html = Client().post(SIGNUP, _data(email="", consent_version="gibt-es-nicht")).content.decode()
    assert "Bitte schreiben Sie Ihre E-Mail-Adresse." in html
    assert "Das Formular ist zu alt." in html
    html = Client().post(SIGNUP, _data(name="Gewinn http://spam.example")).content.decode()
    assert "Der Name ist nicht richtig." in html
    html = Client().post("/en" + SIGNUP, _data(email="")).content.decode()
    assert "Bitte schreiben Sie Ihre E-Mail-Adresse." in html
    assert not Subscriber.objects.exists()
    assert smtp_server.messages == []


def test_easy_signup_with_a_known_address_reveals_and_changes_nothing(smtp_server):
    Subscriber.objects.create(
        email="mira@example.org",
        name="Mira Geheimname",
        status=Subscriber.Status.CONFIRMED,
        source="test",
        signed_up_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    client = Client()
    new = client.post(SIGNUP, _data(email="neu@example.org", name="Fremd"), follow=True)
    known = client.post(SIGNUP, _data(email="mira@example.org", name="Fremd"), follow=True)
    assert known.redirect_chain == new.redirect_chain
    assert _normalised(known) == _normalised(new)
    assert "Geheimname" not in known.content.decode()
    mira = Subscriber.objects.get(email="mira@example.org")
    assert (mira.name, mira.status, mira.easy_language) == ("Mira Geheimname", "confirmed", False)
    assert smtp_server.to("mira@example.org") == []  # a confirmed address gets no mail


@pytest.mark.parametrize("token", ["0" * 43, "kurz", "a" * 64])
def test_easy_confirmation_with_a_wrong_token_reveals_and_changes_nothing(smtp_server, token):
    Client().post(SIGNUP, _data())
    subscriber = Subscriber.objects.get()
    for path in [
        f"/leichte-sprache/infoletter/bestaetigen/{token}/",
        f"/leichte-sprache/infoletter/bestaetigt/{token}/",
    ]:
        page = Client().get(path)
        assert page.status_code == 404
        assert "Der Link geht nicht" in page.content.decode()
        assert subscriber.email not in page.content.decode()
        assert Client().post(path).status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


def test_easy_confirmation_of_an_unsubscribed_address_does_not_resubscribe(smtp_server):
    Client().post(SIGNUP, _data())
    subscriber = Subscriber.objects.get()
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    path = f"/leichte-sprache/infoletter/bestaetigen/{subscriber.token}/"
    assert "bekommt den Infoletter nicht mehr" in Client().get(path).content.decode()
    Client().post(path)
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
