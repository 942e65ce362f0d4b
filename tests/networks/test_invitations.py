"""Invitations by email with an .ics file, received by a real SMTP server on loopback; replies without login."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from inklusio.networks import services
from inklusio.networks.models import Invitation

pytestmark = pytest.mark.django_db


def _reply_path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_invitations_arrive_with_ics_and_reply_link_works(world, smtp_server, client_for, client,
                                                         django_capture_on_commit_callbacks):  # fmt: skip
    a = world["a"]
    staff_client = client_for(a.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("networks:meeting_invite", args=[a.future.pk]))
    assert response.status_code == 302
    # current members only: the three current ones, not the former member, not other networks
    received = {m["To"] for m in smtp_server.messages}
    assert received == {p.email for p in a.members}
    assert a.former.email not in received
    message = smtp_server.to(a.members[1].email)[0]
    assert "Netzwerk A" in message["Subject"] and "Treffen A neu" in message["Subject"]
    assert message["From"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Rathaus A" in body
    url = re.search(r"https?://\S+/networks/reply/\S+/", body).group(0)
    attachments = list(message.iter_attachments())
    assert [part.get_content_type() for part in attachments] == ["text/calendar"]
    calendar = Calendar.from_ical(attachments[0].get_content())
    event = calendar.walk("VEVENT")[0]
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert event.decoded("DTSTART") == a.future.starts_at
    assert event.decoded("DTEND") == a.future.ends_at
    assert "Treffen A neu" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Rathaus A"
    assert str(event["URL"]) == url
    assert str(event["UID"]).startswith(f"network-meeting-{a.future.pk}@")
    invitation = Invitation.objects.get(meeting=a.future, person=a.members[1])
    assert invitation.sent_at is not None

    # the personal link, without login
    path = _reply_path(url)
    page = client.get(path)
    assert page.status_code == 200
    assert "Treffen A neu" in page.content.decode()
    invitation.refresh_from_db()
    assert invitation.reply == "none"  # looking at the page (or a mail scanner) does not answer
    assert client.post(path, {"reply": "yes"}).status_code == 200
    invitation.refresh_from_db()
    assert invitation.reply == "yes" and invitation.replied_at is not None
    assert client.post(path, {"reply": "no"}).status_code == 200
    invitation.refresh_from_db()
    assert invitation.reply == "no"
    assert client.post(path, {"reply": "maybe"}).status_code == 400
    invitation.refresh_from_db()
    assert invitation.reply == "no"
    assert client.get(path.replace(invitation.token, invitation.token[:-2] + "xx")).status_code == 404
    # English version of the reply page
    assert client.get("/en" + path).status_code == 200


def test_inviting_twice_sends_nobody_a_second_message(world, smtp_server, django_capture_on_commit_callbacks):
    a = world["a"]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invite_members(a.future)
    count = len(smtp_server.messages)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.invite_members(a.future)
    # one invitation existed from the fixture (not sent yet): it is sent with the first batch
    assert first == 2 and second == 0
    assert count == 3 and len(smtp_server.messages) == 3


def test_failed_delivery_leaves_invitation_unsent_for_a_retry(world, smtp_server, django_capture_on_commit_callbacks):
    from inklusio.networks.tasks import retry_invitations

    a, b = world["a"], world["b"]
    smtp_server.fail_with = "451 try later"
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_members(a.future)
    assert Invitation.objects.filter(meeting=a.future, sent_at__isnull=True).count() == 3
    assert smtp_server.messages == []
    smtp_server.fail_with = None
    # the periodic job sends what is pending for meetings ahead (B's fixture invitation too), never a past one
    result = retry_invitations.enqueue()
    assert result.return_value == 4
    assert len(smtp_server.messages) == 4
    assert Invitation.objects.filter(meeting=a.future, sent_at__isnull=True).count() == 0
    assert Invitation.objects.get(meeting=b.past, person=b.members[0]).sent_at is None
    assert retry_invitations.enqueue().return_value == 0


def test_no_invitations_for_a_meeting_that_started(world, client_for):
    a = world["a"]
    with pytest.raises(services.ValidationError):
        services.invite_members(a.past)
    response = client_for(a.coordinator).post(reverse("networks:meeting_invite", args=[a.past.pk]), follow=True)
    assert response.status_code == 200
    assert not Invitation.objects.filter(meeting=a.past, person=a.members[1]).exists()


def test_reply_is_closed_after_the_meeting(world, client):
    a = world["a"]
    invitation = Invitation.objects.get(meeting=a.past, person=a.members[0])
    path = reverse("networks_public:reply", args=[invitation.token])
    assert client.get(path).status_code == 200
    assert client.post(path, {"reply": "yes"}).status_code == 400
    invitation.refresh_from_db()
    assert invitation.reply == "none"


def test_ics_for_an_online_meeting_has_the_link_as_location(world):
    from inklusio.networks.ics import meeting_calendar

    a = world["a"]
    a.future.format, a.future.venue, a.future.link = "online", "", "https://meet.example.org/a"
    a.future.ends_at = a.future.starts_at + timedelta(hours=1)
    event = Calendar.from_ical(meeting_calendar(a.future)).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "https://meet.example.org/a"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)
    assert event.decoded("DTSTAMP") <= timezone.now()
