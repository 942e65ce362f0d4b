"""Registration in Leichte Sprache (issue #20): the standard form's rules through the easy form, with every text and
error message in Leichte Sprache, and links between the easy and the standard pages."""

import re

import pytest

from inklusio.events import services
from inklusio.events.easy_language import EASY_SUPPORT_LABELS
from inklusio.events.forms_easy import EASY_ERRORS
from inklusio.events.models import Event, Question, Registration, SupportNeed

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Lena",
    "last_name": "Kaya",
    "email": "lena@example.org",
    "privacy_consent": "on",
}
# Standard-language texts that must not appear on an easy page (Django's and the standard form's messages).
STANDARD_WORDS = ["This field is required", "Dieses Feld", "Pflichtfeld", "optional", "Please ", "Bitte geben Sie"]


def _url(event):
    return f"/leichte-sprache/events/{event.slug}/anmelden/"


def _errors(response) -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def _easy_part(response) -> str:
    """The page's German part (inside the Leichte Sprache frame)."""
    html = response.content.decode()
    return html[html.index('<div class="easy-language" lang="de">') :]


def test_easy_event_page_leads_to_the_easy_form_and_both_forms_link_to_each_other(client, event):
    detail = client.get(f"/leichte-sprache/events/{event.slug}/").content.decode()
    assert f'href="{_url(event)}"' in detail
    assert f'href="/events/{event.slug}/register/"' not in detail
    page = client.get(_url(event))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/events/{event.slug}/register/"' in html and "Diese Seite in Alltags-Sprache" in html
    standard = client.get(f"/events/{event.slug}/register/").content.decode()
    assert f'href="{_url(event)}"' in standard and "Diese Seite in Leichter Sprache" in standard


def test_the_form_explains_support_needs_and_the_consent_in_leichte_sprache(client, event):
    html = _easy_part(client.get(_url(event)))
    for text in (
        "Brauchen Sie Hilfe bei der Veranstaltung?",
        "Angaben zur Gesundheit sind besonders geschützt.",
        "Nach der Veranstaltung löschen wir die Angaben.",
        "Ja, Sie dürfen die Angaben zu meiner Hilfe speichern",
        EASY_SUPPORT_LABELS["sign_language"],
        "Das müssen Sie nicht ausfüllen.",
    ):
        assert text in html, text
    for word in STANDARD_WORDS + ["Art. 9", "z. B.", "<i>", "<em>"]:
        assert word not in html, word


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_empty_form_errors_are_in_leichte_sprache(client, event, prefix):
    response = client.post(prefix + _url(event), {})
    assert response.status_code == 200
    assert _errors(response) == {
        "first_name": ["Bitte schreiben Sie Ihren Vornamen."],
        "last_name": ["Bitte schreiben Sie Ihren Nachnamen."],
        "email": ["Bitte schreiben Sie Ihre E-Mail-Adresse."],
        "privacy_consent": ["Bitte setzen Sie hier einen Haken. Sonst können wir Sie nicht anmelden."],
    }
    html = _easy_part(response)
    assert "Bitte prüfen Sie Ihre Angaben." in html  # the error summary in Leichte Sprache
    assert 'href="#id_first_name">Ihr Vorname: Bitte schreiben Sie Ihren Vornamen.' in html
    for word in STANDARD_WORDS:
        assert word not in html, word
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": "keine-adresse"}, "email", "Eine E-Mail-Adresse hat immer das Zeichen @."),
        ({"first_name": "www.example.org"}, "first_name", EASY_ERRORS["name_url"]),
        ({"last_name": "Kaya\x07"}, "last_name", EASY_ERRORS["name_control"]),
        ({"organisation": "Werk\x00statt"}, "organisation", EASY_ERRORS["control"]),
        ({"organisation": "Werk\x07statt"}, "organisation", EASY_ERRORS["control"]),
        ({"organisation": "x" * 201}, "organisation", "höchstens 200 Buchstaben"),
        ({"support_needs": ["teleport"], "support_consent": "on"}, "support_needs", "aus der Liste"),
        ({"stakeholder_type": "999999"}, "stakeholder_type", "aus der Liste"),
    ],
)
def test_bad_input_is_refused_in_leichte_sprache(client, event, changes, field, message):
    response = client.post(_url(event), {**FORM, **changes})
    assert response.status_code == 200
    errors = _errors(response)
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert not Registration.objects.exists()


def test_support_needs_without_consent_are_refused_and_with_consent_stored(client, event):
    needs = {"support_needs": ["sign_language", "step_free"], "support_detail": "Bitte vorne sitzen"}
    refused = client.post(_url(event), {**FORM, **needs})
    assert _errors(refused) == {"support_consent": [EASY_ERRORS["support_consent"]]}
    assert not Registration.objects.exists() and not SupportNeed.objects.exists()
    detail_only = client.post(_url(event), {**FORM, "support_detail": "Ich brauche Hilfe", "support_consent": "on"})
    assert _errors(detail_only) == {"support_needs": [EASY_ERRORS["support_kind"]]}

    response = client.post(_url(event), {**FORM, **needs, "support_consent": "on", "photo_consent": "on"})
    assert response.status_code == 302 and response["Location"] == f"/leichte-sprache/events/{event.slug}/angemeldet/"
    registration = Registration.objects.get()
    assert registration.status == "confirmed" and registration.photo_consent
    assert registration.easy_language and registration.language == "de"
    assert set(registration.support_needs.values_list("kind", "detail")) == {
        ("sign_language", "Bitte vorne sitzen"),
        ("step_free", "Bitte vorne sitzen"),
    }
    assert all(need.consent_at for need in registration.support_needs.all())


