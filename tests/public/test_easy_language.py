"""The public site's Leichte Sprache pages: training offers and their search, contact, the accessibility statement
with its barrier feedback, the short privacy notice. Same services and spam protection as the standard forms,
messages and confirmation mails in Leichte Sprache (mails through a real SMTP server on loopback)."""

import re
import time

import pytest
from django.core import signing

from inklusio.contacts.models import Inquiry, Person
from inklusio.public import services
from inklusio.public.models import FormSubmission

from .conftest import make_offer

pytestmark = pytest.mark.django_db


def contact_data(**changes):
    data = {
        "name": "Mira Schulz",
        "email": "Mira@Example.org",
        "topic": "Frage zur Ausbildung",
        "message": "Gibt es Plätze in Kassel?",
        "consent": "on",
        "website": "",
        "started": signing.dumps(time.time() - 30, salt=services.STARTED_SALT),
    }
    data.update(changes)
    return data


@pytest.fixture
def quick(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0


def _text(response) -> str:
    return response.content.decode()


def _easy_part(html: str) -> str:
    """The content in Leichte Sprache (what base_easy.html puts in lang="de")."""
    return html.split('<div class="easy-language" lang="de">', 1)[1]


# --- contact ------------------------------------------------------------------------------------------------


def test_easy_contact_creates_the_same_inquiry_and_confirms_in_leichte_sprache(
    client, project, pages, quick, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/leichte-sprache/kontakt/", contact_data())
    assert response.status_code == 302
    assert response["Location"] == "/leichte-sprache/kontakt/gesendet/"
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.channel, inquiry.project) == ("general", "web_form", project)
    assert inquiry.topic == "[Leichte Sprache] Frage zur Ausbildung"  # the staff see: answer in Leichte Sprache
    assert inquiry.person.email == "mira@example.org"
    assert FormSubmission.objects.filter(email="mira@example.org").count() == 1  # counts for the rate limit
    [mail] = smtp_server.to("mira@example.org")
    assert mail["Subject"] == "Wir haben Ihre Nachricht bekommen"
    body = mail.get_content()
    assert "Wir haben Ihre Nachricht bekommen." in body
    assert "Gibt es Plätze in Kassel?" in body
    assert "thank you" not in body.lower()
    sent = client.get("/leichte-sprache/kontakt/gesendet/")
    assert "Danke für Ihre Nachricht" in _text(sent)


def test_easy_contact_under_en_confirms_in_leichte_sprache_too(
    client, project, pages, quick, smtp_server, django_capture_on_commit_callbacks
):
    page = _text(client.get("/en/leichte-sprache/kontakt/"))
    assert '<html lang="en"' in page
    assert 'lang="en">This page is in German, in Leichte Sprache' in page
    assert '<div class="easy-language" lang="de">' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/leichte-sprache/kontakt/", contact_data())
    assert response["Location"] == "/en/leichte-sprache/kontakt/gesendet/"
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Wir haben Ihre Nachricht bekommen"


def test_easy_contact_errors_are_in_leichte_sprache_and_create_nothing(client, project, pages, quick):
    response = client.post(
        "/leichte-sprache/kontakt/", contact_data(name="", email="keine-adresse", message="", consent="")
    )
    assert response.status_code == 200
    html = _text(response)
    assert "Bitte prüfen Sie Ihre Angaben." in html  # the error summary in Leichte Sprache
    assert "Bitte schreiben Sie Ihren Namen." in html
    assert "Die E-Mail-Adresse ist nicht richtig." in html
    assert "Bitte schreiben Sie Ihre Nachricht." in html
    assert "Bitte setzen Sie den Haken." in html
    assert "This field is required" not in html and "Dieses Feld ist zwingend" not in html
    assert not Inquiry.objects.exists() and not Person.objects.exists()


def test_easy_contact_errors_stay_in_leichte_sprache_under_en(client, project, pages, quick):
    html = _text(client.post("/en/leichte-sprache/kontakt/", contact_data(email="", message="x" * 5001)))
    assert "Bitte schreiben Sie Ihre E-Mail-Adresse." in html
    assert "Der Text ist zu lang." in html
    assert "This field is required" not in html


def test_easy_contact_refuses_a_name_with_a_web_address_in_leichte_sprache(client, project, quick):
    html = _text(client.post("/leichte-sprache/kontakt/", contact_data(name="Gewinn http://spam.example")))
    assert "Der Name ist nicht richtig." in html
    assert not Inquiry.objects.exists()


def test_easy_contact_honeypot_looks_sent_but_records_nothing(client, project, quick, smtp_server):
    response = client.post("/leichte-sprache/kontakt/", contact_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/leichte-sprache/kontakt/gesendet/"
    assert not Inquiry.objects.exists() and not Person.objects.exists()
    assert not FormSubmission.objects.exists()
    assert smtp_server.messages == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"started": ""}, "Das Formular ist zu alt."),
        ({"started": "garbage"}, "Das Formular ist zu alt."),
        ({"started": signing.dumps(time.time(), salt="other")}, "Das Formular ist zu alt."),
    ],
    ids=["empty", "garbage", "other-salt"],
)
def test_easy_contact_forged_time_token_is_refused_in_leichte_sprache(client, project, quick, changes, words):
    response = client.post("/leichte-sprache/kontakt/", contact_data(**changes))
    assert response.status_code == 200
    assert words in _text(response)
    assert not Inquiry.objects.exists()


