"""Coordinator scope: a coordinator reaches their own network's data and nothing of another network's."""

import pytest
from django.urls import reverse

from inklusio.networks import queries
from inklusio.networks.models import Invitation

pytestmark = pytest.mark.django_db


def _urls(side):
    n, m, d = side.network.pk, side.past.pk, side.document.pk
    membership = side.network.memberships.first().pk
    return {
        "GET": [
            reverse("networks:network_detail", args=[n]),
            reverse("networks:network_update", args=[n]),
            reverse("networks:member_list", args=[n]),
            reverse("networks:member_export", args=[n, "csv"]),
            reverse("networks:member_export", args=[n, "xlsx"]),
            reverse("networks:member_add", args=[n]),
            reverse("networks:member_update", args=[n, membership]),
            reverse("networks:meeting_create", args=[n]),
            reverse("networks:meeting_detail", args=[m]),
            reverse("networks:meeting_update", args=[m]),
            reverse("networks:minutes_edit", args=[m]),
            reverse("networks:invitation_list", args=[m]),
            reverse("networks:invitation_export", args=[m, "csv"]),
            reverse("networks:invitation_export", args=[m, "xlsx"]),
            reverse("networks:attendance_edit", args=[m]),
            reverse("networks:document_download", args=[d]),
        ],
        "POST": [
            reverse("networks:network_update", args=[n]),
            reverse("networks:member_add", args=[n]),
            reverse("networks:member_update", args=[n, membership]),
            reverse("networks:meeting_create", args=[n]),
            reverse("networks:meeting_update", args=[m]),
            reverse("networks:minutes_edit", args=[m]),
            reverse("networks:meeting_invite", args=[side.future.pk]),
            reverse("networks:attendance_edit", args=[m]),
            reverse("networks:document_upload", args=[m]),
            reverse("networks:document_delete", args=[d]),
        ],
    }


def test_coordinator_reaches_own_network(world, client_for):
    client = client_for(world["a"].coordinator)
    for url in _urls(world["a"])["GET"]:
        assert client.get(url).status_code == 200, url


def test_coordinator_gets_404_for_every_url_of_another_network(world, client_for):
    a, b = world["a"], world["b"]
    client = client_for(a.coordinator)
    urls = _urls(b)
    for url in urls["GET"]:
        assert client.get(url).status_code == 404, url
    for url in urls["POST"]:
        assert client.post(url, {"minutes": "overwritten", "name": "hijack", "attended": []}).status_code == 404, url
    b.past.refresh_from_db()
    b.network.refresh_from_db()
    assert b.past.minutes == "Geheimes Protokoll B"
    assert b.network.name == "Netzwerk B"
    assert b.document.__class__.objects.filter(pk=b.document.pk).exists()
    assert not Invitation.objects.filter(meeting=b.future).exclude(pk=b.invitation.pk).exists()


def test_mixing_own_network_with_foreign_ids_is_refused(world, client_for):
    a, b = world["a"], world["b"]
    client = client_for(a.coordinator)
    foreign_membership = b.network.memberships.first().pk
    assert client.get(reverse("networks:member_update", args=[a.network.pk, foreign_membership])).status_code == 404
    # adding a person of another network by id does not work
    response = client.post(
        reverse("networks:member_add", args=[a.network.pk]),
        {"person": b.members[0].pk, "role": "member", "joined_on": "2025-01-01"},
    )
    assert response.status_code == 404
    assert not a.network.memberships.filter(person=b.members[0]).exists()


def test_lists_and_search_show_only_own_network(world, client_for):
    a, b = world["a"], world["b"]
    client = client_for(a.coordinator)
    page = client.get(reverse("networks:network_list")).content.decode()
    assert "Netzwerk A" in page and "Netzwerk B" not in page
    page = client.get(reverse("networks:network_list"), {"q": "Netzwerk B"}).content.decode()
    assert reverse("networks:network_detail", args=[b.network.pk]) not in page
    page = client.get(reverse("networks:participants")).content.decode()
    assert "AlphaA" in page and "AlphaB" not in page and "Netzwerk B" not in page
    page = client.get(reverse("networks:participants"), {"network": b.network.pk}).content.decode()
    assert "AlphaB" not in page
    export = client.get(reverse("networks:participants_export", args=["csv"])).content.decode("utf-8-sig")
    assert "AlphaA" in export and "AlphaB" not in export
    export = client.get(reverse("networks:participants_export", args=["csv"]), {"network": b.network.pk})
    assert "AlphaB" not in export.content.decode("utf-8-sig")
    export = client.get(reverse("networks:member_export", args=[a.network.pk, "csv"]), {"show": "all"})
    text = export.content.decode("utf-8-sig")
    assert "AlphaA" in text and "DeltaA" in text and "AlphaB" not in text
    # the member search of the own network never returns another network's people
    page = client.get(reverse("networks:member_list", args=[a.network.pk]), {"q": "AlphaB"}).content.decode()
    assert reverse("contacts:person_detail", args=[b.members[0].pk]) not in page
    page = client.get(reverse("networks:member_add", args=[a.network.pk]), {"q": "Outsider"}).content.decode()
    assert "Olga Outsider" not in page and "olga.outsider@example.org" not in page
    page = client.get(reverse("networks:member_add", args=[a.network.pk]), {"q": "Delta"}).content.decode()
    assert "DoraB DeltaB" not in page and "dorab.deltab@example.org" not in page


