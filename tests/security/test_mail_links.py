"""Issue #17, part 5: every link in every kind of mail inklusio sends opens for its reader.

Each test triggers one kind of mail through its real path, receives it on a real SMTP server on loopback, takes
every link out of its HTML and text parts, its headers (List-Unsubscribe) and its calendar attachments, and opens
each with a fresh anonymous client (the reader has no session), following redirects within the site: each must end
in a 200. Links to other hosts (a video conference, mailto:) are listed and skipped. ``test_every_kind_of_mail_is_
covered`` finds every place in src/ that sends mail, so a new kind of mail cannot go without this test.
"""

import ast
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from inklusio.contacts.models import Inquiry, Organisation, Person, StakeholderType
from inklusio.core import accounts
from inklusio.events import services as events
from inklusio.events import tasks as event_tasks
from inklusio.events.models import Attendance, Event, ProgrammeItem, Registration
from inklusio.events.services import RegistrationData
from inklusio.mailings import services as mailings
from inklusio.mailings.models import ConsentText, Delivery, Mailing, Subscriber
from inklusio.networks import services as networks
from inklusio.networks.models import Meeting, Network
from inklusio.public import tasks as public_tasks
from inklusio.public.models import TrainingOffer

pytestmark = pytest.mark.django_db

SITE = "https://inklusio.example"
SRC = Path(__file__).resolve().parents[2] / "src" / "inklusio"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "inklusio <noreply@inklusio.example>"


# --- taking the links out of a received mail --------------------------------------------------------------


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


URL_IN_TEXT = re.compile(r"(?:https?://|mailto:)[^\s<>\"')]+")


def links_of(message) -> dict[str, set[str]]:
    """Every link of a received message by where it was found: html, text, header, ics."""
    found = {"html": set(), "text": set(), "header": set(), "ics": set()}
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/html":
            parser = _Hrefs()
            parser.feed(part.get_content())
            found["html"].update(parser.urls)
        elif kind == "text/plain" and not part.get_filename():
            found["text"].update(URL_IN_TEXT.findall(part.get_content()))
        elif kind == "text/calendar":
            content = part.get_content()
            for component in Calendar.from_ical(content).walk():
                if "URL" in component:
                    found["ics"].add(str(component["URL"]))
                for field in ("DESCRIPTION", "LOCATION"):
                    if field in component:
                        found["ics"].update(URL_IN_TEXT.findall(str(component[field])))
    for value in message.get_all("List-Unsubscribe") or []:
        found["header"].update(re.findall(r"<([^>]+)>", str(value)))
    return found


def _within_site(url: str) -> str | None:
    """The path (with query) of a link into this site, or None for another host or scheme."""
    if url.startswith(SITE + "/"):
        return url[len(SITE) :]
    if url.startswith("/") and not url.startswith("//"):
        return url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc == "testserver":
        return url.split("testserver", 1)[1]
    return None


def open_link(url: str, method: str = "get") -> tuple[int, list[str]]:
    """Open a link as its reader does (no session), following redirects within the site; the final status and
    the way there."""
    path = _within_site(url)
    assert path is not None, url
    client = Client()
    response = getattr(client, method)(path)
    chain = [path]
    while response.status_code in (301, 302, 303, 307, 308) and len(chain) < 6:
        target = _within_site(response["Location"])
        assert target is not None, f"{url} redirects off the site to {response['Location']}"
        chain.append(target)
        response = client.get(target)
    return response.status_code, chain


