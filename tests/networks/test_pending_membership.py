"""Issue #14, item 2: a coordinator cannot pull a contact into their scope by typing an address.

A coordinator who adds someone by an address they may not see (a contact outside their scope, or nobody yet)
gets the same answer either way: a membership waiting for the person's confirmation by mail, holding only what
was typed. It counts nowhere until the person confirms with the link.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from inklusio.contacts import queries as contact_queries
from inklusio.contacts.models import Person
from inklusio.networks import services
from inklusio.networks.models import Membership, PendingMembership

pytestmark = pytest.mark.django_db

TYPED = {"first_name": "Getippt", "last_name": "Name", "role": "member", "joined_on": "2025-02-01"}


def _normalised(response, email) -> str:
    body = response.content.decode().replace(email, "EMAIL")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return re.sub(r'nonce="[^"]*"', "", body)


def _add_and_roll_back(client, network, email):
    """Add by address and follow the answer, then undo it, so that two addresses meet the same state."""
    with transaction.atomic():
        response = client.post(
            reverse("networks:member_add", args=[network.pk]), {**TYPED, "email": email}, follow=True
        )
        transaction.set_rollback(True)
    return response


def test_known_and_unknown_address_get_the_same_answer_showing_only_what_was_typed(world, client_for):
    a, hidden = world["a"], world["b"].members[0]  # a member of the other network: outside A's scope
    client = client_for(a.coordinator)
    known = _add_and_roll_back(client, a.network, hidden.email)
    unknown = _add_and_roll_back(client, a.network, "niemand@example.org")
    assert known.status_code == unknown.status_code == 200
    assert (
        known.redirect_chain == unknown.redirect_chain == [(reverse("networks:member_list", args=[a.network.pk]), 302)]
    )
    assert _normalised(known, hidden.email) == _normalised(unknown, "niemand@example.org")
    page = known.content.decode()
    assert "Getippt" in page and hidden.email in page
    for secret in (hidden.first_name, hidden.last_name, "Betrieb B"):
        assert secret not in page


def test_the_contact_stays_out_of_the_coordinators_lists_exports_and_figures(world, client_for):
    a, hidden = world["a"], world["b"].members[0]
    client = client_for(a.coordinator)
    members_before = services.current_members(a.network).count()
    response = client.post(reverse("networks:member_add", args=[a.network.pk]), {**TYPED, "email": hidden.email})
    assert response.status_code == 302
    pending = PendingMembership.objects.get(network=a.network)
    assert (pending.email, pending.first_name) == (hidden.email, "Getippt")
    assert not Membership.objects.filter(network=a.network, person=hidden).exists()
    assert services.current_members(a.network).count() == members_before
    assert not contact_queries.people_for_user(a.coordinator).filter(pk=hidden.pk).exists()
    for url in (
        reverse("networks:member_list", args=[a.network.pk]) + "?show=all",
        reverse("networks:member_export", args=[a.network.pk, "csv"]) + "?show=all",
        reverse("networks:participants"),
        reverse("contacts:person_list"),
    ):
        body = client.get(url).content.decode("utf-8", "replace")
        assert hidden.last_name not in body, url
    search = client.get(reverse("networks:member_add", args=[a.network.pk]), {"q": hidden.last_name})
    assert search.context["results"].count() == 0
    assert client.get(reverse("contacts:person_detail", args=[hidden.pk])).status_code == 404


def test_the_mailed_link_confirms_the_membership_without_changing_the_contact(
    world, client_for, client, smtp_server, django_capture_on_commit_callbacks
):
    a, hidden = world["a"], world["b"].members[0]
    coordinator_client = client_for(a.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("networks:member_add", args=[a.network.pk]), {**TYPED, "email": hidden.email})
    [mail] = smtp_server.to(hidden.email)
    body = mail.get_body(("plain",)).get_content()
    assert a.network.name in body and "Getippt" not in body
    pending = PendingMembership.objects.get()
    link = settings.SITE_URL + reverse("networks_public:join", args=[pending.token])
    assert link in body
    client.logout()
    path = link[len(settings.SITE_URL) :]
    page = client.get(path)
    assert page.status_code == 200 and a.network.name in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert not Membership.objects.filter(network=a.network, person=hidden).exists()  # GET changes nothing
    response = client.post(path, {"answer": "yes"})
    assert response.status_code == 200 and "jetzt Mitglied" in response.content.decode()
    membership = Membership.objects.current().get(network=a.network, person=hidden)
    assert membership.joined_on.isoformat() == "2025-02-01"
    hidden.refresh_from_db()
    assert hidden.first_name != "Getippt"
    assert not PendingMembership.objects.exists()
    assert client.get(path).status_code == 404  # used up
    assert contact_queries.people_for_user(a.coordinator).filter(pk=hidden.pk).exists()


def test_confirming_an_unknown_address_creates_the_contact_from_what_was_typed(world, client_for, client):
    a = world["a"]
    client_for(a.coordinator).post(
        reverse("networks:member_add", args=[a.network.pk]), {**TYPED, "email": "Neu@Example.org"}
    )
    assert not Person.objects.filter(email="neu@example.org").exists()  # nobody is created before confirming
    pending = PendingMembership.objects.get()
    client.logout()
    client.post(reverse("networks_public:join", args=[pending.token]), {"answer": "yes"})
    person = Person.objects.get(email="neu@example.org")
    assert (person.first_name, person.last_name) == ("Getippt", "Name")
    assert Membership.objects.get(person=person).network == a.network


def test_declining_deletes_the_request_and_adds_nobody(world, client_for, client):
    a, hidden = world["a"], world["b"].members[0]
    client_for(a.coordinator).post(
        reverse("networks:member_add", args=[a.network.pk]), {**TYPED, "email": hidden.email}
    )
    token = PendingMembership.objects.get().token
    client.logout()
    response = client.post(reverse("networks_public:join", args=[token]), {"answer": "no"})
    assert response.status_code == 200
    assert not PendingMembership.objects.exists()
    assert not Membership.objects.filter(network=a.network, person=hidden).exists()


def test_wrong_or_expired_token_is_404(world, client_for, client):
    a = world["a"]
    client_for(a.coordinator).post(
        reverse("networks:member_add", args=[a.network.pk]), {**TYPED, "email": "neu@example.org"}
    )
    pending = PendingMembership.objects.get()
    client.logout()
    wrong = "x" * len(pending.token)
    assert client.get(reverse("networks_public:join", args=[wrong])).status_code == 404
    assert client.post(reverse("networks_public:join", args=[wrong]), {"answer": "yes"}).status_code == 404
    PendingMembership.objects.update(requested_at=timezone.now() - timedelta(days=31))
    assert client.get(reverse("networks_public:join", args=[pending.token])).status_code == 404
    assert services.delete_expired_requests() == 1
    assert not Person.objects.filter(email="neu@example.org").exists()


def test_a_contact_the_coordinator_can_see_is_added_at_once(world, client_for):
    a = world["a"]
    client = client_for(a.coordinator)
    # a current member of another network the coordinator also coordinates is visible to them
    world["b"].network.coordinators.add(a.coordinator)
    visible = world["b"].members[1]
    response = client.post(reverse("networks:member_add", args=[a.network.pk]), {**TYPED, "email": visible.email})
    assert response.status_code == 302
    assert Membership.objects.filter(network=a.network, person=visible).exists()
    assert not PendingMembership.objects.exists()


def test_staff_keep_adding_directly_but_not_an_erased_address(world, client_for, staff):
    from inklusio.contacts import suppression

    a = world["a"]
    client = client_for(staff)
    url = reverse("networks:member_add", args=[a.network.pk])
    response = client.post(url, {**TYPED, "email": world["b"].members[0].email})
    assert response.status_code == 302
    assert Membership.objects.filter(network=a.network, person=world["b"].members[0]).exists()
    suppression.suppress("geloescht@example.org", "request")
    response = client.post(url, {**TYPED, "email": "geloescht@example.org"})
    assert response.status_code == 400
    assert not Person.objects.filter(email="geloescht@example.org").exists()
    assert not PendingMembership.objects.exists()
