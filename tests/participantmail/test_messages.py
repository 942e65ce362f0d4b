"""Recipients per group and role, placeholders, preview, test send, sending over real SMTP, pause and cancel."""

import pytest
from django.urls import reverse

from inklusio.contacts import suppression
from inklusio.core.extensions import timeline_for
from inklusio.events.models import Registration
from inklusio.participantmail import placeholders, services
from inklusio.participantmail.models import Message, MessageDelivery
from inklusio.participantmail.sending import run_sender

pytestmark = pytest.mark.django_db


def text_of(mail) -> str:
    return mail.get_body(("plain",)).get_content() + mail.get_body(("html",)).get_content()


def names(message):
    return sorted(r.person.first_name for r in services.recipients(message))


@pytest.mark.parametrize(
    ("groups", "on_past", "expected"),
    [
        (["confirmed"], False, ["Ada"]),
        (["waitlisted"], False, ["Bea"]),
        (["confirmed", "waitlisted"], False, ["Ada", "Bea"]),
        (["attended"], True, ["Dio"]),
        (["no_show"], True, ["Eva"]),
        (["no_show"], False, []),  # before the event nobody is a no-show
        (["confirmed"], True, ["Dio", "Eva"]),
    ],
)
def test_recipients_by_group_never_cancelled(world, make_message, groups, on_past, expected):
    message = make_message(event=world.past if on_past else world.event, groups=groups)
    assert names(message) == expected


def test_recipients_of_a_programme_item_are_its_contributors(world, make_message):
    assert names(make_message(item=world.item, groups=[])) == ["Gus"]


def test_network_message_reaches_current_members_only(world, make_message):
    message = make_message(network=world.networks[0], event=None, groups=[], body="Hallo {Vorname}")
    assert names(message) == ["InaNord", "JanNord"]


def test_erased_suppressed_and_addressless_people_are_left_out(world, make_message):
    message = make_message(groups=["confirmed", "waitlisted"])
    suppression.suppress(world.people["Bea"].email, reason="erasure")
    assert names(message) == ["Ada"]
    world.people["Ada"].email = ""
    world.people["Ada"].save()
    assert names(message) == []


def test_placeholders_fill_escape_and_refuse_unknown(world, make_message):
    world.people["Ada"].first_name = "<b>Ada</b>"
    world.people["Ada"].save()
    message = make_message(
        body="Hallo {Vorname}, [Ihre Seite]({personal link}) {Zugangslink}\n\n{date} · {venue} · {accessibility}"
    )
    registration = world.registrations["confirmed"]
    mail = services.PreparedMessage(message).email(world.people["Ada"], registration, to="ada@example.org")
    html = mail.alternatives[0][0]
    assert mail.subject == "Hinweis zu Fachtag Inklusive Ausbildung"
    assert "&lt;b&gt;Ada&lt;/b&gt;" in html and "<b>Ada</b>" not in html
    assert f'href="{registration.personal_link()}"' in html
    assert "Haus der Begegnung, Hauptstraße 1 60311 Frankfurt am Main" in mail.body
    assert "Induktionsschleife" in mail.body
    assert "List-Unsubscribe" not in mail.extra_headers  # a service message, no newsletter unsubscribe
    assert registration.personal_link() in mail.body  # the footer links the registration page
    assert placeholders.unknown("Hallo {Vornahme} {Vorname} {Vornahme}") == ["{Vornahme}"]
    message.body = "Hallo {Vornahme}"
    assert services.problems(message)


def test_network_messages_refuse_event_placeholders(world, make_message):
    message = make_message(network=world.networks[0], event=None, groups=[], body="Bis {Datum}")
    assert services.problems(message)


def test_preview_for_a_chosen_recipient_hides_the_personal_token(world, make_message):
    message = make_message(groups=["confirmed", "waitlisted"])
    bea = world.registrations["waitlisted"]
    preview = services.preview(message, world.people["Bea"].pk)
    assert "Hallo Bea" in preview["text"]
    assert bea.token not in preview["text"] and bea.token not in preview["html"]
    assert "…" in preview["text"]
    # someone who is not a recipient falls back to the first recipient
    assert "Hallo Ada" in services.preview(message, world.people["Gus"].pk)["text"]


def test_test_send_goes_to_the_writers_address_only(world, make_message, smtp_server, staff):
    message = make_message()
    assert services.send_test(message, staff, world.people["Ada"].pk) == staff.email
    assert len(smtp_server.messages) == 1
    assert smtp_server.envelopes[0].rcpt_tos == [staff.email]
    assert smtp_server.messages[0]["Subject"].startswith("[TEST] ")
    assert "Hallo Ada" in text_of(smtp_server.messages[0])
    assert world.registrations["confirmed"].token not in text_of(smtp_server.messages[0])
    assert not MessageDelivery.objects.exists()


def test_sending_over_smtp_reaches_each_once_and_lands_on_the_timeline(
    world, make_message, smtp_server, staff, django_capture_on_commit_callbacks
):
    message = make_message(groups=["confirmed", "waitlisted"])
    with django_capture_on_commit_callbacks(execute=True):  # the immediate task backend sends
        assert services.start_sending(message, actor=staff, expected_count=2) == 2
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    received = sorted(address for env in smtp_server.envelopes for address in env.rcpt_tos)
    assert received == ["ada.muster@example.org", "bea.muster@example.org"]
    mail = smtp_server.to("bea.muster@example.org")[0]
    assert world.registrations["waitlisted"].token in text_of(mail)
    entries = timeline_for(world.people["Ada"], staff)
    assert any(entry.text == message.subject for entry in entries)
    with pytest.raises(services.MessageError):
        services.start_sending(message, actor=staff)


