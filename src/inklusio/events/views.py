"""Staff pages: events, programme, questions, participants, support needs, check-in, certificates, feedback."""

import re
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from inklusio.contacts.queries import people_for_user
from inklusio.core import audit
from inklusio.core.access import recent_auth_required, staff_permission_required
from inklusio.core.drawings import memoised
from inklusio.core.removal import confirm_removal, show_archived

from . import bulk, charts, exporting, programme, queries, removal, services
from .certificates import CertificateError, certificate_pdf, event_certificate_refusal
from .forms import (
    CheckInSearchForm,
    ContributionForm,
    EventForm,
    ParticipantFilterForm,
    ProgrammeItemForm,
    QuestionForm,
)
from .models import Contribution, ProgrammeItem, Question, Registration

registrations_svg = memoised(charts.registrations_svg)  # drawn once per process for the same numbers

PAGE_SIZE = 50
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _event(request, pk):
    return get_object_or_404(queries.events_for_user(request.user).select_related("project"), pk=pk)


@staff_permission_required("events.view_event")
def event_list(request):
    archived = show_archived(request)
    events = queries.event_list_rows(queries.events_for_user(request.user), archived=archived).order_by(
        "-starts_at", "pk"
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "events/staff/event_list.html", {"events": page.object_list, "page_obj": page, "archived": archived}
    )


@staff_permission_required("events.view_event")
def event_detail(request, pk):
    event = _event(request, pk)
    over_time = services.registrations_over_time(event)
    chart = ""
    if len(over_time) > 1:
        labels = {
            "registered": _("Registrations (total)"),
            "waitlisted": _("of those via the waiting list"),
            "cancelled": _("Cancellations (total)"),
            "y": _("People"),
        }
        chart = mark_safe(registrations_svg(over_time, labels))  # noqa: S308 - our own numbers and labels only
    return render(
        request,
        "events/staff/event_detail.html",
        {
            "event": event,
            "counts": services.registration_counts(event),
            "over_time": over_time,
            "chart": chart,
            "programme": programme.current_items(event).prefetch_related("contributions__person"),
            "archived_items": event.programme.filter(archived_at__isnull=False),
            "questions": event.questions.all(),
            "speakers": services.speaker_figures([event]),
            "may_see_support": queries.may_see_support_needs(request.user),
            "certificate_refusal": event_certificate_refusal(event),
            "check_in_opens": services.check_in_opens_at(event),
        },
    )


@staff_permission_required("events.add_event")
def event_create(request):
    form = EventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        event = services.save_event(form.save(commit=False))
        audit.record(request.user, "events.create", event)
        messages.success(request, _("The event has been created."))
        return redirect(event)
    return render(request, "events/staff/event_form.html", {"form": form})


@staff_permission_required("events.change_event")
def event_edit(request, pk):
    event = _event(request, pk)
    form = EventForm(request.POST if request.method == "POST" else None, instance=event)
    if request.method == "POST" and form.is_valid():
        services.save_event(form.save(commit=False))
        messages.success(request, _("The event has been saved."))
        return redirect(event)
    return render(request, "events/staff/event_form.html", {"form": form, "event": event})


