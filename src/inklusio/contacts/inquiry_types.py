"""The database keeps each inquiry's copy of its person's and organisation's stakeholder type.

The report counts the period's inquiries per stakeholder type (contacts.figures). Joining 200,000 inquiries with
100,000 people and 20,000 organisations for that took most of the report's time, so each inquiry carries both
types (``Inquiry.person_type``, ``Inquiry.organisation_type``), and triggers keep them equal to the originals
whatever writes: a form, an import, the API, a merge, an erasure, a bulk ``update()`` or raw SQL.

- An inquiry written with a person or organisation (or with a copy set by hand) takes their current types.
- A person's or organisation's changed type is copied to their inquiries.

Migrations run without the triggers: they are dropped before every ``migrate`` (``pre_migrate``) and installed
again after it (``post_migrate``), then every copy that differs from its original is repaired. SQLite rebuilds a
table for many schema changes, which drops that table's triggers and fails on a trigger of another table that
names it.
"""

from django.db import connections

# Only constant table and column names go into the statements below (no value from outside), hence the noqa S608.
PERSON_TYPE = "(SELECT stakeholder_type_id FROM contacts_person WHERE id = {row}.person_id)"
ORGANISATION_TYPE = "(SELECT stakeholder_type_id FROM contacts_organisation WHERE id = {row}.organisation_id)"
COPIED = "person_id, organisation_id, person_type_id, organisation_type_id"


def _postgresql_owner(owner: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION contacts_{owner}_type_to_inquiries() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE contacts_inquiry SET {owner}_type_id = NEW.stakeholder_type_id WHERE {owner}_id = NEW.id;
            RETURN NULL;
        END $$""",  # noqa: S608
        f"DROP TRIGGER IF EXISTS contacts_{owner}_type_to_inquiries ON contacts_{owner}",
        f"""CREATE TRIGGER contacts_{owner}_type_to_inquiries
        AFTER UPDATE OF stakeholder_type_id ON contacts_{owner} FOR EACH ROW
        WHEN (OLD.stakeholder_type_id IS DISTINCT FROM NEW.stakeholder_type_id)
        EXECUTE FUNCTION contacts_{owner}_type_to_inquiries()""",
    ]


POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION contacts_inquiry_copy_types() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.person_type_id := {PERSON_TYPE.format(row="NEW")};
        NEW.organisation_type_id := {ORGANISATION_TYPE.format(row="NEW")};
        RETURN NEW;
    END $$""",
    "DROP TRIGGER IF EXISTS contacts_inquiry_copy_types ON contacts_inquiry",
    f"""CREATE TRIGGER contacts_inquiry_copy_types BEFORE INSERT OR UPDATE OF {COPIED} ON contacts_inquiry
    FOR EACH ROW EXECUTE FUNCTION contacts_inquiry_copy_types()""",
    *_postgresql_owner("person"),
    *_postgresql_owner("organisation"),
]

# SQLite's triggers cannot change the row being written, so they update it right after. The WHEN clause ends the
# chain: the trigger's own update finds the copies equal and stops.
_SQLITE_COPY = (
    f"UPDATE contacts_inquiry SET person_type_id = {PERSON_TYPE.format(row='NEW')}, "  # noqa: S608
    f"organisation_type_id = {ORGANISATION_TYPE.format(row='NEW')} WHERE id = NEW.id;"
)
_SQLITE_DIFFERS = (
    f"NEW.person_type_id IS NOT {PERSON_TYPE.format(row='NEW')} "
    f"OR NEW.organisation_type_id IS NOT {ORGANISATION_TYPE.format(row='NEW')}"
)


def _sqlite_owner(owner: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS contacts_{owner}_type_to_inquiries",
        f"""CREATE TRIGGER contacts_{owner}_type_to_inquiries
        AFTER UPDATE OF stakeholder_type_id ON contacts_{owner}
        WHEN OLD.stakeholder_type_id IS NOT NEW.stakeholder_type_id
        BEGIN
            UPDATE contacts_inquiry SET {owner}_type_id = NEW.stakeholder_type_id WHERE {owner}_id = NEW.id;
        END""",  # noqa: S608
    ]


SQLITE = [
    "DROP TRIGGER IF EXISTS contacts_inquiry_types_insert",
    f"CREATE TRIGGER contacts_inquiry_types_insert AFTER INSERT ON contacts_inquiry WHEN {_SQLITE_DIFFERS} "
    f"BEGIN {_SQLITE_COPY} END",
    "DROP TRIGGER IF EXISTS contacts_inquiry_types_update",
    f"CREATE TRIGGER contacts_inquiry_types_update AFTER UPDATE OF {COPIED} ON contacts_inquiry "
    f"WHEN {_SQLITE_DIFFERS} BEGIN {_SQLITE_COPY} END",
    *_sqlite_owner("person"),
    *_sqlite_owner("organisation"),
]

TRIGGERS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def repair_statement(vendor: str) -> str:
    """Set every copy that differs from its original (all of them after the columns were added)."""
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    person, organisation = PERSON_TYPE.format(row="contacts_inquiry"), ORGANISATION_TYPE.format(row="contacts_inquiry")
    return (
        f"UPDATE contacts_inquiry SET person_type_id = {person}, organisation_type_id = {organisation} "  # noqa: S608
        f"WHERE person_type_id {differs} {person} OR organisation_type_id {differs} {organisation}"
    )


def _tables(connection, cursor) -> set[str]:
    return set(connection.introspection.table_names(cursor))


def install(connection) -> None:
    """Create the triggers (replacing any there) and repair the copies; nothing while the columns do not exist
    (a migration back to before them)."""
    with connection.cursor() as cursor:
        if "contacts_inquiry" not in _tables(connection, cursor):
            return
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "contacts_inquiry")}
        if "person_type_id" not in columns:
            return
        for statement in TRIGGERS[connection.vendor]:
            cursor.execute(statement)
        cursor.execute(repair_statement(connection.vendor))


def drop(connection) -> None:
    with connection.cursor() as cursor:
        tables = _tables(connection, cursor)
        for name, table in TRIGGER_TABLES[connection.vendor]:
            if table in tables:
                on = f" ON {table}" if connection.vendor == "postgresql" else ""
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")


TRIGGER_TABLES = {
    "postgresql": [
        ("contacts_inquiry_copy_types", "contacts_inquiry"),
        ("contacts_person_type_to_inquiries", "contacts_person"),
        ("contacts_organisation_type_to_inquiries", "contacts_organisation"),
    ],
    "sqlite": [
        ("contacts_inquiry_types_insert", "contacts_inquiry"),
        ("contacts_inquiry_types_update", "contacts_inquiry"),
        ("contacts_person_type_to_inquiries", "contacts_person"),
        ("contacts_organisation_type_to_inquiries", "contacts_organisation"),
    ],
}


def drop_before_migrate(sender=None, using="default", **kwargs):
    drop(connections[using])


def install_after_migrate(sender=None, using="default", **kwargs):
    install(connections[using])


def install_in_migration(apps, schema_editor):
    install(schema_editor.connection)


def drop_in_migration(apps, schema_editor):
    drop(schema_editor.connection)