def test_count_changed_since_confirmation_sends_nothing(world, make_message, staff):
    message = make_message()
    with pytest.raises(services.RecipientCountChanged):
        services.start_sending(message, actor=staff, expected_count=5)
    assert not MessageDelivery.objects.exists()


def test_person_cancelled_or_erased_meanwhile_is_skipped(world, make_message, settings, staff, smtp_server):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}
    message = make_message(groups=["confirmed", "waitlisted"])
    services.start_sending(message, actor=staff)
    Registration.objects.filter(pk=world.registrations["waitlisted"].pk).update(status=Registration.Status.CANCELLED)
    result = run_sender(message.pk)
    assert (result.sent, result.skipped) == (1, 1)


def test_pause_resume_and_cancel(world, make_message, settings, staff, smtp_server):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}
    message = make_message(groups=["confirmed", "waitlisted"])
    services.start_sending(message, actor=staff)
    services.pause(message, staff)
    assert run_sender(message.pk).sent == 0
    services.resume(message, staff)
    assert run_sender(message.pk, limit=1).sent == 1
    assert services.cancel(message, staff) == 1
    assert run_sender(message.pk).sent == 0
    progress = services.progress(message)
    assert (progress["sent"], progress["cancelled"], progress["left"]) == (1, 1, 0)
    assert len(smtp_server.messages) == 1
    with pytest.raises(services.MessageError):
        services.pause(message, staff)


def test_hard_bounce_marks_the_row(world, make_message, settings, staff, smtp_server):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}
    message = make_message()
    services.start_sending(message, actor=staff)
    smtp_server.fail_with = "550 no such user"
    assert run_sender(message.pk).bounced == 1
    assert MessageDelivery.objects.get().status == MessageDelivery.Status.BOUNCED


# --- pages and who may use them -----------------------------------------------------------------------------


def test_coordinator_writes_to_own_network_only(world, client):
    own, other = world.networks
    client.force_login(world.coordinators[0])
    url = reverse("participantmail:message_create")
    assert client.get(f"{url}?network={own.pk}").status_code == 200
    assert client.get(f"{url}?network={other.pk}").status_code == 404
    assert client.get(f"{url}?event={world.event.pk}").status_code == 404
    response = client.post(
        f"{url}?network={own.pk}", {"subject": "Treffen", "body": "Hallo {Vorname}", "language": "de"}
    )
    message = Message.objects.get()
    assert response.status_code == 302 and message.network == own
    assert client.get(reverse("participantmail:message_detail", args=[message.pk])).status_code == 200
    client.force_login(world.coordinators[1])
    for name in ["message_detail", "message_send", "message_update", "message_progress"]:
        assert client.get(reverse(f"participantmail:{name}", args=[message.pk])).status_code == 404


def test_sequential_ids_of_other_messages_give_404(world, client, staff, make_message):
    client.force_login(staff)
    message = make_message()
    for pk in [message.pk + 1, message.pk + 2]:
        assert client.get(reverse("participantmail:message_detail", args=[pk])).status_code == 404
    assert client.get(reverse("participantmail:message_create") + "?event=999999").status_code == 404
    assert client.get(reverse("participantmail:message_create") + "?event=x").status_code == 404


def test_compose_confirm_send_through_the_pages(world, client, staff, smtp_server, django_capture_on_commit_callbacks):
    client.force_login(staff)
    url = reverse("participantmail:message_create") + f"?event={world.event.pk}"
    response = client.post(
        url,
        {"groups": ["confirmed", "waitlisted"], "subject": "Hinweis", "body": "Hallo {Vornahme}", "language": "de"},
    )
    assert response.status_code == 200 and "{Vornahme}" in response.content.decode()
    client.post(
        url, {"groups": ["confirmed", "waitlisted"], "subject": "Hinweis", "body": "Hallo {Vorname}", "language": "de"}
    )
    message = Message.objects.get()
    detail = client.get(message.get_absolute_url())
    assert "Hallo Ada" in detail.content.decode()
    send_url = reverse("participantmail:message_send", args=[message.pk])
    confirm = client.get(send_url)
    assert "2 Personen" in confirm.content.decode() and 'name="confirm_count" value="2"' in confirm.content.decode()
    assert not smtp_server.messages  # a GET never sends
    client.post(send_url, {"confirm_count": "3"})  # a stale count shows the page again
    assert not smtp_server.messages
    with django_capture_on_commit_callbacks(execute=True):
        client.post(send_url, {"confirm_count": "2"})
    assert len(smtp_server.messages) == 2


def test_the_audience_step_lists_recent_and_coming_events_and_an_older_one_stays_reachable(world, client, staff):
    from datetime import timedelta

    from inklusio.events.models import Event

    start = world.event.starts_at - timedelta(days=800)
    old = Event.objects.create(project=world.event.project, title="Fachtag 2023", slug="fachtag-2023",
                               starts_at=start, ends_at=start + timedelta(hours=7))  # fmt: skip
    client.force_login(staff)
    body = client.get(reverse("participantmail:message_create")).content.decode()
    assert "Fachtag Inklusive Ausbildung" in body and "Fachtag 2023" not in body
    assert client.get(reverse("participantmail:message_create"), {"event": old.pk}).status_code == 200
