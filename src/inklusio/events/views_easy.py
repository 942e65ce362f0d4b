"""The events in Leichte Sprache: list, event page, registration, and the personal page (change, cancel).

The same services, rules and token checks as the standard pages (views_public); only the words differ. The texts
are German literals (Leichte Sprache is German on every language prefix), and this request's messages are shown
inside the page's German part, not in the frame around it.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import queries, services
from .easy_language import EASY_STATES, EASY_SUPPORT_LABELS, NOT_POSSIBLE
from .forms_easy import EasyRegistrationChangeForm, EasyRegistrationForm
from .models import Registration
from .views_public import event_context, personal_context, private, public_event, registration_of


def _render(request, template, context, status=200):
    """A Leichte Sprache page: the messages of this request go into the page (``easy_notices``, inside the German
    part), not into the frame (``messages`` empty)."""
    notices = [str(message) for message in messages.get_messages(request)]
    return render(request, template, {**context, "easy_notices": notices, "messages": ()}, status=status)


def _privacy_url() -> str:
    """The privacy notice in Leichte Sprache where it exists, else the standard one."""
    try:
        return reverse("public_easy:privacy")
    except NoReverseMatch:
        return reverse("public:privacy")


def easy_list(request):
    events = queries.public_events().filter(ends_at__gte=timezone.now()).order_by("starts_at")
    return _render(request, "events/easy/event_list.html", {"events": events})


def easy_detail(request, slug):
    event = public_event(slug)
    return _render(request, "events/easy/event_detail.html", event_context(event))


def _closed(request, event, code):
    context = {**event_context(event), "form": None, "state_text": EASY_STATES.get(code, NOT_POSSIBLE)}
    return _render(request, "events/easy/register.html", context)


@require_http_methods(["GET", "POST"])
def register(request, slug):
    """Register in Leichte Sprache: the same answer for a known and a new address, the personal link by mail."""
    event = public_event(slug)
    state = event.registration_state()
    if state != "open":
        return _closed(request, event, state)
    form = EasyRegistrationForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.registration_data()
        try:
            services.register(event.pk, data)
        except services.RegistrationError as error:
            return _closed(request, event, error.code)
        if form.cleaned_data.get("newsletter"):
            services.request_newsletter(event, data)
            messages.info(request, "Sie wollen den Infoletter bekommen.\nWir haben Ihnen dafür eine E-Mail geschickt.")
        return redirect("events_easy:registered", slug=event.slug)
    context = {**event_context(event), "form": form, "privacy_url": _privacy_url()}
    return _render(request, "events/easy/register.html", context)


def registered(request, slug):
    """The same answer after every registration: the details and the personal link are in the mail."""
    return _render(request, "events/easy/registered.html", {"event": public_event(slug)})


def personal(request, token):
    registration = registration_of(token)
    context = personal_context(registration)
    context["easy_support_needs"] = [
        (EASY_SUPPORT_LABELS.get(need.kind, need.get_kind_display()), need.detail) for need in context["support_needs"]
    ]
    return private(_render(request, "events/easy/personal.html", context))


@require_http_methods(["GET", "POST"])
def change(request, token):
    registration = registration_of(token)
    if registration.status == Registration.Status.CANCELLED:
        raise Http404
    form = EasyRegistrationChangeForm(request.POST if request.method == "POST" else None, registration=registration)
    if request.method == "POST" and form.is_valid():
        services.update_registration(registration, form.registration_data())
        messages.success(request, "Wir haben Ihre Änderungen gespeichert.")
        return redirect("events_easy:personal", token=token)
    context = {"registration": registration, "event": registration.event, "form": form}
    return _no_store(_render(request, "events/easy/change.html", context))


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration = registration_of(token)
    if request.method == "POST":
        services.cancel(registration.pk, notify=True)
        messages.success(request, "Sie haben abgesagt.\nWir haben Ihnen eine E-Mail geschickt.")
        return redirect("events_easy:personal", token=token)
    context = {"registration": registration, "event": registration.event}
    return _no_store(_render(request, "events/easy/cancel.html", context))


def _no_store(response):
    """A form page opened with a token: not stored in a shared cache. (Its referrer stays: a form posted from a
    "no-referrer" page sends "Origin: null", which the CSRF check refuses.)"""
    response["Cache-Control"] = "private, no-store"
    return response
