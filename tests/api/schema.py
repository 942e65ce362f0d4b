"""Check API answers against the OpenAPI schema the API serves (jsonschema, draft 2020-12, components by $ref)."""

import json
import re

from django.test import Client
from jsonschema import Draft202012Validator

_cache = {}


def openapi() -> dict:
    if "schema" not in _cache:
        _cache["schema"] = json.loads(Client().get("/api/v1/openapi.json").content)
    return _cache["schema"]


def _operation(method: str, path: str) -> dict:
    """The operation whose path template matches ``path`` (``/api/v1/people/7`` matches ``/api/v1/people/{id}``)."""
    for template, methods in openapi()["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in methods:
            return methods[method.lower()]
    raise AssertionError(f"no operation {method} {path} in the schema")


def validate(method: str, path: str, status: int, body) -> None:
    """Fail unless ``body`` matches the schema of the operation's answer ``status`` (error answers are problems)."""
    operation = _operation(method, path.split("?")[0])
    answer = operation["responses"].get(str(status))
    if status >= 400:
        assert {"type", "title", "status", "detail"} <= set(body), body
        assert body["status"] == status
        return
    assert answer is not None, f"{method} {path}: status {status} is not in the schema"
    schema = answer["content"]["application/json"]["schema"]
    # "#/components/..." references resolve against the schema's root, so the components travel with it.
    validator = Draft202012Validator({**schema, "components": openapi()["components"]})
    errors = sorted(validator.iter_errors(body), key=lambda error: error.path)
    assert not errors, f"{method} {path}: {[error.message for error in errors[:5]]}"
