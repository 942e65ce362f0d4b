"""The token pages on the account, and the API's documentation rendered from its schema."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from inklusio.core.access import recent_auth_required

from . import docs, tokens
from .forms import TokenForm
from .scopes import BY_CODE, scopes_for

NEW_TOKEN_SESSION_KEY = "api_new_token"  # noqa: S105 — a session key name, not a secret


@require_safe
@login_required
def token_list(request):
    new_token = request.session.pop(NEW_TOKEN_SESSION_KEY, None)  # shown once, right after creation
    rows = [
        (token, [BY_CODE[code].label for code in token.scopes if code in BY_CODE])
        for token in tokens.tokens_of(request.user)
    ]
    context = {
        "rows": rows,
        "new_token": new_token,
        "may_create": bool(scopes_for(request.user)),
        "now": timezone.now(),
    }
    return render(request, "api/token_list.html", context)


@login_required
@recent_auth_required()
def token_create(request):
    if not scopes_for(request.user):
        raise PermissionDenied
    form = TokenForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _token, raw = tokens.create_token(request.user, name=data["name"], scopes=data["scopes"], days=data["days"])
        request.session[NEW_TOKEN_SESSION_KEY] = raw
        messages.success(request, _("The token has been created."))
        return redirect("api_tokens:list")
    status = 400 if form.errors else 200
    return render(request, "api/token_form.html", {"form": form}, status=status)


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    if tokens.revoke(token, request.user):
        messages.success(request, _("The token “%(name)s” has been revoked.") % {"name": token.name})
    return redirect("api_tokens:list")


@require_safe
def documentation(request):
    return render(request, "api/docs.html", {"doc": docs.document()})
