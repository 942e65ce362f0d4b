"""Every public form and token page under hypothesis: a page or a redirect, never a server error, and a refused
submission writes nothing (row counts of the tables it could touch are compared before and after)."""

import time

import pytest
from django.core import signing
from hypothesis import given
from hypothesis import strategies as st

from inklusio.contacts.models import Inquiry, Organisation, Person
from inklusio.events.models import Answer, FeedbackResponse, Question, Registration, SupportNeed
from inklusio.mailings.models import Subscriber
from inklusio.public import services as public_services
from inklusio.public.models import FormSubmission
from tests.mailings.factories import subscriber

from .strategies import HOSTILE, examples, form_text, form_value

pytestmark = pytest.mark.django_db

ANY_TOKEN = st.one_of(st.sampled_from(["x", "0", "a" * 64, "%00", "..", "€"]), st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FFF), min_size=1, max_size=80
))  # fmt: skip
WRITTEN = (Person, Organisation, Inquiry, Registration, Answer, SupportNeed, Subscriber, FeedbackResponse)


def _counts():
    return tuple(model.objects.count() for model in WRITTEN)


def _post(client, url, payload):
    before = _counts()
    response = client.post(url, payload)
    assert response.status_code in (200, 302, 400, 404), (url, response.status_code)
    if response.status_code != 302:
        assert _counts() == before, f"{url}: a refused submission wrote rows"
    return response


def _payload(data, fields, extra=None):
    chosen = data.draw(st.lists(st.sampled_from(fields), unique=True), label="fields")
    payload = {name: data.draw(form_value, label=name) for name in chosen}
    return {**(extra or {}), **payload}


@pytest.fixture
def registration_form(event):
    questions = [
        Question.objects.create(event=event, text="Menü", kind="choice", choices="A\nB", required=True),
        Question.objects.create(event=event, text="Hotel?", kind="yes_no"),
        Question.objects.create(event=event, text="Anmerkung", kind="text"),
    ]
    fields = ["first_name", "last_name", "email", "organisation", "stakeholder_type", "privacy_consent",
              "photo_consent", "support_needs", "support_detail", "support_consent"]  # fmt: skip
    return event, fields + [f"q_{q.pk}" for q in questions]


SUPPORT = st.lists(st.sampled_from(["sign_language", "speech_to_text", "wheelchair", "easy_language", "assistance",
                                    "other", "", "x", "sign_language\x00"]), max_size=4)  # fmt: skip


@examples(100)
@given(data=st.data())
def test_event_registration_with_support_needs(client, registration_form, data):
    event, fields = registration_form
    valid_start = {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org", "privacy_consent": "on"}
    base = valid_start if data.draw(st.booleans(), label="mostly valid") else {}
    payload = _payload(data, fields, base)
    payload["support_needs"] = data.draw(SUPPORT, label="support_needs")
    response = _post(client, f"/events/{event.slug}/register/", payload)
    if response.status_code == 200:
        assert response.context["form"].errors
    if SupportNeed.objects.exists():  # health data only with explicit consent
        assert payload.get("support_consent")


def _started(seconds_ago=60):
    return signing.dumps(time.time() - seconds_ago, salt=public_services.STARTED_SALT)


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/kontakt/", ["name", "email", "topic", "message", "consent", "website", "started"]),
        ("/barrierefreiheit/", ["name", "email", "page", "message", "website", "started"]),
        ("/leichte-sprache/kontakt/", ["name", "email", "topic", "message", "consent", "website", "started"]),
        ("/leichte-sprache/barrierefreiheit/", ["name", "email", "page", "message", "website", "started"]),
    ],
)
@examples(80)
@given(data=st.data())
def test_public_contact_forms(client, project, url, fields, data):
    base = {"started": _started(), "name": "Ada", "email": "ada@example.org", "consent": "on", "topic": "Frage"}
    payload = _payload(data, fields, base if data.draw(st.booleans(), label="mostly valid") else {})
    FormSubmission.objects.all().delete()  # the per-address rate limit would end the search early
    _post(client, url, payload)


