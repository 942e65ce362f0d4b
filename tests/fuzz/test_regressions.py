"""Bugs the fuzzing found, each pinned by a regression test."""

import pytest

from inklusio.worldcafe import services as worldcafe
from inklusio.worldcafe.files import FileFormatError
from inklusio.worldcafe.models import CafeParticipant, WorldCafe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("column", "limit"), [("name", 200), ("organisation", 200), ("stakeholder_type", 100), ("id", 200)]
)
def test_world_cafe_file_with_an_overlong_value_is_refused_whole(project, column, limit):
    """A value longer than its column was written row by row until the database refused it (PostgreSQL: a
    server error with the first rows already stored); now the file is refused before anything is written."""
    cafe = WorldCafe.objects.create(project=project, title="Café", rounds=2)
    rows = [{"id": "p1", "name": "Ada"}, {"id": "p2", "name": "Grace"}]
    rows[1][column] = "x" * (limit + 1)
    header = ["id", "name", "organisation", "stakeholder_type"]
    data = "\n".join([",".join(header)] + [",".join(row.get(h, "") for h in header) for row in rows]).encode()
    with pytest.raises(FileFormatError) as error:
        worldcafe.import_participants(cafe, data)
    assert f"at most {limit}" in error.value.problems[0]
    assert CafeParticipant.objects.count() == 0


CONTACT_COLUMNS = ["last_name", "first_name", "email", "phone", "organisation", "role", "city", "tags", "notes",
                   "salutation", "academic_title", "region", "stakeholder_type", "since"]  # fmt: skip
SUBSCRIBER_COLUMNS = ["email", "first_name", "last_name", "name", "language", "topics"]


def _overlong_csv(columns, column, value):
    row = {"last_name": "Lovelace", "email": "ada@example.org", column: value}
    return (";".join(columns) + "\n" + ";".join(row.get(c, "") for c in columns) + "\n").encode()


@pytest.mark.parametrize("column", CONTACT_COLUMNS)
def test_overlong_contact_values_are_refused_or_fit(column):
    """Every column of the contacts import, 5,000 characters long: a row error, or a stored value that fits."""
    from inklusio.contacts import importing
    from inklusio.contacts.models import Person

    plan = importing.plan_import(_overlong_csv(CONTACT_COLUMNS, column, "x" * 5000))
    if plan.ok:
        importing.execute_import(plan)  # PostgreSQL refuses a value longer than its column
        assert Person.objects.count() == 1
    else:
        assert Person.objects.count() == 0


@pytest.mark.parametrize("column", SUBSCRIBER_COLUMNS)
def test_overlong_subscriber_values_are_refused_or_fit(column):
    from inklusio.mailings import importing
    from inklusio.mailings.models import Subscriber

    plan = importing.plan_import(_overlong_csv(SUBSCRIBER_COLUMNS, column, "x" * 5000), source="Fuzz")
    if plan.ok:
        importing.execute_import(plan, tool="Fuzz")
        assert Subscriber.objects.count() == 1
    else:
        assert Subscriber.objects.count() == 0


@pytest.mark.parametrize("url", ["/kontakt/", "/barrierefreiheit/"])
def test_public_inquiry_without_a_project_is_a_message_not_a_server_error(client, url):
    """Found by fuzzing: with no project set up yet, a valid contact or barrier report raised a server error."""
    import time

    from django.core import signing

    from inklusio.contacts.models import Inquiry, Person
    from inklusio.public import services

    started = signing.dumps(time.time() - 60, salt=services.STARTED_SALT)
    payload = {"name": "Ada", "email": "ada@example.org", "topic": "Frage", "message": "Hallo", "consent": "on"}
    response = client.post(url, {**payload, "started": started})
    assert response.status_code == 200
    assert "Das Kontaktformular ist im Moment nicht verfügbar." in response.context["form"].non_field_errors()
    assert Inquiry.objects.count() == Person.objects.count() == 0
