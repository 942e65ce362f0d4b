"""Removing networks and meetings: a held meeting or a network with members is archived (still counted), a
future meeting is deleted with its invitations and documents; scoped to the coordinator's own network, 403 for
the reviewer, audited, GET changes nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from inklusio.core.models import AuditEvent
from inklusio.networks import figures
from inklusio.networks.models import Invitation, Meeting, MeetingDocument, Network

from ..conftest import Client

pytestmark = pytest.mark.django_db


def test_a_held_meeting_is_archived_and_still_counted(world, client_for):
    side = world["a"]
    held_before = figures.meetings_held(date(2020, 1, 1), date(2030, 1, 1))
    client = client_for(side.coordinator)
    url = f"/staff/networks/meetings/{side.past.pk}/remove/"
    assert "2 Teilnahmen werden weiter gezählt." in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    side.past.refresh_from_db()
    assert side.past.archived_at is not None and MeetingDocument.objects.filter(pk=side.document.pk).exists()
    assert figures.meetings_held(date(2020, 1, 1), date(2030, 1, 1)) == held_before
    detail = client.get(f"/staff/networks/{side.network.pk}/").content.decode()
    assert "1 archiviertes Treffen" in detail
    assert AuditEvent.objects.get(action="networks.meeting.archive").detail["attendances"] == 2


def test_a_future_meeting_is_deleted_with_invitations_and_documents(
    world, client_for, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inklusio.networks import services
    from inklusio.networks.services import document_path

    from .conftest import PDF

    side = world["a"]
    document = services.store_document(side.future, SimpleUploadedFile("agenda.pdf", PDF), "Agenda")
    path = document_path(document)
    assert path.exists()
    client = client_for(side.coordinator)
    page = client.get(f"/staff/networks/meetings/{side.future.pk}/remove/").content.decode()
    assert "1 Einladung wird mit gelöscht." in page and "1 Dokument wird mit gelöscht." in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/networks/meetings/{side.future.pk}/remove/")
    assert not Meeting.objects.filter(pk=side.future.pk).exists()
    assert not Invitation.objects.filter(pk=side.invitation.pk).exists()
    assert not path.exists()


def test_a_coordinator_cannot_remove_another_networks_meeting_or_any_network(world, client_for):
    client = client_for(world["a"].coordinator)
    assert client.post(f"/staff/networks/meetings/{world['b'].future.pk}/remove/").status_code == 404
    assert client.post(f"/staff/networks/{world['a'].network.pk}/remove/").status_code == 403
    assert Meeting.objects.filter(pk=world["b"].future.pk).exists()


def test_a_network_with_members_is_archived_an_empty_one_deleted(world, client_for, make_user):
    lead = make_user("project_lead")
    client = client_for(lead)
    empty = Network.objects.create(name="Leer", founded_on=timezone.localdate() + timedelta(days=30))
    founded_empty = Network.objects.create(name="Gegründet", founded_on=date(2024, 1, 1))
    network = world["a"].network
    active_before = figures.networks_active_at(date(2024, 6, 1))
    client.post(f"/staff/networks/{network.pk}/remove/")
    client.post(f"/staff/networks/{empty.pk}/remove/")
    client.post(f"/staff/networks/{founded_empty.pk}/remove/")
    founded_empty.refresh_from_db()
    assert founded_empty.archived_at is not None  # networks_active_at counted it
    network.refresh_from_db()
    assert network.archived_at is not None and not Network.objects.filter(pk=empty.pk).exists()
    assert figures.networks_active_at(date(2024, 6, 1)) == active_before
    assert ">Netzwerk A</a>" not in client.get("/staff/networks/").content.decode()
    assert ">Netzwerk A</a>" in client.get("/staff/networks/?archived=1").content.decode()
    assert {"networks.network.archive", "networks.network.delete"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_reviewer_gets_403_and_csrf_is_needed(world, make_user):
    reviewer = Client()
    reviewer.force_login(make_user("read_only"))
    assert reviewer.post(f"/staff/networks/meetings/{world['a'].future.pk}/remove/").status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world["a"].coordinator)
    assert strict.post(f"/staff/networks/meetings/{world['a'].future.pk}/remove/").status_code == 403
    assert Meeting.objects.filter(pk=world["a"].future.pk, archived_at=None).exists()