@staff_permission_required("events.change_event")
def item_edit(request, pk, item_pk=None):
    event = _event(request, pk)
    item = get_object_or_404(ProgrammeItem, pk=item_pk, event=event) if item_pk else None
    form = ProgrammeItemForm(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.event = event
        duration = form.cleaned_data["duration"]
        programme.save_item(item, duration=timedelta(minutes=duration) if duration else None)
        messages.success(request, _("The programme item has been saved."))
        return redirect("events:item_edit", pk=event.pk, item_pk=item.pk)
    contribution_form = ContributionForm(people=people_for_user(request.user)) if item else None
    return render(
        request,
        "events/staff/item_form.html",
        {
            "event": event,
            "item": item,
            "form": form,
            "contribution_form": contribution_form,
            "contributions": item.contributions.select_related("person") if item else [],
        },
    )


@require_POST
@staff_permission_required("events.change_event")
def contribution_add(request, pk, item_pk):
    event = _event(request, pk)
    item = get_object_or_404(ProgrammeItem, pk=item_pk, event=event)
    form = ContributionForm(request.POST, people=people_for_user(request.user))
    if not form.is_valid():  # also the picker's search without JavaScript: the page again, with its results
        return render(
            request,
            "events/staff/item_form.html",
            {
                "event": event,
                "item": item,
                "form": ProgrammeItemForm(instance=item),
                "contribution_form": form,
                "contributions": item.contributions.select_related("person"),
            },
            status=400,
        )
    try:
        services.add_contribution(item=item, **form.cleaned_data)
    except services.RegistrationError:
        messages.error(request, _("This person already has this role in this programme item."))
    else:
        messages.success(request, _("The contribution has been added."))
    return redirect("events:item_edit", pk=event.pk, item_pk=item.pk)


@require_POST
@staff_permission_required("events.change_event")
def contribution_remove(request, pk, item_pk, contribution_pk):
    event = _event(request, pk)
    Contribution.objects.filter(pk=contribution_pk, item__pk=item_pk, item__event=event).delete()
    messages.success(request, _("The contribution has been removed."))
    return redirect("events:item_edit", pk=event.pk, item_pk=item_pk)


@staff_permission_required("events.change_event")
def question_edit(request, pk, question_pk=None):
    event = _event(request, pk)
    question = get_object_or_404(Question, pk=question_pk, event=event) if question_pk else None
    form = QuestionForm(request.POST if request.method == "POST" else None, instance=question)
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        question.event = event
        question.save()
        messages.success(request, _("The question has been saved."))
        return redirect(event)
    return render(request, "events/staff/question_form.html", {"event": event, "form": form, "question": question})


@staff_permission_required("events.delete_event")
def event_remove(request, pk):
    event = _event(request, pk)
    return confirm_removal(
        request,
        plan=removal.plan_event(event),
        carry_out=removal.remove_event,
        back_url=event.get_absolute_url(),
        done_url=reverse("events:event_list"),
        audit_action="events.event",
    )


@staff_permission_required("events.change_event")
def item_remove(request, pk, item_pk):
    event = _event(request, pk)
    item = get_object_or_404(ProgrammeItem, pk=item_pk, event=event)
    return confirm_removal(
        request,
        plan=removal.plan_item(item),
        carry_out=removal.remove_item,
        back_url=reverse("events:item_edit", args=[event.pk, item.pk]),
        done_url=event.get_absolute_url(),
        audit_action="events.programme_item",
    )


@require_POST
@staff_permission_required("events.change_event")
def item_move(request, pk, item_pk):
    event = _event(request, pk)
    item = get_object_or_404(programme.current_items(event), pk=item_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse(status=400)
    if programme.move_item(item, up=direction == "up"):
        messages.success(request, _("The programme item has been moved."))
    return redirect(f"{event.get_absolute_url()}#programme-item-{item.pk}")


@staff_permission_required("events.change_event")
def question_remove(request, pk, question_pk):
    event = _event(request, pk)
    question = get_object_or_404(Question, pk=question_pk, event=event)
    return confirm_removal(
        request,
        plan=removal.plan_question(question),
        carry_out=removal.remove_question,
        back_url=reverse("events:question_edit", args=[event.pk, question.pk]),
        done_url=event.get_absolute_url(),
        audit_action="events.question",
    )


def _participants(request, event):
    form = ParticipantFilterForm(request.GET or None)
    registrations = queries.registrations_for_user(request.user, event)
    if form.is_valid():
        data = form.cleaned_data
        registrations = queries.search_registrations(
            registrations, text=data["q"], status=data["status"], attended=data["attended"]
        )
    return form, registrations


@staff_permission_required("events.view_registration")
def participants(request, pk):
    event = _event(request, pk)
    form, registrations = _participants(request, event)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/staff/participants.html",
        {"event": event, "filter_form": form, "page_obj": page, "query": request.GET.urlencode()},
    )


def _wants_support_needs(request) -> bool:
    return request.GET.get("support") == "1" or request.GET.get("details") == "1"


@staff_permission_required("events.view_registration")
@recent_auth_required(when=_wants_support_needs)
def participants_export(request, pk, fmt):
    if fmt not in exporting.FORMATS:
        raise Http404
    event = _event(request, pk)
    _form, registrations = _participants(request, event)
    with_support = queries.may_see_support_needs(request.user) and request.GET.get("support") == "1"
    questions = list(event.questions.all())
    audit.record(
        request.user, "events.export", event, format=fmt, count=registrations.count(), support_needs=with_support
    )
    if fmt == "xlsx":
        body = exporting.participants_xlsx(registrations, questions, with_support)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exporting.participants_csv(registrations, questions, with_support)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    stem = pgettext("file name", "participants")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-{stem}.{fmt}"'
    return response


@staff_permission_required("events.view_supportneed")
@recent_auth_required(when=_wants_support_needs)
def support_needs(request, pk):
    event = _event(request, pk)
    with_details = request.GET.get("details") == "1" and not event.support_needs_purged_at
    audit.record(request.user, "events.view_support_needs", event, details=with_details)
    details = []
    if with_details:
        details = queries.support_need_details(request.user, event)
    return render(
        request,
        "events/staff/support_needs.html",
        {"event": event, "totals": services.support_need_totals(event), "details": details},
    )


def _day(request, event):
    """The check-in day from ?day= (or the form): an event day, else today if the event runs today, else day one."""
    days = event.days()
    raw = request.GET.get("day") or request.POST.get("day") or ""
    try:
        chosen = parse_date(raw)
    except ValueError:  # well-formed but impossible, e.g. 2025-13-40
        chosen = None
    if chosen in days:
        return chosen, days
    today = timezone.localdate()
    return (today if today in days else days[0]), days


def check_in_refusal_message(event, code: str) -> str:
    """What the check-in page says when check-in is refused (codes of :func:`services.check_in_refusal`)."""
    if code == "not_open_yet":
        opens = formats.date_format(timezone.localtime(services.check_in_opens_at(event)), "DATETIME_FORMAT")
        return _("Check-in opens on %(opens)s.") % {"opens": opens}
    return {
        "cancelled": _("The event is cancelled; nobody can be checked in."),
        "future_day": _("This day has not come yet; check-in for it opens on the day."),
        "not_an_event_day": _("This is not a day of the event."),
        "not_confirmed": _("Only confirmed registrations can be checked in."),
    }.get(code, _("Check-in is not possible."))


def _check_in_rows(request, event, registrations):
    rows = registrations.prefetch_related("support_needs") if queries.may_see_support_needs(request.user) else None
    return list((rows if rows is not None else registrations)[:60])


@staff_permission_required("events.change_registration")
def check_in(request, pk):
    event = _event(request, pk)
    day, days = _day(request, event)
    form = CheckInSearchForm(request.GET or None)
    registrations = queries.registrations_for_user(request.user, event).filter(status=Registration.Status.CONFIRMED)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    token = request.POST.get("token", "") if request.method == "POST" else ""  # a scanned personal link
    if TOKEN.fullmatch(token):
        registrations, text = registrations.filter(token=token), token
    elif text:
        registrations = queries.search_registrations(registrations, text=text)
    refusal = services.check_in_refusal(event, day)
    context = {
        "event": event,
        "day": day,
        "days": days,
        "form": form,
        "rows": _check_in_rows(request, event, registrations) if text else [],
        "searched": bool(text),
        "refusal": check_in_refusal_message(event, refusal) if refusal else "",
        "may_see_support": queries.may_see_support_needs(request.user),
        **_check_in_counts(event, day),
    }
    template = "events/staff/check_in_rows.html" if request.htmx else "events/staff/check_in.html"
    return render(request, template, context)


def _check_in_counts(event, day) -> dict:
    checked = set(event.registrations.filter(attendances__day=day).values_list("pk", flat=True))
    return {
        "checked": checked,
        "checked_count": len(checked),
        "confirmed_count": event.registrations.filter(status=Registration.Status.CONFIRMED).count(),
    }


@require_POST
@staff_permission_required("events.change_registration")
def check_in_toggle(request, pk, registration_pk):
    """Check one person in (or undo it). With HTMX the answer is the person's row, so the page stays where it is;
    without JavaScript it redirects back to the row's anchor."""
    event = _event(request, pk)
    registration = get_object_or_404(
        queries.registrations_for_user(request.user, event), pk=registration_pk, status=Registration.Status.CONFIRMED
    )
    day, _days = _day(request, event)
    name = registration.person.full_name
    error = ""
    if request.POST.get("undo") == "1":
        services.undo_check_in(registration, day)
        note = _("Check-in of %(name)s undone.") % {"name": name}
    else:
        try:
            _attendance, created = services.check_in(registration, day)
        except services.RegistrationError as refusal:
            error = note = check_in_refusal_message(event, refusal.code)
        else:
            if created:
                note = _("%(name)s is checked in.") % {"name": name}
            else:
                note = _("%(name)s was already checked in.") % {"name": name}
    if request.htmx:
        row = _check_in_rows(request, event, Registration.objects.filter(pk=registration.pk).select_related("person"))
        context = {
            "event": event,
            "day": day,
            "r": row[0],
            "q": request.POST.get("q", ""),
            "note": note,
            "error": error,
            "may_see_support": queries.may_see_support_needs(request.user),
            "oob": True,
            **_check_in_counts(event, day),
        }
        return render(request, "events/staff/check_in_row.html", context)
    (messages.error if error else messages.success)(request, note)
    query = urlencode({"day": day.isoformat(), "q": request.POST.get("q", "")})
    return redirect(f"{reverse('events:check_in', args=[event.pk])}?{query}#reg-{registration.pk}")


@staff_permission_required("events.view_registration")
def check_in_print(request, pk):
    event = _event(request, pk)
    day, days = _day(request, event)
    registrations = queries.registrations_for_user(request.user, event).filter(status=Registration.Status.CONFIRMED)
    audit.record(request.user, "events.participant_list_printed", event, day=day.isoformat())
    return render(request, "events/staff/check_in_print.html", {"event": event, "day": day, "rows": registrations})


@require_POST
@staff_permission_required("events.change_registration")
def attendance_upload(request, pk):
    """Record attendance from the ticks on a printed list: tick boxes per person, one day."""
    event = _event(request, pk)
    day, _days = _day(request, event)
    ids = {int(v) for v in request.POST.getlist("present") if v.isdigit() and len(v) < 19}
    count = 0
    refusal = services.check_in_refusal(event, day)
    if refusal:
        messages.error(request, check_in_refusal_message(event, refusal))
        return redirect(f"{reverse('events:check_in', args=[event.pk])}?day={day.isoformat()}")
    for registration in event.registrations.filter(pk__in=ids, status=Registration.Status.CONFIRMED):
        _a, created = services.check_in(registration, day)
        count += created
    messages.success(
        request, ngettext("%(count)s check-in recorded.", "%(count)s check-ins recorded.", count) % {"count": count}
    )
    return redirect(f"{reverse('events:check_in', args=[event.pk])}?day={day.isoformat()}")


@require_POST
@staff_permission_required("events.change_registration")
def cancel_registration(request, pk, registration_pk):
    event = _event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    services.cancel(registration.pk)
    audit.record(request.user, "events.cancel_registration", registration)
    messages.success(request, _("The registration has been cancelled; the waiting list moved up."))
    return redirect("events:participants", pk=event.pk)


@staff_permission_required("events.view_registration")
def certificate(request, pk, registration_pk):
    event = _event(request, pk)
    registration = get_object_or_404(
        Registration.objects.select_related("person", "event"), pk=registration_pk, event=event
    )
    try:
        pdf = certificate_pdf(registration)
    except CertificateError as error:
        messages.error(request, str(error))
        return redirect("events:participants", pk=event.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    stem = pgettext("file name", "certificate")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{registration.pk}.pdf"'
    return response


@staff_permission_required("events.view_event")
def feedback_results(request, pk):
    event = _event(request, pk)
    context = {"event": event, "summary": services.feedback_summary(event), "refusal": bulk.feedback_refusal(event)}
    return render(request, "events/staff/feedback.html", context)