def test_event_questions_in_leichte_sprache(client, event):
    yes_no = Question.objects.create(event=event, text="Kommen Sie mit dem Auto?", kind="yes_no", required=True)
    choice = Question.objects.create(event=event, text="Essen", kind="choice", choices="vegan\nalles")
    html = _easy_part(client.get(_url(event)))
    assert "Fragen zur Veranstaltung" in html and ">Ja</label>" in html and ">Nein</label>" in html
    missing = client.post(_url(event), FORM)
    assert _errors(missing) == {f"q_{yes_no.pk}": ["Bitte beantworten Sie diese Frage."]}
    client.post(_url(event), {**FORM, f"q_{yes_no.pk}": "no", f"q_{choice.pk}": "vegan"})
    answers = dict(Registration.objects.get().answers.values_list("question_id", "value"))
    assert answers == {yes_no.pk: "no", choice.pk: "vegan"}


def test_full_event_puts_the_easy_registration_on_the_waiting_list(client, make_event, reg_data):
    event = make_event(capacity=1)
    services.register(event.pk, reg_data(1))
    page = _easy_part(client.get(_url(event)))
    assert "Alle Plätze sind schon weg." in page and "Auf die Warte-Liste" in page
    response = client.post(_url(event), FORM)
    assert response.status_code == 302
    waiting = Registration.objects.get(person__email="lena@example.org")
    assert waiting.status == "waitlisted" and waiting.easy_language
    personal = _easy_part(client.get(f"/leichte-sprache/events/r/{waiting.token}/"))
    assert "Sie sind die Nummer 1 auf der Warte-Liste." in personal
    event.refresh_from_db()
    assert event.seats_taken == 1


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"cancelled": True}, "Die Veranstaltung fällt aus."),
        ({"registration_closes_days": -1}, "Die Anmeldung ist vorbei."),
        ({"registration_opens_days": 3}, "Die Anmeldung hat noch nicht begonnen."),
    ],
)
def test_closed_registration_says_so_in_leichte_sprache_and_refuses(client, make_event, changes, text):
    from datetime import timedelta

    from django.utils import timezone

    values = {}
    if "cancelled" in changes:
        values["cancelled"] = True
    if "registration_closes_days" in changes:
        values["registration_closes"] = timezone.now() + timedelta(days=changes["registration_closes_days"])
    if "registration_opens_days" in changes:
        values["registration_opens"] = timezone.now() + timedelta(days=changes["registration_opens_days"])
    event = make_event(**values)
    page = client.get(_url(event))
    assert text in _easy_part(page) and page.context["form"] is None
    assert client.post(_url(event), FORM).status_code == 200
    assert not Registration.objects.exists()


def test_registration_closing_between_form_and_submit(client, event):
    from datetime import timedelta

    from django.utils import timezone

    assert client.get(_url(event)).context["form"] is not None
    Event.objects.filter(pk=event.pk).update(registration_closes=timezone.now() - timedelta(minutes=1))
    response = client.post(_url(event), FORM)
    assert "Die Anmeldung ist vorbei." in _easy_part(response)
    assert not Registration.objects.exists()


def test_draft_event_has_no_easy_form(client, make_event):
    draft = make_event(visibility=Event.Visibility.DRAFT)
    assert client.get(_url(draft)).status_code == 404
    assert client.post(_url(draft), FORM).status_code == 404
    assert not Registration.objects.exists()


def test_a_known_address_gets_the_same_answer_and_nothing_of_the_person(client, event, reg_data):
    known, _ = services.register(
        event.pk,
        reg_data(email="mira@example.org", last_name="Geheimname", organisation_name="Geheimwerk"),
    )
    new = client.post(_url(event), {**FORM, "email": "neu@example.org"}, follow=True)
    client.cookies.clear()
    again = client.post(_url(event), {**FORM, "email": "MIRA@example.org", "organisation": "Anders"}, follow=True)
    assert again.redirect_chain == new.redirect_chain == [(f"/leichte-sprache/events/{event.slug}/angemeldet/", 302)]

    def normalised(response):
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        return re.sub(r'nonce="[^"]*"', "", body)

    assert normalised(again) == normalised(new)
    for secret in ("Geheimname", "Geheimwerk", known.token, "/r/"):
        assert secret not in again.content.decode()
    known.refresh_from_db()
    assert known.organisation_name == "Geheimwerk" and not known.easy_language
    assert "Bitte schauen Sie in Ihre E-Mails" in again.content.decode()


def test_newsletter_box_asks_for_the_infoletters_own_confirmation(client, event):
    from inklusio.mailings.models import Subscriber

    response = client.post(_url(event), {**FORM, "newsletter": "on"}, follow=True)
    html = _easy_part(response)
    assert "Wir haben Ihnen dafür eine E-Mail geschickt." in html
    # the notice is inside the German part, not in the frame's message area
    assert 'class="messages"' not in response.content.decode()
    subscriber = Subscriber.objects.get(email="lena@example.org")
    assert subscriber.confirmed_at is None
