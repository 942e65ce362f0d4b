"""The support booking pages in their filled states pass the W3C Nu Html Checker (vnu): the list with open
requests by person, the kind step, a new booking, a form with errors, and a booking of an event whose support
needs were deleted. Skipped like tests/security/test_valid_html.py when vnu or Java is missing (unless required)."""

import json
import subprocess

import pytest
from django.utils import timezone

from inklusio.events import bookings, services
from inklusio.events.models import SupportBooking
from tests.security.test_valid_html import vnu_or_skip

from .conftest import end_event

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


def test_booking_pages_are_valid_html(client, staff, make_event, reg_data, tmp_path):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    event = make_event(capacity=10)
    regs = [
        services.register(event.pk, reg_data(n, support_needs={kind: "DGS"}, support_consent=True))[0]
        for n, kind in enumerate(["sign_language", "sign_language", "easy_language"])
    ]
    booking = bookings.save_booking(
        SupportBooking(event=event, kind="sign_language"),
        bookings.BookingData(provider="Dolmetschdienst <Nord>", cost="480", registration_ids=[regs[0].pk]),
    )
    past = make_event(slug="vergangen")
    old = services.register(past.pk, reg_data(7, support_needs={"sign_language": ""}, support_consent=True))[0]
    past_booking = bookings.save_booking(
        SupportBooking(event=past, kind="sign_language"),
        bookings.BookingData(provider="Nord", status="booked", registration_ids=[old.pk]),
    )
    end_event(past)
    services.purge_support_needs(now=timezone.now(), retention_days=0)
    client.force_login(staff)
    base = f"/staff/events/{event.pk}/support-bookings/"
    pages = {
        "list": client.get(base + "?details=1"),
        "list-en": client.get("/en" + base),
        "kind": client.get(base + "new/"),
        "kind-error": client.get(base + "new/?kind=bogus"),
        "new": client.get(base + "new/?kind=sign_language"),
        "new-none": client.get(base + "new/?kind=induction_loop"),
        "errors": client.post(base + "new/?kind=sign_language", {"status": "booked", "cost": "-1"}),
        "edit": client.get(f"{base}{booking.pk}/"),
        "purged-list": client.get(f"/staff/events/{past.pk}/support-bookings/"),
        "purged-edit": client.get(f"/staff/events/{past.pk}/support-bookings/{past_booking.pk}/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
