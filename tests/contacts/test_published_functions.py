"""The functions contacts publishes for the apps above it (issue #15): inquiries, the stakeholder mix, demo helpers."""

from datetime import date

import pytest
from django.utils import timezone, translation

from inklusio.contacts import demo, queries
from inklusio.contacts.models import Affiliation, Inquiry, Organisation, Person, StakeholderType, Tag
from inklusio.contacts.services import InquiryChannel, InquiryError, InquiryKind, create_inquiry

pytestmark = pytest.mark.django_db


def _type(code):
    return StakeholderType.objects.get(code=code)


def test_create_inquiry_is_keyword_only_and_records_what_it_is_given(project):
    person = Person.objects.create(first_name="Ada", last_name="Muster", email="ada@example.org")
    organisation = Organisation.objects.create(name="Werkstatt Nord", stakeholder_type=_type("inclusion_company"))
    with pytest.raises(TypeError):
        create_inquiry(project, InquiryKind.GENERAL, InquiryChannel.EMAIL, "Frage")  # type: ignore[misc]
    inquiry = create_inquiry(
        project=project,
        kind=InquiryKind.TRAINING_OFFER,
        channel=InquiryChannel.WEB_FORM,
        topic="x" * 250,
        message="Hallo",
        person=person,
        organisation=organisation,
    )
    inquiry.refresh_from_db()
    assert (inquiry.kind, inquiry.channel, inquiry.message) == ("training_offer", "web_form", "Hallo")
    assert inquiry.topic == "x" * 200
    assert (inquiry.person, inquiry.organisation, inquiry.project) == (person, organisation, project)
    assert inquiry.received_on == timezone.localdate()
    assert inquiry.outcome == Inquiry.Outcome.OPEN
    older = create_inquiry(project=project, kind="press", channel="phone", topic="Anruf", received_on=date(2024, 5, 2))
    assert (older.received_on, older.person, older.organisation, older.message) == (date(2024, 5, 2), None, None, "")


@pytest.mark.parametrize(("kind", "channel"), [("complaint", "email"), ("general", "fax"), ("", "email")])
def test_create_inquiry_refuses_unknown_kinds_and_channels(project, kind, channel):
    with pytest.raises(InquiryError):
        create_inquiry(project=project, kind=kind, channel=channel, topic="Frage")
    assert not Inquiry.objects.exists()


def test_inquiry_with_id_loads_person_and_project_or_is_none(project, django_assert_num_queries):
    person = Person.objects.create(first_name="Ada", last_name="Muster", email="ada@example.org")
    inquiry = create_inquiry(project=project, kind="general", channel="email", topic="Frage", person=person)
    with django_assert_num_queries(1):
        found = queries.inquiry_with_id(inquiry.pk)
        assert (found.person.email, found.project.title) == ("ada@example.org", project.title)
    assert queries.inquiry_with_id(inquiry.pk + 1000) is None


def test_stakeholder_mix_own_type_first_then_newest_affiliation_then_unknown():
    company, chamber, teacher = _type("inclusion_company"), _type("chamber"), _type("teacher")
    own = Person.objects.create(last_name="Eigen", stakeholder_type=teacher)
    own_beats_affiliation = Person.objects.create(last_name="Beides", stakeholder_type=teacher)
    Affiliation.objects.create(
        person=own_beats_affiliation, organisation=Organisation.objects.create(name="K", stakeholder_type=chamber)
    )
    by_affiliation = Person.objects.create(last_name="Firma")
    Affiliation.objects.create(
        person=by_affiliation,
        organisation=Organisation.objects.create(name="Alt", stakeholder_type=chamber),
        start=date(2020, 1, 1),
    )
    Affiliation.objects.create(
        person=by_affiliation,
        organisation=Organisation.objects.create(name="Neu", stakeholder_type=company),
        start=date(2023, 1, 1),
    )
    nobody = Person.objects.create(last_name="Ohne")
    people = Person.objects.filter(pk__in=[p.pk for p in (own, own_beats_affiliation, by_affiliation, nobody)])
    with translation.override("de"):
        rows = queries.stakeholder_mix(people)
    assert [(row.code, row.count) for row in rows] == [("teacher", 2), ("inclusion_company", 1), ("unknown", 1)]
    assert rows[2].label == "unbekannt"  # and, on a tie, after every known type
    assert rows[0].label == "Lehrkraft"
    assert queries.stakeholder_mix(Person.objects.none()) == []


def test_stakeholder_mix_ties_follow_the_glossary_order():
    company, chamber = _type("inclusion_company"), _type("chamber")
    assert company.position < chamber.position
    Person.objects.create(last_name="K", stakeholder_type=chamber)
    Person.objects.create(last_name="I", stakeholder_type=company)
    assert [row.code for row in queries.stakeholder_mix(Person.objects.all())] == ["inclusion_company", "chamber"]


def test_demo_helpers_reload_people_and_reuse_tags(django_assert_num_queries):
    first = Person.objects.create(last_name="Eins", email="eins@example.org")
    second = Person.objects.create(last_name="Zwei")
    Affiliation.objects.create(
        person=first, organisation=Organisation.objects.create(name="O", stakeholder_type=_type("chamber"))
    )
    assert demo.people_for_seeding([second, first]) == [first, second]
    reloaded = demo.people_for_seeding([second, first], with_email=True)
    assert reloaded == [first]
    with django_assert_num_queries(0):
        assert reloaded[0].affiliations.all()[0].organisation.stakeholder_type.code == "chamber"
    Tag.objects.create(name="Pflege")
    tags = demo.tags_named(["Pflege", "Handwerk"])
    assert [t.name for t in tags] == ["Pflege", "Handwerk"]
    assert Tag.objects.count() == 2
