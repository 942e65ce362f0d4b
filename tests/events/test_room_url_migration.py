"""Migration 0007: the video and stream links become ``room_url`` with their values kept; every registration gets
its own join token."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [("events", "0005_attendance_source_and_minutes")]
AFTER = [("events", "0007_room_url_and_join_token")]


@pytest.fixture(autouse=True)
def _latest_schema_afterwards():
    """Later tests in this process need every app at its latest migration again, not only the ones moved here."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    # The state of what is applied now: apps that depend on later events migrations (finance) were unapplied by
    # the move and must not pull those migrations back in.
    applied = set(executor.loader.applied_migrations)
    graph = executor.loader.graph
    newest = [key for key in applied if not any(child.key in applied for child in graph.node_map[key].children)]
    return executor.loader.project_state(newest).apps


def test_links_are_kept_as_room_urls_and_tokens_are_given():
    old = _migrate(BEFORE)
    Project = old.get_model("core", "Project")
    Event = old.get_model("events", "Event")
    Item = old.get_model("events", "ProgrammeItem")
    Person = old.get_model("contacts", "Person")
    Registration = old.get_model("events", "Registration")
    project = Project.objects.create(title="P", slug="p-migration", funder="F", start="2025-01-01", end="2025-12-31")
    times = {"starts_at": "2025-03-01T09:00Z", "ends_at": "2025-03-01T16:00Z"}
    online = Event.objects.create(
        project=project, title="K", slug="k", video_link="https://meet.example.org/k", **times
    )
    plain = Event.objects.create(project=project, title="F", slug="f", **times)
    Item.objects.create(event=online, title="A", starts_at=times["starts_at"], stream_link="https://s.example.org/1")
    Item.objects.create(event=online, title="B", starts_at=times["starts_at"])
    for n in range(3):
        person = Person.objects.create(last_name=f"N{n}")
        Registration.objects.create(event=online, person=person, status="confirmed", token=f"t{n}")

    new = _migrate(AFTER)
    Event = new.get_model("events", "Event")
    assert Event.objects.get(pk=online.pk).room_url == "https://meet.example.org/k"
    assert Event.objects.get(pk=plain.pk).room_url == ""
    rooms = dict(new.get_model("events", "ProgrammeItem").objects.values_list("title", "room_url"))
    assert rooms == {"A": "https://s.example.org/1", "B": ""}
    tokens = list(new.get_model("events", "Registration").objects.values_list("join_token", flat=True))
    assert len(set(tokens)) == 3 and all(len(token) >= 32 for token in tokens)

    back = _migrate(BEFORE)  # and back again, the links restored
    assert back.get_model("events", "Event").objects.get(pk=online.pk).video_link == "https://meet.example.org/k"
    _migrate([("events", "0008_online_join")])
