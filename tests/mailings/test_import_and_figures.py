"""Subscriber import (all or nothing, consent proof kept, re-confirmation otherwise) and the report figures."""

from datetime import date, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from inklusio.mailings import figures, importing, services
from inklusio.mailings.models import Delivery, Mailing, Subscriber

from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db(transaction=True)

MAILCHIMP = (
    "Email Address;First Name;Last Name;OPTIN_TIME;CONFIRM_TIME;Topics\r\n"
    "anna@example.org;Anna;Alt;2023-03-01 10:00:00;2023-03-01 10:05:00;ausbildung\r\n"
    "BEN@example.org;Ben;Bau;2023-04-01 09:00:00;;Regionale Netzwerke\r\n"
    "cem@example.org;Cem;Çelik;02.05.2023 11:00;02.05.2023 11:30;\r\n"
).encode()


def test_import_keeps_consent_proof_and_asks_the_others_to_reconfirm(smtp_server):
    subscriber("already@example.org")
    data = MAILCHIMP + b"already@example.org;X;Y;;;\r\n"
    plan = importing.plan_import(data, source="Mailchimp")
    assert plan.ok, plan.errors
    assert [r.email for r in plan.with_proof] == ["anna@example.org", "cem@example.org"]
    assert [r.email for r in plan.to_reconfirm] == ["ben@example.org"]
    assert plan.existing == ["already@example.org"]
    summary = importing.execute_import(plan, tool="Mailchimp")
    assert summary == {"confirmed": 2, "reconfirm": 1, "existing": 1, "suppressed": 0}
    anna = Subscriber.objects.get(email="anna@example.org")
    assert anna.status == "confirmed" and anna.name == "Anna Alt"
    assert anna.confirmed_at == timezone.make_aware(datetime(2023, 3, 1, 10, 5))
    assert "Mailchimp" in anna.imported_proof and "2023-03-01" in anna.imported_proof
    assert list(anna.topics.values_list("code", flat=True)) == ["ausbildung"]
    ben = Subscriber.objects.get(email="ben@example.org")
    assert ben.status == "pending" and ben.confirmation_sent_at is not None
    assert [env.rcpt_tos for env in smtp_server.envelopes] == [["ben@example.org"]]
    # a mailing goes to the two with proof, not to the one waiting for re-confirmation
    assert services.segment().filter(email__in=["anna@example.org", "ben@example.org", "cem@example.org"]).count() == 2


def test_import_with_any_bad_row_writes_nothing_and_lists_every_error():
    data = (
        b"email,name,confirmed,language,topics\n"
        b"ok@example.org,Ok,2023-01-01,de,\n"
        b"not-an-address,Bad,,de,\n"
        b"ok@example.org,Twice,,de,\n"
        b'x@example.org,=HYPERLINK("http://evil"),,de,\n'
        b"y@example.org,Y,yesterday,de,\n"
        b"z@example.org,Z,,fr,Astrologie\n"
        b"future@example.org,F,2999-01-01,de,\n"
    )
    plan = importing.plan_import(data)
    assert not plan.ok
    text = [str(e) for e in plan.errors]
    assert any(t.startswith("row 3:") and "not a valid email" in t for t in text)
    assert any(t.startswith("row 4:") and "already in row 2" in t for t in text)
    assert any(t.startswith("row 5:") and "formula" in t for t in text)
    assert any(t.startswith("row 6:") and "not a date" in t for t in text)
    assert any(t.startswith("row 7:") and "language" in t for t in text)
    assert any(t.startswith("row 7:") and "Astrologie" in t for t in text)
    assert any(t.startswith("row 8:") and "future" in t for t in text)
    with pytest.raises(ValueError):
        importing.execute_import(plan)
    assert not Subscriber.objects.exists()
    assert importing.plan_import(b"name\nfoo\n").errors[0].startswith("No column holds the email")
    assert importing.plan_import(b"").errors == ["The file is empty."]


