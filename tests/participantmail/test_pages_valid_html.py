"""The message pages in their filled states (draft with preview, sending, automatic messages, confirmation)
pass the W3C Nu Html Checker (vnu); skipped like tests/security/test_valid_html.py when vnu or Java is missing."""

import json
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inklusio.participantmail import services
from tests.security.test_valid_html import vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_message_pages_are_valid_html(client, staff, world, make_message, tmp_path, settings):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "mail"]}}
    draft = make_message(groups=["confirmed", "waitlisted"])
    sending = make_message(subject="Wird gesendet")
    services.start_sending(sending, actor=staff)
    services.add_material(world.event, SimpleUploadedFile("folien.pdf", PDF), title="Folien", public=False)
    client.force_login(staff)
    pages = {
        "list": client.get(reverse("participantmail:message_list")),
        "audience": client.get(reverse("participantmail:message_create")),
        "compose": client.get(reverse("participantmail:message_create"), {"event": world.event.pk}),
        "compose-network": client.get(reverse("participantmail:message_create"), {"network": world.networks[0].pk}),
        "compose-errors": client.post(
            reverse("participantmail:message_create") + f"?event={world.event.pk}",
            {"subject": "", "body": "{Vornahme}", "language": "de"},
        ),
        "detail": client.get(draft.get_absolute_url(), {"person": world.people["Bea"].pk}),
        "sending": client.get(sending.get_absolute_url()),
        "confirm": client.get(reverse("participantmail:message_send", args=[draft.pk])),
        "automatic": client.get(reverse("participantmail:event_automatic", args=[world.event.pk])),
        "mail": None,
    }
    pages["mail"] = services.preview(draft)["html"]
    folder = tmp_path / "pages"  # not tmp_path: the uploads live there too
    folder.mkdir()
    for name, response in pages.items():
        content = response if isinstance(response, str) else response.content.decode()
        if not isinstance(response, str):
            assert response.status_code == 200, name
        (folder / f"{name}.html").write_text(content, encoding="utf-8")
    result = subprocess.run([*command, str(folder)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
