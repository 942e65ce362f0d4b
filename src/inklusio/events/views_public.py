"""Public pages: event list, event page, programme, iCal, registration, the personal page, feedback."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_noop, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inklusio.surveys import queries as survey_queries
from inklusio.surveys import services as survey_services

from . import ics, queries, services
from .certificates import CertificateError, certificate_pdf, event_certificate_refusal
from .forms import FeedbackForm, RegistrationChangeForm, RegistrationForm
from .models import Registration
from .programme import current_items
from .qr import personal_link_svg

STATE_MESSAGES = {
    "cancelled": gettext_noop("This event has been cancelled. Registration is not possible."),
    "draft": gettext_noop("This event is not published yet."),
    "not_open": gettext_noop("Registration has not opened yet."),
    "closed": gettext_noop("Registration is closed."),
    "past": gettext_noop("This event is over."),
    "already_answered": gettext_noop("You have already given feedback. Thank you!"),
    "not_attended": gettext_noop("Only people who took part can give feedback."),
    "feedback_closed": gettext_noop("Feedback for this event is closed. Thank you for your interest!"),
}


def _state_message(code: str) -> str:
    return gettext(STATE_MESSAGES.get(code, "Registration is not possible."))


def public_event(slug):
    return get_object_or_404(queries.public_events().select_related("project"), slug=slug)


def event_to_register(slug):
    """The public event as far as a registration needs it (404 otherwise); a page shown with it reads the whole
    event with :func:`public_event`."""
    event = queries.event_to_register(slug)
    if event is None:
        raise Http404
    return event


def event_list(request):
    now = timezone.now()
    events = queries.public_events()
    return render(
        request,
        "events/public/event_list.html",
        {
            "upcoming": events.filter(ends_at__gte=now).order_by("starts_at"),
            "past": events.filter(ends_at__lt=now).order_by("-starts_at")[:20],
        },
    )


def event_context(event):
    counts = services.registration_counts(event)
    state = event.registration_state()
    return {
        "event": event,
        "state": state,
        "state_message": _state_message(state) if state != "open" else "",
        "full": state == "open" and counts["free"] == 0,
        "free": counts["free"],
        "programme": current_items(event).prefetch_related("contributions__person"),
    }


def event_detail(request, slug):
    event = public_event(slug)
    return render(request, "events/public/event_detail.html", event_context(event))


def programme(request, slug):
    event = public_event(slug)
    return render(request, "events/public/programme.html", event_context(event))


def calendar_feed(request):
    events = queries.public_events().filter(ends_at__gte=timezone.now() - timedelta(days=365)).order_by("starts_at")
    response = HttpResponse(ics.feed_for(events), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="inklusio-events.ics"'
    return response


def calendar(request, slug):
    event = public_event(slug)
    response = HttpResponse(ics.calendar_for(event, items=current_items(event)), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def register(request, slug):
    """Register; a known address gets exactly the answer a new one gets, and the personal link only by mail."""
    posted = request.method == "POST"
    event = event_to_register(slug) if posted else public_event(slug)

    def page(form):
        shown = public_event(slug) if posted else event  # the page shows the whole event
        return render(request, "events/public/register.html", {**event_context(shown), "form": form})

    if event.registration_state() != "open":
        return page(None)
    form = RegistrationForm(request.POST if posted else None, event=event)
    if posted and form.is_valid():
        data = form.registration_data(get_language() or "de")
        try:
            services.register(event.pk, data)
        except services.RegistrationError as error:
            messages.error(request, _state_message(error.code))
            return redirect("events_public:detail", slug=event.slug)
        if form.cleaned_data.get("newsletter"):
            services.request_newsletter(event, data)
            messages.info(request, _("Please confirm your Infoletter subscription with the link we emailed you."))
        return redirect("events_public:registered", slug=event.slug)
    return page(form)


def registered(request, slug):
    """The same answer after every registration: the details and the personal link are in the mail."""
    event = public_event(slug)
    return render(request, "events/public/registered.html", {"event": event})


def registration_of(token):
    return get_object_or_404(Registration.objects.select_related("event", "person"), token=token)


def personal_context(registration) -> dict:
    """What the personal page shows (standard and Leichte Sprache): the token's registration and nothing else."""
    event = registration.event
    confirmed = registration.status == Registration.Status.CONFIRMED
    return {
        "registration": registration,
        "event": event,
        "confirmed": confirmed,
        "position": queries.waitlist_position(registration),
        # join links only for confirmed registrations of online events
        "join_links": confirmed and event.is_online and not event.cancelled,
        "item_links": [(i, registration.join_url(i)) for i in current_items(event) if i.room_url] if confirmed else [],
        "support_needs": registration.support_needs.all(),
        "attended": registration.attendances.exists() and not event_certificate_refusal(registration.event),
        "feedback_given": hasattr(registration, "feedback_receipt"),
        "check_in_qr": _check_in_qr(registration) if confirmed and event.has_venue and not event.cancelled else "",
    }


