"""The suppression list moved from privacy to contacts: its rows stay, and so do the data-subject permissions."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("contacts", "0001_initial"), ("privacy", "0003_merge_0002_retention_0002_suppression")]
AFTER = [("contacts", "0002_suppressionentry_from_privacy"), ("privacy", "0004_suppressionentry_to_contacts")]


@pytest.fixture(autouse=True)
def _latest_schema_afterwards():
    """Later tests in this process need every app at its latest migration again, not only the ones moved here."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    """Migrate contacts and privacy to ``targets``; the models as of then, every other app at its latest."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    moved = {app for app, _name in targets}
    nodes = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in moved] + targets
    return executor.loader.project_state(nodes).apps


def test_rows_and_permissions_survive_the_move():
    old = _migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    Permission = old.get_model("auth", "Permission")
    Group = old.get_model("auth", "Group")
    User = old.get_model("auth", "User")
    old.get_model("privacy", "SuppressionEntry").objects.create(digest="d" * 64, reason="erasure")
    # The rows a database migrated before the move holds (a test database gets them from post_migrate instead).
    ContentType.objects.filter(model="suppressionentry").delete()
    entry_type = ContentType.objects.create(app_label="privacy", model="suppressionentry")
    run_type, _created = ContentType.objects.get_or_create(app_label="privacy", model="retentionrun")
    Permission.objects.filter(content_type=run_type, codename__in=["export_personal_data", "erase_person"]).delete()
    erase = Permission.objects.create(content_type=entry_type, codename="erase_person", name="erase")
    export = Permission.objects.create(content_type=entry_type, codename="export_personal_data", name="export")
    Permission.objects.create(content_type=entry_type, codename="view_suppressionentry", name="view")
    lead = Group.objects.create(name="lead-before-the-move")
    lead.permissions.add(erase, export)
    clerk = User.objects.create(username="clerk-before-the-move")
    clerk.user_permissions.add(export)

    new = _migrate(AFTER)
    assert new.get_model("contacts", "SuppressionEntry").objects.filter(digest="d" * 64, reason="erasure").exists()
    Permission = new.get_model("auth", "Permission")
    moved = {
        (p.content_type.app_label, p.content_type.model, p.codename)
        for p in Permission.objects.filter(
            codename__in=["erase_person", "export_personal_data", "view_suppressionentry"]
        ).select_related("content_type")
    }
    assert moved == {
        ("privacy", "retentionrun", "erase_person"),
        ("privacy", "retentionrun", "export_personal_data"),
        ("contacts", "suppressionentry", "view_suppressionentry"),
    }
    lead = new.get_model("auth", "Group").objects.get(name="lead-before-the-move")
    assert set(lead.permissions.values_list("codename", flat=True)) == {"erase_person", "export_personal_data"}
    clerk = new.get_model("auth", "User").objects.get(username="clerk-before-the-move")
    assert list(clerk.user_permissions.values_list("content_type__app_label", "codename")) == [
        ("privacy", "export_personal_data")
    ]
