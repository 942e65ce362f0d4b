"""The personal page in Leichte Sprache (issue #20): the token decides, as on the standard page
(tests/events/test_address_not_key.py, test_public_views.py); change and cancel with the same rules."""

import pytest
from django.utils import timezone

from inklusio.events import services
from inklusio.events.forms_easy import EASY_ERRORS
from inklusio.events.models import Event, Registration

from .conftest import end_event

pytestmark = pytest.mark.django_db

BASE = "/leichte-sprache/events/r/"


@pytest.fixture
def known(event, reg_data):
    registration, _ = services.register(
        event.pk,
        reg_data(
            email="mira.geheim@example.org",
            first_name="Mira",
            last_name="Geheimname",
            organisation_name="Geheimwerk gGmbH",
            support_needs={"sign_language": "Frau Vertraulich"},
            support_consent=True,
            easy_language=True,
        ),
    )
    return registration


def _easy_part(response) -> str:
    html = response.content.decode()
    return html[html.index('<div class="easy-language" lang="de">') :]


def test_the_token_shows_the_registration_in_leichte_sprache(client, known):
    response = client.get(f"{BASE}{known.token}/")
    assert response.status_code == 200
    html = _easy_part(response)
    for text in ("Sie sind angemeldet.", "Geheimname", "Geheimwerk gGmbH", "Gebärden-Sprache", "Frau Vertraulich"):
        assert text in html, text
    assert f'href="{BASE}{known.token}/aendern/"' in html and f'href="{BASE}{known.token}/absagen/"' in html
    assert f'href="/events/r/{known.token}/"' in html  # the standard version
    standard = client.get(f"/events/r/{known.token}/").content.decode()
    assert f'href="{BASE}{known.token}/"' in standard
    # a token page: no referrer to other sites, not stored in a shared cache
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_wrong_or_malformed_tokens_show_nothing_and_change_nothing(client, known):
    wrong = "x" * len(known.token)
    for token in (wrong, "nope", known.token[:-1], known.token.upper()):
        for suffix in ("", "aendern/", "absagen/"):
            response = client.get(f"{BASE}{token}/{suffix}")
            assert response.status_code == 404, (token, suffix)
            assert "Geheimname" not in response.content.decode()
    assert client.post(f"{BASE}{wrong}/absagen/").status_code == 404
    assert client.post(f"{BASE}{wrong}/aendern/", {"organisation": "Fremd"}).status_code == 404
    for path in (f"{BASE}%00/", f"{BASE}{'a' * 65}/", f"{BASE}a%2Fb/"):
        assert client.get(path).status_code == 404
    known.refresh_from_db()
    assert known.status == "confirmed" and known.organisation_name == "Geheimwerk gGmbH"


def test_another_persons_token_shows_only_that_registration(client, known, event, reg_data):
    other, _ = services.register(event.pk, reg_data(2, last_name="Andere"))
    html = client.get(f"{BASE}{other.token}/").content.decode()
    assert "Andere" in html
    for secret in ("Geheimname", "Geheimwerk", "Vertraulich", known.token):
        assert secret not in html


def test_an_expired_token_opens_nothing(client, known):
    """After the retention period the links of a past event are voided (anonymised): the old token is a 404."""
    old = known.token
    end_event(known.event)
    assert services.anonymise_past_registrations(timezone.now()) == 1
    for suffix in ("", "aendern/", "absagen/"):
        assert client.get(f"{BASE}{old}/{suffix}").status_code == 404
    assert client.post(f"{BASE}{old}/absagen/").status_code == 404
    assert Registration.objects.get(pk=known.pk).status == "confirmed"


