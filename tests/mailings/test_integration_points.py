"""The app's extension points: timeline entries, periodic jobs, the CLI import."""

import pytest

from inklusio.contacts.models import Person
from inklusio.core.extensions import timeline_for
from inklusio.core.scheduler import enqueue_due_jobs, periodic_jobs
from inklusio.mailings import services
from inklusio.mailings.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=True)


def test_contact_timeline_shows_the_subscription(make_user):
    person = Person.objects.create(last_name="Lange", email="lange@example.org")
    sub = services.request_subscription(email="lange@example.org", source="website")
    services.confirm(sub)
    texts = [entry.text for entry in timeline_for(person, make_user("project_staff"))]
    assert "Anmeldung bestätigt" in texts or "Subscription confirmed" in texts
    assert len(texts) == 2
    assert timeline_for(person, make_user("network_coordinator")) == []  # the Infoletter scopes its entries


def test_periodic_jobs_are_declared_and_run(settings):
    names = {job.name for job in periodic_jobs()}
    assert {"mailings.dispatch", "privacy.retention"} <= names  # the retention job purges unconfirmed sign-ups
    assert "mailings.dispatch" in enqueue_due_jobs()  # runs the dispatch task (immediate backend in tests)


def test_cli_import(tmp_path, capsys):
    from inklusio.cli import main

    good = tmp_path / "export.csv"
    good.write_text("E-Mail;Name;Bestätigt\nx@example.org;X;2024-01-02\ny@example.org;Y;\n", encoding="utf-8")
    assert main(["mail", "import", str(good), "--tool", "CleverReach", "--dry-run"]) == 0
    assert not Subscriber.objects.exists()
    assert main(["mail", "import", str(good), "--tool", "CleverReach"]) == 0
    assert "Imported 1 with consent proof; 1 asked to confirm again" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("E-Mail\nkaputt\n", encoding="utf-8")
    assert main(["mail", "import", str(bad)]) == 1
    assert Subscriber.objects.count() == 2
