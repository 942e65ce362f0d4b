"""Staff pages of the Infoletter: mailings (compose, preview, segment, test, schedule, send, progress),
subscribers, consent texts and the subscriber import."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from inklusio.core import audit, importjobs
from inklusio.core.access import staff_permission_required
from inklusio.core.confirm import Confirmation, grouped, is_confirmed, render_confirmation
from inklusio.core.csp import allow_template_styles
from inklusio.core.removal import confirm_removal, show_archived
from inklusio.core.uploads import save_upload

from . import importing, removal, rendering, services
from .forms import ConsentTextForm, MailingForm, ScheduleForm, SegmentForm, SubscriberImportForm, TestSendForm
from .models import ConsentText, Delivery, Mailing, Subscriber, SubscriberImport
from .tasks import prepare_subscriber_import


@staff_permission_required("mailings.view_mailing")
def mailing_list(request):
    archived = show_archived(request)
    mailings = (
        Mailing.objects.filter(archived_at__isnull=not archived).select_related("project").order_by("-created", "-id")
    )
    page = Paginator(mailings, 50).get_page(request.GET.get("page"))
    stock = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count()
    return render(
        request,
        "mailings/mailing_list.html",
        {"page_obj": page, "mailings": page.object_list, "stock": stock, "archived": archived},
    )


@staff_permission_required("mailings.delete_mailing")
def mailing_remove(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    return confirm_removal(
        request,
        plan=removal.plan_mailing(mailing),
        carry_out=removal.remove_mailing,
        back_url=mailing.get_absolute_url(),
        done_url=reverse("mailings:mailing_list"),
        audit_action="mailings.mailing",
    )


def _segment_count(data) -> int | None:
    form = SegmentForm(data)
    if not form.is_valid():
        return None
    d = form.cleaned_data
    return services.segment(topics=d["topics"], regions=d["regions"], stakeholder_types=d["stakeholder_types"]).count()


@require_POST
@staff_permission_required("mailings.add_mailing")
def segment_count(request):
    """The recipient count as an HTMX fragment for the form's live region. A POST, so that the form's text and
    CSRF token never travel in a URL; without JavaScript the form's own "count" button does the same."""
    return render(request, "mailings/includes/segment_count.html", {"count": _segment_count(request.POST)})


COUNT_ACTION = "count"


def _editor_language(request, instance) -> str:
    chosen = request.POST.get("language") or (instance.language if instance else settings.LANGUAGE_CODE)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _render_form(request, form, instance, count, **extra):
    context = {
        "form": form,
        "object": instance,
        "count": count,
        "greeting": rendering.greeting_preview(_editor_language(request, instance)),
        **extra,
    }
    return render(request, "mailings/mailing_form.html", context)


def _mailing_form(request, instance=None):
    form = MailingForm(request.POST or None, instance=instance)
    if request.method == "POST" and request.POST.get("action") == COUNT_ACTION:
        # Count only: re-render everything typed, unsaved, without complaining about fields not filled in yet.
        form.is_valid()
        form.errors.clear()
        return _render_form(request, form, instance, _segment_count(request.POST), counted=True)
    if request.method == "POST" and form.is_valid():
        mailing = form.save(commit=False)
        if instance is None:
            mailing.created_by = request.user
        mailing.save()
        form.save_m2m()
        audit.record(request.user, "mailings.save", mailing)
        messages.success(request, _("The mailing has been saved."))
        return redirect(mailing)
    data = request.POST if request.method == "POST" else None
    if data is None and instance is not None:
        count = services.recipients(instance).count()
    else:
        count = _segment_count(data) if data is not None else services.segment().count()
    return _render_form(request, form, instance, count)


@staff_permission_required("mailings.add_mailing")
def mailing_create(request):
    return _mailing_form(request)


