"""Public pages of the Infoletter: sign-up, confirmation, preferences, unsubscribe, one-click, archive."""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from inklusio.core import markdown
from inklusio.usage import services as usage

from . import links, rendering, services
from .forms import PreferencesForm, SignupForm
from .models import Mailing, Subscriber

SOURCE_WEBSITE = "website:infoletter"


def signup(request):
    consent = services.current_consent_text()
    form = SignupForm(request.POST or None, consent_text=consent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.request_subscription(
            email=data["email"],
            name=data["name"],
            source=request.POST.get("source_page", "")[:60] or SOURCE_WEBSITE,
            language=request.LANGUAGE_CODE,
            topics=data["topics"],
            consent_text_version=data["consent_version"],
        )
        return redirect("mailings_public:signup_done")
    return render(request, "mailings/public/signup.html", {"form": form, "consent": consent})


def signup_done(request):
    return render(request, "mailings/public/signup_done.html")


def _subscriber(token) -> Subscriber:
    subscriber = services.subscriber_for_token(token)
    if subscriber is None:
        raise Http404
    return subscriber


def confirm(request, token):
    subscriber = services.subscriber_for_token(token)
    if subscriber is None:
        return render(request, "mailings/public/link_invalid.html", status=404)
    if request.method == "POST":
        services.confirm(subscriber)
        return redirect("mailings_public:confirmed", token=token)
    return render(request, "mailings/public/confirm.html", {"subscriber": subscriber})


def _private(response):
    """A page opened by a personal link: not indexed, not cached, the token not sent to other sites."""
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _test_link(request, kind):
    """A preferences or unsubscribe link of a test send: what it does in the real mail (changes nothing)."""
    return _private(render(request, "mailings/public/test_link.html", {"kind": kind}))


def confirmed(request, token):
    subscriber = _subscriber(token)
    return render(request, "mailings/public/confirmed.html", {"subscriber": subscriber})


def preferences(request, token):
    subscriber = services.subscriber_for_token(token)
    if subscriber is None and services.is_test_token(token):
        return _test_link(request, "preferences")
    if subscriber is None:
        return render(request, "mailings/public/link_invalid.html", status=404)
    initial = {"name": subscriber.name, "language": subscriber.language, "topics": list(subscriber.topics.all())}
    form = PreferencesForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid() and subscriber.status == Subscriber.Status.CONFIRMED:
        data = form.cleaned_data
        services.update_preferences(subscriber, name=data["name"], language=data["language"], topics=data["topics"])
        saved = True
    return render(request, "mailings/public/preferences.html", {"form": form, "subscriber": subscriber, "saved": saved})


def _mailing_id(request):
    value = request.GET.get("m") or request.POST.get("m") or ""
    return int(value) if value.isdigit() else None


def unsubscribe(request, token):
    subscriber = services.subscriber_for_token(token)
    if subscriber is None and services.is_test_token(token):
        return _test_link(request, "unsubscribe")
    if subscriber is None:
        return render(request, "mailings/public/link_invalid.html", status=404)
    if request.method == "POST":
        services.unsubscribe(subscriber, mailing_id=_mailing_id(request))
        return render(request, "mailings/public/unsubscribed.html", {"subscriber": subscriber})
    if subscriber.status in (Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED):
        return render(request, "mailings/public/unsubscribed.html", {"subscriber": subscriber})
    return render(
        request, "mailings/public/unsubscribe.html", {"subscriber": subscriber, "mailing_id": _mailing_id(request)}
    )


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without cookies or token
@require_http_methods(["GET", "HEAD", "POST"])
def one_click(request, token, mailing_id):
    if request.method != "POST":
        # Opened as a link (a mail client without RFC 8058, a person): the confirm page, nothing changes by GET.
        return redirect(reverse("mailings_public:unsubscribe", args=[token]) + f"?m={mailing_id}")
    subscriber = services.subscriber_for_token(token)
    if subscriber is not None:
        services.unsubscribe(subscriber, mailing_id=mailing_id)
    # Same answer whether or not the token exists and whether it was done before: idempotent, reveals nothing.
    return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")


@require_http_methods(["GET", "HEAD"])
def web_view(request, token, mailing_id):
    """ "Read in the browser": the mailing as this recipient received it, whatever the public archive shows.

    Only the token opens it (a wrong token, another mailing, one not received: 404, the same for all); it is no
    archive page: not listed, not indexed.
    """
    found = services.received_mailing(token=token, mailing_id=mailing_id)
    if found is None:
        raise Http404
    mailing, subscriber = found
    context = {
        "mailing": mailing,
        "body_html": markdown.render(mailing.body, markdown.MAILING),
        # the greeting belongs to the mailing's text; a name that is not plausible gets the neutral one, as in the mail
        "greeting": rendering.greeting(subscriber.name if subscriber else "", mailing.language),
        "test_send": subscriber is None,
        "token": token,
    }
    return _private(render(request, "mailings/public/web_view.html", context))


@require_http_methods(["GET", "HEAD"])
def link(request, mailing_id, key):
    """A link in a sent mailing: counted (once per reader and window, no trace of who), then followed.

    Only to a link of that mailing's own text: anything else is 404, never a redirect (no open redirect).
    Clicks in a test send or the staff preview (the mailing not sent yet) lead on without being counted.
    """
    mailing = Mailing.objects.filter(pk=mailing_id).only("pk", "body", "started_at").first()
    url = links.target(mailing, key) if mailing is not None else None
    if url is None:
        raise Http404
    if mailing.started_at is not None:
        usage.count_link_click(request, mailing_id=mailing.pk, url=url)
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def archive(request):
    mailings = Mailing.objects.filter(status=Mailing.Status.SENT, in_archive=True).order_by("-finished_at", "-id")
    return render(request, "mailings/public/archive.html", {"mailings": mailings})


def archive_detail(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk, status=Mailing.Status.SENT, in_archive=True)
    return render(
        request,
        "mailings/public/archive_detail.html",
        {
            "mailing": mailing,
            "body_html": markdown.render(mailing.body, markdown.MAILING),
            "signup_url": reverse("mailings_public:signup"),
        },
    )
