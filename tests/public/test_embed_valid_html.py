"""The embeddable lists pass the W3C Nu Html Checker: the frame pages as documents, the fragments inside a
minimal document (as a site would include them)."""

import json
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from inklusio.events.models import Event
from tests.security.test_valid_html import vnu_or_skip

pytestmark = [pytest.mark.django_db, pytest.mark.rendering]

WRAP = '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Verein</title></head><body>{}</body></html>'


def test_embeds_are_valid_html(client, lead, offer, story, project, tmp_path):
    command = vnu_or_skip()
    start = timezone.now() + timedelta(days=3)
    Event.objects.create(project=project, title="Fachtag", slug="fachtag", region="DE-HE", starts_at=start,
                         ends_at=start + timedelta(hours=5), visibility=Event.Visibility.PUBLIC)  # fmt: skip
    for name in ("events", "ausbildungsangebote", "gute-praxis"):
        for query in ("", "?region=DE-HE", "?region=Mars"):
            page = client.get(f"/{name}/embed/{query}")
            (tmp_path / f"{name}-page{len(query)}.html").write_bytes(page.content)
        fragment = client.get(f"/{name}/embed/snippet.html").content.decode()
        (tmp_path / f"{name}-snippet.html").write_text(WRAP.format(fragment))
    client.force_login(lead)
    for query in ("", "?what=events&language=en&region=DE-HE", "?what=stories&language=fr"):
        page = client.get(f"/staff/site/embed/{query}")
        (tmp_path / f"staff-embed-code{len(query)}.html").write_bytes(page.content)
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in json.loads(result.stderr)["messages"]]
    assert not errors, "\n".join(errors)
