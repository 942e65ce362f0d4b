"""The registration form's separate, unticked newsletter box starts the Infoletter's double opt-in."""

import pytest

from inklusio.mailings.models import Subscriber

from .test_public_views import FORM

pytestmark = pytest.mark.django_db


def test_the_box_is_offered_unticked(client, event):
    page = client.get(f"/events/{event.slug}/register/").content.decode()
    assert 'name="newsletter"' in page
    assert 'name="newsletter" checked' not in page and "checked" not in page.split('name="newsletter"')[1][:80]


def test_without_the_box_nobody_is_subscribed(client, event):
    client.post(f"/events/{event.slug}/register/", FORM)
    assert not Subscriber.objects.exists()


def test_the_ticked_box_starts_the_double_opt_in_with_a_confirmation_mail(
    client, event, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.slug}/register/", {**FORM, "newsletter": "on"})
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="jonas@example.org")
    assert subscriber.confirmed_at is None and subscriber.source == f"event:{event.slug}"
    subjects = [m["Subject"] for m in smtp_server.to("jonas@example.org")]
    assert any("Infoletter" in s for s in subjects), subjects
