"""The staff overview per role (core.dashboard collects every app's panels) and the grouped navigation."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from inklusio.contacts.models import Inquiry
from inklusio.core.dashboard import dashboard_panels_for
from inklusio.events.models import Event, Registration
from inklusio.mailings.models import Delivery, Mailing
from inklusio.networks.models import Meeting
from tests.core.dashboard_world import World, at, build_world
from tests.mailings.factories import subscriber as make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user) -> World:
    return build_world(make_user)


def panels_of(user):
    with translation.override("en"):
        return {panel.key: panel for panel in dashboard_panels_for(user, timezone.localdate())}


def labels(panel):
    return [item.label for item in panel.items]


def main_html(client, user):
    client.force_login(user)
    response = client.get("/en/staff/")
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- what each role sees -----------------------------------------------------------------------------------


def test_lead_sees_every_area_with_its_state(world):
    panels = panels_of(world.lead)
    assert set(panels) == {"events", "inquiries", "mailings", "meetings", "impact", "projects", "imports"}

    events = panels["events"]
    assert labels(events) == ["Fachtag Kassel"]  # the cancelled one is left out
    assert "2 of 2 seats taken, 1 on the waiting list" in events.items[0].detail
    assert events.items[0].flag == "full"
    assert events.summary == "2 new registrations since yesterday."  # the third signed up five days ago

    inquiries = panels["inquiries"]
    assert labels(inquiries) == ["Frage zur Ausbildung", "Kooperation Kammer", "Presseanfrage"]  # overdue first
    assert [item.flag for item in inquiries.items] == ["overdue", "", ""]
    assert "assigned to sam" in inquiries.items[0].detail
    assert "nobody assigned" in inquiries.items[2].detail
    assert inquiries.summary == "3 open inquiries, 1 of them overdue."

    mailing = panels["mailings"].items
    assert [item.label for item in mailing] == ["Infoletter 3/2026"]
    assert "3 of 4 messages handled (75 %)" in mailing[0].detail

    assert labels(panels["meetings"]) == ["Treffen Nord", "Treffen Rhein"]
    assert labels(panels["impact"]) == ["Expert days"]  # 0 of 10, half the project gone
    assert panels["impact"].items[0].flag == "behind"
    assert labels(panels["imports"]) == ["fremd.csv"]  # only the uploader may review an import


def test_staff_sees_their_own_imports_of_both_kinds_in_one_panel(world):
    panels = panels_of(world.staff)
    assert labels(panels["imports"]) == ["adressen.csv", "abonnenten.csv"]
    assert panels["imports"].items[0].url == f"/en/staff/contacts/import/{world.contact_import.pk}/"


def test_coordinator_sees_only_their_networks_next_meetings(world):
    panels = panels_of(world.coordinator)
    assert set(panels) == {"meetings", "projects"}
    assert labels(panels["meetings"]) == ["Treffen Nord"]
    assert panels["meetings"].items[0].flag == "invitations not sent"
    assert any(action.label == "Plan a meeting" for action in panels["meetings"].actions)


def test_coordinator_without_a_network_is_told_whom_to_ask(make_user, world):
    lonely = make_user("network_coordinator", username="lonely")
    panel = panels_of(lonely)["meetings"]
    assert panel.items == [] and "Ask the project lead" in panel.empty


def test_reviewer_sees_the_figures_first_and_no_work_actions(world, client):
    panels = dashboard_panels_for(world.reviewer, timezone.localdate())
    assert panels[0].key == "impact"  # the figures come first for the funder's reviewer
    with translation.override("en"):
        by_key = panels_of(world.reviewer)
    assert by_key["impact"].title == "Figures against their targets"
    assert "imports" not in by_key
    html = main_html(client, world.reviewer)
    for action in ["Log an inquiry", "Plan an event", "Write a mailing", "Create a project", "Plan a meeting"]:
        assert action not in html


@pytest.mark.parametrize("role", ["lead", "staff", "coordinator", "reviewer"])
def test_every_link_on_the_overview_opens_for_that_role(world, client, role):
    """A role sees links only where it has the permission: none ends in 403 or 404."""
    user = getattr(world, role)
    html = main_html(client, user)
    links = set(re.findall(r'href="(/[^"]+)"', html))
    assert links
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


def test_user_without_role_gets_a_hint_not_an_error(make_user, client):
    html = main_html(client, make_user(None))
    assert "nothing here for your role yet" in html


def test_empty_states_say_what_to_do_next(lead):
    panels = panels_of(lead)
    assert "Plan the next one under Events" in panels["events"].empty
    assert [a.label for a in panels["events"].actions] == ["Plan an event", "All events"]
    assert "log it under Inquiries" in panels["inquiries"].empty
    assert "Write the next Infoletter" in panels["mailings"].empty
    assert "No project runs today" in panels["impact"].empty
    assert "Create the project you are working on" in panels["projects"].empty
    assert "imports" not in panels  # nothing waiting: no box


def test_targets_met_say_so(world):
    world.project.impact_targets.update(target=0)
    impact = panels_of(world.lead)["impact"]
    assert impact.items == [] and impact.empty == "Every indicator with a target is on track."


def test_closed_inquiries_and_past_meetings_stay_off(world):
    world.overdue.outcome = Inquiry.Outcome.REFERRED
    world.overdue.save()
    Meeting.objects.filter(pk=world.own_meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() - timedelta(hours=20)
    )
    panels = panels_of(world.lead)
    assert labels(panels["inquiries"]) == ["Kooperation Kammer", "Presseanfrage"]
    assert panels["inquiries"].summary == "2 open inquiries, 0 of them overdue."
    assert labels(panels["meetings"]) == ["Treffen Rhein"]


def test_german_overview(world, client):
    client.force_login(world.lead)
    html = client.get("/staff/").content.decode()
    assert "Offene Kontaktaufnahmen" in html and "überfällig" in html and "Kommende Veranstaltungen" in html
    assert "2 von 2 Plätzen belegt, 1 auf der Warteliste" in html and "Menü" in html


# --- bounded queries ---------------------------------------------------------------------------------------


def _more_data(world, n):
    today = timezone.localdate()
    for i in range(n):
        event = Event.objects.create(
            project=world.project,
            title=f"Mehr {i}",
            slug=f"mehr-{i}",
            starts_at=at(today + timedelta(days=20 + i)),
            ends_at=at(today + timedelta(days=20 + i), 12),
            capacity=5,
        )
        person = world.event.registrations.first().person
        Registration.objects.create(event=event, person=person, status="confirmed", privacy_notice_version="1")
        Inquiry.objects.create(
            project=world.project,
            received_on=today,
            channel="phone",
            topic=f"Anfrage {i}",
            assignee=world.staff,
            follow_up_on=today - timedelta(days=i),
        )
        mailing = Mailing.objects.create(subject=f"Brief {i}", body="x", status=Mailing.Status.PAUSED)
        Delivery.objects.create(mailing=mailing, subscriber=make_subscriber(f"more{i}@example.org"))
        Meeting.objects.create(
            network=world.own_meeting.network,
            title=f"Treffen {i}",
            starts_at=at(today + timedelta(days=30 + i)),
            ends_at=at(today + timedelta(days=30 + i), 11),
        )


@pytest.mark.parametrize("role", ["lead", "coordinator", "reviewer"])
def test_queries_do_not_grow_with_the_data(world, client, role, django_assert_max_num_queries):
    user = getattr(world, role)
    client.force_login(user)
    client.get("/staff/")  # sessions, permissions cache
    client.mark_seen()
    with CaptureQueriesContext(connection) as few:
        assert client.get("/staff/").status_code == 200
    _more_data(world, 12)
    client.mark_seen()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/staff/").status_code == 200
    with django_assert_max_num_queries(40):
        client.get("/staff/")


def test_lists_are_limited(world):
    _more_data(world, 12)
    panels = panels_of(world.lead)
    assert len(panels["inquiries"].items) == 8
    assert panels["inquiries"].summary == "15 open inquiries, 12 of them overdue."
    assert len(panels["events"].items) == 5
    assert len(panels["meetings"].items) == 5


# --- the navigation ----------------------------------------------------------------------------------------


def nav_html(client, user, path="/en/staff/"):
    client.force_login(user)
    html = client.get(path).content.decode()
    return html[html.index('<nav class="staff-nav"') : html.index("</nav>", html.index('<nav class="staff-nav"'))]


def test_navigation_is_grouped_into_sections_in_order(world, client):
    nav = nav_html(client, world.lead)
    sections = re.findall(r'<details class="staff-nav__section"[^>]*><summary>([^<]+)</summary>', nav)
    assert sections == ["Contacts", "Events", "Communication", "Networks", "Impact", "Administration"]
    assert nav.count('<a class="kern-link"') == 22  # the overview and 21 areas (finance the 21st), none lost
    assert '<details class="kern-container staff-nav__menu">' in nav  # collapsed unless the wide-screen CSS opens it
    assert " open>" not in nav  # on the overview, no section is the current one


def test_current_section_is_open_and_only_the_exact_link_is_current(world, client):
    nav = nav_html(client, world.lead, "/en/staff/contacts/organisations/")
    assert '<details class="staff-nav__section" open><summary>Contacts</summary>' in nav
    assert nav.count(" open>") == 1
    assert re.findall(r'href="([^"]+)" aria-current="page"', nav) == ["/en/staff/contacts/organisations/"]


def test_navigation_shows_only_what_the_role_may_open(world, client):
    coordinator = nav_html(client, world.coordinator)
    assert re.findall(r"<summary>([^<]+)</summary>", coordinator) == [
        "Communication",
        "Networks",
        "Administration",
    ]  # messages to their network
    reviewer = nav_html(client, world.reviewer)
    assert "Users &amp; roles" not in reviewer and "Audit log" not in reviewer
    assert "Contacts" in reviewer and "Impact" in reviewer


def test_reviewer_empty_states_do_not_ask_for_work_they_cannot_do(make_user):
    panels = panels_of(make_user("read_only"))
    assert panels["events"].empty == "No upcoming events."
    assert panels["inquiries"].empty == "No open inquiries."
    assert panels["mailings"].empty == "No mailing is being sent or scheduled."
    assert [a.label for a in panels["events"].actions] == ["All events"]
