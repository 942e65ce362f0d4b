"""Every importer under hypothesis: any file gives a plan with errors (or a clean import), never an exception
other than the importer's own refusal, and a refused file writes nothing."""

import pytest
from hypothesis import given

from inklusio.contacts import importing as contacts_import
from inklusio.contacts.models import Affiliation, Organisation, Person
from inklusio.core.tabular import TableError, read_table
from inklusio.mailings import importing as mailings_import
from inklusio.mailings.models import Subscriber
from inklusio.outreach import meta_import
from inklusio.outreach import services as outreach
from inklusio.outreach.models import Channel, FollowerSnapshot, Post
from inklusio.worldcafe import services as worldcafe
from inklusio.worldcafe.files import PARTICIPANT_COLUMNS, FileFormatError, read_tables
from inklusio.worldcafe.models import CafeParticipant, CafeTable, WorldCafe

from .strategies import examples, table_files

pytestmark = pytest.mark.django_db

CONTACT_COLUMNS = [
    "Nachname",
    "Vorname",
    "E-Mail",
    "Organisation",
    "Telefon",
    "Region",
    "Seit",
    "Tags",
    *list(contacts_import.IMPORT_FIELDS),
]
SUBSCRIBER_COLUMNS = ["Email", "Vorname", "Nachname", "Sprache", "Themen", "optin_time", "optin_ip", "Name"]
META_COLUMNS = ["Beitrags-ID", "Veröffentlichungszeitpunkt", "Beschreibung", "Permalink", "Beitragstyp", "Impressionen",
                "Reichweite", "Gefällt mir", "Kommentare", "Post ID", "Publish time", "Description", "Reach", "Datum",
                "Follower", "Date", "Instagram-Follower"]  # fmt: skip


def _counts(*models):
    return tuple(model.objects.count() for model in models)


@examples(150)
@given(data=table_files(CONTACT_COLUMNS))
def test_table_reader_raises_only_its_own_error(data):
    try:
        table = read_table(data, 1_048_576)
    except TableError as error:
        assert str(error)
    else:
        assert all(isinstance(cell, str) for row in table.rows for cell in row)


@examples(150)
@given(data=table_files(CONTACT_COLUMNS))
def test_contacts_import(data):
    before = _counts(Person, Organisation, Affiliation)
    plan = contacts_import.plan_import(data)
    if not plan.ok:
        assert plan.errors or not plan.rows
        with pytest.raises(contacts_import.ImportRefused):
            contacts_import.execute_import(plan)
        assert _counts(Person, Organisation, Affiliation) == before
        return
    summary = contacts_import.execute_import(plan)
    assert Person.objects.count() == before[0] + summary.people
    for person in Person.objects.all():  # formula injection neutralised on the way in
        assert not contacts_import.looks_like_formula(person.last_name)


@examples(150)
@given(data=table_files(SUBSCRIBER_COLUMNS))
def test_subscriber_import(data):
    before = _counts(Subscriber, Person)
    plan = mailings_import.plan_import(data, max_bytes=1_048_576, source="Fuzz")
    if plan.ok:
        mailings_import.execute_import(plan, tool="Fuzz")
        assert Subscriber.objects.count() >= before[0]
    else:
        assert plan.errors
        assert _counts(Subscriber, Person) == before


@pytest.fixture
def instagram(db):
    return Channel.objects.create(platform=Channel.Platform.INSTAGRAM, handle="@fuzz", name="Fuzz")


@examples(150)
@given(data=table_files(META_COLUMNS))
def test_outreach_import(instagram, data):
    before = _counts(Post, FollowerSnapshot)
    plan = outreach.plan_import(data, instagram)
    if plan.ok:
        outreach.execute_import(plan, instagram)
    else:
        assert plan.errors
        with pytest.raises(outreach.ImportRefused):
            outreach.execute_import(plan, instagram)
        assert _counts(Post, FollowerSnapshot) == before


@examples(100)
@given(data=table_files(list(META_COLUMNS)))
def test_meta_export_preamble_and_parser(data):
    stripped = meta_import.strip_preamble(data)
    assert isinstance(stripped, bytes)


@pytest.fixture
def cafe(project):
    cafe = WorldCafe.objects.create(project=project, title="Fuzz-Café", rounds=3)
    for i in range(3):
        CafeTable.objects.create(cafe=cafe, name=str(i + 1), capacity=4, accessible=i == 0, position=i)
    return cafe


@examples(150)
@given(data=table_files(list(PARTICIPANT_COLUMNS)))
def test_world_cafe_participant_file(cafe, data):
    before = CafeParticipant.objects.count()
    try:
        count = worldcafe.import_participants(cafe, data)
    except FileFormatError as error:
        assert error.problems
        assert CafeParticipant.objects.count() == before
    else:
        assert CafeParticipant.objects.count() == before + count


@examples(100)
@given(data=table_files(["name", "capacity", "accessible"]))
def test_world_cafe_table_file(data):
    try:
        tables = read_tables(data)
    except FileFormatError as error:
        assert error.problems
    else:
        assert all(table.capacity >= 0 for table in tables)
