"""Removing World Café tables and participants: deleted (no report counts them), the plan is discarded while no
round is held, refused once rounds are held; audited, 403 without the change permission, GET changes nothing."""

import pytest

from inklusio.core.models import AuditEvent
from inklusio.worldcafe.models import CafeParticipant, CafeTable, WorldCafe

from ..conftest import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafe(project):
    cafe = WorldCafe.objects.create(project=project, title="Fachtag", rounds=2, plan=[[[1], [2]]])
    for i in range(2):
        CafeTable.objects.create(cafe=cafe, name=f"Tisch {i + 1}", capacity=4, position=i)
    for i in range(3):
        CafeParticipant.objects.create(cafe=cafe, name=f"Person {i}")
    return cafe


def test_removing_a_table_discards_a_plan_not_yet_held(client, staff, cafe):
    table = cafe.tables.first()
    host = cafe.participants.first()
    host.host_table = table
    host.save()
    client.force_login(staff)
    url = f"/staff/worldcafe/{cafe.pk}/tables/{table.pk}/remove/"
    page = client.get(url).content.decode()
    assert "Der aktuelle Plan wird verworfen" in page and "1 Person ist nicht mehr Gastgeber*in" in page
    assert CafeTable.objects.filter(pk=table.pk).exists()
    assert client.post(url).status_code == 302
    cafe.refresh_from_db()
    host.refresh_from_db()
    assert not CafeTable.objects.filter(pk=table.pk).exists() and cafe.plan == [] and host.host_table is None
    assert AuditEvent.objects.get(action="worldcafe.table.delete").detail == {"hosts": 1, "plan_discarded": 1}


def test_removing_a_participant(client, staff, cafe):
    participant = cafe.participants.last()
    client.force_login(staff)
    client.post(f"/staff/worldcafe/{cafe.pk}/participants/{participant.pk}/remove/")
    assert not CafeParticipant.objects.filter(pk=participant.pk).exists()
    assert AuditEvent.objects.filter(action="worldcafe.participant.delete").exists()


def test_once_rounds_are_held_removal_is_refused(client, staff, cafe):
    WorldCafe.objects.filter(pk=cafe.pk).update(held_rounds=1)
    participant = cafe.participants.first()
    client.force_login(staff)
    response = client.post(f"/staff/worldcafe/{cafe.pk}/participants/{participant.pk}/remove/")
    assert response.status_code == 409 and "als gegangen ein" in response.content.decode()
    assert client.post(f"/staff/worldcafe/{cafe.pk}/tables/{cafe.tables.first().pk}/remove/").status_code == 409
    assert cafe.participants.count() == 3 and cafe.tables.count() == 2


def test_another_cafes_table_is_not_found_and_reviewer_gets_403(client, staff, make_user, cafe, project):
    other = WorldCafe.objects.create(project=project, title="Anderes", rounds=2)
    table = cafe.tables.first()
    client.force_login(staff)
    assert client.post(f"/staff/worldcafe/{other.pk}/tables/{table.pk}/remove/").status_code == 404
    reviewer = Client()
    reviewer.force_login(make_user("read_only"))
    assert reviewer.post(f"/staff/worldcafe/{cafe.pk}/tables/{table.pk}/remove/").status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    assert strict.post(f"/staff/worldcafe/{cafe.pk}/tables/{table.pk}/remove/").status_code == 403
    assert CafeTable.objects.filter(pk=table.pk).exists()
