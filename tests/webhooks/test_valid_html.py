"""Every webhook page (list, new with and without errors, detail with the secret, the switched-off notice and the
log, edit, delete) passes the Nu HTML checker, in German and English (tests/security/test_valid_html.py)."""

import pytest
from django.utils import timezone

from inklusio.webhooks import services
from inklusio.webhooks.models import WebhookDelivery
from tests.security.test_valid_html import vnu_errors, vnu_or_skip


@pytest.mark.rendering
def test_every_webhook_page_passes_the_nu_html_checker(tmp_path, client, lead, subscribe):
    command = vnu_or_skip()
    client.force_login(lead)
    response = client.post(
        "/staff/webhooks/new/", {"description": "CRM", "url": "https://crm.example.org/h", "kinds": ["inquiry.created"]}
    )
    hook = subscribe("http://127.0.0.1:9/", description="Kammer")
    now = timezone.now()
    for n, status in enumerate(WebhookDelivery.Status.values):
        WebhookDelivery.objects.create(
            subscription=hook,
            message_id=f"msg_{n}",
            kind="inquiry.created",
            body="{}",
            status=status,
            attempts=n,
            last_response=500 if n else None,
            last_error="The receiver answered with HTTP status 500." if n else "",
            next_attempt_at=now,
        )
    services.switch_off(hook, "Switched off: every attempt failed.")
    pages = {}
    for prefix in ("", "/en"):
        created = response["Location"]
        if prefix == "":
            pages["detail with secret"] = client.get(created).content.decode()
            assert "whsec_" in pages["detail with secret"]
        pages[f"{prefix} invalid form"] = client.post(
            f"{prefix}/staff/webhooks/new/", {"url": "ftp://x"}
        ).content.decode()
        for path in (
            "/staff/webhooks/",
            "/staff/webhooks/new/",
            created,
            f"/staff/webhooks/{hook.pk}/",
            f"/staff/webhooks/{hook.pk}/edit/",
            f"/staff/webhooks/{hook.pk}/delete/",
        ):
            answer = client.get(prefix + path)
            assert answer.status_code == 200, (prefix + path, answer.status_code)
            pages[prefix + path] = answer.content.decode()
    errors = vnu_errors(command, pages, tmp_path)
    assert not errors, "\n".join(errors)
