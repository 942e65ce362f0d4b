"""The token pages (list empty, with the new token shown once, with valid and revoked tokens; the form, empty and
with errors) and the API docs page pass the Nu HTML checker, in German and English
(tests/security/test_valid_html.py)."""

import pytest

from inklusio.api.models import ApiToken
from tests.security.test_valid_html import vnu_errors, vnu_or_skip

TOKENS = "/staff/account/api-tokens/"


@pytest.mark.rendering
def test_every_api_page_passes_the_nu_html_checker(tmp_path, client, lead, make_token):
    command = vnu_or_skip()
    client.force_login(lead)  # a login counts as a recent authentication, which the form needs
    pages = {}
    for prefix in ("", "/en"):
        pages[f"{prefix}{TOKENS} (empty)"] = client.get(prefix + TOKENS).content.decode()
        pages[f"{prefix}{TOKENS}new/"] = client.get(f"{prefix}{TOKENS}new/").content.decode()
        invalid = client.post(f"{prefix}{TOKENS}new/", {"name": "x" * 101, "days": "7"})
        assert invalid.status_code == 400
        pages[f"{prefix}{TOKENS}new/ (errors)"] = invalid.content.decode()
        pages[f"{prefix}/api/docs/"] = client.get(f"{prefix}/api/docs/").content.decode()
    created = client.post(f"{TOKENS}new/", {"name": "CRM", "scopes": ["contacts:read"], "days": "30"})
    assert created.status_code == 302
    pages[f"{TOKENS} (new token)"] = client.get(TOKENS).content.decode()
    assert 'id="new-token"' in pages[f"{TOKENS} (new token)"]
    make_token(lead)
    ApiToken.objects.filter(name="CRM").update(revoked_at=ApiToken.objects.get(name="CRM").created)
    for prefix in ("", "/en"):
        pages[f"{prefix}{TOKENS} (valid and revoked)"] = client.get(prefix + TOKENS).content.decode()
    errors = vnu_errors(command, pages, tmp_path)
    assert not errors, "\n".join(dict.fromkeys(errors))
