"""An inquiry's assignee (an active staff user who may work on inquiries) and its follow-up date."""

from datetime import date

import pytest

from inklusio.contacts.models import Inquiry

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(project):
    return Inquiry.objects.create(project=project, received_on=date(2025, 3, 1), channel="email", topic="Frage")


def form_data(project, **extra):
    data = {
        "project": project.pk,
        "received_on": "2025-03-01",
        "channel": "email",
        "kind": "general",
        "topic": "Frage",
        "outcome": "open",
    }
    data.update(extra)
    return data


def test_assignee_choices_are_active_users_who_may_work_on_inquiries(client, lead, staff, make_user, project):
    left = make_user("project_staff", username="left")
    left.is_active = False
    left.save()
    reviewer = make_user("read_only", username="reviewer")
    coordinator = make_user("network_coordinator", username="coordinator")
    client.force_login(lead)
    html = client.get("/staff/contacts/inquiries/new/").content.decode()
    select = html[html.index('name="assignee"') : html.index("</select>", html.index('name="assignee"'))]
    assert f'value="{lead.pk}"' in select and f'value="{staff.pk}"' in select
    for user in (left, reviewer, coordinator):
        assert f'value="{user.pk}"' not in select


def test_assigning_and_setting_a_follow_up(client, lead, staff, project, inquiry):
    client.force_login(lead)
    response = client.post(
        f"/staff/contacts/inquiries/{inquiry.pk}/edit/",
        form_data(project, assignee=staff.pk, follow_up_on="2025-03-10"),
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.assignee == staff and inquiry.follow_up_on == date(2025, 3, 10)
    detail = client.get(f"/staff/contacts/inquiries/{inquiry.pk}/").content.decode()
    assert staff.get_username() in detail and "10. März 2025" in detail


@pytest.mark.parametrize("who", ["inactive", "reviewer", "unknown"])
def test_assignee_outside_the_choices_is_refused(client, lead, make_user, project, inquiry, who):
    if who == "unknown":
        target = 999_999
    else:
        user = make_user("read_only" if who == "reviewer" else "project_staff", username=who)
        if who == "inactive":
            user.is_active = False
            user.save()
        target = user.pk
    client.force_login(lead)
    response = client.post(f"/staff/contacts/inquiries/{inquiry.pk}/edit/", form_data(project, assignee=target))
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.assignee is None


def test_bad_follow_up_date_is_refused(client, lead, project, inquiry):
    client.force_login(lead)
    response = client.post(
        f"/staff/contacts/inquiries/{inquiry.pk}/edit/", form_data(project, follow_up_on="31.02.2025x")
    )
    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.follow_up_on is None


def test_an_assignee_who_left_stays_until_someone_else_is_chosen(client, lead, staff, project, inquiry):
    inquiry.assignee = staff
    inquiry.save()
    staff.is_active = False
    staff.save()
    client.force_login(lead)
    response = client.post(
        f"/staff/contacts/inquiries/{inquiry.pk}/edit/", form_data(project, assignee=staff.pk, topic="Neu")
    )
    assert response.status_code == 302  # editing something else does not fail on the old assignment
    inquiry.refresh_from_db()
    assert inquiry.topic == "Neu" and inquiry.assignee == staff


def test_reviewer_cannot_assign(client, make_user, staff, project, inquiry):
    client.force_login(make_user("read_only"))
    response = client.post(f"/staff/contacts/inquiries/{inquiry.pk}/edit/", form_data(project, assignee=staff.pk))
    assert response.status_code == 403
    inquiry.refresh_from_db()
    assert inquiry.assignee is None


def test_the_list_shows_assignee_and_follow_up_and_filters_mine_and_unassigned(client, lead, staff, project):
    Inquiry.objects.create(
        project=project, received_on=date(2025, 3, 1), channel="email", topic="Meins", assignee=staff
    )
    Inquiry.objects.create(
        project=project,
        received_on=date(2025, 3, 2),
        channel="email",
        topic="Fremd",
        assignee=lead,
        follow_up_on=date(2020, 1, 1),
    )
    Inquiry.objects.create(project=project, received_on=date(2025, 3, 3), channel="email", topic="Offen")
    client.force_login(staff)
    everything = client.get("/staff/contacts/inquiries/").content.decode()
    assert all(topic in everything for topic in ("Meins", "Fremd", "Offen"))
    assert "überfällig" in everything or "overdue" in everything  # Fremd's follow-up date has passed
    mine = client.get("/staff/contacts/inquiries/?assigned=mine").content.decode()
    assert "Meins" in mine and "Fremd" not in mine and "Offen" not in mine
    nobody = client.get("/staff/contacts/inquiries/?assigned=unassigned").content.decode()
    assert "Offen" in nobody and "Meins" not in nobody and "Fremd" not in nobody
    unknown = client.get("/staff/contacts/inquiries/?assigned=%27;drop").content.decode()
    assert all(topic in unknown for topic in ("Meins", "Fremd", "Offen"))
