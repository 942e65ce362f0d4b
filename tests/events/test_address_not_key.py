"""Issue #14, item 1: an email address is not a key to someone's data (DESIGN.md, "Rules the data keeps").

A registration with a known address answers exactly as one with a new address; what belongs to the person goes
to the address on file by mail; the personal page needs the token; cancelling there mails the person a notice.
"""

import re

import pytest
from django.conf import settings

from inklusio.contacts.models import Person
from inklusio.events import services
from inklusio.events.models import Registration, SupportNeed

pytestmark = pytest.mark.django_db

FORM = {"first_name": "Fremd", "last_name": "Eingabe", "organisation": "Irgendwo", "privacy_consent": "on"}
KNOWN = "mira.geheim@example.org"


@pytest.fixture
def known(event, reg_data):
    """Someone registered with their name, organisation and health-related support needs."""
    registration, _ = services.register(
        event.pk,
        reg_data(
            email=KNOWN,
            first_name="Mira",
            last_name="Geheimname",
            organisation_name="Geheimwerk gGmbH",
            support_needs={"sign_language": "Dolmetscherin Frau Vertraulich"},
            support_consent=True,
        ),
    )
    return registration


def _normalised(response) -> str:
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return re.sub(r'nonce="[^"]*"', "", body)


def _answer(client, event, email):
    return client.post(f"/events/{event.slug}/register/", {**FORM, "email": email}, follow=True)


def test_known_address_gets_the_identical_answer_and_sees_nothing_of_the_person(client, event, known):
    # the unknown address first: it takes a seat, so the known one cannot look different for that reason
    new = _answer(client, event, "neu@example.org")
    client.cookies.clear()
    again = _answer(client, event, KNOWN)
    assert again.status_code == new.status_code == 200
    assert again.redirect_chain == new.redirect_chain == [(f"/events/{event.slug}/registered/", 302)]
    assert _normalised(again) == _normalised(new)
    page = again.content.decode()
    for secret in ("Geheimname", "Geheimwerk", "Vertraulich", "Gebärdensprach", known.token, "/events/r/"):
        assert secret not in page
    assert "Postfach" in page


def test_repeat_registration_changes_nothing_and_mails_the_link_to_the_address_on_file(
    client, event, known, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/events/{event.slug}/register/",
            {**FORM, "email": KNOWN.upper(), "support_needs": ["step_free"], "support_consent": "on"},
        )
    assert response.status_code == 302, response.context["form"].errors
    assert Registration.objects.filter(event=event).count() == 1
    known.refresh_from_db()
    assert known.organisation_name == "Geheimwerk gGmbH" and known.status == "confirmed"
    assert list(SupportNeed.objects.values_list("kind", flat=True)) == ["sign_language"]
    person = Person.objects.get(email=KNOWN)
    assert (person.first_name, person.last_name) == ("Mira", "Geheimname")
    [mail] = smtp_server.to(KNOWN)
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert settings.SITE_URL + known.get_personal_url() in body
    assert "nicht doppelt angemeldet" in body
    # a second repeat within minutes sends no further mail (the form cannot flood a mailbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.slug}/register/", {**FORM, "email": KNOWN})
    assert len(smtp_server.to(KNOWN)) == 1


def test_a_new_registration_gets_its_link_only_by_mail(client, event, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.slug}/register/", {**FORM, "email": "neu@example.org"}, follow=True)
    registration = Registration.objects.get(person__email="neu@example.org")
    assert registration.token not in response.content.decode()
    assert all(registration.token not in url for url, _status in response.redirect_chain)
    [mail] = smtp_server.to("neu@example.org")
    assert settings.SITE_URL + registration.get_personal_url() in mail.get_body(("plain",)).get_content()


def test_personal_pages_need_the_token(client, known):
    assert client.get(known.get_personal_url()).status_code == 200
    wrong = "x" * len(known.token)
    for suffix in ("", "change/", "cancel/", "feedback/", "certificate.pdf"):
        assert client.get(f"/events/r/{wrong}/{suffix}").status_code == 404
    assert client.post(f"/events/r/{wrong}/cancel/").status_code == 404
    known.refresh_from_db()
    assert known.status == "confirmed"


def test_cancelling_on_the_personal_page_mails_a_notice(client, known, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/r/{known.token}/cancel/")
    assert response.status_code == 302
    [mail] = smtp_server.to(KNOWN)
    assert "Abmeldung" in mail["Subject"] and known.event.title in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert "abgemeldet" in body and settings.SITE_URL + known.event.get_public_url() in body
    # a second POST (already cancelled) sends nothing more
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/r/{known.token}/cancel/")
    assert len(smtp_server.to(KNOWN)) == 1


def test_the_old_lookups_are_gone():
    """One lookup by address for the whole project: contacts.services.find_or_create_person."""
    from inklusio.events import services as event_services
    from inklusio.mailings import services as mailing_services
    from inklusio.networks import views as network_views
    from inklusio.public import services as public_services

    assert not hasattr(event_services, "_person_for")
    assert not hasattr(event_services, "find_or_create_person") or (
        event_services.find_or_create_person.__module__ == "inklusio.contacts.services"
    )
    assert not hasattr(public_services, "_person_for")
    assert not hasattr(mailing_services, "_person_for")
    assert not hasattr(network_views, "_person_by_email_or_new")
