"""Removing mailings: a draft is deleted, one that went out is archived (still counted), one being sent or
scheduled is refused; audited, 403 for the reviewer, GET changes nothing, CSRF."""

import pytest
from django.utils import timezone

from inklusio.core.models import AuditEvent
from inklusio.core.removal import RemovalRefused
from inklusio.mailings import removal
from inklusio.mailings.models import Delivery, Mailing

from ..conftest import Client
from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db


def test_a_draft_is_deleted(client, staff):
    draft = mailing()
    client.force_login(staff)
    url = f"/staff/infoletter/{draft.pk}/remove/"
    page = client.get(url).content.decode()
    assert "Niemand hat ihn erhalten." in page and Mailing.objects.filter(pk=draft.pk).exists()
    assert client.post(url).status_code == 302
    assert not Mailing.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.filter(action="mailings.mailing.delete", subject=f"mailings.mailing:{draft.pk}").exists()


def test_a_sent_mailing_is_archived_with_its_deliveries(client, staff):
    sent = mailing(status=Mailing.Status.SENT, finished_at=timezone.now())
    Delivery.objects.create(mailing=sent, subscriber=subscriber("a@example.org"), status=Delivery.Status.SENT)
    client.force_login(staff)
    url = f"/staff/infoletter/{sent.pk}/remove/"
    assert "1 Zustellung wird weiter gezählt." in client.get(url).content.decode()
    client.post(url)
    sent.refresh_from_db()
    assert sent.archived_at and sent.deliveries.count() == 1
    link = f">{sent.subject}</a>"
    assert link not in client.get("/staff/infoletter/").content.decode()
    assert link in client.get("/staff/infoletter/?archived=1").content.decode()
    assert AuditEvent.objects.get(action="mailings.mailing.archive").detail == {"deliveries": 1}


@pytest.mark.parametrize("status", [Mailing.Status.SCHEDULED, Mailing.Status.SENDING, Mailing.Status.PAUSED])
def test_a_scheduled_or_sending_mailing_is_refused(client, staff, status):
    busy = mailing(status=status)
    client.force_login(staff)
    response = client.post(f"/staff/infoletter/{busy.pk}/remove/")
    assert response.status_code == 409
    busy.refresh_from_db()
    assert busy.archived_at is None and not AuditEvent.objects.filter(action__startswith="mailings.mailing.").exists()


def test_sending_that_started_after_the_plan_stops_the_delete():
    draft = mailing()
    plan = removal.plan_mailing(draft)
    Mailing.objects.filter(pk=draft.pk).update(status=Mailing.Status.SENDING)
    with pytest.raises(RemovalRefused):
        removal.remove_mailing(plan)
    assert Mailing.objects.filter(pk=draft.pk).exists()


def test_reviewer_gets_403_and_csrf_is_needed(client, make_user, staff):
    draft = mailing()
    client.force_login(make_user("read_only"))
    assert client.post(f"/staff/infoletter/{draft.pk}/remove/").status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff)
    assert strict.post(f"/staff/infoletter/{draft.pk}/remove/").status_code == 403
    assert Mailing.objects.filter(pk=draft.pk).exists()
