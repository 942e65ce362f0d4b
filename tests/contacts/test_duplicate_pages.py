"""The likely-duplicates list, dismissing a pair, and the side-by-side merge page."""

import pytest
from django.urls import reverse
from django.utils import translation

from inklusio.contacts import duplicates_search
from inklusio.contacts.models import (
    Affiliation,
    DuplicatePair,
    DuplicateSearch,
    Inquiry,
    NotDuplicatePair,
    Organisation,
    Person,
    StakeholderType,
)
from inklusio.contacts.tasks import search_duplicates
from inklusio.privacy.erasure import erase_person

pytestmark = pytest.mark.django_db
LIST = "/en" + reverse("contacts:duplicate_list")
DISMISS = "/en" + reverse("contacts:duplicate_dismiss")


@pytest.fixture
def look_alikes(project):
    chamber = StakeholderType.objects.get(code="chamber")
    ihk = Organisation.objects.create(name="IHK Kassel", stakeholder_type=chamber)
    hwk = Organisation.objects.create(name="HWK Kassel", stakeholder_type=chamber)
    mueller = Person.objects.create(first_name="Jörg", last_name="Müller", email="jm@example.org")
    mueller_again = Person.objects.create(first_name="Joerg", last_name="Mueller", email="j.mueller@example.org")
    Inquiry.objects.create(project=project, received_on="2025-01-01", channel="email", topic="x", person=mueller_again)
    david_ihk = Person.objects.create(first_name="David", last_name="Albrecht")
    david_hwk = Person.objects.create(first_name="David", last_name="Albrecht")
    Affiliation.objects.create(person=david_ihk, organisation=ihk)
    Affiliation.objects.create(person=david_hwk, organisation=hwk)
    duplicates_search.search_duplicates()  # what the worker's periodic job does
    return mueller, mueller_again, david_ihk, david_hwk


def test_list_shows_likely_pairs_and_not_namesakes_at_other_organisations(client, staff, look_alikes):
    mueller, mueller_again, david_ihk, david_hwk = look_alikes
    client.force_login(staff)
    body = client.get(LIST).content.decode()
    assert "1 likely pair" in body and "similar name" in body and "Last search:" in body
    assert f"/people/{mueller.pk}/merge/?duplicate={mueller_again.pk}" in body
    assert f"/people/{david_ihk.pk}/" not in body


def test_dismissed_pair_leaves_the_list(client, staff, look_alikes):
    mueller, mueller_again, *_ = look_alikes
    client.force_login(staff)
    response = client.post(DISMISS, {"first": mueller_again.pk, "second": mueller.pk})
    assert response.status_code == 302
    assert NotDuplicatePair.objects.filter(low=mueller, high=mueller_again).exists()
    assert "0 likely pairs" in client.get(LIST).content.decode()


@pytest.mark.parametrize(
    "data, status",
    [
        ({}, 400),
        ({"first": "x", "second": "1"}, 400),
        ({"first": "1", "second": "9" * 30}, 400),
        ({"first": 999998, "second": 999999}, 404),
    ],
)
def test_dismiss_refuses_bad_input(client, staff, look_alikes, data, status):
    client.force_login(staff)
    assert client.post(DISMISS, data).status_code == status
    assert not NotDuplicatePair.objects.exists()


def test_dismissing_a_person_with_themselves_is_refused(client, staff, look_alikes):
    client.force_login(staff)
    person = look_alikes[0]
    assert client.post(DISMISS, {"first": person.pk, "second": person.pk}).status_code == 404
    assert not NotDuplicatePair.objects.exists()


@pytest.mark.parametrize("role", ["read_only", "network_coordinator"])
def test_roles_without_delete_permission_neither_see_nor_dismiss(client, make_user, look_alikes, role):
    client.force_login(make_user(role))
    assert client.get(LIST).status_code == 403
    assert client.post(DISMISS, {"first": look_alikes[0].pk, "second": look_alikes[1].pk}).status_code == 403
    assert not NotDuplicatePair.objects.exists()


