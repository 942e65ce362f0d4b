"""Double opt-in, preferences, unsubscribe and RFC 8058 one-click, through a real SMTP server on loopback."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.mailings import services
from inklusio.mailings.models import CONFIRMATION_MAIL_VERSION, ConsentText, Subscriber, Topic

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit hooks (the mails) run


def _link(message, pattern):
    body = message.get_body(("plain",)).get_content()
    match = re.search(r"https?://\S*" + pattern + r"\S*", body)
    assert match, body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_signup_form_starts_double_opt_in_with_consent_proof(smtp_server, settings):
    client = Client()
    page = client.get("/infoletter/")
    assert page.status_code == 200
    consent = ConsentText.objects.get()
    assert consent.text in page.content.decode()
    response = client.post(
        "/infoletter/",
        {
            "email": "Ada@Example.org",
            "name": "Ada Lovelace",
            "topics": [Topic.objects.get(code="ausbildung").pk],
            "consent": "on",
            "consent_version": consent.version,
        },
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.org"
    assert subscriber.status == "pending"
    assert subscriber.consent_text == consent
    assert subscriber.source == "website:infoletter"
    assert subscriber.signed_up_at is not None
    assert subscriber.confirmation_mail_version == CONFIRMATION_MAIL_VERSION
    assert subscriber.confirmation_sent_at is not None
    [mail] = smtp_server.messages
    assert mail["To"] == "ada@example.org"
    assert not mail.is_multipart()  # only the request, no advertising, no images
    body = mail.get_content()
    assert "bestätigen" in body.lower() or "confirm" in body.lower()
    assert subscriber.token in body
    # the landing page asks for a POST (link scanners do not confirm), then confirms
    path = f"/infoletter/bestaetigen/{subscriber.token}/"
    assert client.get(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    assert client.post(path).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at is not None


def test_signup_without_consent_is_refused_with_error(smtp_server):
    consent = ConsentText.objects.get()
    response = Client().post("/infoletter/", {"email": "x@example.org", "consent_version": consent.version})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert smtp_server.messages == []


def test_signup_with_bad_email_and_unknown_consent_version():
    response = Client().post("/infoletter/", {"email": "not-an-address", "consent": "on", "consent_version": "nope"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    with pytest.raises(services.SubscriptionError):
        services.request_subscription(email="a@example.org", source="x", consent_text_version="nope")
    with pytest.raises(services.SubscriptionError):
        services.request_subscription(email="a@example.org", source="")
    with pytest.raises(services.SubscriptionError):
        services.request_subscription(email="", source="x")


def test_request_subscription_service_links_person_and_does_not_resend_too_often(smtp_server):
    person = Person.objects.create(first_name="Bo", last_name="Berg", email="bo@example.org")
    sub = services.request_subscription(email="BO@example.org", source="event:fachtag", topics=["ausbildung"])
    assert sub.person == person
    assert list(sub.topics.values_list("code", flat=True)) == ["ausbildung"]
    assert sub.source == "event:fachtag"
    services.request_subscription(email="bo@example.org", source="event:fachtag")
    assert len(smtp_server.messages) == 1  # no mail bombing within minutes
    later = timezone.now() + timedelta(hours=1)
    services.request_subscription(email="bo@example.org", source="website", now=later)
    assert len(smtp_server.messages) == 2
    services.confirm(Subscriber.objects.get())
    # a confirmed address gets no further mail and stays confirmed (the form reveals nothing)
    services.request_subscription(email="bo@example.org", source="website", now=later + timedelta(hours=1))
    assert len(smtp_server.messages) == 2
    assert Subscriber.objects.get().status == "confirmed"


def test_confirm_is_idempotent_and_invalid_tokens_are_404():
    sub = services.request_subscription(email="c@example.org", source="test")
    assert services.confirm(sub) is True
    first = sub.confirmed_at
    assert services.confirm(sub) is False
    sub.refresh_from_db()
    assert sub.confirmed_at == first
    client = Client()
    assert client.get("/infoletter/bestaetigen/unknown-token/").status_code == 404
    assert client.get("/infoletter/einstellungen/unknown-token/").status_code == 404
    assert client.get("/infoletter/abmelden/unknown-token/").status_code == 404


def test_preferences_change_topics_without_login():
    sub = services.request_subscription(email="p@example.org", source="test", topics=["ausbildung"])
    services.confirm(sub)
    client = Client()
    page = client.get(f"/infoletter/einstellungen/{sub.token}/")
    assert page.status_code == 200
    networks = Topic.objects.get(code="netzwerke")
    response = client.post(
        f"/infoletter/einstellungen/{sub.token}/", {"name": "Pia", "language": "en", "topics": [networks.pk]}
    )
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.name == "Pia" and sub.language == "en"
    assert list(sub.topics.all()) == [networks]
    bad = client.post(f"/infoletter/einstellungen/{sub.token}/", {"language": "xx"})
    assert "error-summary" in bad.content.decode()


def test_unsubscribe_page_and_one_click_are_idempotent_and_need_no_csrf():
    sub = services.request_subscription(email="u@example.org", source="test")
    services.confirm(sub)
    client = Client(enforce_csrf_checks=True)
    assert client.get(f"/infoletter/abmelden/{sub.token}/").status_code == 200
    # the one-click endpoint: a bare POST, no cookie, no CSRF token
    url = f"/infoletter/abmelden/{sub.token}/one-click/0/"
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    sub.refresh_from_db()
    assert sub.status == "unsubscribed"
    when = sub.unsubscribed_at
    assert (
        client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
        == 200
    )
    sub.refresh_from_db()
    assert sub.unsubscribed_at == when
    # an unknown token gives the same answer (no enumeration)
    assert client.post("/infoletter/abmelden/nope/one-click/0/").status_code == 200
    # GET (an RFC 2369 mail client opening the header's URL, or a person) changes nothing: the confirm page
    Subscriber.objects.filter(pk=sub.pk).update(status="confirmed", unsubscribed_at=None)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/infoletter/abmelden/{sub.token}/?m=0"
    sub.refresh_from_db()
    assert sub.status == "confirmed" and sub.unsubscribed_at is None
    assert client.put(url).status_code == 405
    # the ordinary unsubscribe form is CSRF protected
    sub2 = services.request_subscription(email="v@example.org", source="test")
    services.confirm(sub2)
    assert client.post(f"/infoletter/abmelden/{sub2.token}/").status_code == 403


def test_unconfirmed_signups_are_purged_after_the_configured_days(settings):
    settings.MAILINGS_UNCONFIRMED_DAYS = 3
    old = services.request_subscription(email="old@example.org", source="t", now=timezone.now() - timedelta(days=4))
    fresh = services.request_subscription(email="new@example.org", source="t", now=timezone.now() - timedelta(days=2))
    confirmed = services.request_subscription(
        email="ok@example.org", source="t", now=timezone.now() - timedelta(days=9)
    )
    services.confirm(confirmed)
    assert services.purge_unconfirmed() == 1
    assert not Subscriber.objects.filter(pk=old.pk).exists()
    assert Subscriber.objects.filter(pk__in=[fresh.pk, confirmed.pk]).count() == 2


def test_resubscribing_after_unsubscribe_needs_a_new_confirmation(smtp_server):
    sub = services.request_subscription(email="r@example.org", source="t")
    services.confirm(sub)
    services.unsubscribe(sub)
    again = services.request_subscription(email="r@example.org", source="t2")
    assert again.pk == sub.pk and again.status == "pending" and again.unsubscribed_at is None
    assert len(smtp_server.messages) == 2


def test_embeddable_signup_form_tag_renders_and_posts_to_signup():
    from django.template import Context, Template

    html = Template('{% load mailings %}{% infoletter_signup_form source="event:x" heading_level=3 %}').render(
        Context({})
    )
    assert 'action="/infoletter/"' in html
    assert 'name="source_page" value="event:x"' in html
    assert "<h3" in html
    assert 'type="checkbox"' in html and "checked" not in html  # nothing pre-ticked


def test_english_signup_page_shows_the_english_consent_text():
    html = Client().get("/en/infoletter/").content.decode()
    consent = ConsentText.objects.get()
    assert consent.text_en and consent.text_en in html and consent.privacy_notice_en in html
    assert consent.text not in html and consent.privacy_notice not in html
    german = Client().get("/infoletter/").content.decode()
    assert consent.text in german and consent.text_en not in german


def test_english_signup_page_marks_a_consent_text_written_only_in_german():
    ConsentText.objects.update(text_en="", privacy_notice_en="")
    html = Client().get("/en/infoletter/").content.decode()
    consent = ConsentText.objects.get()
    assert f'<span lang="de">{consent.text}</span>' in html
    assert '<p class="kern-body" lang="de">' in html
    assert '<span lang="de">' not in Client().get("/infoletter/").content.decode()


def test_a_new_consent_version_needs_both_english_texts_or_neither():
    from inklusio.mailings.forms import ConsentTextForm

    data = {
        "version": "2027-01",
        "text": "Ja.",
        "privacy_notice": "Hinweis.",
        "text_en": "Yes.",
        "privacy_notice_en": "",
    }
    assert not ConsentTextForm(data).is_valid()
    assert ConsentTextForm({**data, "privacy_notice_en": "Notice."}).is_valid()
    assert ConsentTextForm({**data, "text_en": ""}).is_valid()
