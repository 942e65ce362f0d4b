"""The personal reply link of an invitation: no login, the token is the key."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Invitation
from .services import record_reply


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
    response["Referrer-Policy"] = "same-origin"  # the token never leaves the site; "no-referrer" would break CSRF
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
