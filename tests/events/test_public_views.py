from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from inklusio.contacts.models import StakeholderType
from inklusio.events import services
from inklusio.events.models import Answer, Event, Question, Registration, SupportNeed

from .conftest import check_in_today, end_event, pdf_text

pytestmark = pytest.mark.django_db

FORM = {"first_name": "Jonas", "last_name": "Becker", "email": "jonas@example.org", "privacy_consent": "on"}


def test_public_list_shows_only_public_events(client, make_event):
    shown = make_event(title="Öffentlicher Fachtag")
    make_event(title="Geheimer Entwurf", visibility=Event.Visibility.DRAFT)
    page = client.get("/events/").content.decode()
    assert "Öffentlicher Fachtag" in page and "Geheimer Entwurf" not in page
    assert client.get(f"/events/{shown.slug}/").status_code == 200
    draft = Event.objects.get(title="Geheimer Entwurf")
    assert client.get(f"/events/{draft.slug}/").status_code == 404
    assert client.get(f"/events/{draft.slug}/register/").status_code == 404


def test_register_with_questions_and_support_needs(client, event, question):
    yes_no = Question.objects.create(event=event, text="Brauchen Sie ein Hotel?", kind="yes_no", required=True)
    stakeholder = StakeholderType.objects.first()
    response = client.post(
        f"/events/{event.slug}/register/",
        {
            **FORM,
            "organisation": "Brückenwerk",
            "stakeholder_type": stakeholder.pk,
            f"q_{question.pk}": "vegan",
            f"q_{yes_no.pk}": "no",
            "photo_consent": "on",
            "support_needs": ["sign_language", "other"],
            "support_detail": "Sitzplatz vorne",
            "support_consent": "on",
        },
    )
    registration = Registration.objects.get()
    # The answer is the same for every address; the personal page is reached by the link from the mail.
    assert response.status_code == 302 and response.url == f"/events/{event.slug}/registered/"
    assert registration.status == "confirmed"
    assert registration.photo_consent and registration.privacy_notice_version == "2025-01"
    assert registration.stakeholder_type == stakeholder
    assert dict(Answer.objects.values_list("question__text", "value")) == {
        "Essenswunsch": "vegan",
        "Brauchen Sie ein Hotel?": "no",
    }
    assert set(SupportNeed.objects.values_list("kind", flat=True)) == {"sign_language", "other"}
    page = client.get(registration.get_personal_url()).content.decode()
    assert "Gebärdensprachdolmetschen" in page and "Sitzplatz vorne" in page


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"privacy_consent": ""}, "privacy_consent"),
        ({"email": "keine-adresse"}, "email"),
        ({"last_name": ""}, "last_name"),
        ({"support_needs": ["sign_language"]}, "support_consent"),
        ({"support_needs": ["nonsense"], "support_consent": "on"}, "support_needs"),
        ({"support_detail": "Rampe", "support_consent": "on"}, "support_needs"),
        ({"first_name": "Jo\x00nas"}, "first_name"),
        ({"stakeholder_type": "99999"}, "stakeholder_type"),
    ],
)
def test_bad_registration_input_is_a_form_error(client, event, changes, error):
    response = client.post(f"/events/{event.slug}/register/", {**FORM, **changes})
    assert response.status_code == 200
    assert error in response.context["form"].errors
    assert "error-summary" in response.content.decode()
    assert not Registration.objects.exists()


def test_required_choice_question(client, event):
    question = Question.objects.create(event=event, text="Workshop", kind="choice", choices="A\nB", required=True)
    response = client.post(f"/events/{event.slug}/register/", {**FORM, f"q_{question.pk}": "C"})
    assert f"q_{question.pk}" in response.context["form"].errors


def test_double_submission_registers_once_and_answers_alike(client, event):
    # Changed with issue #14: the page no longer says "already registered" (it told anyone that the address
    # was registered); the person learns it by mail (tests/events/test_address_not_key.py).
    first = client.post(f"/events/{event.slug}/register/", FORM, follow=True)
    again = client.post(f"/events/{event.slug}/register/", {**FORM, "email": "JONAS@example.org"}, follow=True)
    assert Registration.objects.count() == 1
    assert "bereits angemeldet" not in again.content.decode()
    assert first.redirect_chain == again.redirect_chain


def test_full_event_offers_waitlist_and_personal_page_shows_position(client, make_event):
    event = make_event(capacity=1)
    client.post(f"/events/{event.slug}/register/", FORM)
    page = client.get(f"/events/{event.slug}/").content.decode()
    assert "ausgebucht" in page and "Auf die Warteliste" in page
    client.post(f"/events/{event.slug}/register/", {**FORM, "email": "zwei@example.org"})
    second = Registration.objects.get(person__email="zwei@example.org")
    assert "Nummer 1 auf der Warteliste" in client.get(second.get_personal_url()).content.decode()


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"cancelled": True}, "abgesagt"),
        ({"registration_closes": timezone.now() - timedelta(hours=1)}, "Die Anmeldung ist geschlossen."),
        ({"registration_opens": timezone.now() + timedelta(days=1)}, "noch nicht begonnen"),
    ],
)
def test_closed_states_say_so_and_refuse(client, make_event, changes, text):
    event = make_event(**changes)
    for path in (f"/events/{event.slug}/", f"/events/{event.slug}/register/"):
        assert text in client.get(path).content.decode()
    response = client.post(f"/events/{event.slug}/register/", FORM)
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_registration_closing_between_form_and_submit(client, event):
    """The service re-checks under the lock: a form valid a second ago still cannot register after closing."""
    from inklusio.events.services import RegistrationData, RegistrationError

    Event.objects.filter(pk=event.pk).update(cancelled=True)
    with pytest.raises(RegistrationError):
        services.register(event.pk, RegistrationData(email="a@example.org", first_name="A", last_name="B"))


