"""People and organisations sort in German order (Böhm before Braun) on SQLite and on PostgreSQL.

Run with DATABASE_URL=postgres://… to check PostgreSQL; the order comes from a stored sort key, not from the
database's collation, so both give the same answer.
"""

import importlib

import pytest
from django.apps import apps as django_apps

from inklusio.contacts.models import Organisation, Person, StakeholderType, person_sort_key
from inklusio.contacts.queries import people_for_user

LAST_NAMES = ["Zander", "braun", "Böhm", "Bohne", "Braun", "Öztürk", "Ostermann", "Strauß", "Strauss", "Straub", "Ähm"]
# Umlauts and ß spelled out (DIN 5007-2: ö = oe, so Öztürk before Ostermann), case folded; equal keys by age
EXPECTED = ["Ähm", "Böhm", "Bohne", "braun", "Braun", "Öztürk", "Ostermann", "Straub", "Strauß", "Strauss", "Zander"]


@pytest.fixture
def chamber(db):
    return StakeholderType.objects.get(code="chamber")


def test_the_sort_key_spells_out_umlauts_and_sharp_s():
    assert person_sort_key("Jörg", "Böhm") == "boehm\tjoerg"
    assert person_sort_key("", "Strauß") == "strauss\t"
    assert person_sort_key("Zoe", "Braun") < person_sort_key("Anna", "Brauner")
    assert person_sort_key("Anna", "Böhm") < person_sort_key("Anna", "Braun")


@pytest.mark.django_db
def test_people_sort_in_german_order(lead):
    for name in LAST_NAMES:
        Person.objects.create(first_name="Anna", last_name=name)
    assert [p.last_name for p in Person.objects.all()] == EXPECTED
    assert [p.last_name for p in people_for_user(lead)][:3] == ["Ähm", "Böhm", "Bohne"]


@pytest.mark.django_db
def test_first_names_decide_within_a_last_name():
    Person.objects.create(first_name="Anna", last_name="Brauner")
    Person.objects.create(first_name="Otto", last_name="Braun")
    Person.objects.create(first_name="Özlem", last_name="Braun")
    assert [(p.first_name, p.last_name) for p in Person.objects.all()] == [
        ("Özlem", "Braun"),
        ("Otto", "Braun"),
        ("Anna", "Brauner"),
    ]


@pytest.mark.django_db
def test_renaming_keeps_the_key_also_with_update_fields():
    person = Person.objects.create(first_name="Anna", last_name="Zander")
    Person.objects.create(first_name="Anna", last_name="Braun")
    person.last_name = "Böhm"
    person.save(update_fields=["last_name"])
    person.refresh_from_db()
    assert person.sort_key == "boehm\tanna"
    assert Person.objects.first().pk == person.pk


@pytest.mark.django_db
def test_organisations_sort_in_german_order(chamber):
    for name in ["Zukunftswerk", "Braun GmbH", "Böhm & Söhne", "ÖkoBau", "Otto Werk", "aktion inklusiv"]:
        Organisation.objects.create(name=name, stakeholder_type=chamber)
    assert list(Organisation.objects.values_list("name", flat=True)) == [
        "aktion inklusiv",
        "Böhm & Söhne",
        "Braun GmbH",
        "ÖkoBau",
        "Otto Werk",
        "Zukunftswerk",
    ]


@pytest.mark.django_db
def test_the_staff_lists_show_german_order(client, lead, chamber):
    for name in ["Braun", "Böhm"]:
        Person.objects.create(first_name="Anna", last_name=name)
        Organisation.objects.create(name=f"{name} AG", stakeholder_type=chamber)
    client.force_login(lead)
    people = client.get("/staff/contacts/").content.decode()
    assert people.index("Böhm") < people.index("Braun")
    organisations = client.get("/staff/contacts/organisations/").content.decode()
    assert organisations.index("Böhm AG") < organisations.index("Braun AG")


@pytest.mark.django_db
def test_the_data_migration_fills_the_key_of_existing_people():
    Person.objects.bulk_create([Person(first_name="Jörg", last_name="Weiß"), Person(first_name="", last_name="Öz")])
    assert set(Person.objects.values_list("sort_key", flat=True)) == {""}
    migration = importlib.import_module("inklusio.contacts.migrations.0007_person_sort_key_german_order")
    migration.fill_sort_keys(django_apps, None)
    assert sorted(Person.objects.values_list("sort_key", flat=True)) == ["oez\t", "weiss\tjoerg"]


@pytest.mark.django_db
def test_erasure_blanks_the_sort_key():
    from inklusio.contacts.privacy import erase_person

    person = Person.objects.create(first_name="Jörg", last_name="Weiß")
    erase_person(person)
    person.refresh_from_db()
    assert (person.last_name, person.name_key, person.sort_key) == ("", "", "")
