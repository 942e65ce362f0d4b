"""Bearer-token authentication for the staff API: valid token, rate limit, audit, then the user's rights."""

from ninja.security import HttpBearer

from inklusio.core import audit

from . import tokens
from .problems import Problem, RateLimited


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is None:
            return None
        wait = tokens.take_request(found)
        if wait:
            raise RateLimited(wait)
        audit.record(found.user, "api.request", found, method=request.method, path=request.path[:150])
        request.user = found.user
        request.api_token = found
        return found


def require(request, scope: str) -> None:
    """The token must carry ``scope`` and its user must still hold the permission behind it."""
    if not tokens.has_scope(request.api_token, scope):
        raise Problem(403, "missing-scope", f"This token lacks the scope '{scope}', or its user lacks the right.")
