"""Users & roles page and the audit log: lead only, every change recorded without personal data, append-only."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.core import audit
from inklusio.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["project_staff", "network_coordinator", "read_only"])
def test_only_the_lead_manages_users_and_reads_the_audit_log(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    for path in ["/staff/users/", "/staff/users/new/", f"/staff/users/{user.pk}/", "/staff/audit/"]:
        assert client.get(path).status_code == 403, path
    assert client.post(f"/staff/users/{user.pk}/", {"action": "role", "role": "project_lead"}).status_code == 403
    assert not user.groups.filter(name="project_lead").exists()


def test_the_lead_changes_a_role_and_it_is_audited_by_id(client, lead, make_user):
    other = make_user("read_only", username="rita", two_factor=True)
    client.force_login(lead)
    page = client.get("/en/staff/users/").content.decode()
    row = re.search(r"rita</a></td>(.*?)</tr>", page).group(1)
    assert "Read-only" in row and ">on<" in row and ">active<" in row
    response = client.post(f"/en/staff/users/{other.pk}/", {"action": "role", "role": "project_staff"})
    assert response.status_code == 302
    assert list(other.groups.values_list("name", flat=True)) == ["project_staff"]
    event = AuditEvent.objects.get(action="users.role_changed")
    assert event.actor == lead and event.subject == f"auth.user:{other.pk}"
    assert event.detail == {"user": other.pk, "before": "read_only", "after": "project_staff"}
    assert "rita" not in str(event.detail) + event.subject
    # the same role again changes nothing and records nothing
    client.post(f"/en/staff/users/{other.pk}/", {"action": "role", "role": "project_staff"})
    assert AuditEvent.objects.filter(action="users.role_changed").count() == 1


def test_bad_role_input_is_a_form_error(client, lead, make_user):
    other = make_user("read_only")
    client.force_login(lead)
    response = client.post(f"/en/staff/users/{other.pk}/", {"action": "role", "role": "superuser"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert client.get("/en/staff/users/99999/").status_code == 404


def test_the_last_active_lead_cannot_be_removed(client, lead):
    client.force_login(lead)
    response = client.post(f"/en/staff/users/{lead.pk}/", {"action": "role", "role": "read_only"})
    assert "at least one active project lead" in response.content.decode()
    response = client.post(f"/en/staff/users/{lead.pk}/deactivate/")
    assert response.status_code == 409 and "cannot deactivate your own account" in response.content.decode()
    lead.refresh_from_db()
    assert lead.is_active and lead.groups.filter(name="project_lead").exists()


def test_the_last_active_lead_cannot_be_deactivated_by_someone_else(client, lead):
    admin = User.objects.create_superuser("admin", "admin@example.org", "correct-horse-battery")
    client.force_login(admin)
    page = client.get(f"/en/staff/users/{lead.pk}/deactivate/").content.decode()
    assert "at least one active project lead" in page and 'type="submit"' not in page.split("<main")[-1]
    response = client.post(f"/en/staff/users/{lead.pk}/deactivate/")
    assert response.status_code == 409
    lead.refresh_from_db()
    assert lead.is_active and not AuditEvent.objects.filter(action="users.deactivated").exists()


def test_deactivate_and_reactivate_are_audited(client, lead, make_user):
    other = make_user("project_staff")
    client.force_login(lead)
    page = client.get(f"/en/staff/users/{other.pk}/deactivate/").content.decode()
    assert "can no longer sign in" in page
    other.refresh_from_db()
    assert other.is_active  # GET only asks
    assert client.post(f"/en/staff/users/{other.pk}/", {"action": "deactivate"}).status_code == 200  # no shortcut
    other.refresh_from_db()
    assert other.is_active
    client.post(f"/en/staff/users/{other.pk}/deactivate/")
    other.refresh_from_db()
    assert not other.is_active
    client.post(f"/en/staff/users/{other.pk}/", {"action": "reactivate"})
    other.refresh_from_db()
    assert other.is_active
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "users.deactivated",
        "users.reactivated",
    ]


def test_invite_mails_a_working_link(client, lead, smtp_server, settings):
    settings.SITE_URL = "http://testserver"
    client.force_login(lead)
    response = client.post(
        "/en/staff/users/new/", {"username": "nora", "email": "nora@example.org", "role": "network_coordinator"}
    )
    user = User.objects.get(username="nora")
    assert response["Location"] == f"/en/staff/users/{user.pk}/"
    assert not user.has_usable_password() and user.groups.get().name == "network_coordinator"
    (message,) = smtp_server.to("nora@example.org")
    link = re.search(r"http://testserver(/\S+)", message.get_content()).group(1)
    visitor = type(client)()
    response = visitor.get(link, follow=True)
    assert "Choose your password" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = visitor.post(form_url, {"new_password1": "a-long-new-password", "new_password2": "a-long-new-password"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-password")
    # the link works once
    assert "no longer valid" in visitor.get(link, follow=True).content.decode()
    created = AuditEvent.objects.get(action="users.created")
    assert created.detail == {"user": user.pk, "role": "network_coordinator"}


def test_invite_rejects_a_taken_name_and_creates_nothing_if_mail_fails(client, lead, smtp_server):
    client.force_login(lead)
    response = client.post("/en/staff/users/new/", {"username": lead.username.upper(), "email": "x@example.org"})
    assert "This user name is taken" in response.content.decode()
    smtp_server.fail_with = "550 no such user"
    response = client.post(
        "/en/staff/users/new/", {"username": "olga", "email": "olga@example.org", "role": "read_only"}
    )
    assert response.status_code == 200 and "could not be sent" in response.content.decode()
    assert not User.objects.filter(username="olga").exists()
    assert not AuditEvent.objects.filter(action="users.created").exists()


def test_password_logins_and_failures_are_audited(client, make_user):
    user = make_user("project_staff", username="paul")
    client.post("/en/staff/login/", {"username": "paul", "password": "nope"})
    client.post("/en/staff/login/", {"username": "nobody", "password": "nope"})
    client.post("/en/staff/login/", {"username": "paul", "password": "correct-horse-battery"})
    events = list(AuditEvent.objects.order_by("id").values_list("action", "detail"))
    assert events == [
        ("auth.login_failed", {"user": user.pk}),
        ("auth.login_failed", {"user": None}),
        ("auth.login", {"user": user.pk}),
    ]


def test_support_need_views_and_exports_are_audited_and_reauthenticated(client, lead):
    from datetime import date

    from inklusio.core.models import Project
    from inklusio.events.models import Event

    project = Project.objects.create(title="P", slug="p", funder="F", start=date(2024, 1, 1), end=date(2026, 1, 1))
    event = Event.objects.create(
        project=project,
        title="Fachtag",
        slug="fachtag",
        kind="conference_day",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=6),
        capacity=10,
    )
    client.force_login(lead)
    assert client.get(f"/staff/events/{event.pk}/support-needs/").status_code == 200
    assert client.get(f"/staff/events/{event.pk}/participants/export.csv?support=1").status_code == 200
    assert client.get(f"/staff/events/{event.pk}/participants/export.csv").status_code == 200
    assert client.get(f"/staff/events/{event.pk}/check-in/list/").status_code == 200
    assert client.get("/staff/contacts/export.csv?q=Koch").status_code == 200
    rows = list(AuditEvent.objects.order_by("id").values_list("action", "subject", "detail"))
    ref = f"events.event:{event.pk}"
    assert rows[0] == ("events.view_support_needs", ref, {"details": False})
    assert rows[1][:2] == ("events.export", ref) and rows[1][2]["support_needs"] is True
    assert rows[2][2]["support_needs"] is False
    assert rows[3][:2] == ("events.participant_list_printed", ref)
    assert rows[4][0] == "contacts.export" and rows[4][2]["search"] is True and "Koch" not in str(rows[4])

    # once the authentication is old, the detailed list and the export with support needs ask again
    session = client.session
    session["inklusio_auth_at"] = 0
    session.save()
    for path in [
        f"/staff/events/{event.pk}/support-needs/?details=1",
        f"/staff/events/{event.pk}/participants/export.csv?support=1",
        "/staff/contacts/export.csv",
    ]:
        assert client.get(path)["Location"].startswith("/staff/reauth/?next="), path
    assert client.get(f"/staff/events/{event.pk}/support-needs/").status_code == 200  # totals only: no ask


def test_the_audit_log_filters_and_pages(client, lead, make_user, settings):
    other = make_user("project_staff", username="olaf")
    person = Person.objects.create(first_name="Ida", last_name="Koch")
    audit.record(other, "contacts.merge", person, merged=999, person=person.pk)
    audit.record(other, "contacts.export", "", rows=3)
    old = audit.record(lead, "users.role_changed", other, user=other.pk, before="read_only", after="project_staff")
    for _ in range(55):
        audit.record(lead, "events.view_support_needs", "")
    client.force_login(lead)
    page = client.get("/en/staff/audit/").content.decode()
    assert "58 entries" in page and "Page 1 of 2" in page
    page = client.get(f"/en/staff/audit/?actor={other.pk}").content.decode()
    assert "2 entries" in page
    page = client.get(f"/en/staff/audit/?person={person.pk}").content.decode()
    assert "1 entry" in page and "contacts.merge" in page
    assert f"Person #{person.pk}" in page and "Ida" not in page and "Koch" not in page
    page = client.get("/en/staff/audit/?action=users.role_changed").content.decode()
    assert "1 entry" in page and "after=project_staff" in page
    today = timezone.localdate()
    page = client.get(f"/en/staff/audit/?start={today + timedelta(days=1)}").content.decode()
    assert "0 entries" in page
    page = client.get(f"/en/staff/audit/?start={today}&end={today}").content.decode()
    assert "58 entries" in page
    page = client.get(f"/en/staff/audit/?start={today}&end={today - timedelta(days=1)}").content.decode()
    assert "The end must not be before the start" in page
    page = client.get("/en/staff/audit/?person=abc").content.decode()
    assert "Enter a whole number" in page and "0 entries" in page
    # a deleted user stays visible as a number; deleting a user does not touch the entries
    other_pk = other.pk
    other.delete()
    assert AuditEvent.objects.filter(actor_id=other_pk).count() == 2
    assert f"#{other_pk}" in client.get("/en/staff/audit/?action=contacts.export").content.decode()
    assert old.pk


def test_audit_entries_are_append_only_in_the_database():
    event = audit.record(None, "test.action", "x", n=1)
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    for change in [{"action": "other"}, {"at": timezone.now() - timedelta(days=1)}]:
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(**change)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(subject="")
    # scrubbing may blank the subject and details, never who, what or when
    with audit.scrubbing():
        AuditEvent.objects.filter(pk=event.pk).update(subject="", detail={})
    event.refresh_from_db()
    assert event.subject == "" and event.detail == {} and event.action == "test.action"
    with pytest.raises(DatabaseError), audit.scrubbing():
        AuditEvent.objects.filter(pk=event.pk).update(action="rewritten")


def test_audit_entries_hold_ids_not_names(client, lead):
    person = Person.objects.create(first_name="Ida", last_name="Koch", email="ida@example.org")
    other = Person.objects.create(first_name="Ida", last_name="Koch")
    client.force_login(lead)
    client.post(f"/staff/contacts/people/{person.pk}/merge/", {"duplicate": other.pk, "confirm": "1"})
    event = AuditEvent.objects.get(action="contacts.merge")
    assert event.subject == f"contacts.person:{person.pk}"
    assert event.detail == {"merged": other.pk, "person": person.pk}