def test_easy_contact_too_fast_is_refused_in_leichte_sprache(client, project, settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 3600  # any real submission is faster than an hour
    token = services.started_token()
    response = client.post("/leichte-sprache/kontakt/", contact_data(started=token))
    assert response.status_code == 200
    assert "sehr schnell abgeschickt" in _text(response)
    assert response.context["form"]["started"].value() != token  # a fresh token to try again
    assert not Inquiry.objects.exists()


def test_rate_limit_is_shared_with_the_standard_forms(client, project, quick, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = 2
    assert client.post("/kontakt/", contact_data()).status_code == 302
    assert client.post("/leichte-sprache/barrierefreiheit/", contact_data(email="MIRA@example.org")).status_code == 302
    response = client.post("/leichte-sprache/kontakt/", contact_data(email="mira@EXAMPLE.org"))
    assert response.status_code == 200
    assert "Sie haben schon viele Nachrichten geschickt." in _text(response)
    assert Inquiry.objects.count() == 2


def test_easy_contact_with_a_known_address_answers_alike_and_changes_nobody(client, project, pages, quick):
    someone = Person.objects.create(first_name="Mira", last_name="Geheimname", email="mira@example.org")

    def normalised(response):
        body = re.sub(r'name="(csrfmiddlewaretoken|started)" value="[^"]*"', "", response.content.decode())
        return re.sub(r'nonce="[^"]*"', "", body)

    new = client.post("/leichte-sprache/kontakt/", contact_data(email="neu@example.org"), follow=True)
    known = client.post("/leichte-sprache/kontakt/", contact_data(name="Fremd Eingabe"), follow=True)
    assert known.redirect_chain == new.redirect_chain
    assert normalised(known) == normalised(new)
    assert "Geheimname" not in known.content.decode()
    someone.refresh_from_db()
    assert (someone.first_name, someone.last_name) == ("Mira", "Geheimname")


def test_easy_hints_have_one_statement_per_line_and_no_optional_marker(client, project, quick):
    html = _text(client.get("/en/leichte-sprache/kontakt/"))
    assert "Worum geht es?<br>Schreiben Sie ein paar Wörter.<br>Zum Beispiel: Frage zur Ausbildung." in html
    assert "optional" not in html.split("<main", 1)[1]  # the standard "– optional" marker (in English here)


def test_easy_contact_without_a_project_says_so(client, db):
    html = _text(client.get("/leichte-sprache/kontakt/"))
    assert '<form method="post"' not in html
    assert "Das Kontakt-Formular geht gerade nicht." in html


# --- accessibility statement and barrier feedback -----------------------------------------------------------


def test_easy_accessibility_statement_has_compliance_feedback_and_enforcement(client, project, pages):
    html = _text(client.get("/leichte-sprache/barrierefreiheit/"))
    easy = _easy_part(html)
    assert "Zum Teil." in easy  # the state of compliance of the standard statement ("partial")
    assert 'href="/barrierefreiheit/"' in easy  # the list of known limits and the standard version
    assert "Eine Barriere melden" in easy and '<form method="post"' in easy
    assert "Schlichtungs-Stelle" in easy and "Mauerstraße 53" in easy
    assert "Das kostet nichts." in easy


def test_easy_barrier_feedback_goes_where_the_standard_one_goes(
    client, project, pages, quick, smtp_server, django_capture_on_commit_callbacks
):
    data = contact_data(page="Angebote", message="Der Knopf geht nicht mit der Tastatur.")
    del data["topic"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/leichte-sprache/barrierefreiheit/", data)
    assert response["Location"] == "/leichte-sprache/barrierefreiheit/gesendet/"
    inquiry = Inquiry.objects.get()
    assert inquiry.kind == Inquiry.Kind.ACCESSIBILITY
    assert inquiry.topic.startswith("[Leichte Sprache] ") and "Angebote" in inquiry.topic
    [mail] = smtp_server.to("mira@example.org")
    assert "Sie haben uns eine Barriere gemeldet." in mail.get_content()
    assert "6 Wochen" in mail.get_content()
    assert "6 Wochen" in _text(client.get("/leichte-sprache/barrierefreiheit/gesendet/"))


def test_easy_barrier_feedback_without_description_is_refused_in_leichte_sprache(client, project, pages, quick):
    data = contact_data(message="")
    html = _text(client.post("/leichte-sprache/barrierefreiheit/", data))
    assert "Bitte schreiben Sie: Was ist die Barriere?" in html
    assert not Inquiry.objects.exists()


# --- training offers ----------------------------------------------------------------------------------------


def test_easy_offer_search_finds_by_word_occupation_and_state(client, offer, other_company):
    make_offer(other_company, occupation="koch", city="Köln", region="DE-NW")
    html = _text(client.get("/leichte-sprache/ausbildungsangebote/"))
    assert "Wir haben 2 Plätze gefunden." in html
    html = _text(client.get("/leichte-sprache/ausbildungsangebote/", {"q": "Kassel"}))
    assert "Wir haben 1 Platz gefunden." in html and "Fachkraft für Lagerlogistik" in html
    html = _text(client.get("/leichte-sprache/ausbildungsangebote/", {"occupation": "koch"}))
    assert "Wir haben 1 Platz gefunden." in html and "Koch/Köchin" in html
    html = _text(client.get("/leichte-sprache/ausbildungsangebote/", {"region": "DE-HE"}))
    assert "Wir haben 1 Platz gefunden." in html and "Kassel" in html
    html = _text(client.get("/leichte-sprache/ausbildungsangebote/", {"q": "Mars"}))
    assert "Wir haben keinen Platz gefunden." in html


def test_easy_offer_search_with_bad_input_explains_in_leichte_sprache(client, offer):
    response = client.get("/leichte-sprache/ausbildungsangebote/", {"region": "XX-<script>", "q": "x" * 200})
    assert response.status_code == 200
    html = _text(response)
    assert "Diese Auswahl gibt es nicht." in html and "Das Wort ist zu lang." in html
    assert "<script>" not in html.split("<main", 1)[1]
    assert "Wir haben 1 Platz gefunden." in html  # an invalid search shows all offers, as the standard list does


def test_easy_offer_detail_explains_the_place_and_links_both_ways(client, offer, expired_offer):
    html = _text(client.get(f"/leichte-sprache/ausbildungsangebote/{offer.pk}/"))
    easy = _easy_part(html)
    assert "Sie lernen den Beruf: Fachkraft für Lagerlogistik" in easy
    assert "Sie kommen ohne Stufen zum Arbeits-Platz." in easy  # step_free in Leichte Sprache
    assert "Die Ausbildung ist in Voll-Zeit." in easy
    assert f'href="/ausbildungsangebote/{offer.pk}/"' in easy
    standard = _text(client.get(f"/ausbildungsangebote/{offer.pk}/"))
    assert f'href="/leichte-sprache/ausbildungsangebote/{offer.pk}/"' in standard
    # an offer the public may not see is not there in Leichte Sprache either
    assert client.get(f"/leichte-sprache/ausbildungsangebote/{expired_offer.pk}/").status_code == 404
    assert client.get("/leichte-sprache/ausbildungsangebote/999999/").status_code == 404


@pytest.fixture
def expired_offer(company):
    from datetime import timedelta

    from django.utils import timezone

    return make_offer(company, start_date=timezone.localdate() - timedelta(days=1))


# --- privacy, links both ways, navigation, home -------------------------------------------------------------


def test_easy_privacy_notice_names_the_responsible_and_the_rights(client, pages):
    html = _text(client.get("/leichte-sprache/datenschutz/"))
    easy = _easy_part(html)
    assert "Wer ist verantwortlich?" in easy and "Welche Rechte haben Sie?" in easy
    assert 'href="/datenschutz/"' in easy
    assert 'href="/leichte-sprache/datenschutz/"' in _text(client.get("/datenschutz/"))
    assert "/leichte-sprache/datenschutz/" not in _text(client.get("/impressum/"))


@pytest.mark.parametrize(
    ("standard", "easy"),
    [
        ("/ausbildungsangebote/", "/leichte-sprache/ausbildungsangebote/"),
        ("/kontakt/", "/leichte-sprache/kontakt/"),
        ("/barrierefreiheit/", "/leichte-sprache/barrierefreiheit/"),
        ("/datenschutz/", "/leichte-sprache/datenschutz/"),
        ("/infoletter/", "/leichte-sprache/infoletter/"),
    ],
)
def test_each_page_links_to_its_other_version(client, project, pages, standard, easy):
    assert f'href="{easy}"' in _text(client.get(standard))
    easy_html = _text(client.get(easy))
    assert f'<a class="kern-link" href="{standard}">Diese Seite in Alltags-Sprache</a>' in easy_html


def test_easy_navigation_lists_the_new_pages_and_marks_the_current_one(client, project, pages):
    html = _text(client.get("/leichte-sprache/kontakt/"))
    nav = html.split('aria-label="Menü in Leichter Sprache"', 1)[1].split("</nav>", 1)[0]
    for path in ["/leichte-sprache/ausbildungsangebote/", "/leichte-sprache/infoletter/", "/leichte-sprache/kontakt/",
                 "/leichte-sprache/barrierefreiheit/", "/leichte-sprache/datenschutz/"]:  # fmt: skip
        assert f'href="{path}"' in nav
    assert 'href="/leichte-sprache/kontakt/" aria-current="page"' in nav


def test_easy_home_lists_the_new_pages(client, pages):
    html = _text(client.get("/leichte-sprache/"))
    main = html.split("<main", 1)[1]
    for path in ["/leichte-sprache/ausbildungsangebote/", "/leichte-sprache/infoletter/", "/leichte-sprache/kontakt/",
                 "/leichte-sprache/barrierefreiheit/", "/leichte-sprache/datenschutz/"]:  # fmt: skip
        assert f'href="{path}"' in main


def test_sitemap_lists_the_easy_pages_in_german_only(client, offer):
    xml = _text(client.get("/sitemap.xml", HTTP_HOST="127.0.0.1"))
    easy_pages = [
        "/leichte-sprache/ausbildungsangebote/",
        f"/leichte-sprache/ausbildungsangebote/{offer.pk}/",
        "/leichte-sprache/kontakt/",
        "/leichte-sprache/infoletter/",
        "/leichte-sprache/datenschutz/",
    ]
    for path in easy_pages:
        assert f"{path}</loc>" in xml
        assert f"/en{path}" not in xml
