"""Errors as RFC 9457 problem details (``application/problem+json``)."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

PROBLEM_TYPE = "https://inklusio.example/problems/"  # stable identifiers; docs/api.md explains each

TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    422: "Invalid input",
    429: "Too many requests",
}


class Problem(HttpError):
    """An error with a machine-readable kind (the last part of its ``type``) and extra members."""

    def __init__(self, status: int, kind: str, detail: str, **extra):
        super().__init__(status, detail)
        self.kind = kind
        self.extra = extra


class RateLimited(Problem):
    def __init__(self, retry_after: int):
        super().__init__(429, "rate-limited", "This token has made too many requests; try again later.")
        self.retry_after = retry_after


def problem_response(request, status: int, kind: str, detail: str, **extra) -> HttpResponse:
    body = {"type": PROBLEM_TYPE + kind, "title": TITLES.get(status, "Error"), "status": status, "detail": detail}
    body["instance"] = request.path
    body.update(extra)
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


def install(api) -> None:
    """Answer every error of the API as a problem document."""

    @api.exception_handler(Problem)
    def _problem(request, exc):
        response = problem_response(request, exc.status_code, exc.kind, exc.message, **exc.extra)
        if isinstance(exc, RateLimited):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        response = problem_response(
            request, 401, "unauthenticated", "Send a valid, unexpired API token as 'Authorization: Bearer …'."
        )
        response["WWW-Authenticate"] = 'Bearer realm="inklusio"'
        return response

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        return problem_response(request, 403, "forbidden", str(exc) or "Not allowed.")

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return problem_response(request, 404, "not-found", "There is no such object, or it is not yours to see.")

    @api.exception_handler(ValidationError)
    def _invalid(request, exc):
        errors = [
            {"location": [str(part) for part in error.get("loc", ())], "message": error.get("msg", "")}
            for error in exc.errors
        ]
        return problem_response(request, 422, "invalid", "The request's parameters or body are invalid.", errors=errors)

    @api.exception_handler(HttpError)
    def _http_error(request, exc):
        return problem_response(request, exc.status_code, "error", str(exc))
