"""Staff pages of the participant messages: thin, the rules are in services.py, visibility in queries.py."""

from django.contrib import messages as notices
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from inklusio.core.access import staff_permission_required
from inklusio.core.confirm import Confirmation, grouped, is_confirmed, render_confirmation
from inklusio.core.csp import allow_template_styles
from inklusio.events import queries as event_queries

from . import queries, rendering, services
from .forms import AudienceForm, AutomaticForm, MaterialForm, MessageForm
from .models import Message


def _message(request, pk):
    return get_object_or_404(queries.messages_for_user(request.user), pk=pk)


def _event(request, pk):
    return get_object_or_404(queries.events_for_messages(request.user), pk=pk)


@staff_permission_required("participantmail.view_message")
def message_list(request):
    rows = queries.messages_for_user(request.user).order_by("-created", "-id")[:200]
    return render(request, "participantmail/message_list.html", {"rows": rows})


@staff_permission_required("participantmail.add_message")
def message_create(request):
    events = queries.events_for_messages(request.user).filter(archived_at__isnull=True).order_by("-starts_at")
    networks = queries.networks_for_messages(request.user).filter(archived_at__isnull=True).order_by("name")
    event = network = None
    if request.GET.get("event"):
        event = get_object_or_404(events, pk=_int(request.GET["event"]))
    elif request.GET.get("network"):
        network = get_object_or_404(networks, pk=_int(request.GET["network"]))
    else:
        form = AudienceForm(request.GET or None, events=events, networks=networks)
        if request.GET and form.is_valid():
            key = "event" if form.cleaned_data.get("event") else "network"
            return redirect(f"{reverse('participantmail:message_create')}?{key}={form.cleaned_data[key].pk}")
        return render(request, "participantmail/message_audience.html", {"form": form})
    return _message_form(request, Message(event=event, network=network))


def _int(value: str) -> int:
    if not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


def _message_form(request, message: Message):
    items = event_queries.programme_items(message.event) if message.event else None
    form = MessageForm(
        request.POST or None, instance=message, event=message.event, network=message.network, items=items
    )
    if request.method == "POST" and form.is_valid():
        message = form.save(commit=False)
        if message.pk is None:
            message.created_by = request.user
        message.groups = form.cleaned_data.get("groups") or []
        message.save()
        notices.success(request, _("The message has been saved. Check the preview, then send it."))
        return redirect(message)
    if request.method == "GET" and message.pk:
        form.initial["groups"] = message.groups
    if request.method == "GET" and not message.pk and message.event:
        form.initial["groups"] = ["confirmed"]
    return render(request, "participantmail/message_form.html", {"form": form, "message": message})


@staff_permission_required("participantmail.change_message")
def message_update(request, pk):
    message = _message(request, pk)
    if message.status not in (Message.Status.DRAFT, Message.Status.SCHEDULED) or message.kind != Message.Kind.MANUAL:
        notices.error(request, _("A message that has been sent cannot be changed."))
        return redirect(message)
    return _message_form(request, message)


@staff_permission_required("participantmail.view_message")
def message_detail(request, pk):
    message = _message(request, pk)
    people = services.recipients(message) if message.status in (Message.Status.DRAFT, Message.Status.SCHEDULED) else []
    chosen = request.GET.get("person", "")
    context = {
        "message": message,
        "problems": services.problems(message),
        "recipients": people,
        "chosen": chosen,
        "preview": services.preview(message, chosen or None),
        "progress": services.progress(message),
        "uncertain": message.deliveries.filter(uncertain=True)[:200],
        "failures": message.deliveries.filter(status__in=["bounced", "failed"])[:200],
    }
    response = render(request, "participantmail/message_detail.html", context)
    return allow_template_styles(response, rendering.HTML_TEMPLATE)


@staff_permission_required("participantmail.view_message")
def message_progress(request, pk):
    message = _message(request, pk)
    return render(
        request,
        "participantmail/includes/progress.html",
        {"message": message, "progress": services.progress(message)},
    )


@require_POST
@staff_permission_required("participantmail.change_message")
def message_test(request, pk):
    message = _message(request, pk)
    try:
        address = services.send_test(message, request.user, request.POST.get("person") or None)
    except services.MessageError as error:
        notices.error(request, _("The test mail could not be sent: %(reason)s") % {"reason": error})
    else:
        notices.success(request, _("A test mail has been sent to %(address)s.") % {"address": address})
    return redirect(message)


