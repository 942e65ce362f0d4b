"""The Infoletter sign-up and its confirmation in Leichte Sprache (/leichte-sprache/infoletter/).

The same service and rules as the standard pages (views_public): the double opt-in by mail, a known address
answered exactly like a new one, the confirmation only by POST. The confirmation mail of a sign-up from here is
in Leichte Sprache and leads back to these pages.
"""

from django.shortcuts import redirect, render

from . import services
from .forms_easy import EasySignupForm
from .views_public import SOURCE_WEBSITE

SOURCE_EASY = SOURCE_WEBSITE + ":leichte-sprache"  # the consent proof says on which page the sign-up was made


def _easy(request, template, context=None, status=200):
    return render(request, template, {**(context or {}), "easy_language": True}, status=status)


def signup(request):
    consent = services.current_consent_text()
    form = EasySignupForm(request.POST or None, consent_text=consent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.request_subscription(
            email=data["email"],
            name=data["name"],
            source=SOURCE_EASY,
            language="de",
            consent_text_version=data["consent_version"],
            easy_language=True,
        )
        return redirect("mailings_easy:signup_done")
    return _easy(request, "mailings/public/easy/signup.html", {"form": form, "consent": consent})


def signup_done(request):
    return _easy(request, "mailings/public/easy/signup_done.html")


def confirm(request, token):
    subscriber = services.subscriber_for_token(token)
    if subscriber is None:
        return _easy(request, "mailings/public/easy/link_invalid.html", status=404)
    if request.method == "POST":
        services.confirm(subscriber)
        return redirect("mailings_easy:confirmed", token=token)
    return _private(_easy(request, "mailings/public/easy/confirm.html", {"subscriber": subscriber}))


def confirmed(request, token):
    subscriber = services.subscriber_for_token(token)
    if subscriber is None:
        return _easy(request, "mailings/public/easy/link_invalid.html", status=404)
    return _private(_easy(request, "mailings/public/easy/confirmed.html", {"subscriber": subscriber}))


def _private(response):
    """A page opened by a personal link: not indexed, not cached, the token not sent to other sites."""
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
