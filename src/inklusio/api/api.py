"""The API object: both routers, problem details for every error, the OpenAPI 3.1 schema at /api/v1/openapi.json.

Ninja's own docs page (Swagger UI from a CDN) is off: /api/docs/ renders the schema on the server instead.
"""

from django.views.decorators.http import require_safe
from ninja import NinjaAPI

from . import problems
from .endpoints_public import router as public_router
from .endpoints_staff import router as staff_router

api = NinjaAPI(
    title="inklusio API",
    version="1",
    description=(
        "Public, read-only endpoints under /public/ need no token. Every other endpoint needs a personal API "
        "token (Authorization: Bearer ikt_…) with the endpoint's scope; it sees what its user sees. Lists are "
        "paged by cursor; errors are RFC 9457 problem details."
    ),
    urls_namespace="api",
    docs_url=None,
    docs_decorator=require_safe,  # the schema is read, never posted to
)
problems.install(api)
api.add_router("/public", public_router)
api.add_router("/", staff_router)
