"""Staff actions on an event: publish, register someone, walk-ins, and the "to everyone" sends with their
confirmation step (core/confirm.py)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from inklusio.contacts.services import PersonError, find_or_create_person
from inklusio.core import audit, documents
from inklusio.core.access import staff_permission_required
from inklusio.core.confirm import Confirmation, grouped, is_confirmed, render_confirmation

from . import bulk, services
from .certificates import event_certificate_refusal
from .forms import StaffPersonForm
from .views import _day, _event, check_in_refusal_message

REGISTRATION_REFUSALS = {
    "cancelled": gettext_lazy("The event is cancelled."),
    "past": gettext_lazy("The event is over; nobody can be registered any more."),
    "already_registered": gettext_lazy("This person is already registered for the event."),
}


@require_POST
@staff_permission_required("events.change_event")
def event_publish(request, pk):
    event = _event(request, pk)
    published = request.POST.get("publish") == "1"
    services.set_published(event, published, actor=request.user)
    if published:
        messages.success(request, _("The event is published: its page and registration form are public."))
    else:
        messages.success(request, _("The event is a draft again: its public page is gone."))
    return redirect(event)


def _person(request, form):
    """The person the form names, or None with the reason added to the form."""
    data = form.cleaned_data
    try:
        person = find_or_create_person(
            email=data["email"], user=request.user, first_name=data["first_name"], last_name=data["last_name"]
        )
    except PersonError as error:
        form.add_error("email", error.message)
        return None
    if person is None:
        form.add_error("email", _("This address cannot be used here."))
    return person


@staff_permission_required("events.change_registration")
def registration_add(request, pk):
    """Staff register someone themselves (by phone, at a fair): the registration is marked as made by staff."""
    event = _event(request, pk)
    form = StaffPersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person = _person(request, form)
        if person is not None:
            try:
                registration = services.register_by_staff(event, person, actor=request.user)
            except services.RegistrationError as error:
                form.add_error(None, REGISTRATION_REFUSALS.get(error.code, _("Registration is not possible.")))
            else:
                audit.record(request.user, "events.register_by_staff", registration)
                if registration.status == registration.Status.CONFIRMED:
                    messages.success(request, _("%(name)s is registered.") % {"name": person.full_name})
                else:
                    messages.success(
                        request,
                        _("All seats are taken: %(name)s is on the waiting list.") % {"name": person.full_name},
                    )
                return redirect("events:participants", pk=event.pk)
    return render(
        request,
        "events/staff/person_form.html",
        {
            "event": event,
            "form": form,
            "heading": _("Register someone"),
            "intro": _("The person gets the confirmation with their personal link if an email address is given."),
            "button": _("Register"),
            "back_url": reverse("events:participants", args=[event.pk]),
        },
    )


@staff_permission_required("events.change_registration")
def walk_in(request, pk):
    """Someone at the door who is not on the list: registered and checked in at once, counted as a walk-in."""
    event = _event(request, pk)
    day, _days = _day(request, event)
    refusal = services.check_in_refusal(event, day)
    form = StaffPersonForm(request.POST if request.method == "POST" else None)
    back_url = f"{reverse('events:check_in', args=[event.pk])}?{urlencode({'day': day.isoformat()})}"
    if request.method == "POST" and not refusal and form.is_valid():
        person = _person(request, form)
        if person is not None:
            try:
                registration, counted = services.register_walk_in(event, person, day, actor=request.user)
            except services.RegistrationError as error:
                form.add_error(None, check_in_refusal_message(event, error.code))
            else:
                audit.record(request.user, "events.walk_in", registration, walk_in=counted)
                if counted:
                    messages.success(request, _("%(name)s is registered and checked in.") % {"name": person.full_name})
                else:
                    messages.info(
                        request, _("%(name)s was registered already and is checked in.") % {"name": person.full_name}
                    )
                query = urlencode({"day": day.isoformat(), "q": person.last_name})
                return redirect(f"{reverse('events:check_in', args=[event.pk])}?{query}#reg-{registration.pk}")
    return render(
        request,
        "events/staff/person_form.html",
        {
            "event": event,
            "form": form,
            "day": day,
            "refusal": check_in_refusal_message(event, refusal) if refusal else "",
            "heading": _("Walk-in"),
            "intro": _("Someone who is not registered comes to the door: they are registered and checked in at once."),
            "button": _("Register and check in"),
            "back_url": back_url,
        },
    )


def _send_everyone(request, event, *, recipients, refusal, action, question, button, explanation, done, back_url):
    """The confirmation step of a send to everyone: refused early, confirmed with the count, then done."""
    if refusal:
        messages.error(request, refusal)
        return redirect(back_url)
    count = recipients.count()
    if is_confirmed(request, count):
        try:
            sent = action(event, actor=request.user)
        except bulk.ActionRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done(sent))
        return redirect(back_url)
    return render_confirmation(
        request,
        Confirmation(
            question=question(count),
            button=button,
            back_url=back_url,
            count=count,
            explanation=explanation,
            title=event.title,
        ),
    )


@require_POST
@staff_permission_required("events.change_registration")
def certificates_download(request, pk):
    """All certificates in one ZIP, made in the worker; the job's page shows the progress and the download."""
    event = _event(request, pk)
    refusal = event_certificate_refusal(event)
    if refusal:
        messages.error(request, refusal)
        return redirect(event)
    job = documents.start(
        user=request.user,
        kind="events.certificates",
        title=_("Certificates: %(event)s") % {"event": event.title},
        params={"event": event.pk},
        back_url=event.get_absolute_url(),
    )
    audit.record(request.user, "events.certificates_download", event)
    return redirect(job)


@staff_permission_required("events.change_registration")
def certificates_send(request, pk):
    event = _event(request, pk)
    return _send_everyone(
        request,
        event,
        recipients=bulk.certificate_recipients(event),
        refusal=event_certificate_refusal(event),
        action=bulk.send_certificates,
        question=lambda n: (
            ngettext("Send a certificate to %(count)s participant?", "Send certificates to %(count)s participants?", n)
            % {"count": grouped(n)}
        ),
        button=_("Yes, send the certificates"),
        explanation=_("Everyone who checked in at least once gets a certificate of attendance by email."),
        done=lambda n: (
            ngettext("%(count)s certificate is being sent.", "%(count)s certificates are being sent.", n)
            % {"count": grouped(n)}
        ),
        back_url=event.get_absolute_url(),
    )


@staff_permission_required("events.change_event")
def feedback_invite(request, pk):
    event = _event(request, pk)
    return _send_everyone(
        request,
        event,
        recipients=bulk.feedback_recipients(event),
        refusal=bulk.feedback_refusal(event),
        action=bulk.invite_feedback,
        question=lambda n: (
            ngettext(
                "Invite %(count)s participant to give feedback?", "Invite %(count)s participants to give feedback?", n
            )
            % {"count": grouped(n)}
        ),
        button=_("Yes, send the invitations"),
        explanation=_(
            "Everyone who checked in and has not been asked yet gets the invitation to the anonymous survey."
        ),
        done=lambda n: (
            ngettext(
                "%(count)s feedback invitation is being sent.", "%(count)s feedback invitations are being sent.", n
            )
            % {"count": grouped(n)}
        ),
        back_url=reverse("events:feedback", args=[event.pk]),
    )
