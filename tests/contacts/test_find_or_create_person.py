"""contacts.services.find_or_create_person: the one lookup of a person by address (issue #14)."""

import pytest

from inklusio.contacts import suppression
from inklusio.contacts.models import Person
from inklusio.contacts.services import PersonError, find_or_create_owner, find_or_create_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def someone():
    return Person.objects.create(first_name="Mira", last_name="Geheimname", email="mira@example.org")


def test_arguments_are_keyword_only(someone):
    with pytest.raises(TypeError):
        find_or_create_person("mira@example.org", None)  # type: ignore[misc]


def test_owner_lookup_finds_case_insensitively_and_never_overwrites(someone):
    found = find_or_create_person(email="  MIRA@Example.org ", user=None, first_name="Anders", last_name="Name")
    assert found == someone
    someone.refresh_from_db()
    assert (someone.first_name, someone.last_name) == ("Mira", "Geheimname")
    new = find_or_create_person(email="neu@example.org", user=None, first_name=" Neu ", last_name="Person")
    assert (new.email, new.first_name, new.last_name) == ("neu@example.org", "Neu", "Person")
    assert find_or_create_person(email="nobody@example.org", user=None, create=False) is None
    assert not Person.objects.filter(email="nobody@example.org").exists()


def test_staff_get_anyone_and_cannot_bring_back_an_erased_address(someone, staff):
    assert find_or_create_person(email="mira@example.org", user=staff) == someone
    suppression.suppress("erased@example.org", "request")
    with pytest.raises(PersonError):
        find_or_create_person(email="erased@example.org", user=staff, last_name="X")
    assert not Person.objects.filter(email="erased@example.org").exists()
    assert find_or_create_person(email="ok@example.org", user=staff, last_name="Ok").email == "ok@example.org"


def test_a_coordinator_gets_nothing_they_may_not_see_and_cannot_tell_why(someone, make_user):
    coordinator = make_user("network_coordinator")
    suppression.suppress("erased@example.org", "request")
    before = Person.objects.count()
    for email in ("mira@example.org", "unknown@example.org", "erased@example.org"):
        assert find_or_create_person(email=email, user=coordinator, last_name="X") is None
        assert find_or_create_person(email=email, user=coordinator, create=False) is None
    assert Person.objects.count() == before
    # without an address there is nothing to look up
    assert find_or_create_person(email="", user=coordinator, last_name="Ohne Adresse").pk


def test_the_owner_lookup_in_a_transaction_says_whether_it_created(someone):
    Person.objects.filter(pk=someone.pk).update(email="Mira@Example.org")  # written past save(): still found
    assert find_or_create_owner(email=" mira@EXAMPLE.org", first_name="X") == (someone.pk, False)
    new_id, created = find_or_create_owner(email="Neu@example.org", first_name=" Neu ", last_name="Person")
    new = Person.objects.get(pk=new_id)
    assert created and (new.email, new.first_name) == ("neu@example.org", "Neu")
    assert find_or_create_owner(email="neu@example.org") == (new.pk, False)
    with pytest.raises(ValueError):
        find_or_create_owner(email=" ")
