"""Issue 16 (6, 7): actions that must not act too early or too widely, staff registration, walk-ins, the phone
check-in."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.core.models import AuditEvent
from inklusio.events import bulk, figures, services
from inklusio.events.models import Attendance, Event, Registration

from .conftest import end_event, start_event

pytestmark = pytest.mark.django_db


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


# --- the check-in window ---------------------------------------------------------------------------------------


def test_check_in_opens_on_the_event_day_by_default(event, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    first_day = event.days()[0]
    with pytest.raises(services.RegistrationError) as error:
        services.check_in(registration, first_day)  # ten days early
    assert error.value.code == "not_open_yet"
    assert services.check_in_opens_at(event) == _at(first_day, 0)
    just_before = _at(first_day, 0) - timedelta(minutes=1)
    assert services.check_in_refusal(event, first_day, now=just_before) == "not_open_yet"
    assert services.check_in_refusal(event, first_day, now=_at(first_day, 7)) == ""
    attendance, created = services.check_in(registration, first_day, now=_at(first_day, 7))
    assert created and attendance.day == first_day


def test_check_in_window_follows_the_setting(event, settings):
    settings.EVENTS_CHECK_IN_OPENS_HOURS = 2
    assert services.check_in_opens_at(event) == event.starts_at - timedelta(hours=2)
    first_day = event.days()[0]
    assert services.check_in_refusal(event, first_day, now=event.starts_at - timedelta(hours=3)) == "not_open_yet"
    assert services.check_in_refusal(event, first_day, now=event.starts_at - timedelta(hours=1)) == ""


def test_check_in_refuses_a_later_day_of_the_event_and_a_cancelled_event(make_event, reg_data):
    event = make_event(capacity=None)
    start_event(event)
    # Two whole local days, whatever the hour the test runs at (now - 1 h can be late in the evening).
    day = timezone.localdate()
    Event.objects.filter(pk=event.pk).update(starts_at=_at(day, 0), ends_at=_at(day + timedelta(days=1), 12))
    event.refresh_from_db()
    today, tomorrow = event.days()
    assert today == day
    assert services.check_in_refusal(event, tomorrow) == "future_day"
    assert services.check_in_refusal(event, today) == ""
    assert services.check_in_refusal(event, today + timedelta(days=5)) == "not_an_event_day"
    Event.objects.filter(pk=event.pk).update(cancelled=True)
    event.refresh_from_db()
    assert services.check_in_refusal(event, today) == "cancelled"


def test_check_in_page_says_when_it_opens_and_records_nothing_early(client, staff, event, reg_data):
    registration, _ = services.register(event.pk, reg_data(1, last_name="Yilmaz"))
    client.force_login(staff)
    page = client.get(f"/staff/events/{event.pk}/check-in/?q=yilmaz").content.decode()
    assert "Der Check-in öffnet am" in page
    assert "Yilmaz" in page and f"check-in-button-{registration.pk}" not in page  # no button that would fail
    response = client.post(f"/staff/events/{event.pk}/check-in/{registration.pk}/", {"day": event.days()[0]})
    assert response.status_code == 302 and response.url.endswith(f"#reg-{registration.pk}")
    assert not Attendance.objects.exists()
    client.post(f"/staff/events/{event.pk}/check-in/list/record/", {"present": [registration.pk]})
    assert not Attendance.objects.exists()


# --- after the end only: certificates and feedback invitations ---------------------------------------------------


def test_certificates_and_feedback_refused_before_the_end_with_a_reason(event, reg_data):
    registration, _ = services.register(event.pk, reg_data(1))
    start_event(event)
    registration.refresh_from_db()
    services.check_in(registration, timezone.localdate())
    with pytest.raises(bulk.ActionRefused, match="nach dem Ende|after the event has ended"):
        bulk.send_certificates(event)
    with pytest.raises(bulk.ActionRefused, match="nach dem Ende|after the event has ended"):
        bulk.invite_feedback(event)
    assert not AuditEvent.objects.filter(action__in=["events.send_certificates", "events.invite_feedback"]).exists()


def test_confirmed_counts_equal_the_recipients_really_sent_to(
    event, reg_data, mailoutbox, django_capture_on_commit_callbacks
):
    event.capacity = None
    event.save()
    regs = [services.register(event.pk, reg_data(n))[0] for n in range(4)]
    start_event(event)
    for registration in regs[:3]:
        registration.refresh_from_db()
        services.check_in(registration, timezone.localdate())
    end_event(event)
    mailoutbox.clear()
    shown = bulk.feedback_recipients(event).count()
    with django_capture_on_commit_callbacks(execute=True):
        sent = bulk.invite_feedback(event)
    assert shown == sent == len(mailoutbox) == 3
    assert bulk.feedback_recipients(event).count() == 0  # each asked once
    mailoutbox.clear()
    shown = bulk.certificate_recipients(event).count()
    with django_capture_on_commit_callbacks(execute=True):
        sent = bulk.send_certificates(event)
    assert shown == sent == len(mailoutbox) == 3


def test_feedback_invitation_of_one_event_does_not_reach_another(
    make_event, reg_data, mailoutbox, django_capture_on_commit_callbacks
):
    this, other = make_event(capacity=None), make_event(capacity=None)
    for n, ev in enumerate([this, other]):
        registration, _ = services.register(ev.pk, reg_data(n))
        start_event(ev)
        registration.refresh_from_db()
        services.check_in(registration, timezone.localdate())
        end_event(ev)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert bulk.invite_feedback(this) == 1
    assert [m.to for m in mailoutbox] == [["person0@example.org"]]


# --- publish, staff registration, walk-in -------------------------------------------------------------------------


def test_publish_and_unpublish(client, staff, make_event):
    event = make_event(visibility=Event.Visibility.DRAFT)
    client.force_login(staff)
    assert client.get(f"/events/{event.slug}/").status_code == 404
    assert client.get(f"/staff/events/{event.pk}/publish/").status_code == 405  # GET never acts
    client.post(f"/staff/events/{event.pk}/publish/", {"publish": "1"})
    assert Event.objects.get(pk=event.pk).visibility == "public"
    assert client.get(f"/events/{event.slug}/").status_code == 200
    client.post(f"/staff/events/{event.pk}/publish/", {"publish": "0"})
    assert Event.objects.get(pk=event.pk).visibility == "draft"
    assert AuditEvent.objects.filter(action="events.unpublish").exists()


def test_edit_form_has_no_visibility_field(client, staff, event):
    client.force_login(staff)
    page = client.get(f"/staff/events/{event.pk}/edit/").content.decode()
    assert 'name="visibility"' not in page


@pytest.mark.parametrize("role", ["read_only", "network_coordinator"])
def test_reviewer_and_coordinator_cannot_publish_register_check_in_or_send(client, make_user, event, reg_data, role):
    registration, _ = services.register(event.pk, reg_data(1))
    start_event(event)
    client.force_login(make_user(role))
    base = f"/staff/events/{event.pk}"
    assert client.post(f"{base}/publish/", {"publish": "0"}).status_code == 403
    assert client.post(f"{base}/participants/add/", {"first_name": "A", "last_name": "B"}).status_code == 403
    assert client.post(f"{base}/check-in/walk-in/", {"first_name": "A", "last_name": "B"}).status_code == 403
    assert client.post(f"{base}/check-in/{registration.pk}/", {}).status_code == 403
    assert client.post(f"{base}/certificates/send/", {"confirm_count": "1"}).status_code == 403
    assert client.post(f"{base}/feedback/invite/", {"confirm_count": "1"}).status_code == 403
    assert Event.objects.get(pk=event.pk).visibility == "public"
    assert Registration.objects.count() == 1 and not Attendance.objects.exists()


def test_staff_registration_is_recorded_as_staff_and_respects_seats(client, staff, make_event, reg_data):
    event = make_event(capacity=1)
    services.register(event.pk, reg_data(1))
    client.force_login(staff)
    url = f"/staff/events/{event.pk}/participants/add/"
    response = client.post(url, {"first_name": "Ute", "last_name": "Kraus", "email": "ute@example.org"})
    assert response.status_code == 302
    registration = Registration.objects.get(person__email="ute@example.org")
    assert registration.source == "staff" and registration.status == "waitlisted"  # the only seat is taken
    again = client.post(url, {"first_name": "Ute", "last_name": "Kraus", "email": "UTE@example.org"})
    assert "schon für die Veranstaltung angemeldet" in again.content.decode()
    bad = client.post(url, {"first_name": "", "last_name": "Kraus", "email": "kein-email"})
    assert bad.status_code == 200 and Registration.objects.count() == 2


def test_staff_registration_refused_for_past_and_cancelled_events(make_event):
    person = Person.objects.create(first_name="A", last_name="B", email="ab@example.org")
    past = end_event(make_event())
    with pytest.raises(services.RegistrationError) as error:
        services.register_by_staff(past, person)
    assert error.value.code == "past"
    cancelled = make_event(cancelled=True)
    with pytest.raises(services.RegistrationError) as error:
        services.register_by_staff(cancelled, person)
    assert error.value.code == "cancelled"


def test_walk_in_is_registered_and_checked_in_at_once_even_when_full(client, staff, make_event, reg_data):
    event = make_event(capacity=1)
    known, _ = services.register(event.pk, reg_data(1))
    start_event(event)
    client.force_login(staff)
    url = f"/staff/events/{event.pk}/check-in/walk-in/"
    response = client.post(url, {"first_name": "Nele", "last_name": "Neu", "email": ""})
    walk_in = Registration.objects.get(person__last_name="Neu")
    assert response.status_code == 302 and response.url.endswith(f"#reg-{walk_in.pk}")
    assert walk_in.source == "walk_in" and walk_in.status == "confirmed"
    assert walk_in.attendances.filter(day=timezone.localdate()).exists()
    # someone already confirmed is only checked in, not counted as a walk-in
    client.post(url, {"first_name": "x", "last_name": "y", "email": known.person.email})
    known.refresh_from_db()
    assert known.source == "public" and known.attendances.exists()
    assert services.registration_counts(event)["walk_ins"] == 1
    assert services.registration_counts(event)["attended"] == 2


def test_walk_in_refused_before_check_in_opens(client, staff, event):
    client.force_login(staff)
    url = f"/staff/events/{event.pk}/check-in/walk-in/"
    page = client.get(url).content.decode()
    assert "Der Check-in öffnet am" in page and 'name="first_name"' not in page
    client.post(url, {"first_name": "Nele", "last_name": "Neu"})
    assert not Registration.objects.exists()


# --- the phone check-in ------------------------------------------------------------------------------------------


def test_htmx_check_in_answers_with_the_row_and_the_count(client, staff, event, reg_data):
    registration, _ = services.register(
        event.pk,
        reg_data(1, last_name="Gebärde", support_needs={"sign_language": "DGS bitte"}, support_consent=True),
    )
    start_event(event)
    client.force_login(staff)
    response = client.post(
        f"/staff/events/{event.pk}/check-in/{registration.pk}/",
        {"day": timezone.localdate().isoformat(), "q": "gebärde"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="reg-{registration.pk}"' in body and 'id="check-in-count"' in body and "hx-swap-oob" in body
    assert "Gebärdensprachdolmetschen" in body and "DGS bitte" in body
    assert Attendance.objects.filter(registration=registration).count() == 1


def test_support_needs_on_the_check_in_page_only_for_roles_that_may_see_them(client, make_user, event, reg_data):
    services.register(
        event.pk, reg_data(1, last_name="Gebärde", support_needs={"sign_language": ""}, support_consent=True)
    )
    start_event(event)
    url = f"/staff/events/{event.pk}/check-in/?q=gebärde"
    client.force_login(make_user("project_staff"))
    assert "Gebärdensprachdolmetschen" in client.get(url).content.decode()
    # a role that may check in but not see health data: the group's rights without view_supportneed
    from django.contrib.auth.models import Permission

    without_health_data = make_user("project_staff")
    rights = list(Permission.objects.filter(group__user=without_health_data).exclude(codename="view_supportneed"))
    without_health_data.groups.clear()
    without_health_data.user_permissions.set(rights)
    client.force_login(without_health_data)
    page = client.get(url).content.decode()
    assert "Gebärde" in page and "Gebärdensprachdolmetschen" not in page


def test_check_in_toggle_does_not_accept_a_registration_of_another_event(client, staff, make_event, reg_data):
    this, other = make_event(capacity=None), make_event(capacity=None)
    foreign, _ = services.register(other.pk, reg_data(1))
    start_event(this)
    start_event(other)
    client.force_login(staff)
    assert client.post(f"/staff/events/{this.pk}/check-in/{foreign.pk}/", {}).status_code == 404
    assert not Attendance.objects.exists()


# --- figures -----------------------------------------------------------------------------------------------------


def test_figures_of_a_future_event_ignore_check_ins_made_before_it(project, make_event, reg_data):
    event = make_event(capacity=None)
    registration, _ = services.register(event.pk, reg_data(1))
    Attendance.objects.create(registration=registration, day=event.days()[0])  # as the old, windowless check-in did
    assert services.registration_counts(event)["attended"] == 0
    assert figures.conference_day_participants(project, None, None) == 0
    assert figures.show_up_rate(project, None, None) is None
    start_event(event)
    Attendance.objects.filter(registration=registration).update(day=timezone.localdate())
    assert services.registration_counts(event)["attended"] == 1
    assert figures.conference_day_participants(project, None, None) == 1
    assert figures.show_up_rate(project, None, None) == 100.0


def test_a_scanned_personal_link_finds_only_a_registration_of_this_event(client, staff, make_event, reg_data):
    this, other = make_event(capacity=None), make_event(capacity=None)
    mine, _ = services.register(this.pk, reg_data(1, last_name="Scan"))
    foreign, _ = services.register(other.pk, reg_data(2, last_name="Fremd"))
    start_event(this)
    client.force_login(staff)
    url = f"/staff/events/{this.pk}/check-in/"
    found = client.post(url, {"token": mine.token}).content.decode()
    assert f'id="reg-{mine.pk}"' in found
    assert "Fremd" not in client.post(url, {"token": foreign.token}).content.decode()
    assert "<li" not in client.post(url, {"token": "x' OR 1=1 --"}).content.decode().split('id="check-in-rows"')[1]
    assert not Attendance.objects.exists()  # looking up checks nobody in


def test_personal_page_shows_the_check_in_code_only_while_it_is_useful(client, make_event, reg_data):
    event = make_event(capacity=1)
    confirmed, _ = services.register(event.pk, reg_data(1))
    waitlisted, _ = services.register(event.pk, reg_data(2))
    page = client.get(f"/events/r/{confirmed.token}/").content.decode()
    assert "Ihr Code für den Check-in" in page and "<svg" in page and "<?xml" not in page
    assert "<svg" not in client.get(f"/events/r/{waitlisted.token}/").content.decode()
    end_event(event)
    assert "<svg" not in client.get(f"/events/r/{confirmed.token}/").content.decode()
