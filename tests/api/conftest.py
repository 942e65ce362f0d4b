import json

import pytest
from django.test import Client

from tests.events.conftest import event, make_event  # noqa: F401 - fixtures shared with the events tests


@pytest.fixture
def make_token(db):
    """A token for ``user`` with ``scopes`` (default: every scope the user may give)."""
    from inklusio.api import scopes as api_scopes
    from inklusio.api import tokens

    def make(user, scopes=None, days=30):
        if scopes is None:
            scopes = [scope.code for scope in api_scopes.scopes_for(user)]
        _token, raw = tokens.create_token(user, name="test", scopes=scopes, days=days)
        return raw

    return make


class Api:
    """Calls to /api/v1 with a bearer token; answers come back as (status, parsed JSON, response)."""

    def __init__(self, token=None):
        self.client = Client()
        self.token = token

    def _headers(self):
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path, **params):
        response = self.client.get(f"/api/v1{path}", params, headers=self._headers())
        return response.status_code, json.loads(response.content or b"null"), response

    def post(self, path, body=None):
        response = self.client.post(
            f"/api/v1{path}", json.dumps(body or {}), content_type="application/json", headers=self._headers()
        )
        return response.status_code, json.loads(response.content or b"null"), response


@pytest.fixture
def api():
    return Api
