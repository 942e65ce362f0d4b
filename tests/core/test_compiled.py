"""CompiledStatement: SQL written once by the ORM, later calls with other values give what the ORM gives."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inklusio.core.compiled import CompiledStatement
from inklusio.events import queries
from inklusio.events.models import Event


def _event(project, slug, days=10):
    starts = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        project=project,
        title="Fachtag",
        slug=slug,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        visibility=Event.Visibility.PUBLIC,
    )


def _upcoming(after, project_id):
    events = Event.objects.filter(project_id=project_id, ends_at__gte=after).order_by("ends_at")
    return events.values_list("slug", "cancelled", "ends_at")[:1]


UPCOMING = CompiledStatement(_upcoming, after=datetime, project_id=int)


@pytest.mark.django_db
def test_later_calls_read_what_the_orm_reads_with_their_own_values(project):
    soon, _later = _event(project, "bald", days=1), _event(project, "spaeter", days=60)
    for after in (timezone.now(), timezone.now() + timedelta(days=30), timezone.now() + timedelta(days=90)):
        expected = _upcoming(after, soon.project_id).first()
        # the datetimes and booleans converted as the ORM converts them (SQLite returns text and integers)
        assert UPCOMING.fetchone(after=after, project_id=soon.project_id) == expected
    assert UPCOMING.fetchone(after=timezone.now(), project_id=soon.project_id + 1000) is None


@pytest.mark.django_db
def test_the_statement_is_compiled_once(project):
    event = _event(project, "einmal")
    statement = CompiledStatement(lambda slug: Event.objects.filter(slug=slug).values_list("pk")[:1], slug=str)
    built = []
    original = statement._build
    statement._build = lambda **markers: built.append(markers) or original(**markers)
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries_run:
            assert statement.fetchone(slug="einmal") == (event.pk,)
        assert len(queries_run) == 1
    assert len(built) == 1


def test_a_builder_that_changes_its_marker_is_refused():
    statement = CompiledStatement(lambda event_id: Event.objects.filter(pk=event_id + 1), event_id=int)
    with pytest.raises(ValueError, match="event_id"):
        statement.sql(event_id=1)


@pytest.mark.django_db
def test_the_registration_event_is_the_public_one_with_its_state_and_the_rest_deferred(project):
    event = _event(project, "offen")
    found = queries.event_to_register("offen")
    assert (found.pk, found.slug, found.registration_state()) == (event.pk, "offen", event.registration_state())
    assert found.has_questions is False and "title" in found.get_deferred_fields()
    assert found.title == event.title  # a deferred field still loads on access
    Event.objects.filter(pk=event.pk).update(visibility=Event.Visibility.DRAFT)
    assert queries.event_to_register("offen") is None
    assert queries.event_to_register("gibt-es-nicht") is None


@pytest.mark.django_db
def test_insert_params_are_what_save_writes(project):
    from inklusio.contacts.models import Person
    from inklusio.core.compiled import insert_columns, insert_params

    saved = Person(first_name="Jürgen", last_name="Özdemir", email="a@example.org", city="Köln")
    saved.save()
    written = Person(first_name="Jürgen", last_name="Özdemir", email="b@example.org", city="Köln")
    written.derive_fields()
    fields = insert_columns(Person)
    assert "id" not in [f.name for f in fields] and "sort_key" in [f.name for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO contacts_person ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",
            insert_params(written, fields),
        )
    inserted = Person.objects.get(email="b@example.org")
    assert inserted.created is not None and inserted.updated is not None  # auto_now(_add) as save() sets them
    assert inserted.sort_key and inserted.name_key  # derived as save() derives them

    def stored(person):
        different = {"id", "email", "created", "updated"}
        return {f.attname: getattr(person, f.attname) for f in Person._meta.concrete_fields if f.name not in different}

    assert stored(inserted) == stored(Person.objects.get(pk=saved.pk))
