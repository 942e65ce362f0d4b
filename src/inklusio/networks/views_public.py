"""The personal links of the networks app: the reply to an invitation, the confirmation of a membership.

No login; the token from the mail is the key, and a wrong or expired token is a 404.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .models import Invitation
from .services import confirm_membership, decline_membership, pending_membership_for_token, record_reply


def _private(response):
    response["Referrer-Policy"] = "same-origin"  # the token never leaves the site; "no-referrer" would break CSRF
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def reply(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("meeting__network", "person"), token=token)
    error, saved = "", False
    closed = invitation.meeting.ends_at <= timezone.now()
    if request.method == "POST":
        try:
            record_reply(invitation, request.POST.get("reply", ""))
            saved = True
        except ValidationError as exc:
            error = " ".join(exc.messages)
    response = render(
        request,
        "networks/public/reply.html",
        {"invitation": invitation, "meeting": invitation.meeting, "error": error, "saved": saved, "closed": closed},
        status=400 if error else 200,
    )
    return _private(response)


@require_http_methods(["GET", "POST"])
def join(request, token):
    """Confirm (or decline) a membership a coordinator asked for: only then the person becomes a member."""
    pending = pending_membership_for_token(token)
    if pending is None:
        raise Http404
    outcome = ""
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer == "yes":
            confirm_membership(pending)
            outcome = "confirmed"
        elif answer == "no":
            decline_membership(pending)
            outcome = "declined"
    context = {"pending": pending, "network": pending.network, "outcome": outcome}
    return _private(render(request, "networks/public/join.html", context))
