"""Issue #14: public forms with a known address answer exactly as with a new one and change nobody."""

import re
import time

import pytest
from django.core import signing
from django.utils import timezone

from inklusio.contacts.models import Inquiry, Person
from inklusio.mailings.models import Subscriber, Topic
from inklusio.mailings.services import current_consent_text
from inklusio.public import services as public_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def someone():
    return Person.objects.create(first_name="Mira", last_name="Geheimname", email="mira@example.org")


def _contact(email, **changes):
    return {
        "name": "Fremd Eingabe",
        "email": email,
        "topic": "Frage",
        "message": "Hallo",
        "consent": "on",
        "website": "",
        "started": signing.dumps(time.time() - 30, salt=public_services.STARTED_SALT),
        **changes,
    }


def _normalised(response) -> str:
    body = re.sub(r'name="(csrfmiddlewaretoken|started)" value="[^"]*"', "", response.content.decode())
    return re.sub(r'nonce="[^"]*"', "", body)


def test_inquiry_with_a_known_address_answers_alike_and_changes_nobody(client, project, pages, someone, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    new = client.post("/kontakt/", _contact("neu@example.org"), follow=True)
    known = client.post("/kontakt/", _contact("mira@example.org"), follow=True)
    assert known.status_code == new.status_code == 200
    assert known.redirect_chain == new.redirect_chain
    assert _normalised(known) == _normalised(new)
    assert "Geheimname" not in known.content.decode()
    someone.refresh_from_db()
    assert (someone.first_name, someone.last_name) == ("Mira", "Geheimname")
    assert Inquiry.objects.get(person=someone).topic == "Frage"


def test_subscribing_with_a_known_address_answers_alike(client, someone):
    consent = current_consent_text()
    Subscriber.objects.create(
        email="mira@example.org",
        name="Mira Geheimname",
        status=Subscriber.Status.CONFIRMED,
        source="test",
        signed_up_at=timezone.now(),
    )
    topic = Topic.objects.first()

    def sign_up(email):
        data = {"email": email, "name": "Fremd", "topics": [topic.pk], "consent": "on"}
        return client.post("/infoletter/", {**data, "consent_version": consent.version}, follow=True)

    new, known = sign_up("neu@example.org"), sign_up("mira@example.org")
    assert known.status_code == new.status_code == 200
    assert known.redirect_chain == new.redirect_chain
    assert _normalised(known) == _normalised(new)
    assert "Geheimname" not in known.content.decode()
    assert Subscriber.objects.get(email="mira@example.org").name == "Mira Geheimname"
