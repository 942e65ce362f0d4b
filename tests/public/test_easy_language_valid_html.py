"""The Leichte Sprache pages of the public site and the Infoletter pass the W3C Nu Html Checker, German and
English, empty and with errors, and their confirmation pages (the crawl in tests/security/test_valid_html.py
reaches only what links show, never a form with errors)."""

import pytest
from django.test import Client

from inklusio.mailings.models import Subscriber
from inklusio.mailings.services import request_subscription
from tests.security.test_valid_html import vnu_errors, vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


def test_easy_pages_are_valid_html(project, pages, offer, tmp_path, settings):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    subscriber = request_subscription(email="ada@example.org", source="test", easy_language=True)
    client = Client()
    found = {}
    for prefix in ("", "/en"):
        for path in [
            "/leichte-sprache/",
            "/leichte-sprache/ausbildungsangebote/",
            "/leichte-sprache/ausbildungsangebote/?q=Kassel&region=DE-HE",
            "/leichte-sprache/ausbildungsangebote/?q=Mars",
            f"/leichte-sprache/ausbildungsangebote/{offer.pk}/",
            "/leichte-sprache/kontakt/",
            "/leichte-sprache/kontakt/gesendet/",
            "/leichte-sprache/barrierefreiheit/",
            "/leichte-sprache/barrierefreiheit/gesendet/",
            "/leichte-sprache/datenschutz/",
            "/leichte-sprache/infoletter/",
            "/leichte-sprache/infoletter/danke/",
            f"/leichte-sprache/infoletter/bestaetigen/{subscriber.token}/",
            f"/leichte-sprache/infoletter/bestaetigt/{subscriber.token}/",
            "/leichte-sprache/infoletter/bestaetigen/unbekannt/",
            "/kontakt/",
            "/barrierefreiheit/",
            "/datenschutz/",
            "/ausbildungsangebote/",
            f"/ausbildungsangebote/{offer.pk}/",
            "/infoletter/",
        ]:
            found[prefix + path] = client.get(prefix + path).content.decode()
        for path in ("/leichte-sprache/kontakt/", "/leichte-sprache/barrierefreiheit/", "/leichte-sprache/infoletter/"):
            response = client.post(prefix + path, {"email": "keine-adresse", "website": ""})
            assert response.status_code == 200
            found[f"{prefix}{path}?errors"] = response.content.decode()
        found[f"{prefix}/leichte-sprache/ausbildungsangebote/?bad"] = client.get(
            prefix + "/leichte-sprache/ausbildungsangebote/", {"region": "Mars", "q": "x" * 200}
        ).content.decode()
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.UNSUBSCRIBED)
    found["unsubscribed"] = client.get(f"/leichte-sprache/infoletter/bestaetigen/{subscriber.token}/").content.decode()
    errors = vnu_errors(command, found, tmp_path)
    assert not errors, "\n".join(dict.fromkeys(errors))