def test_merge_page_shows_both_sides_and_what_they_bring_then_merges(client, staff, look_alikes):
    mueller, mueller_again, *_ = look_alikes
    client.force_login(staff)
    url = "/en" + reverse("contacts:person_merge", args=[mueller.pk])
    body = client.get(url, {"duplicate": mueller_again.pk}).content.decode()
    assert "What each side brings" in body and "jm@example.org" in body and "j.mueller@example.org" in body
    assert "Inquiries" in body
    assert Person.objects.filter(pk=mueller_again.pk).exists()  # looking changes nothing
    response = client.post(url, {"duplicate": mueller_again.pk, "confirm": "1"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=mueller_again.pk).exists() and mueller.inquiries.count() == 1


def test_merge_page_with_picker_search_without_javascript(client, staff, look_alikes):
    mueller, mueller_again, *_ = look_alikes
    client.force_login(staff)
    url = "/en" + reverse("contacts:person_merge", args=[mueller.pk])
    body = client.get(url, {"duplicate_q": "mueller", "duplicate_search": "1"}).content.decode()
    assert f'name="duplicate" value="{mueller_again.pk}"' in body
    assert f'name="duplicate" value="{mueller.pk}"' not in body  # never oneself


def test_merge_of_an_anonymised_person_is_refused(client, staff, look_alikes):
    mueller = look_alikes[0]
    gone = Person.objects.create(last_name="", anonymised=True)
    client.force_login(staff)
    url = "/en" + reverse("contacts:person_merge", args=[mueller.pk])
    assert client.post(url, {"duplicate": gone.pk, "confirm": "1"}).status_code == 400
    assert client.get("/en" + reverse("contacts:person_merge", args=[gone.pk])).status_code == 404
    assert Person.objects.filter(pk=gone.pk).exists()


def test_before_the_first_search_the_list_says_so(client, staff):
    Person.objects.create(first_name="Jörg", last_name="Müller")
    Person.objects.create(first_name="Joerg", last_name="Mueller")
    client.force_login(staff)
    body = client.get(LIST).content.decode()
    assert "has not run yet" in body and "Compare and merge" not in body
    search_duplicates.call()  # the periodic job's task, as the worker runs it
    assert "1 likely pair" in client.get(LIST).content.decode()


def test_the_search_runs_as_a_periodic_job_in_the_worker():
    from django.apps import apps

    jobs = {job.name: job.task for job in apps.get_app_config("contacts").periodic_jobs}
    assert jobs["contacts.duplicates"] == "inklusio.contacts.tasks.search_duplicates"


def test_a_new_search_replaces_the_pairs_and_keeps_a_short_log(look_alikes):
    mueller, mueller_again, *_ = look_alikes
    Person.objects.create(first_name="Jörg", last_name="Müler")  # a third spelling: two more pairs
    for _ in range(duplicates_search.KEPT_SEARCHES + 2):
        search = duplicates_search.search_duplicates()
    assert search.pairs == search.listed == DuplicatePair.objects.count() == 3
    assert DuplicateSearch.objects.count() == duplicates_search.KEPT_SEARCHES
    assert DuplicateSearch.objects.first() == search


def test_the_list_is_paginated_and_stores_only_the_strongest_pairs(client, staff, monkeypatch):
    monkeypatch.setattr(duplicates_search, "LISTED_PAIRS", 60)
    shared = [
        Person(first_name=f"P{i}", last_name=f"Nr {i}", email=f"same{i // 2}+{i % 2}@example.org") for i in range(80)
    ]
    alike = [Person(first_name="Anna", last_name=f"Schmidtke{chr(97 + i)}") for i in range(12)]  # 66 similar
    Person.objects.bulk_create(shared + alike)
    search = duplicates_search.search_duplicates()
    assert search.pairs > search.listed == 60
    assert set(DuplicatePair.objects.values_list("reason", flat=True).distinct()) == {"email", "similar_name"}
    assert DuplicatePair.objects.filter(reason="email").count() == 40  # the strongest first
    client.force_login(staff)
    first = client.get(LIST).content.decode()
    assert "60 likely pairs" in first and f"the search found {search.pairs}" in first
    assert "Page 1 of 2" in first and first.count("Compare and merge") == 50
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Page 2 of 2" in second and second.count("Compare and merge") == 10 and 'start="51"' in second
    assert client.get(LIST, {"page": "x"}).status_code == 200  # a bad page number shows the first


def test_merging_dismissing_and_erasing_take_pairs_off_the_list_at_once(client, staff, look_alikes):
    mueller, mueller_again, *_ = look_alikes
    with translation.override("en"):
        merge = reverse("contacts:person_merge", args=[mueller.pk])
    other = Person.objects.create(first_name="Paula", last_name="Probe", email="pp@example.org")
    other_again = Person.objects.create(first_name="P.", last_name="Probe", email="pp+news@example.org")
    third = Person.objects.create(first_name="Karl", last_name="Kunz", email="kk@example.org")
    third_again = Person.objects.create(first_name="Karla", last_name="Kunze", email="kk+x@example.org")
    duplicates_search.search_duplicates()
    assert DuplicatePair.objects.count() == 3
    client.force_login(staff)
    client.post(DISMISS, {"first": other.pk, "second": other_again.pk})
    erase_person(third_again, actor=staff, reason="test")
    assert list(DuplicatePair.objects.values_list("low", "high")) == [(mueller.pk, mueller_again.pk)]
    client.post(merge, {"duplicate": mueller_again.pk, "confirm": "1"})
    assert not DuplicatePair.objects.exists()
    assert third.pk and "0 likely pairs" in client.get(LIST).content.decode()