def test_import_pages_preview_then_import(client, staff, smtp_server, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inklusio.mailings.models import SubscriberImport

    settings.UPLOAD_ROOT = tmp_path
    client.force_login(staff)
    assert client.get("/staff/infoletter/subscribers/import/").status_code == 200
    response = client.post(
        "/staff/infoletter/subscribers/import/",
        {"file": SimpleUploadedFile("export.csv", MAILCHIMP), "source": "Mailchimp"},
    )
    record = SubscriberImport.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/infoletter/subscribers/import/{record.pk}/"
    review = client.get(response.url)
    assert review.status_code == 200 and review.context["review"]["ok"] and not Subscriber.objects.exists()
    assert record.stored_as + ".table.json" in {p.name for p in tmp_path.rglob("*")}
    assert client.post(response.url, {"import": "1"}).status_code == 302
    assert Subscriber.objects.count() == 3
    assert not any(p.is_file() for p in tmp_path.rglob("*"))  # upload and table deleted after the import
    assert client.post(response.url, {"import": "1"}).status_code == 404  # done: no second import
    bad = client.post(
        "/staff/infoletter/subscribers/import/",
        {"file": SimpleUploadedFile("bad.csv", b"email\nnope\n"), "source": "X"},
        follow=True,
    )
    assert "not a valid email" in bad.content.decode()
    bad_url = bad.redirect_chain[-1][0]
    assert client.post(bad_url, {"import": "1"}).status_code == 200 and Subscriber.objects.count() == 3


def test_stock_is_a_stock_not_a_running_sum():
    tz = timezone.get_current_timezone()

    def at(y, m, d):
        return datetime(y, m, d, 12, tzinfo=tz)

    subscriber("a@example.org", confirmed_at=at(2023, 1, 10), signed_up_at=at(2023, 1, 10))
    subscriber(
        "b@example.org",
        confirmed_at=at(2023, 6, 1),
        signed_up_at=at(2023, 6, 1),
        status="unsubscribed",
        unsubscribed_at=at(2024, 2, 1),
    )
    subscriber(
        "c@example.org",
        confirmed_at=at(2024, 3, 1),
        signed_up_at=at(2024, 3, 1),
        status="bounced",
        bounced_at=at(2024, 5, 1),
    )
    subscriber("p@example.org", status="pending", signed_up_at=at(2023, 1, 1))
    days = [date(2022, 12, 31), date(2023, 1, 10), date(2023, 12, 31), date(2024, 3, 1), date(2024, 12, 31)]
    assert figures.confirmed_stock_series(days) == [
        (days[0], 0),
        (days[1], 1),
        (days[2], 2),
        (days[3], 2),
        (days[4], 1),
    ]


def test_per_mailing_figures(smtp_server):
    subs = [subscriber(f"s{i}@example.org") for i in range(4)]
    m = mailing()
    services.start_sending(m)
    Delivery.objects.filter(subscriber=subs[0]).update(status="bounced")
    services.unsubscribe(subs[1], mailing_id=m.pk)
    draft = mailing(subject="Entwurf")
    assert figures.mailings_sent() == 1
    today = timezone.localdate()
    assert figures.mailings_sent(start=today - timedelta(days=1), end=today) == 1
    assert figures.mailings_sent(start=today + timedelta(days=1)) == 0
    [row] = figures.mailing_table()
    assert (row["recipients"], row["sent"], row["bounced"], row["unsubscribed"]) == (4, 3, 1, 1)
    assert figures.deliveries()["total"] == 4
    assert draft.status == Mailing.Status.DRAFT


def test_consent_text_versions(client, staff):
    client.force_login(staff)
    assert client.get("/staff/infoletter/consent/").status_code == 200
    response = client.post(
        "/staff/infoletter/consent/new/", {"version": "2025-02", "text": "Neuer Text", "privacy_notice": "Hinweis"}
    )
    assert response.status_code == 302
    assert services.current_consent_text().version == "2025-02"
    assert "Neuer Text" in Client().get("/infoletter/").content.decode()
