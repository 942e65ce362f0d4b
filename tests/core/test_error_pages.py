"""Error pages: the site's look (public or staff by the path), the visitor's language, and a way back."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from django.test import RequestFactory

from inklusio.core import views_errors
from tests.conftest import Client

pytestmark = pytest.mark.django_db

PUBLIC_FRAME = 'aria-label="Rechtliches und Service"'  # the public footer's navigation (German)
PUBLIC_FRAME_EN = 'aria-label="Legal and service"'


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}  # text -> href
        self.lang = None
        self._href = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "a":
            self._href, self._text = attributes.get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links[" ".join("".join(self._text).split())] = self._href
            self._href = None


def page(response) -> _Page:
    parsed = _Page()
    parsed.feed(response.content.decode())
    return parsed


def test_404_on_the_public_site_in_german_has_the_public_look_and_ways_back(client):
    response = client.get("/gibt-es-nicht/", HTTP_REFERER="http://testserver/gute-praxis/")
    assert response.status_code == 404
    html = response.content.decode()
    parsed = page(response)
    assert parsed.lang == "de"
    assert "Seite nicht gefunden" in html and "Fehlercode 404" in html
    assert PUBLIC_FRAME in html
    assert parsed.links["Zur vorigen Seite"] == "http://testserver/gute-praxis/"
    assert parsed.links["Startseite"] == "/"
    assert parsed.links["Seitenübersicht"] == "/seitenuebersicht/"
    assert parsed.links["English"] == "/en/gibt-es-nicht/"  # the same error, readable in English


def test_404_under_en_is_english_and_links_to_the_english_home(client):
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    parsed = page(response)
    assert parsed.lang == "en"
    assert "Page not found" in response.content.decode() and PUBLIC_FRAME_EN in response.content.decode()
    assert parsed.links["Home page"] == "/en/"
    assert parsed.links["Deutsch"] == "/nothing-here/"
    assert "Back to the previous page" not in parsed.links  # no Referer: no back link


def test_a_back_link_only_to_this_site(client):
    response = client.get("/gibt-es-nicht/", HTTP_REFERER="https://evil.example/phish")
    assert "Zur vorigen Seite" not in page(response).links
    assert "evil.example" not in response.content.decode()


def test_404_under_staff_for_an_anonymous_visitor_offers_the_login(client):
    response = client.get("/staff/gibt-es-nicht/")
    assert response.status_code == 404
    parsed = page(response)
    assert parsed.links["Anmelden"] == "/staff/login/"
    assert parsed.links["Startseite"] == "/"
    assert PUBLIC_FRAME not in response.content.decode()  # the staff look


def test_404_of_a_staff_object_leads_to_the_staff_overview(client, staff):
    client.force_login(staff)
    response = client.get("/en/staff/contacts/people/999999/")
    assert response.status_code == 404
    parsed = page(response)
    assert parsed.lang == "en"
    assert parsed.links["Staff overview"] == "/en/staff/"
    assert "Log in" not in parsed.links
    assert 'aria-label="Main navigation"' in response.content.decode()  # the staff navigation


@pytest.mark.parametrize(
    ("prefix", "title", "overview"),
    [("", "Zugriff verweigert", "Zur Übersicht"), ("/en", "Access denied", "Staff overview")],
)
def test_403_on_a_staff_page_explains_and_leads_to_the_overview(client, staff, prefix, title, overview):
    client.force_login(staff)
    response = client.get(f"{prefix}/staff/users/")  # the user administration is the project lead's
    assert response.status_code == 403
    html = response.content.decode()
    assert title in html
    assert page(response).links[overview] == f"{prefix}/staff/"
    assert PUBLIC_FRAME not in html and PUBLIC_FRAME_EN not in html


def test_403_on_a_public_page_has_the_public_look():
    request = RequestFactory().get("/en/ausbildungsangebote/")
    request.user, request.session = AnonymousUser(), {}
    from django.utils import translation

    with translation.override("en"):
        response = views_errors.permission_denied(request)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Access denied" in html and "You may not open this page." in html and PUBLIC_FRAME_EN in html


def test_400_keeps_the_look_of_its_side(client, staff):
    too_many = "&".join(f"f{i}=1" for i in range(1100))  # more than DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = client.get(f"/gute-praxis/?{too_many}")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode() and PUBLIC_FRAME in response.content.decode()
    client.force_login(staff)
    response = client.get(f"/en/staff/contacts/?{too_many}")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert page(response).links["Staff overview"] == "/en/staff/"


def test_400_for_a_foreign_host_is_the_plain_page(client, caplog):
    response = client.get("/", HTTP_HOST="evil.example")  # the frame needs the host: the plain page answers
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.name == "inklusio.core.views_errors"]  # no failed frame first
    assert "Ungültige Anfrage" in response.content.decode()
    assert page(response).links["Startseite"] == "/"


def test_csrf_failure_on_a_public_form_explains_and_leads_back(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/kontakt/", {"name": "Paula"}, HTTP_REFERER="http://testserver/kontakt/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Das Formular konnte nicht gesendet werden" in html and PUBLIC_FRAME in html
    assert page(response).links["Formular neu öffnen"] == "http://testserver/kontakt/"


def test_csrf_failure_on_the_staff_login_is_english_under_en(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/staff/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.content.decode()
    assert page(response).links["Log in"] == "/en/staff/login/"


def _no_database(execute, sql, params, many, context):
    raise OperationalError("the database is down")


def test_500_renders_without_the_database():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_no_database):
        response = client.get("/")  # the home page reads the database: it fails, and so would any query after
    assert response.status_code == 500
    parsed = page(response)
    assert parsed.lang == "de"
    assert "Etwas ist schiefgelaufen" in response.content.decode()
    assert parsed.links["Startseite"] == "/"


def test_500_under_staff_in_english_without_the_database(staff):
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    with connection.execute_wrapper(_no_database):
        response = client.get("/en/staff/")  # loading the session already fails
    assert response.status_code == 500
    parsed = page(response)
    assert parsed.lang == "en"
    assert "Something went wrong" in response.content.decode()
    assert parsed.links["Staff overview"] == "/en/staff/"
    assert parsed.links["Home page"] == "/en/"


def test_500_needs_no_request_context(django_assert_num_queries):
    request = RequestFactory().get("/staff/")  # no user, no session: nothing a context processor could read
    with django_assert_num_queries(0):
        response = views_errors.server_error(request)
    assert response.status_code == 500
    assert page(response).links["Zur Übersicht"] == "/staff/"


@pytest.mark.parametrize(
    ("path", "staff"),
    [
        ("/staff/", True),
        ("/staff", True),
        ("/en/staff/x/", True),
        ("/en/staff", True),
        ("/", False),
        ("/en/", False),
        ("/en", False),
        ("/staffing/", False),
        ("/en/staffing/", False),
        ("/de/staff/", False),  # German has no prefix: /de/… is a public 404
    ],
)
def test_staff_paths(path, staff):
    assert views_errors.is_staff_path(path) is staff


class _UserOfADownDatabase:
    @property
    def is_authenticated(self):
        raise OperationalError("the database is down")


def test_a_404_while_the_database_is_down_falls_back_to_the_plain_page(caplog):
    request = RequestFactory().get("/staff/contacts/people/1/")
    request.user, request.session = _UserOfADownDatabase(), {}
    with connection.execute_wrapper(_no_database):
        response = views_errors.page_not_found(request)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    assert page(response).links["Zur Übersicht"] == "/staff/"  # the plain page's fixed links
    assert "could not be rendered in the site's frame" in caplog.text  # logged, so it can be fixed
