"""Each inquiry's copy of its person's and organisation's stakeholder type stays equal to the original, whatever
writes (contacts/inquiry_types.py), and the report's figures read from the copies equal the figures joined from the
people and organisations."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, FilteredRelation, Q

from inklusio.contacts import figures, inquiry_types, services
from inklusio.contacts.models import Inquiry, Organisation, Person, StakeholderType
from inklusio.core.extensions import figure_scope

pytestmark = pytest.mark.django_db

PERIOD = (date(2024, 1, 1), date(2024, 12, 31))


def kind(code):
    return StakeholderType.objects.get(code=code)


def inquiry(project, **values):
    return Inquiry.objects.create(project=project, received_on=date(2024, 3, 1), channel="email", topic="x", **values)


def stored(inquiry):
    """The copies as the database holds them (an instance in memory may be stale)."""
    return Inquiry.objects.filter(pk=inquiry.pk).values_list("person_type__code", "organisation_type__code").get()


def originals():
    """Every inquiry's types read through its person and organisation: what the copies must equal."""
    return {
        i.pk: (
            i.person.stakeholder_type.code if i.person and i.person.stakeholder_type else None,
            i.organisation.stakeholder_type.code if i.organisation else None,
        )
        for i in Inquiry.objects.select_related("person__stakeholder_type", "organisation__stakeholder_type")
    }


def copies():
    rows = Inquiry.objects.values_list("pk", "person_type__code", "organisation_type__code")
    return {pk: (person, organisation) for pk, person, organisation in rows}


@pytest.fixture
def teacher():
    return Person.objects.create(first_name="Ida", last_name="Koch", stakeholder_type=kind("teacher"))


@pytest.fixture
def chamber():
    return Organisation.objects.create(name="IHK Kassel", stakeholder_type=kind("chamber"))


def test_a_new_inquiry_takes_the_types_of_its_person_and_organisation(project, teacher, chamber):
    assert stored(inquiry(project, person=teacher, organisation=chamber)) == ("teacher", "chamber")
    assert stored(inquiry(project, person=teacher)) == ("teacher", None)
    assert stored(inquiry(project)) == (None, None)
    untyped = Person.objects.create(last_name="Ohne")
    assert stored(inquiry(project, person=untyped, organisation=chamber)) == (None, "chamber")


def test_bulk_created_inquiries_take_their_types(project, teacher, chamber):
    Inquiry.objects.bulk_create(
        [
            Inquiry(project=project, received_on=date(2024, 3, 1), channel="email", topic="a", person=teacher),
            Inquiry(project=project, received_on=date(2024, 3, 2), channel="phone", topic="b", organisation=chamber),
        ]
    )
    assert copies() == originals()
    assert set(copies().values()) == {(None, "chamber"), ("teacher", None)}


def test_a_changed_type_reaches_every_inquiry_by_save_and_by_update(project, teacher, chamber):
    first, second = inquiry(project, person=teacher, organisation=chamber), inquiry(project, person=teacher)
    other = inquiry(project, person=Person.objects.create(last_name="Andere", stakeholder_type=kind("teacher")))

    teacher.stakeholder_type = kind("apprentice")
    teacher.save()
    assert stored(first) == ("apprentice", "chamber")
    assert stored(second) == ("apprentice", None)
    assert stored(other) == ("teacher", None)

    Person.objects.filter(pk=teacher.pk).update(stakeholder_type=None)
    Organisation.objects.filter(pk=chamber.pk).update(stakeholder_type=kind("job_centre"))
    assert stored(first) == (None, "job_centre")
    assert stored(second) == (None, None)
    assert copies() == originals()


def test_an_inquiry_moved_to_another_person_or_organisation_takes_their_types(project, teacher, chamber):
    found = inquiry(project, person=teacher)
    apprentice = Person.objects.create(last_name="Neu", stakeholder_type=kind("apprentice"))
    found.person, found.organisation = apprentice, chamber
    found.save()
    assert stored(found) == ("apprentice", "chamber")

    Inquiry.objects.filter(pk=found.pk).update(person=None, organisation=None)
    assert stored(found) == (None, None)


def test_a_copy_written_by_hand_is_put_back(project, teacher, chamber):
    found = inquiry(project, person=teacher, organisation=chamber)
    Inquiry.objects.filter(pk=found.pk).update(person_type=kind("apprentice"), organisation_type=None)
    assert stored(found) == ("teacher", "chamber")


def test_deleting_and_merging_people_and_organisations_keeps_the_copies(project, lead, teacher, chamber):
    kept = Person.objects.create(last_name="Koch", stakeholder_type=kind("apprentice"))
    inquiry(project, person=teacher, organisation=chamber)
    inquiry(project, person=kept)
    services.merge_people(kept, teacher, actor=lead)
    assert set(copies().values()) == {("apprentice", "chamber"), ("apprentice", None)}

    kept.delete()
    chamber.delete()
    assert set(copies().values()) == {(None, None)}
    assert copies() == originals()


def test_installing_again_repairs_copies_written_while_the_triggers_were_gone(project, teacher, chamber):
    """SQLite drops a table's triggers when a migration rebuilds it: the next install repairs what was missed."""
    found = inquiry(project, person=teacher, organisation=chamber)
    inquiry_types.drop(connection)
    Person.objects.filter(pk=teacher.pk).update(stakeholder_type=kind("apprentice"))
    assert stored(found) == ("teacher", "chamber")  # stale: nothing kept it

    inquiry_types.install(connection)
    assert stored(found) == ("apprentice", "chamber")
    Person.objects.filter(pk=teacher.pk).update(stakeholder_type=kind("teacher"))
    assert stored(found) == ("teacher", "chamber")  # the triggers are back


def joined_groups(project):
    """The figures' groups computed the old way, by joining the people and organisations: the reference."""
    rows = (
        Inquiry.objects.filter(project=project, received_on__range=PERIOD)
        .annotate(
            typed_person=FilteredRelation("person", condition=Q(person__stakeholder_type__isnull=False)),
            typed_organisation=FilteredRelation(
                "organisation", condition=Q(organisation__stakeholder_type__isnull=False)
            ),
        )
        .order_by()
        .values_list(
            ExpressionWrapper(Q(organisation__isnull=False), output_field=BooleanField()),
            "typed_organisation__stakeholder_type_id",
            "typed_person__stakeholder_type_id",
        )
        .annotate(n=Count("id"))
    )
    return {tuple(row) for row in rows}


def test_the_figures_from_the_copies_equal_the_figures_joined_from_the_originals(project, teacher, chamber):
    school = Organisation.objects.create(name="BBS Kassel", stakeholder_type=kind("vocational_school"))
    plain = Person.objects.create(last_name="Ohne")
    for person in (teacher, plain, None):
        for organisation in (chamber, school, None):
            inquiry(project, person=person, organisation=organisation)
    Person.objects.filter(pk=plain.pk).update(stakeholder_type=kind("apprentice"))
    Organisation.objects.filter(pk=school.pk).update(stakeholder_type=kind("chamber"))

    with figure_scope():
        assert set(figures._groups(project, *PERIOD)) == joined_groups(project)
        assert figures.stakeholder_types_reached(project, *PERIOD) == 3  # teacher, apprentice, chamber
        assert figures.inquiries(project, *PERIOD) == 9
        by_type = figures.inquiries_by_stakeholder_type(project, *PERIOD)
    # with an organisation its type (6), else the person's own (teacher 1, apprentice 1); the last has neither
    assert sorted(by_type.values()) == [1, 1, 6]
