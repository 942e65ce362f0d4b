"""The API's reference page, rendered on the server from the same OpenAPI schema that /api/v1/openapi.json serves."""

from dataclasses import dataclass, field
from functools import cache

from .scopes import SCOPES

API_ROOT = "/api/v1"


@dataclass
class Parameter:
    name: str
    where: str
    type: str
    required: bool
    description: str


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    tag: str
    anchor: str
    parameters: list[Parameter] = field(default_factory=list)
    body: str = ""
    body_model: str = ""  # the documented model the body's type refers to, for the link ("" if none)
    responses: list[tuple[str, str, str]] = field(default_factory=list)  # (status, type, model)


@dataclass
class Model:
    name: str
    fields: list[Parameter]


@dataclass
class Document:
    operations: list[Operation]
    models: list[Model]
    scopes: list


def _type(schema: dict) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    kind = schema.get("type", "object")
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def _model(schema: dict) -> str:
    """The name of the component a type refers to (itself or as a list's items), for a link to its section."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return _model(schema.get("items", {}))
    return ""


def _content_schema(response: dict) -> dict:
    for media in response.get("content", {}).values():
        return media.get("schema", {})
    return {}


def _response_type(response: dict) -> str:
    return _type(_content_schema(response)) if response.get("content") else ""


@cache
def document() -> Document:
    from .api import api  # noqa: PLC0415 — the schema is built once, when the page is first asked for

    schema = api.get_openapi_schema(path_prefix=API_ROOT)
    operations = []
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            parameters = [
                Parameter(
                    name=p["name"],
                    where=p["in"],
                    type=_type(p.get("schema", {})),
                    required=p.get("required", False),
                    description=p.get("description", "") or p.get("schema", {}).get("description", ""),
                )
                for p in spec.get("parameters", [])
            ]
            body = body_model = ""
            if "requestBody" in spec:
                body = _response_type(spec["requestBody"])
                body_model = _model(_content_schema(spec["requestBody"]))
            responses = [
                (status, _response_type(answer), _model(_content_schema(answer)))
                for status, answer in spec.get("responses", {}).items()
            ]
            operations.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    summary=spec.get("summary", ""),
                    tag=(spec.get("tags") or [""])[0],
                    anchor=spec.get("operationId", ""),
                    parameters=parameters,
                    body=body,
                    body_model=body_model,
                    responses=responses,
                )
            )
    models = []
    for name, spec in sorted(schema.get("components", {}).get("schemas", {}).items()):
        required = set(spec.get("required", []))
        fields = [
            Parameter(
                name=key,
                where="",
                type=_type(value),
                required=key in required,
                description=value.get("description", ""),
            )
            for key, value in spec.get("properties", {}).items()
        ]
        models.append(Model(name=name, fields=fields))
    return Document(operations=operations, models=models, scopes=SCOPES)