@examples(80)
@given(data=st.data())
def test_training_offer_inquiry(client, project, offer, data):
    base = {"started": _started(), "name": "Ada", "email": "ada@example.org", "consent": "on"}
    payload = _payload(data, ["name", "email", "message", "consent", "website", "started"], base)
    FormSubmission.objects.all().delete()
    _post(client, f"/ausbildungsangebote/{offer.pk}/", payload)


@examples(100)
@given(data=st.data())
def test_infoletter_signup(client, data):
    payload = _payload(data, ["email", "name", "consent", "consent_version", "topics", "language", "website"])
    _post(client, "/infoletter/", payload)
    _post(client, "/leichte-sprache/infoletter/", payload)


@examples(60)
@given(data=st.data())
def test_infoletter_preferences_and_unsubscribe(client, data):
    sub = Subscriber.objects.filter(email="sub@example.org").first() or subscriber("sub@example.org")
    payload = _payload(data, ["name", "language", "topics", "regions", "stakeholder_type", "unsubscribe"])
    before = _counts()
    for url in (f"/infoletter/einstellungen/{sub.token}/", f"/infoletter/abmelden/{sub.token}/"):
        response = client.post(url, payload)
        assert response.status_code in (200, 302, 400), url
    assert _counts() == before  # changes a subscriber, never adds rows


@examples(50)
@given(token=ANY_TOKEN, method=st.sampled_from(["get", "post"]), value=form_text)
def test_token_pages_with_any_token(client, token, method, value):
    """Confirmation, preferences, unsubscribe, registration and network-reply links with made-up tokens."""
    before = _counts()
    for url in [
        f"/infoletter/bestaetigen/{token}/",
        f"/infoletter/einstellungen/{token}/",
        f"/infoletter/abmelden/{token}/",
        f"/infoletter/abmelden/{token}/one-click/1/",
        f"/leichte-sprache/infoletter/bestaetigen/{token}/",
        f"/leichte-sprache/infoletter/bestaetigt/{token}/",
        f"/events/r/{token}/",
        f"/events/r/{token}/change/",
        f"/events/r/{token}/cancel/",
        f"/events/r/{token}/feedback/",
        f"/networks/reply/{token}/",
    ]:
        response = getattr(client, method)(url, {"reply": value, "rating": value})
        assert response.status_code in (200, 302, 400, 404, 405), (url, response.status_code)
    assert _counts() == before


@examples(50)
@given(params=st.dictionaries(st.sampled_from(["q", "region", "occupation", "start_from", "form", "access", "tag",
                                               "page", "kind", "month", "year"]), form_text, max_size=5))  # fmt: skip
def test_public_lists_with_any_filter(client, params):
    for url in ["/ausbildungsangebote/", "/gute-praxis/", "/events/", "/leichte-sprache/gute-praxis/",
                "/leichte-sprache/ausbildungsangebote/", "/infoletter/archiv/"]:  # fmt: skip
        response = client.get(url, params)
        assert response.status_code in (200, 400, 404), (url, response.status_code, params)


def test_hostile_strings_cover_formula_injection():
    assert any(s.startswith(("=", "+", "-", "@")) for s in HOSTILE)


@pytest.mark.parametrize("key", ["9223372036854775808", "-9223372036854775809", "9" * 5000])
def test_a_choice_key_beyond_any_primary_key_is_an_invalid_choice(client, event, key):
    """Found by the fuzzer: Django passed such numbers to the database, which failed (server error)."""
    response = _post(client, "/infoletter/", {"email": "ada@example.org", "topics": key})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = _post(client, f"/events/{event.slug}/register/", {"first_name": "Ada", "stakeholder_type": key})
    assert response.status_code == 200


@pytest.mark.parametrize("token", ["%00", "a%00b", "x" * 65, "%E2%82%AC"])
def test_a_token_no_link_can_have_is_not_found_before_any_lookup(client, token):
    """Found by the fuzzer on PostgreSQL: a NUL byte in a token reached the database, which refused it."""
    for url in [f"/infoletter/bestaetigen/{token}/", f"/events/r/{token}/", f"/networks/reply/{token}/"]:
        assert client.get(url).status_code == 404