def private(response):
    """A page opened with a personal token: the token goes to no other site and into no shared cache."""
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def personal(request, token):
    registration = registration_of(token)
    return private(render(request, "events/public/personal.html", personal_context(registration)))


def _check_in_qr(registration):
    if registration.event.ends_at < timezone.now():
        return ""
    return mark_safe(personal_link_svg(registration.personal_link()))  # noqa: S308 - segno's SVG of our own link


@require_http_methods(["GET", "POST"])
def change(request, token):
    registration = registration_of(token)
    if registration.status == Registration.Status.CANCELLED:
        raise Http404
    form = RegistrationChangeForm(request.POST if request.method == "POST" else None, registration=registration)
    if request.method == "POST" and form.is_valid():
        services.update_registration(registration, form.registration_data())
        messages.success(request, _("Your changes have been saved."))
        return redirect("events_public:personal", token=token)
    return render(
        request, "events/public/change.html", {"registration": registration, "event": registration.event, "form": form}
    )


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration = registration_of(token)
    if request.method == "POST":
        services.cancel(registration.pk, notify=True)
        messages.success(request, _("Your registration has been cancelled. We have sent you a confirmation."))
        return redirect("events_public:personal", token=token)
    return render(request, "events/public/cancel.html", {"registration": registration, "event": registration.event})


def certificate(request, token):
    registration = registration_of(token)
    try:
        pdf = certificate_pdf(registration, get_language())
    except CertificateError:
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    stem = pgettext("file name", "certificate-of-attendance")
    response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def feedback(request, token):
    registration = registration_of(token)
    event = registration.event
    refusal = services.feedback_refusal(registration)
    problem = _state_message(refusal) if refusal else ""
    survey = survey_queries.feedback_survey(event.pk)
    if survey is not None:
        return _survey_feedback(request, registration, survey, problem)
    form = FeedbackForm(request.POST if request.method == "POST" else None) if not problem else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.submit_feedback(registration, **form.cleaned_data)
        except services.RegistrationError as error:
            problem = _state_message(error.code)
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect("events_public:personal", token=token)
    return render(
        request,
        "events/public/feedback.html",
        {"registration": registration, "event": event, "form": form, "problem": problem},
    )


def _survey_feedback(request, registration, survey, problem):
    """The event's feedback form is a survey (surveys area): same once-only rule, the survey's questions."""
    lang = survey_services.answer_language(get_language(), request.GET.get("sprache", ""))
    if not problem and survey.archived_at:
        problem = _state_message("feedback_closed")
    form = None
    if not problem:
        form = survey_services.answer_form(survey, lang, request.POST if request.method == "POST" else None)
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.submit_survey_feedback(
                registration, survey, form.answers, lang=lang, consent=form.cleaned_data.get("consent_named", False)
            )
        except services.RegistrationError as error:
            problem = _state_message(error.code)
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect("events_public:personal", token=registration.token)
    return render(
        request,
        "surveys/public/answer.html",
        {
            "survey": survey,
            "title": survey.title(lang),
            "intro": survey.intro(lang),
            "lang": lang,
            "form": form,
            "problem": problem,
            "back_url": registration.get_personal_url(),
            "back_label": _("Back to your registration"),
        },
    )
