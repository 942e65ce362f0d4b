"""The events' Leichte Sprache pages in their filled states pass the W3C Nu Html Checker (vnu): the form (open,
full, closed, with errors), the answer after registering, the personal page (seat, waiting list, online with join
links, cancelled), change (also with errors) and cancel, in German and under /en/. Skipped like
tests/security/test_valid_html.py when vnu or Java is missing (unless required)."""

import json
import subprocess

import pytest

from inklusio.events import services
from inklusio.events.models import Question
from tests.security.test_valid_html import vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]


def test_easy_event_pages_are_valid_html(client, make_event, online_event, reg_data, tmp_path):
    command = vnu_or_skip()  # fails instead of skipping under INKLUSIO_REQUIRE_VNU (CI)
    event = make_event(capacity=1)
    Question.objects.create(event=event, text="Kommen Sie mit dem Auto?", kind="yes_no", required=True)
    closed = make_event(slug="abgesagt", cancelled=True)
    seated, _ = services.register(
        event.pk, reg_data(1, support_needs={"sign_language": "vorne"}, support_consent=True, easy_language=True)
    )
    waiting, _ = services.register(event.pk, reg_data(2, easy_language=True))
    online, _ = services.register(online_event.pk, reg_data(3, easy_language=True))
    gone, _ = services.register(online_event.pk, reg_data(4, easy_language=True))
    services.cancel(gone.pk)
    base = "/leichte-sprache/events"
    pages = {}
    for prefix in ("", "/en"):
        pages.update(
            {
                f"register{prefix}": client.get(f"{prefix}{base}/{online_event.slug}/anmelden/"),
                f"register-full{prefix}": client.get(f"{prefix}{base}/{event.slug}/anmelden/"),
                f"register-closed{prefix}": client.get(f"{prefix}{base}/{closed.slug}/anmelden/"),
                f"register-errors{prefix}": client.post(
                    f"{prefix}{base}/{event.slug}/anmelden/", {"support_needs": ["other"], "email": "x"}
                ),
                f"registered{prefix}": client.get(f"{prefix}{base}/{event.slug}/angemeldet/"),
                f"detail{prefix}": client.get(f"{prefix}{base}/{event.slug}/"),
                f"personal-seat{prefix}": client.get(f"{prefix}{base}/r/{seated.token}/"),
                f"personal-waiting{prefix}": client.get(f"{prefix}{base}/r/{waiting.token}/"),
                f"personal-online{prefix}": client.get(f"{prefix}{base}/r/{online.token}/"),
                f"personal-cancelled{prefix}": client.get(f"{prefix}{base}/r/{gone.token}/"),
                f"change{prefix}": client.get(f"{prefix}{base}/r/{seated.token}/aendern/"),
                f"change-errors{prefix}": client.post(
                    f"{prefix}{base}/r/{seated.token}/aendern/", {"support_needs": ["other"]}
                ),
                f"cancel{prefix}": client.get(f"{prefix}{base}/r/{seated.token}/absagen/"),
                f"cancel-done{prefix}": client.get(f"{prefix}{base}/r/{gone.token}/absagen/"),
            }
        )
    for name, response in pages.items():
        assert response.status_code == 200, name
        (tmp_path / f"{name.replace('/', '-')}.html").write_bytes(response.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
