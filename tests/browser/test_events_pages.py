"""Events in a real browser: every public, Leichte Sprache and staff page without axe violations (German and
English), and the main flows with the keyboard only: register, join the waiting list, cancel and get promoted."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from inklusio.contacts.models import Person
from inklusio.events import services
from inklusio.events.models import Contribution, Event, ProgrammeItem, Question, Registration
from tests.conftest import STAFF_PAGE_PREFIXES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _nine(days: int):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(9, 0)))


@pytest.fixture
def events(project):
    expert_day = Event.objects.create(
        project=project,
        kind=Event.Kind.CONFERENCE_DAY,
        title="Fachtag Frankfurt",
        slug="fachtag-frankfurt",
        starts_at=_nine(5),
        ends_at=_nine(5) + timedelta(hours=7),
        venue="Saalbau Gallus",
        address="Frankenallee 111\n60326 Frankfurt am Main",
        accessibility_info="Stufenloser Zugang, Induktionsschleife.",
        description="Ein Fachtag zu inklusiver Ausbildung.",
        description_easy="Ein Treffen.\nEs geht um Ausbildung.",
        capacity=1,
        visibility=Event.Visibility.PUBLIC,
    )
    congress = Event.objects.create(
        project=project,
        kind=Event.Kind.ONLINE_CONGRESS,
        title="Online-Kongress",
        slug="kongress",
        starts_at=_nine(20),
        ends_at=_nine(20) + timedelta(hours=6),
        room_url="https://meet.example.org/kongress",
        visibility=Event.Visibility.PUBLIC,
    )
    closed = Event.objects.create(
        project=project,
        title="Abgesagter Fachtag",
        slug="abgesagt",
        starts_at=_nine(30),
        ends_at=_nine(30) + timedelta(hours=5),
        visibility=Event.Visibility.PUBLIC,
        cancelled=True,
    )
    item = ProgrammeItem.objects.create(
        event=congress,
        starts_at=congress.starts_at,
        ends_at=congress.starts_at + timedelta(hours=1),
        title="Auszubildende berichten",
        format="panel",
        room_url="https://stream.example.org/1",
    )
    speaker = Person.objects.create(first_name="Lena", last_name="Kaya", email="lena@example.org")
    Contribution.objects.create(item=item, person=speaker, perspective="apprentice_with_disability")
    Question.objects.create(event=expert_day, text="Essenswunsch", kind="choice", choices="vegan\nalles")
    Question.objects.create(event=expert_day, text="Hotel gewünscht?", kind="yes_no", required=True)
    attendee, _ = services.register(
        congress.pk,
        services.RegistrationData(
            email="ayse@example.org",
            first_name="Ayşe",
            last_name="Yılmaz",
            support_needs={"sign_language": ""},
            support_consent=True,
        ),
    )
    Registration.objects.filter(pk=attendee.pk).update(created=timezone.now() - timedelta(days=3))
    services.register(
        congress.pk, services.RegistrationData(email="ben@example.org", first_name="Ben", last_name="Ott")
    )
    # running now, whatever the time of day the suite runs at (a fixed 9:00–15:00 was past by the afternoon)
    Event.objects.filter(pk=congress.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() + timedelta(hours=2)
    )
    services.check_in(Registration.objects.get(pk=attendee.pk), timezone.localdate())
    return {"expert_day": expert_day, "congress": congress, "closed": closed, "item": item, "attendee": attendee}


def public_pages(data):
    token = data["attendee"].token
    return [
        "/events/",
        "/events/fachtag-frankfurt/",
        "/events/kongress/",
        "/events/kongress/programme/",
        "/events/fachtag-frankfurt/register/",
        "/events/fachtag-frankfurt/registered/",
        "/events/abgesagt/",
        "/events/abgesagt/register/",
        f"/events/r/{token}/",
        f"/events/r/{token}/change/",
        f"/events/r/{token}/cancel/",
        f"/events/r/{token}/feedback/",
        "/leichte-sprache/events/",
        "/leichte-sprache/events/fachtag-frankfurt/",
        "/leichte-sprache/events/kongress/",
    ]


def staff_pages(data):
    e, c = data["expert_day"].pk, data["congress"].pk
    return [
        "/staff/events/",
        "/staff/events/new/",
        f"/staff/events/{c}/",
        f"/staff/events/{c}/edit/",
        f"/staff/events/{c}/programme/new/",
        f"/staff/events/{c}/programme/{data['item'].pk}/",
        f"/staff/events/{e}/questions/new/",
        f"/staff/events/{c}/participants/",
        f"/staff/events/{c}/participants/?q=yilmaz&status=confirmed",
        f"/staff/events/{c}/support-needs/",
        f"/staff/events/{c}/support-needs/?details=1",
        f"/staff/events/{c}/check-in/",
        f"/staff/events/{c}/check-in/?q=Yılmaz",
        f"/staff/events/{c}/check-in/list/",
        f"/staff/events/{c}/feedback/",
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_have_no_axe_violations(page, events, axe, prefix):
    for path in public_pages(events):
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert page.locator("html").get_attribute("lang") == (prefix.strip("/") or "de"), path
        axe(page)


@pytest.mark.parametrize("prefix", STAFF_PAGE_PREFIXES)
def test_staff_pages_have_no_axe_violations(page, login, staff, events, axe, prefix):
    login(staff)
    for path in staff_pages(events):
        response = page.goto(prefix + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        axe(page)
    page.goto(prefix + f"/staff/events/{events['congress'].pk}/")
    assert page.locator("figure.chart svg").count() == 1


def test_registration_errors_are_summarised_and_accessible(page, events, axe):
    page.goto("/events/fachtag-frankfurt/register/")
    page.click("main button[type=submit]")
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()  # waits for the answer
    expect(summary).to_be_focused()  # waits for the page's script to move the focus
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    axe(page)


def _register_by_keyboard(page, keyboard, first, last, email):
    page.goto("/events/fachtag-frankfurt/")
    keyboard(page, "main a[href$='/register/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/")
    keyboard(page, "#id_first_name")
    page.keyboard.type(first)
    page.keyboard.press("Tab")
    page.keyboard.type(last)
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    keyboard(page, "input[name^='q_'][value='yes']")  # the required yes/no question: a radio group
    page.keyboard.press("ArrowDown")  # arrow keys move within the group to "Nein"
    assert page.locator("input[name^='q_'][value='no']").is_checked()
    keyboard(page, "#id_privacy_consent")
    page.keyboard.press("Space")
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    # The same answer for every address (issue #14); the personal link comes by mail.
    page.wait_for_url("**/fachtag-frankfurt/registered/")
    assert "Bitte schauen Sie in Ihr Postfach" in page.inner_text("main")
    sent = [m for m in mail.outbox if m.to == [email]]
    link = re.search(r"https?://\S+/events/r/\S+/", sent[-1].body).group(0)
    page.goto("/events/" + link.split("/events/", 1)[1])


def test_register_waitlist_cancel_and_promotion_by_keyboard(page, events, keyboard, axe, tmp_path):
    page.goto("/events/fachtag-frankfurt/registered/")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(tmp_path / f"registered-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    _register_by_keyboard(page, keyboard, "Jonas", "Becker", "jonas@example.org")
    assert "Sie haben einen Platz" in page.inner_text("main")
    first_url = page.url
    axe(page)

    _register_by_keyboard(page, keyboard, "Mia", "Schulz", "mia@example.org")
    assert "Nummer 1 auf der Warteliste" in page.inner_text("main")
    second_url = page.url

    mail.outbox.clear()
    page.goto(first_url)
    keyboard(page, "main a[href$='/cancel/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cancel/")
    axe(page)
    keyboard(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(first_url)
    assert "abgesagt" in page.inner_text("main")

    promotion = [m for m in mail.outbox if m.to == ["mia@example.org"]]
    assert len(promotion) == 1
    link = re.search(r"https?://\S+/events/r/\S+/", promotion[0].body).group(0)
    path = link.split("/events/", 1)[1]
    page.goto("/events/" + path)
    assert page.url == second_url
    assert "Sie haben einen Platz" in page.inner_text("main")
    expert_day = events["expert_day"]
    assert list(expert_day.registrations.filter(status="confirmed").values_list("person__email", flat=True)) == [
        "mia@example.org"
    ]
