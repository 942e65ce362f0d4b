"""The personal join link's pages: forward into the room, wait for it to open, or say why not.

A GET never records: it shows a page whose form is sent by script (and by a visible button), so only a browser
with a person behind it reaches :func:`joining.record_join` with the POST. Prefetches and prerenders
(``Sec-Purpose``/``Purpose: prefetch``) never record. These pages set no cookie and store nothing about the
visitor; the token in the address is the credential, so the POST needs no CSRF cookie (a forged POST would
need the token, and could only do what its holder may: count their own join).
"""

from urllib.parse import urlsplit

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import joining
from .models import Registration

REFUSAL_STATUS = {
    "unknown": 404,
    joining.NO_ROOM: 404,
    joining.WAITLISTED: 403,
    joining.CANCELLED: 403,
    joining.EVENT_CANCELLED: 410,
    joining.OVER: 410,
}


def _is_prefetch(request) -> bool:
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" in purpose.lower() or "prerender" in purpose.lower()


def _private(response, room_url: str = ""):
    response["Referrer-Policy"] = "no-referrer"  # the room never learns the join link
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    if room_url:  # the form's redirect goes to the room: the page's CSP must allow it as a form target
        address = urlsplit(room_url)
        response._csp_update = {"form-action": [f"{address.scheme}://{address.netloc}"]}
    return response


def _refusal(request, code: str, registration=None, item=None):
    context = {"code": code, "registration": registration, "event": registration.event if registration else None}
    context["item"] = item
    return _private(render(request, "events/join/refused.html", context, status=REFUSAL_STATUS[code]))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, token, item_id=None):
    registration = Registration.objects.select_related("event", "person").filter(join_token=token).first()
    if registration is None:
        return _refusal(request, "unknown")
    item = None
    if item_id is not None:
        item = joining.item_of(registration, item_id)
        if item is None:
            return _refusal(request, "unknown")
    now = timezone.now()
    refusal = joining.join_refusal(registration, item, now)
    context = {"registration": registration, "event": registration.event, "item": item}
    if refusal == joining.NOT_YET:
        room = joining.room_for(registration, item)
        return _private(render(request, "events/join/waiting.html", {**context, "room": room}))
    if refusal:
        return _refusal(request, refusal, registration, item)
    address = joining.room_address(registration, item)
    if request.method == "POST" and not _is_prefetch(request):
        try:
            joining.record_join(registration, item, now=now)
        except joining.JoinRefused as error:
            return _refusal(request, error.code, registration, item)
        return _private(HttpResponseRedirect(address, status=303))
    return _private(render(request, "events/join/join.html", context), address)
