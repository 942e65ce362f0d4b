"""The recipient's web view of a mailing ("read in the browser"): only the token opens it, only what was received."""

import pytest
from django.test import Client
from django.utils import timezone

from inklusio.mailings import rendering, services
from inklusio.mailings.models import Delivery, Mailing

from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db


def _url(token, mailing_id, language=""):
    return f"{language}/infoletter/lesen/{token}/{mailing_id}/"


@pytest.fixture
def sent():
    """A mailing being sent, not in the archive: Lea has it, Otto's is still queued, Nora was not a recipient."""
    m = mailing(subject="Infoletter 4/2026", body="Geheimer **Inhalt** nur für Empfänger*innen.", in_archive=False)
    Mailing.objects.filter(pk=m.pk).update(status=Mailing.Status.SENDING, started_at=timezone.now())
    lea = subscriber("lea@example.org", name="Lea Leserin")
    otto = subscriber("otto@example.org", name="Otto Offen")
    nora = subscriber("nora@example.org", name="Nora Nicht")
    Delivery.objects.create(mailing=m, subscriber=lea, status=Delivery.Status.SENT, sent_at=timezone.now())
    Delivery.objects.create(mailing=m, subscriber=otto, status=Delivery.Status.QUEUED)
    return {"mailing": m, "lea": lea, "otto": otto, "nora": nora}


def test_the_recipient_reads_it_with_her_greeting_while_it_is_sent_and_not_archived(sent):
    response = Client().get(_url(sent["lea"].token, sent["mailing"].pk))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Guten Tag Lea Leserin," in page
    assert "Geheimer <strong>Inhalt</strong>" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex" and "no-store" in response["Cache-Control"]
    assert f"/infoletter/einstellungen/{sent['lea'].token}/" in page
    assert f"/infoletter/abmelden/{sent['lea'].token}/?m={sent['mailing'].pk}" in page
    # no archive listing, and the archive keeps its rules
    assert "Infoletter 4/2026" not in Client().get("/infoletter/archiv/").content.decode()
    assert Client().get(f"/infoletter/archiv/{sent['mailing'].pk}/").status_code == 404
    # after unsubscribing, what she received still opens
    services.unsubscribe(sent["lea"], mailing_id=sent["mailing"].pk)
    assert Client().get(_url(sent["lea"].token, sent["mailing"].pk)).status_code == 200


def test_english_mailing_in_english(sent):
    Mailing.objects.filter(pk=sent["mailing"].pk).update(language="en")
    page = Client().get(_url(sent["lea"].token, sent["mailing"].pk, "/en")).content.decode()
    assert "Change your topics" in page and '<html lang="en"' in page


@pytest.mark.parametrize("status", ["sending", "uncertain"])
def test_a_message_in_flight_may_have_arrived(sent, status):
    Delivery.objects.filter(subscriber=sent["otto"]).update(status=status)
    assert Client().get(_url(sent["otto"].token, sent["mailing"].pk)).status_code == 200


def test_nothing_without_the_right_token(sent):
    m, lea = sent["mailing"], sent["lea"]
    other = mailing(subject="Anderer Infoletter", body="Anderer Inhalt")
    Mailing.objects.filter(pk=other.pk).update(status=Mailing.Status.SENT, in_archive=False)
    refused = [
        _url(sent["otto"].token, m.pk),  # not yet handed over to Otto
        _url(sent["nora"].token, m.pk),  # Nora was no recipient
        _url(lea.token, other.pk),  # Lea's token, a mailing she did not get
        _url(lea.token[:-1] + ("A" if lea.token[-1] != "A" else "B"), m.pk),  # a wrong token
        _url("x", m.pk),
        _url(lea.token, 999999),
        _url(rendering.test_send_token(other.pk), m.pk),  # a test send's token of another mailing
        _url(f"test-{m.pk}-{'0' * 32}", m.pk),  # a forged test token
    ]
    answers = {url: Client().get(url) for url in refused}
    assert {url: r.status_code for url, r in answers.items()} == dict.fromkeys(refused, 404)
    for response in answers.values():
        assert b"Geheimer" not in response.content and b"Infoletter 4/2026" not in response.content
    assert Client().get(f"/infoletter/lesen/{'a' * 65}/{m.pk}/").status_code == 404
    assert Client().post(_url(lea.token, m.pk)).status_code == 405  # a page to read, nothing to send
    for status in ["queued", "claimed", "retry", "failed", "skipped", "cancelled", "bounced"]:
        Delivery.objects.filter(subscriber=sent["otto"]).update(status=status)
        assert Client().get(_url(sent["otto"].token, m.pk)).status_code == 404, status


def test_a_test_send_token_opens_its_own_mailing_neutrally_and_its_links_explain(sent):
    m = sent["mailing"]
    token = rendering.test_send_token(m.pk)
    assert rendering.mailing_id_of_test_token(token) == m.pk
    page = Client().get(_url(token, m.pk)).content.decode()
    assert "Testversand" in page and "Geheimer" in page and "Lea" not in page
    for path in [f"/infoletter/einstellungen/{token}/", f"/infoletter/abmelden/{token}/?m={m.pk}"]:
        response = Client().get(path)
        assert response.status_code == 200 and "Link in einem Testversand" in response.content.decode()
    posted = Client().post(f"/infoletter/abmelden/{token}/", {"m": m.pk})
    assert posted.status_code == 200 and "Link in einem Testversand" in posted.content.decode()
    assert Client().post(f"/infoletter/einstellungen/{token}/", {"name": "X", "language": "de"}).status_code == 200
    assert Client().post(f"/infoletter/abmelden/{token}/one-click/{m.pk}/").status_code == 200
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent", "queued"}
    for sub in (sent["lea"], sent["otto"], sent["nora"]):
        sub.refresh_from_db()
        assert sub.status == "confirmed"


def test_the_staff_preview_links_open(sent, client, staff):
    preview = rendering.preview(sent["mailing"])
    token = rendering.test_send_token(sent["mailing"].pk)
    assert f"/infoletter/lesen/{token}/{sent['mailing'].pk}/" in preview["html"]
    assert "vorschau" not in preview["html"].split("<body", 1)[1].replace("vorschau@", "")


def test_the_greeting_is_in_the_mailings_language_whatever_the_page_language(sent):
    page = Client().get(_url(sent["lea"].token, sent["mailing"].pk, "/en")).content.decode()
    assert '<article lang="de">' in page and "Guten Tag Lea Leserin," in page and "Change your topics" in page
    Mailing.objects.filter(pk=sent["mailing"].pk).update(language="en")
    page = Client().get(_url(sent["lea"].token, sent["mailing"].pk)).content.decode()
    assert "Dear Lea Leserin," in page and "Themen ändern" in page
