import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from inklusio.contacts.models import Affiliation, Organisation, Person, StakeholderType
from inklusio.core.models import AuditEvent
from inklusio.worldcafe import services
from inklusio.worldcafe.files import FileFormatError
from inklusio.worldcafe.models import CafeParticipant, CafeTable, WorldCafe

pytestmark = pytest.mark.django_db


@pytest.fixture
def cafe(project):
    cafe = WorldCafe.objects.create(project=project, title="Fachtag", rounds=3)
    for i in range(4):
        CafeTable.objects.create(cafe=cafe, name=str(i + 1), capacity=4, accessible=i == 0, position=i)
    for i in range(14):
        CafeParticipant.objects.create(cafe=cafe, name=f"Person {i:02d}", organisation=f"Org {i // 2}")
    return cafe


def test_add_person_takes_organisation_and_type_from_the_contact(project):
    cafe = WorldCafe.objects.create(project=project, title="x", rounds=2)
    kind = StakeholderType.objects.get(code="inclusion_company")
    org = Organisation.objects.create(name="Brückenwerk", stakeholder_type=kind)
    person = Person.objects.create(first_name="Ayşe", last_name="Yılmaz")
    Affiliation.objects.create(person=person, organisation=org)
    participant = services.add_person(cafe, person)
    assert participant.name == "Ayşe Yılmaz"
    assert participant.organisation == "Brückenwerk"
    assert participant.stakeholder_type == str(kind)
    assert services.add_person(cafe, person).pk == participant.pk  # once only


def test_make_plan_seats_everybody_and_keeps_hosts(cafe):
    host = cafe.participants.first()
    host.host_table = cafe.tables.last()
    host.save()
    services.make_plan(cafe, time_limit=10)  # stops as soon as the cost is zero
    cafe.refresh_from_db()
    assert len(cafe.plan) == 3
    for tables in cafe.plan:
        assert sorted(pk for table in tables for pk in table) == sorted(cafe.participants.values_list("pk", flat=True))
        assert host.pk in tables[3]
        assert all(len(table) <= 4 for table in tables)
    assert cafe.metrics["colleague_clashes"] == 0
    assert cafe.metrics["repeated_meetings"] == 0


def test_plan_errors_are_readable(project):
    translation.activate("en")
    cafe = WorldCafe.objects.create(project=project, title="x", rounds=2)
    with pytest.raises(services.PlanError, match="table"):
        services.make_plan(cafe)
    CafeTable.objects.create(cafe=cafe, name="1", capacity=1)
    with pytest.raises(services.PlanError, match="participants"):
        services.make_plan(cafe)
    CafeParticipant.objects.create(cafe=cafe, name="a")
    CafeParticipant.objects.create(cafe=cafe, name="b")
    with pytest.raises(services.PlanError, match="do not fit"):
        services.make_plan(cafe)


def test_mark_left_keeps_past_rounds_and_replans_the_rest(cafe, lead):
    services.make_plan(cafe, time_limit=0.5)
    cafe.refresh_from_db()
    before = cafe.plan
    leaver = cafe.participants.get(pk=before[0][0][0])
    services.mark_left(cafe, leaver, 1, lead)
    cafe.refresh_from_db()
    assert cafe.plan[0] == before[0]
    assert cafe.held_rounds == 1
    for tables in cafe.plan[1:]:
        assert leaver.pk not in [pk for table in tables for pk in table]
    assert AuditEvent.objects.filter(action="worldcafe.left").exists()
    with pytest.raises(services.PlanError):
        services.mark_left(cafe, cafe.participants.exclude(pk=leaver.pk).first(), 3, lead)


def test_import_is_all_or_nothing_with_row_and_column(cafe):
    bad = b"id,name,host_table,together_with\n1,Anna,9,\n2,Ben,,7\n"
    with pytest.raises(FileFormatError) as error:
        services.import_participants(cafe, bad)
    text = "\n".join(error.value.problems)
    assert "row 2, column 'host_table'" in text
    assert "row 3, column 'together_with'" in text
    assert cafe.participants.count() == 14
    good = "id;name;organisation;host_table;together_with;needs_accessible_table\n1;Anna;A;1;;ja\n2;Ben;B;;1;\n"
    assert services.import_participants(cafe, good.encode("cp1252")) == 2
    anna = cafe.participants.get(name="Anna")
    assert anna.host_table.name == "1" and anna.needs_accessible_table
    assert cafe.participants.get(name="Ben").together_with == anna