@staff_permission_required("participantmail.send_message")
def message_send(request, pk):
    """Send now, after a confirmation page that names the number of people (GET shows it, never sends)."""
    message = _message(request, pk)
    if message.status not in (Message.Status.DRAFT, Message.Status.SCHEDULED):
        notices.error(request, _("This message has already been sent or is being sent."))
        return redirect(message)
    count = len(services.recipients(message))  # the query start_sending sends to
    if is_confirmed(request, count):
        try:
            sent = services.start_sending(message, actor=request.user, expected_count=count)
        except services.RecipientCountChanged:
            count = len(services.recipients(message))
        except services.MessageError as error:
            notices.error(request, str(error))
            return redirect(message)
        else:
            notices.success(
                request,
                ngettext("Sending has started to %(count)s person.", "Sending has started to %(count)s people.", sent)
                % {"count": grouped(sent)},
            )
            return redirect(message)
    audience = message.event.title if message.event else message.network.name
    return render_confirmation(
        request,
        Confirmation(
            question=ngettext("Send to %(count)s person?", "Send to %(count)s people?", count)
            % {"count": grouped(count)},
            button=_("Yes, send now"),
            back_url=message.get_absolute_url(),
            count=count,
            explanation=_(
                "Everyone chosen who has an email address gets the message now. Erased people and addresses on "
                "the suppression list are left out."
            ),
            title=f"{message.subject} – {audience}",
        ),
    )


def _state_change(request, pk, action, done: str):
    message = _message(request, pk)
    try:
        action(message, request.user)
    except services.MessageError as error:
        notices.error(request, str(error))
    else:
        notices.success(request, done)
    return redirect(message)


@require_POST
@staff_permission_required("participantmail.send_message")
def message_pause(request, pk):
    return _state_change(request, pk, services.pause, _("Sending is paused."))


@require_POST
@staff_permission_required("participantmail.send_message")
def message_resume(request, pk):
    return _state_change(request, pk, services.resume, _("Sending goes on."))


@require_POST
@staff_permission_required("participantmail.send_message")
def message_cancel(request, pk):
    return _state_change(request, pk, services.cancel, _("The message has been cancelled; nobody else gets it."))


# --- automatic messages and materials of an event ---------------------------------------------------------------


@staff_permission_required("participantmail.change_message")
def event_automatic(request, event_pk):
    event = _event(request, event_pk)
    forms = {}
    for kind in (Message.Kind.REMINDER, Message.Kind.AFTER_EVENT):
        existing = Message.objects.filter(event=event, kind=kind).first()
        subject, body = services.default_text(kind, "de")
        initial = (
            {"days": existing.days, "subject": existing.subject, "body": existing.body}
            if existing
            else {
                "days": None,
                "subject": subject,
                "body": body,
            }
        )
        data = request.POST if request.method == "POST" and request.POST.get("kind") == kind else None
        forms[kind] = (AutomaticForm(data, kind=kind, initial=initial, prefix=kind), existing)
    kind = request.POST.get("kind")
    if request.method == "POST" and kind in forms:
        form = forms[kind][0]
        if form.is_valid():
            try:
                services.set_automatic(event, kind=kind, actor=request.user, **form.cleaned_data)
            except services.MessageError as error:
                form.add_error(None, str(error))
            else:
                notices.success(request, _("The automatic message has been saved."))
                return redirect("participantmail:event_automatic", event.pk)
    context = {
        "event": event,
        "reminder": forms[Message.Kind.REMINDER],
        "after": forms[Message.Kind.AFTER_EVENT],
        "materials": queries.materials_for_user(request.user).filter(event=event),
        "material_form": MaterialForm(),
    }
    return render(request, "participantmail/event_automatic.html", context)


@require_POST
@staff_permission_required("participantmail.change_message")
def material_upload(request, event_pk):
    event = _event(request, event_pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        services.add_material(
            event,
            form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            public=form.cleaned_data["public"],
            actor=request.user,
        )
        notices.success(request, _("The material has been uploaded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                notices.error(request, error)
    return redirect("participantmail:event_automatic", event.pk)


@require_POST
@staff_permission_required("participantmail.change_message")
def material_delete(request, pk):
    material = get_object_or_404(queries.materials_for_user(request.user), pk=pk)
    event_pk = material.event_id
    services.remove_material(material, actor=request.user)
    notices.success(request, _("The material has been removed."))
    return redirect("participantmail:event_automatic", event_pk)


def file_response(material):
    path = services.material_path(material)
    if not path.exists():
        raise Http404
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename=material.original_name,
        content_type=material.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
@staff_permission_required("participantmail.view_message")
def material_download(request, pk):
    return file_response(get_object_or_404(queries.materials_for_user(request.user), pk=pk))


@require_safe
def public_material(request, token, registration_token=None):
    """A material by its link: public ones for anyone, the others only with a participant's personal link."""
    material = services.material_for_download(token, registration_token)
    if material is None:
        raise Http404
    return file_response(material)