@staff_permission_required("mailings.change_mailing")
def mailing_update(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    if mailing.status not in (Mailing.Status.DRAFT, Mailing.Status.SCHEDULED):
        messages.error(request, _("A mailing that has been sent cannot be changed."))
        return redirect(mailing)
    return _mailing_form(request, mailing)


@staff_permission_required("mailings.view_mailing")
def mailing_detail(request, pk):
    mailing = get_object_or_404(Mailing.objects.select_related("project"), pk=pk)
    context = {
        "mailing": mailing,
        "preview": rendering.preview(mailing),
        "progress": services.progress(mailing),
        "recipient_count": services.recipients(mailing).count(),
        "schedule_form": ScheduleForm(initial={"when": mailing.scheduled_at}),
        "test_form": TestSendForm(initial={"addresses": [request.user.email] if request.user.email else []}),
        "uncertain": Delivery.objects.filter(mailing=mailing, uncertain=True).select_related("subscriber")[:200],
        "problems": Delivery.objects.filter(
            mailing=mailing, status__in=[Delivery.Status.BOUNCED, Delivery.Status.FAILED]
        ).select_related("subscriber")[:200],
        "retrying": Delivery.objects.filter(mailing=mailing, status=Delivery.Status.RETRY)
        .exclude(last_error="")
        .select_related("subscriber")
        .order_by("next_attempt_at")[:50],
    }
    # The preview frame's srcdoc inherits this page's policy; the email's own inline CSS is let through by hash.
    return allow_template_styles(render(request, "mailings/mailing_detail.html", context), rendering.HTML_TEMPLATE)


@staff_permission_required("mailings.view_mailing")
def mailing_progress(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    return render(
        request, "mailings/includes/progress.html", {"mailing": mailing, "progress": services.progress(mailing)}
    )


@staff_permission_required("mailings.send_mailing")
def mailing_send(request, pk):
    """Send now, after a confirmation page that names the number of recipients (GET shows it, never sends)."""
    mailing = get_object_or_404(Mailing, pk=pk)
    if mailing.status not in (Mailing.Status.DRAFT, Mailing.Status.SCHEDULED):
        messages.error(request, _("This is not possible in the mailing's current state."))
        return redirect(mailing)
    count = services.recipients(mailing).count()  # the query start_sending sends to
    if is_confirmed(request, count):
        try:
            sent = services.start_sending(mailing, actor=request.user, expected_count=count)
        except services.RecipientCountChanged:
            count = services.recipients(mailing).count()
        except services.MailingError as error:
            messages.error(request, str(error))
            return redirect(mailing)
        else:
            messages.success(
                request,
                ngettext(
                    "Sending has started to %(count)s recipient.", "Sending has started to %(count)s recipients.", sent
                )
                % {"count": grouped(sent)},
            )
            return redirect(mailing)
    question = ngettext("Send to %(count)s subscriber?", "Send to %(count)s subscribers?", count) % {
        "count": grouped(count)
    }
    return render_confirmation(
        request,
        Confirmation(
            question=question,
            button=_("Yes, send now"),
            back_url=mailing.get_absolute_url(),
            count=count,
            explanation=_("Everyone in the mailing's segment who has confirmed their subscription gets it now."),
            title=mailing.subject,
        ),
    )


@require_POST
@staff_permission_required("mailings.send_mailing")
def mailing_schedule(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a valid date and time."))
    elif form.cleaned_data["when"] <= timezone.now():
        messages.error(request, _("The time lies in the past; send now instead."))
    else:
        try:
            services.schedule(mailing, form.cleaned_data["when"], actor=request.user)
        except services.MailingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The mailing has been scheduled."))
    return redirect(mailing)


@require_POST
@staff_permission_required("mailings.send_mailing")
def mailing_unschedule(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    services.unschedule(mailing, actor=request.user)
    messages.success(request, _("The schedule has been removed; the mailing is a draft again."))
    return redirect(mailing)


@require_POST
@staff_permission_required("mailings.change_mailing")
def mailing_test(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    form = TestSendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose at least one staff address for the test."))
        return redirect(mailing)
    try:
        sent = services.send_test(mailing, form.cleaned_data["addresses"], actor=request.user)
    except services.MailingError as error:
        messages.error(request, _("The test mail could not be sent: %(reason)s") % {"reason": error})
    else:
        messages.success(
            request,
            ngettext("%(count)s test mail has been sent.", "%(count)s test mails have been sent.", sent)
            % {"count": sent},
        )
    return redirect(mailing)


@require_POST
@staff_permission_required("mailings.send_mailing")
def mailing_pause(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    try:
        services.pause(mailing, user=request.user)
    except services.MailingError:
        messages.error(request, _("Only a mailing that is being sent can be paused."))
    else:
        messages.success(request, _("The mailing is paused. Nobody else receives it until you resume it."))
    return redirect(mailing)


CONFIRM_ACTIONS = {"resume", "cancel"}


@staff_permission_required("mailings.send_mailing")
def mailing_confirm(request, pk, action):
    """Resume or cancel, after a confirmation page that says how many people it concerns (GET shows it)."""
    mailing = get_object_or_404(Mailing, pk=pk)
    if action not in CONFIRM_ACTIONS:
        raise Http404
    allowed = {
        "resume": (Mailing.Status.PAUSED, Mailing.Status.STOPPED),
        "cancel": (Mailing.Status.SENDING, Mailing.Status.PAUSED, Mailing.Status.STOPPED),
    }[action]
    if mailing.status not in allowed:
        messages.error(request, _("This is not possible in the mailing's current state."))
        return redirect(mailing)
    if request.method == "POST":
        if action == "resume":
            try:
                services.resume(mailing, user=request.user)
            except services.MailingError:
                messages.error(request, _("This is not possible in the mailing's current state."))
            else:
                messages.success(request, _("Sending has been resumed."))
        else:
            try:
                count = services.cancel(mailing, user=request.user)
            except services.MailingError:
                messages.error(request, _("This is not possible in the mailing's current state."))
            else:
                messages.success(
                    request,
                    ngettext(
                        "The mailing has been cancelled; %(count)s recipient does not get it.",
                        "The mailing has been cancelled; %(count)s recipients do not get it.",
                        count,
                    )
                    % {"count": count},
                )
        return redirect(mailing)
    return render(
        request,
        "mailings/mailing_confirm.html",
        {"mailing": mailing, "action": action, "progress": services.progress(mailing)},
    )


@staff_permission_required("mailings.view_subscriber")
def subscriber_list(request):
    subscribers = Subscriber.objects.order_by("email")
    status = request.GET.get("status", "")
    if status in Subscriber.Status.values:
        subscribers = subscribers.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        subscribers = subscribers.filter(email__icontains=query)
    page = Paginator(subscribers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "mailings/subscriber_list.html",
        {
            "page_obj": page,
            "subscribers": page.object_list,
            "statuses": Subscriber.Status.choices,
            "status": status,
            "q": query,
            "query": request.GET.urlencode(),
        },
    )


@staff_permission_required("mailings.view_subscriber")
def subscriber_detail(request, pk):
    subscriber = get_object_or_404(Subscriber.objects.select_related("consent_text", "person"), pk=pk)
    deliveries = subscriber.deliveries.select_related("mailing").order_by("-id")[:50]
    return render(request, "mailings/subscriber_detail.html", {"subscriber": subscriber, "deliveries": deliveries})


@staff_permission_required("mailings.view_consenttext")
def consent_list(request):
    return render(request, "mailings/consent_list.html", {"texts": ConsentText.objects.all()})


@staff_permission_required("mailings.add_consenttext")
def consent_create(request):
    current = services.current_consent_text()
    form = ConsentTextForm(
        request.POST or None,
        initial={
            "text": current.text,
            "privacy_notice": current.privacy_notice,
            "text_en": current.text_en,
            "privacy_notice_en": current.privacy_notice_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        text = form.save()
        audit.record(request.user, "mailings.consent_text", text)
        messages.success(request, _("The new consent text is now shown on the sign-up form."))
        return redirect("mailings:consent_list")
    return render(request, "mailings/consent_form.html", {"form": form})


@staff_permission_required("mailings.add_subscriber")
def subscriber_import(request):
    """Upload a list; the worker reads and checks it once (see subscriber_import_review)."""
    form = SubscriberImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]  # size and type checked by the form field
        record = SubscriberImport(
            uploaded_by=request.user,
            filename=upload.name[:255],
            stored_as=uuid.uuid4().hex,
            tool=form.cleaned_data["source"],
            language=translation.get_language() or "",
        )
        save_upload(upload, importing.upload_path(record))
        record.save()
        prepare_subscriber_import.enqueue(record.pk)
        return redirect("mailings:subscriber_import_review", pk=record.pk)
    return render(request, "mailings/subscriber_import.html", {"form": form})


@staff_permission_required("mailings.add_subscriber")
def subscriber_import_review(request, pk):
    """Progress while the worker reads the list, then the stored review; import or discard it (all or nothing)."""
    record = get_object_or_404(
        SubscriberImport, pk=pk, uploaded_by=request.user, status=SubscriberImport.Status.PENDING
    )
    waiting = record.stage in (SubscriberImport.Stage.QUEUED, SubscriberImport.Stage.READING)
    if request.htmx and request.method == "GET" and not waiting:
        return HttpResponseClientRefresh()
    if request.method == "POST" and "discard" in request.POST:
        importing.remove_files(record)
        record.status = SubscriberImport.Status.DISCARDED
        record.save(update_fields=["status"])
        messages.info(request, _("The upload was discarded; nothing was imported."))
        return redirect("mailings:subscriber_import")
    if request.method == "POST" and record.stage == SubscriberImport.Stage.READY and record.review.get("ok"):
        rows = record.review.get("with_proof", 0) + record.review.get("to_reconfirm", 0)
        job = importjobs.open_job(record, "mailings.subscribers") or importjobs.queue(
            kind="mailings.subscribers", record=record, owner=request.user, rows_total=rows
        )
        return redirect(job.get_absolute_url())
    return render(
        request,
        "mailings/subscriber_import_review.html",
        {"record": record, "waiting": waiting, "review": record.review},
    )