def test_contacts_views_show_a_coordinator_only_current_members(world, client_for):
    a, b = world["a"], world["b"]
    client = client_for(a.coordinator)
    page = client.get(reverse("contacts:person_list")).content.decode()
    for person in a.members:
        assert person.last_name in page
    for hidden in [*b.members, a.former, world["outsider"]]:
        assert hidden.last_name not in page
    for person in a.members:
        assert client.get(reverse("contacts:person_detail", args=[person.pk])).status_code == 200
    for hidden in [*b.members, a.former, world["outsider"]]:
        assert client.get(reverse("contacts:person_detail", args=[hidden.pk])).status_code == 404
    export = client.get(reverse("contacts:person_export", args=["csv"])).content.decode("utf-8-sig")
    assert "AlphaA" in export
    assert "AlphaB" not in export and "DeltaA" not in export and "Outsider" not in export
    page = client.get(reverse("contacts:person_list"), {"q": "alphab"}).content.decode()
    assert reverse("contacts:person_detail", args=[b.members[0].pk]) not in page
    assert client.get(reverse("contacts:organisation_list")).status_code == 403
    org = b.members[0].organisations.first()
    assert client.get(reverse("contacts:organisation_detail", args=[org.pk])).status_code == 403
    assert client.get(reverse("contacts:person_update", args=[b.members[0].pk])).status_code == 403
    assert client.get(reverse("contacts:person_merge", args=[b.members[0].pk])).status_code == 403
    assert client.get(reverse("contacts:inquiry_list")).status_code == 403


def test_project_staff_and_lead_see_every_network(world, client_for, staff, lead):
    for user in (staff, lead):
        client = client_for(user)
        for side in (world["a"], world["b"]):
            for url in _urls(side)["GET"]:
                assert client.get(url).status_code == 200, (user, url)
        assert set(queries.networks_for_user(user)) == {world["a"].network, world["b"].network}


def test_users_without_role_and_anonymous_are_refused(world, client, make_user):
    url = reverse("networks:network_detail", args=[world["a"].network.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(reverse("networks:document_download", args=[world["a"].document.pk])).status_code == 302
    client.force_login(make_user(None))
    assert client.get(url).status_code == 403
    assert client.get(reverse("networks:network_list")).status_code == 403
    assert client.get(reverse("networks:document_download", args=[world["a"].document.pk])).status_code == 403
    assert queries.networks_for_user(make_user(None)).count() == 0


def test_coordinator_cannot_create_networks_or_change_coordinators(world, client_for):
    a = world["a"]
    client = client_for(a.coordinator)
    assert client.get(reverse("networks:network_create")).status_code == 403
    response = client.post(
        reverse("networks:network_update", args=[a.network.pk]),
        {"name": "Netzwerk A neu", "description": "x", "coordinators": [world["b"].coordinator.pk], "status": "closed"},
    )
    assert response.status_code == 302
    a.network.refresh_from_db()
    assert a.network.name == "Netzwerk A neu"
    assert a.network.status == "active"
    assert list(a.network.coordinators.all()) == [a.coordinator]


def test_coordinator_of_two_networks_sees_both(world, client_for):
    a, b = world["a"], world["b"]
    b.network.coordinators.add(a.coordinator)
    client = client_for(a.coordinator)
    assert client.get(reverse("networks:meeting_detail", args=[b.past.pk])).status_code == 200
    assert client.get(reverse("contacts:person_detail", args=[b.members[0].pk])).status_code == 200
    b.network.coordinators.remove(a.coordinator)
    assert client.get(reverse("networks:meeting_detail", args=[b.past.pk])).status_code == 404


def test_read_only_reviewer_sees_but_cannot_change(world, client_for, make_user):
    client = client_for(make_user("read_only"))
    a = world["a"]
    assert client.get(reverse("networks:network_detail", args=[a.network.pk])).status_code == 200
    assert client.get(reverse("networks:minutes_edit", args=[a.past.pk])).status_code == 403
    assert client.post(reverse("networks:document_delete", args=[a.document.pk])).status_code == 403


def test_a_coordinator_sees_no_timeline_of_other_areas_on_a_member(world, client, make_user, project):
    from inklusio.contacts.models import Inquiry

    a = world["a"]
    member = a.members[0]
    Inquiry.objects.create(
        project=project, received_on="2025-01-02", channel="email", topic="Vertraulich", person=member
    )
    url = reverse("contacts:person_detail", args=[member.pk])
    client.force_login(a.coordinator)
    page = client.get(url)
    assert page.status_code == 200 and "Vertraulich" not in page.content.decode()
    client.force_login(make_user("project_staff"))
    assert "Vertraulich" in client.get(url).content.decode()