def test_join_links_only_for_confirmed(client, online_event, reg_data):
    confirmed, _ = services.register(online_event.pk, reg_data(1))
    other, _ = services.register(online_event.pk, reg_data(2))
    services.cancel(other.pk)
    secret = "kongress-geheim"
    page = client.get(f"/events/r/{confirmed.token}/").content.decode()
    item = online_event.programme.get()
    assert confirmed.join_url() in page and confirmed.join_url(item) in page  # the personal join links...
    assert "geheim" not in page  # ...never the rooms' addresses
    other_page = client.get(f"/events/r/{other.token}/").content.decode()
    assert secret not in other_page and other.join_url() not in other_page
    for path in ("/events/", f"/events/{online_event.slug}/", f"/events/{online_event.slug}/programme/"):
        body = client.get(path).content.decode()
        assert secret not in body and "raum-1-geheim" not in body
    assert b"geheim" not in client.get(f"/events/{online_event.slug}/calendar.ics").content


def test_waitlisted_sees_no_join_links(client, online_event, reg_data):
    Event.objects.filter(pk=online_event.pk).update(capacity=1)
    services.register(online_event.pk, reg_data(1))
    waiting, _ = services.register(online_event.pk, reg_data(2))
    assert waiting.status == "waitlisted"
    assert "geheim" not in client.get(f"/events/r/{waiting.token}/").content.decode()


def test_unknown_token_is_404(client):
    for path in ("/events/r/nope/", "/events/r/nope/cancel/", "/events/r/nope/feedback/", "/events/r/nope/change/"):
        assert client.get(path).status_code == 404


def test_change_registration(client, event, question, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    url = f"/events/r/{registration.token}/change/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"support_needs": ["step_free"]})
    assert "support_consent" in bad.context["form"].errors
    response = client.post(
        url,
        {
            "organisation": "Neue Firma",
            f"q_{question.pk}": "alles",
            "support_needs": ["step_free"],
            "support_consent": "on",
        },
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.organisation_name == "Neue Firma"
    assert registration.answers.get().value == "alles"
    assert list(registration.support_needs.values_list("kind", flat=True)) == ["step_free"]
    # withdrawing consent deletes the needs
    client.post(url, {"organisation": "Neue Firma", f"q_{question.pk}": "alles"})
    assert not registration.support_needs.exists()


def test_cancel_via_personal_page_promotes(client, make_event, reg_data):
    event = make_event(capacity=1)
    first, _ = services.register(event.pk, reg_data(1))
    second, _ = services.register(event.pk, reg_data(2))
    assert "wirklich absagen" in client.get(f"/events/r/{first.token}/cancel/").content.decode()
    client.post(f"/events/r/{first.token}/cancel/")
    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    assert "abgesagt" in client.get(f"/events/r/{first.token}/").content.decode()
    assert client.get(f"/events/r/{first.token}/change/").status_code == 404


def test_ical_feed_parses_with_programme(client, online_event):
    response = client.get(f"/events/{online_event.slug}/calendar.ics")
    assert response["Content-Type"] == "text/calendar"
    calendar = Calendar.from_ical(response.content)
    summaries = [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")]
    assert summaries == [online_event.title, f"{online_event.title}: Auszubildende berichten"]


def test_ical_feed_of_all_public_events(client, online_event, make_event):
    make_event(title="Entwurf", visibility=Event.Visibility.DRAFT)
    calendar = Calendar.from_ical(client.get("/events/calendar.ics").content)
    summaries = [str(c["SUMMARY"]) for c in calendar.walk("VEVENT")]
    assert summaries == [online_event.title]
    assert b"geheim" not in client.get("/events/calendar.ics").content


def test_certificate_download_needs_attendance(client, event, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    assert client.get(f"/events/r/{registration.token}/certificate.pdf").status_code == 404
    check_in_today(registration)
    assert client.get(f"/events/r/{registration.token}/certificate.pdf").status_code == 404  # not ended yet
    end_event(event)
    response = client.get(f"/en/events/r/{registration.token}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf"
    content = pdf_text(response.content)
    assert b"/Lang (en)" in content and b"pdfuaid" in content


def test_feedback_requires_attendance(client, event, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    page = client.get(f"/events/r/{registration.token}/feedback/").content.decode()
    assert "Nur Personen, die teilgenommen haben" in page
    response = client.post(f"/events/r/{registration.token}/feedback/", {"overall": "5"})
    assert response.status_code == 200
    check_in_today(registration)
    bad = client.post(f"/events/r/{registration.token}/feedback/", {"overall": "9", "content": "x"})
    assert {"overall", "content", "accessibility"} <= set(bad.context["form"].errors)


def test_easy_language_pages(client, event):
    listing = client.get("/leichte-sprache/events/").content.decode()
    assert event.title in listing
    page = client.get(f"/leichte-sprache/events/{event.slug}/").content.decode()
    assert "Für alle Menschen." in page and "Zur Anmeldung" in page
    english = client.get(f"/en/leichte-sprache/events/{event.slug}/").content.decode()
    assert 'lang="de"' in english


def test_english_pages(client, event):
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "Register now" in page and '<html lang="en">' in page