def test_views_need_permission(client, cafe, make_user):
    client.force_login(make_user())
    assert client.get(reverse("worldcafe:detail", args=[cafe.pk])).status_code in (302, 403)
    client.force_login(make_user("read_only"))
    assert client.get(reverse("worldcafe:detail", args=[cafe.pk])).status_code == 200
    assert client.post(reverse("worldcafe:plan_make", args=[cafe.pk])).status_code in (302, 403)
    assert not WorldCafe.objects.get(pk=cafe.pk).plan


def test_staff_flow_without_javascript(client, cafe, staff):
    client.force_login(staff)
    response = client.post(reverse("worldcafe:table_add", args=[cafe.pk]), {"name": "1", "capacity": 4})
    assert response.status_code == 400  # duplicate name
    response = client.post(reverse("worldcafe:table_add", args=[cafe.pk]), {"name": "5", "capacity": 4})
    assert response.status_code == 302
    response = client.post(reverse("worldcafe:plan_make", args=[cafe.pk]))
    assert response.url == reverse("worldcafe:rounds", args=[cafe.pk])
    cafe.refresh_from_db()
    for name in ("rounds", "people", "cards_pdf"):
        assert client.get(reverse(f"worldcafe:{name}", args=[cafe.pk])).status_code == 200
    assert client.get(reverse("worldcafe:projector", args=[cafe.pk, 2])).status_code == 200
    assert client.get(reverse("worldcafe:projector", args=[cafe.pk, 9])).status_code == 404
    pdf = client.get(reverse("worldcafe:cards_pdf", args=[cafe.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    root = PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged (PDF/UA-1)
    leaver = cafe.participants.first()
    response = client.post(reverse("worldcafe:left", args=[cafe.pk]), {"participant": leaver.pk, "after_round": 1})
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert leaver.left_after_round == 1
    response = client.post(reverse("worldcafe:left", args=[cafe.pk]), {"participant": leaver.pk, "after_round": 1})
    assert response.status_code == 400  # already gone
    response = client.post(
        reverse("worldcafe:left", args=[cafe.pk]),
        {"participant": cafe.participants.last().pk, "after_round": 2},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b'id="replan-result"' in response.content and b"<html" not in response.content


def test_rounds_page_404_without_plan(client, cafe, staff):
    client.force_login(staff)
    assert client.get(reverse("worldcafe:rounds", args=[cafe.pk])).status_code == 404


def test_create_and_add_contact(client, project, staff):
    client.force_login(staff)
    response = client.post(reverse("worldcafe:create"), {"project": project.pk, "title": "WC", "rounds": 0})
    assert response.status_code == 200 and not WorldCafe.objects.exists()
    response = client.post(reverse("worldcafe:create"), {"project": project.pk, "title": "WC", "rounds": 3})
    cafe = WorldCafe.objects.get()
    assert response.url == cafe.get_absolute_url()
    person = Person.objects.create(first_name="Jo", last_name="Doe")
    response = client.post(reverse("worldcafe:participant_add", args=[cafe.pk]), {"person": person.pk})
    assert response.status_code == 302
    first = cafe.participants.get()
    assert first.person == person
    assistant = Person.objects.create(first_name="Ali", last_name="Assist")
    response = client.post(
        reverse("worldcafe:participant_add", args=[cafe.pk]), {"person": assistant.pk, "together_with": first.pk}
    )
    assert response.status_code == 302
    assert cafe.participants.get(person=assistant).together_with == first
    response = client.post(reverse("worldcafe:participant_add", args=[cafe.pk]), {"person": assistant.pk})
    assert response.status_code == 400  # already takes part


def test_background_search_improves_and_clears_progress(client, cafe, staff, settings):
    settings.WORLDCAFE_BACKGROUND_TIME_LIMIT = 10  # stops at cost zero
    client.force_login(staff)
    response = client.post(reverse("worldcafe:plan_improve", args=[cafe.pk]))
    assert response.status_code == 302  # no plan yet: an error message, nothing queued
    services.make_plan(cafe, time_limit=0)
    response = client.post(reverse("worldcafe:plan_improve", args=[cafe.pk]))
    assert response.status_code == 302
    cafe.refresh_from_db()
    assert cafe.progress is None  # the immediate backend has finished it
    assert cafe.metrics["repeated_meetings"] == 0


def test_detail_page_shows_progress_while_searching(client, cafe, staff):
    services.make_plan(cafe, time_limit=0)
    WorldCafe.objects.filter(pk=cafe.pk).update(progress=40)
    client.force_login(staff)
    response = client.get(reverse("worldcafe:detail", args=[cafe.pk]))
    assert b'value="40"' in response.content