def check_links(message, *, expect_internal: int, one_click: bool = False) -> dict:
    """Open every link of ``message``; returns the links opened and the external ones skipped.

    ``expect_internal``: how many distinct links into the site the mail must have (so a mail that lost its
    links fails too). The List-Unsubscribe URL is POSTed as RFC 8058 mail clients do when ``one_click``, else
    it is opened like a link.
    """
    found = links_of(message)
    every = set().union(*found.values())
    internal = sorted(url for url in every if _within_site(url) is not None)
    external = sorted(every - set(internal))
    # A link of the mailing's own text goes through the click counter (issue 19), which redirects off the site to
    # exactly that link: it must lead to an https address of the text, and is checked as an external link.
    counted = [url for url in internal if "/infoletter/link/" in urlsplit(url).path]
    internal = [url for url in internal if url not in counted]
    for url in counted:
        response = Client().get(_within_site(url))
        assert response.status_code == 302, (url, response.status_code)
        external = sorted({*external, response["Location"]})
    for url in internal:
        assert url.startswith(SITE + "/"), f"{url}: a link in a mail must be absolute, from SITE_URL"
    broken = {}
    for url in internal:
        status, chain = open_link(url)
        if status != 200:
            broken[url] = (status, chain)
    assert not broken, f"links that do not open: {broken}"
    if one_click:
        for url in found["header"]:
            if _within_site(url):
                assert Client().post(_within_site(url), {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert len(internal) == expect_internal, internal
    for url in external:
        assert url.startswith(("mailto:", "https://")) and not url.startswith(SITE), url
    return {"internal": internal, "external": external, "found": found, "counted": counted}


def _one(sink, address):
    received = sink.to(address)
    assert len(received) == 1, [m["Subject"] for m in received]
    return received[0]


# --- the Infoletter ---------------------------------------------------------------------------------------


def _subscriber(email, name="", language="de"):
    return Subscriber.objects.create(
        email=email,
        name=name,
        status=Subscriber.Status.CONFIRMED,
        language=language,
        consent_text=ConsentText.objects.first(),
        source="test",
        signed_up_at=timezone.now(),
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Start sending a mailing; the sending task runs when the transaction commits (immediate backend)."""

    def run(mailing):
        with django_capture_on_commit_callbacks(execute=True):
            return mailings.start_sending(mailing)

    return run


@pytest.mark.parametrize("in_archive", [True, False])
def test_infoletter_issue_links_open_while_sending_and_outside_the_archive(smtp_server, in_archive, send):
    reader = _subscriber("leserin@example.org", name="Lea Leserin")
    mailing = Mailing.objects.create(
        subject="Infoletter 3/2026",
        body="# Neues\n\nMehr beim [Fachtag](https://example.org/fachtag).",
        in_archive=in_archive,
    )
    assert send(mailing) == 1
    message = _one(smtp_server, "leserin@example.org")
    web = [url for url in links_of(message)["html"] if "/infoletter/lesen/" in url]
    assert web == [f"{SITE}/infoletter/lesen/{reader.token}/{mailing.pk}/"]
    # still being sent (the "read in the browser" link is used at once, by the first recipients)
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENDING, finished_at=None)
    result = check_links(message, expect_internal=4, one_click=True)
    assert result["external"] == ["https://example.org/fachtag"]
    assert {urlsplit(url).path.split("/")[2] for url in result["internal"]} == {"lesen", "einstellungen", "abmelden"}
    page = Client().get(web[0].removeprefix(SITE))
    assert "Lea Leserin" in page.content.decode() and page["X-Robots-Tag"] == "noindex"
    # the public archive keeps its own rules: not while sending, never when the mailing is not in it
    assert Client().get(f"/infoletter/archiv/{mailing.pk}/").status_code == 404
    Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENT, finished_at=timezone.now())
    assert Client().get(f"/infoletter/archiv/{mailing.pk}/").status_code == (200 if in_archive else 404)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED  # the one-click POST of the header worked


def test_english_infoletter_links_carry_the_language_prefix(smtp_server, send):
    _subscriber("reader@example.org", name="Rea Reader", language="en")
    mailing = Mailing.objects.create(subject="Newsletter 1/2026", body="Text.", language="en", in_archive=False)
    send(mailing)
    result = check_links(_one(smtp_server, "reader@example.org"), expect_internal=4)
    assert all(url.startswith(f"{SITE}/en/infoletter/") for url in result["internal"]), result["internal"]


def test_infoletter_test_send_links_open_and_change_nothing(smtp_server):
    subscriber = _subscriber("leser@example.org")
    mailing = Mailing.objects.create(subject="Entwurf", body="Noch nicht versendet.", in_archive=False)
    assert mailings.send_test(mailing, ["redaktion@example.org"]) == 1
    message = _one(smtp_server, "redaktion@example.org")
    result = check_links(message, expect_internal=4, one_click=True)
    assert not any(subscriber.token in url for url in result["internal"])
    page = Client().get(next(url for url in result["internal"] if "/lesen/" in url).removeprefix(SITE))
    assert "Noch nicht versendet." in page.content.decode() and "Testversand" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert not Delivery.objects.exists()


def test_double_opt_in_mail_link_opens_in_the_subscribers_language(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mailings.request_subscription(email="neu@example.org", name="Nina Neu", source="test", language="en")
    result = check_links(_one(smtp_server, "neu@example.org"), expect_internal=1)
    assert result["internal"][0].startswith(f"{SITE}/en/infoletter/bestaetigen/")


def test_double_opt_in_mail_in_leichte_sprache_links_to_the_leichte_sprache_page(
    smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mailings.request_subscription(email="neu@example.org", source="test", language="en", easy_language=True)
    result = check_links(_one(smtp_server, "neu@example.org"), expect_internal=1)
    assert result["internal"][0].startswith(f"{SITE}/leichte-sprache/infoletter/bestaetigen/")


# --- events -----------------------------------------------------------------------------------------------


def _event(project, **overrides):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    values = {
        "project": project,
        "kind": Event.Kind.CONFERENCE_DAY,
        "title": "Fachtag Inklusive Ausbildung",
        "slug": f"fachtag-{Event.objects.count() + 1}",
        "starts_at": start,
        "ends_at": start + timedelta(hours=7),
        "venue": "Haus der Begegnung",
        "address": "Hauptstraße 1\n60311 Frankfurt am Main",
        "description": "Ein Tag zu inklusiver Ausbildung.",
        "capacity": 1,
        "visibility": Event.Visibility.PUBLIC,
    }
    values.update(overrides)
    return Event.objects.create(**values)


def _person(n, language="de"):
    return RegistrationData(
        email=f"person{n}@example.org", first_name=f"Vorname{n}", last_name=f"Nachname{n}", language=language
    )


@pytest.fixture
def register(django_capture_on_commit_callbacks):
    def run(event, data):
        with django_capture_on_commit_callbacks(execute=True):
            return events.register(event.pk, data)[0]

    return run


@pytest.mark.parametrize("language", ["de", "en"])
def test_registration_confirmation_waitlist_and_promotion_links(
    project, smtp_server, register, language, django_capture_on_commit_callbacks
):
    event = _event(project)
    first = register(event, _person(1, language))
    register(event, _person(2, language))
    confirmed = check_links(_one(smtp_server, "person1@example.org"), expect_internal=1)  # personal page
    assert confirmed["found"]["ics"] == set(confirmed["internal"])  # the calendar entry links the same page
    prefix = f"{SITE}/en/" if language == "en" else f"{SITE}/events/"
    assert all(url.startswith(prefix) for url in confirmed["internal"]), confirmed["internal"]
    check_links(_one(smtp_server, "person2@example.org"), expect_internal=1)  # waitlisted: the personal page
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        events.cancel(first.pk, notify=True)
    check_links(_one(smtp_server, "person1@example.org"), expect_internal=1)  # cancelled: the event page
    promoted = check_links(_one(smtp_server, "person2@example.org"), expect_internal=1)  # promoted
    assert promoted["found"]["ics"] == set(promoted["internal"])


def test_personal_link_resend_links(project, smtp_server, register):
    event = _event(project)
    register(event, _person(1))
    smtp_server.clear()
    register(event, _person(1))
    check_links(_one(smtp_server, "person1@example.org"), expect_internal=1)


def test_event_cancellation_notice_links(project, smtp_server, register, django_capture_on_commit_callbacks):
    event = _event(project)
    register(event, _person(1))
    smtp_server.clear()
    event.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        events.save_event(event)
    result = check_links(_one(smtp_server, "person1@example.org"), expect_internal=1)  # the personal page
    assert result["found"]["ics"] == set(result["internal"])


def test_reminder_links(project, smtp_server, register):
    now = timezone.now().replace(microsecond=0)
    event = _event(
        project,
        kind=Event.Kind.ONLINE_CONGRESS,
        venue="",
        address="",
        room_url="https://meet.example.org/kongress",
        capacity=None,
        starts_at=now + timedelta(hours=5),
        ends_at=now + timedelta(hours=10),
    )
    ProgrammeItem.objects.create(
        event=event,
        starts_at=event.starts_at,
        title="Auszubildende berichten",
        room_url="https://stream.example.org/1",
    )
    register(event, _person(1))
    smtp_server.clear()
    assert event_tasks.send_reminders.call() == 1
    # the personal page and two personal join links (event, item); the rooms' addresses are never in a mail
    result = check_links(_one(smtp_server, "person1@example.org"), expect_internal=3)
    assert result["external"] == []
    assert sum("/j/" in url for url in result["internal"]) == 2
    assert not Attendance.objects.exists()  # opening (GET) a join link records nothing


def test_feedback_invitation_and_certificate_links(project, smtp_server, register):
    event = _event(project)
    registration = register(event, _person(1))
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=10), ends_at=timezone.now() - timedelta(hours=3)
    )
    registration.refresh_from_db()  # check-in is open from the event day on, so the event has happened first
    events.check_in(registration, registration.event.days()[0])
    smtp_server.clear()
    assert event_tasks.send_feedback_invitation.call(registration.pk) is True  # asked for by staff
    check_links(_one(smtp_server, "person1@example.org"), expect_internal=1)
    Registration.objects.filter(pk=registration.pk).update(feedback_invited_at=None)
    smtp_server.clear()
    assert event_tasks.send_feedback_invitations.call() == 1  # the periodic job
    check_links(_one(smtp_server, "person1@example.org"), expect_internal=1)
    smtp_server.clear()
    assert event_tasks.send_certificate.call(registration.pk) is True
    result = check_links(_one(smtp_server, "person1@example.org"), expect_internal=0)
    assert result["external"] == []


# --- networks ---------------------------------------------------------------------------------------------


def test_network_membership_request_and_meeting_invitation_links(
    project, smtp_server, django_capture_on_commit_callbacks
):
    network = Network.objects.create(name="Netzwerk Nord", regions=["DE-HH"], founded_on=date(2023, 1, 1))
    network.projects.add(project)
    with django_capture_on_commit_callbacks(execute=True):
        networks.request_membership(
            network, email="mara@example.org", first_name="Mara", last_name="Mitglied", role="member",
            joined_on=timezone.localdate(),
        )  # fmt: skip
    check_links(_one(smtp_server, "mara@example.org"), expect_internal=1)
    member = Person.objects.create(first_name="Tom", last_name="Treffen", email="tom@example.org")
    networks.add_member(network, member, joined_on=date(2023, 1, 1))
    now = timezone.now().replace(second=0, microsecond=0)
    meeting = Meeting.objects.create(
        network=network,
        title="Netzwerktreffen",
        starts_at=now + timedelta(days=14),
        ends_at=now + timedelta(days=14, hours=2),
        format="online",
        link="https://meet.example.org/netzwerk",
    )
    with django_capture_on_commit_callbacks(execute=True):
        networks.invite_members(meeting)
    result = check_links(_one(smtp_server, "tom@example.org"), expect_internal=1)  # the reply page (text and ics)
    assert result["found"]["ics"] >= set(result["internal"])
    assert result["external"] == ["https://meet.example.org/netzwerk"]


# --- the public site and staff accounts -------------------------------------------------------------------


def test_inquiry_acknowledgement_and_offer_question_links(project, smtp_server, settings):
    settings.PUBLIC_CONTACT_EMAIL = "kontakt@inklusio.example"
    person = Person.objects.create(first_name="Ina", last_name="Anfrage", email="ina@example.org")
    inquiry = Inquiry.objects.create(
        person=person, project=project, topic="Frage", message="Gibt es Plätze?", received_on=timezone.localdate()
    )
    assert public_tasks.send_inquiry_confirmation.call(inquiry.pk, "de") is True
    check_links(_one(smtp_server, "ina@example.org"), expect_internal=0)
    smtp_server.clear()
    assert public_tasks.send_inquiry_confirmation.call(inquiry.pk, "en", True) is True  # in Leichte Sprache
    check_links(_one(smtp_server, "ina@example.org"), expect_internal=0)
    company = Organisation.objects.create(
        name="Brückenwerk gGmbH", stakeholder_type=StakeholderType.objects.get(code="inclusion_company"), region="DE-HE"
    )
    offer = TrainingOffer.objects.create(
        organisation=company, occupation="fachkraft_lagerlogistik", region="DE-HE", city="Kassel",
        start_date=timezone.localdate() + timedelta(days=90), contact_name="Ayşe Yılmaz",
        contact_email="ausbildung@bw.example",
    )  # fmt: skip
    smtp_server.clear()
    assert public_tasks.notify_company_of_inquiry.call(inquiry.pk, offer.pk) is True
    check_links(_one(smtp_server, "ausbildung@bw.example"), expect_internal=0)


def test_staff_account_invitation_link(smtp_server, lead):
    accounts.invite("neu", "neu@example.org", "project_staff", actor=lead)
    result = check_links(_one(smtp_server, "neu@example.org"), expect_internal=1)
    assert "/staff/" in result["internal"][0]
    assert User.objects.get(username="neu").has_usable_password() is False  # opening the link set nothing


# --- messages to participants and members ------------------------------------------------------------------


def test_participant_message_links_open_and_the_test_send_shows_no_token(
    project, smtp_server, register, staff, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inklusio.participantmail import services as participant_messages
    from inklusio.participantmail.models import Message

    event = _event(project, capacity=5, room_url="https://meet.example.org/raum")  # the join link leads somewhere
    registration = register(event, _person(1))
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    for public in (False, True):
        participant_messages.add_material(
            event, SimpleUploadedFile("folien.pdf", pdf), title=f"Folien {public}", public=public, actor=staff
        )
    message = Message.objects.create(
        event=event,
        groups=["confirmed"],
        subject="Hinweis zu {Veranstaltung}",
        body="Hallo {Vorname},\n\n[Ihre Seite]({persönlicher Link}) · {Zugangslink}\n\n{Materialien}",
    )
    smtp_server.clear()
    participant_messages.send_test(message, staff, registration.person_id)
    test_mail = _one(smtp_server, staff.email)
    test_links = set().union(*links_of(test_mail).values())
    assert not any(registration.token in url for url in test_links)
    for url in test_links:  # the personal links are masked ("…"): only the public material opens
        if "…" not in url and "%E2%80%A6" not in url:
            assert open_link(url)[0] == 200, url
    smtp_server.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert participant_messages.start_sending(message, actor=staff) == 1
    # the personal page (link and footer), the personal join link, two materials (personal and public)
    check_links(_one(smtp_server, "person1@example.org"), expect_internal=4)


def test_follow_up_survey_link(project, smtp_server):
    from inklusio.surveys import followups
    from inklusio.surveys.models import Question, Survey

    person = Person.objects.create(first_name="Fia", last_name="Folge", email="fia@example.org")
    survey = Survey.objects.create(project=project, title_de="Nachbefragung", title_en="Follow-up")
    Question.objects.create(survey=survey, kind="yes_no", text_de="Umgesetzt?", text_en="Applied?", required=True)
    survey.invitations.create(person=person)
    assert followups.send_pending(survey) == 1
    check_links(_one(smtp_server, "fia@example.org"), expect_internal=1)


# --- the list of kinds of mail ----------------------------------------------------------------------------


# Every function in src/ that hands mail to the mail server, with the test above that follows its links.
def test_support_booked_message_links(project, smtp_server, register):
    from inklusio.events.models import SupportBooking, SupportBookingServed
    from inklusio.events.tasks import send_support_booked

    event = _event(project, capacity=5)
    registration = register(event, _person(7))
    booking = SupportBooking.objects.create(
        event=event, kind="sign_language", provider="Dolmetschbüro", status=SupportBooking.Status.BOOKED
    )
    SupportBookingServed.objects.create(booking=booking, registration=registration)
    smtp_server.clear()
    assert send_support_booked.call(booking.pk) == 1
    check_links(_one(smtp_server, "person7@example.org"), expect_internal=1)


SENDERS = {
    "core/accounts.py:invite": test_staff_account_invitation_link,
    "events/tasks.py:send_registration_mail": test_registration_confirmation_waitlist_and_promotion_links,
    "events/tasks.py:send_personal_link_mail": test_personal_link_resend_links,
    "events/tasks.py:send_cancellation_confirmation": test_registration_confirmation_waitlist_and_promotion_links,
    "events/tasks.py:send_promotion_mail": test_registration_confirmation_waitlist_and_promotion_links,
    "events/tasks.py:send_certificate": test_feedback_invitation_and_certificate_links,
    "events/tasks.py:send_cancellation_notices": test_event_cancellation_notice_links,
    "events/tasks.py:send_reminders": test_reminder_links,
    "events/tasks.py:send_feedback_invitations": test_feedback_invitation_and_certificate_links,
    "events/tasks.py:send_feedback_invitation": test_feedback_invitation_and_certificate_links,
    "mailings/services.py:send_confirmation_mail": test_double_opt_in_mail_link_opens_in_the_subscribers_language,
    "mailings/services.py:send_test": test_infoletter_test_send_links_open_and_change_nothing,
    "core/delivery.py:send": test_infoletter_issue_links_open_while_sending_and_outside_the_archive,
    "participantmail/services.py:send_test": test_participant_message_links_open_and_the_test_send_shows_no_token,
    "networks/services.py:send_membership_request_mail": test_network_membership_request_and_meeting_invitation_links,
    "networks/services.py:send_pending_invitations": test_network_membership_request_and_meeting_invitation_links,
    "public/tasks.py:send_inquiry_confirmation": test_inquiry_acknowledgement_and_offer_question_links,
    "public/tasks.py:notify_company_of_inquiry": test_inquiry_acknowledgement_and_offer_question_links,
    "surveys/followups.py:send_pending": test_follow_up_survey_link,
    "events/tasks.py:send_support_booked": test_support_booked_message_links,
}


def _senders_in_src() -> set[str]:
    """Functions that call ``.send()`` on a message, ``send_mail``/``send_mass_mail`` or ``send_messages``."""
    found = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in ("send_mail", "send_mass_mail", "send_messages", "mail_admins", "mail_managers") or (
                    name == "send" and not node.args and not node.keywords
                ):
                    found.add(f"{path.relative_to(SRC).as_posix()}:{function.name}")
    return found


def test_every_kind_of_mail_is_covered():
    assert _senders_in_src() == set(SENDERS)