def test_join_links_only_for_confirmed_registrations(client, online_event, reg_data):
    Event.objects.filter(pk=online_event.pk).update(capacity=1)
    confirmed, _ = services.register(online_event.pk, reg_data(1, easy_language=True))
    waiting, _ = services.register(online_event.pk, reg_data(2, easy_language=True))
    page = _easy_part(client.get(f"{BASE}{confirmed.token}/"))
    assert confirmed.join_url() in page and "Bitte geben Sie die Links nicht weiter." in page
    assert "geheim" not in page  # the room's own address never, only the personal join link
    waiting_page = _easy_part(client.get(f"{BASE}{waiting.token}/"))
    assert "/join/" not in waiting_page and "Warte-Liste" in waiting_page


def test_change_in_leichte_sprache_with_the_consent_rule(client, known, question):
    url = f"{BASE}{known.token}/aendern/"
    page = _easy_part(client.get(url))
    assert "Anmeldung ändern" in page and "checked" in page  # the consent given stays ticked
    refused = client.post(url, {"organisation": "Neu", "support_needs": ["step_free"]})
    assert refused.status_code == 200
    assert dict(refused.context["form"].errors) == {"support_consent": [EASY_ERRORS["support_consent"]]}
    assert "Bitte prüfen Sie Ihre Angaben." in _easy_part(refused)
    response = client.post(
        url,
        {"organisation": "Neu", f"q_{question.pk}": "vegan", "support_needs": ["step_free"], "support_consent": "on"},
    )
    assert response.status_code == 302 and response["Location"] == f"{BASE}{known.token}/"
    known.refresh_from_db()
    assert known.organisation_name == "Neu"
    assert list(known.support_needs.values_list("kind", flat=True)) == ["step_free"]
    saved = client.get(response["Location"])
    assert "Wir haben Ihre Änderungen gespeichert." in _easy_part(saved)
    assert 'class="messages"' not in saved.content.decode()  # not in the frame (English under /en/)
    # withdrawing the consent deletes the needs
    client.post(url, {"organisation": "Neu", f"q_{question.pk}": "vegan", "support_needs": ["step_free"]})
    client.post(url, {"organisation": "Neu", f"q_{question.pk}": "vegan"})
    assert not known.support_needs.exists()


def test_cancel_in_leichte_sprache_frees_the_seat_for_the_waiting_list(client, make_event, reg_data):
    event = make_event(capacity=1)
    first, _ = services.register(event.pk, reg_data(1, easy_language=True))
    second, _ = services.register(event.pk, reg_data(2))
    page = _easy_part(client.get(f"{BASE}{first.token}/absagen/"))
    assert "Wollen Sie wirklich absagen?" in page and "Ja, ich sage ab" in page
    response = client.post(f"{BASE}{first.token}/absagen/")
    assert response.status_code == 302 and response["Location"] == f"{BASE}{first.token}/"
    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    after = _easy_part(client.get(f"{BASE}{first.token}/"))
    assert "Sie haben abgesagt." in after and "/aendern/" not in after
    assert client.get(f"{BASE}{first.token}/aendern/").status_code == 404
    assert "Sie haben schon abgesagt." in _easy_part(client.get(f"{BASE}{first.token}/absagen/"))
    # a second cancel changes nothing
    client.post(f"{BASE}{first.token}/absagen/")
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_under_en_the_personal_page_is_german_and_says_so(client, known):
    html = client.get(f"/en{BASE}{known.token}/").content.decode()
    assert '<html lang="en">' in html and "This page is in German" in html
    assert '<div class="easy-language" lang="de">' in html and "Sie sind angemeldet." in html


def test_feedback_and_certificate_links_after_attending(client, known):
    from .conftest import check_in_today

    check_in_today(known)
    known.refresh_from_db()
    end_event(known.event)
    page = _easy_part(client.get(f"{BASE}{known.token}/"))
    assert f"/events/r/{known.token}/certificate.pdf" in page and "Alltags-Sprache" in page
    assert f"/events/r/{known.token}/feedback/" in page
    assert client.get(f"/events/r/{known.token}/certificate.pdf")["Content-Type"] == "application/pdf"
