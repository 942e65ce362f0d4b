"""Staff pages of the Infoletter: mailings (compose, preview, segment, test, schedule, send, progress),
subscribers, consent texts and the subscriber import."""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inklusio.core import audit
from inklusio.core.csp import allow_template_styles

from . import importing, rendering, services
from .forms import ConsentTextForm, MailingForm, ScheduleForm, SegmentForm, SubscriberImportForm, TestSendForm
from .models import ConsentText, Delivery, Mailing, Subscriber

IMPORT_SALT = "inklusio.mailings.import"


@permission_required("mailings.view_mailing")
def mailing_list(request):
    mailings = Mailing.objects.select_related("project").order_by("-created", "-id")
    page = Paginator(mailings, 50).get_page(request.GET.get("page"))
    stock = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count()
    return render(
        request, "mailings/mailing_list.html", {"page_obj": page, "mailings": page.object_list, "stock": stock}
    )


def _segment_count(data) -> int | None:
    form = SegmentForm(data)
    if not form.is_valid():
        return None
    d = form.cleaned_data
    return services.segment(topics=d["topics"], regions=d["regions"], stakeholder_types=d["stakeholder_types"]).count()


@permission_required("mailings.view_mailing")
def segment_count(request):
    """The live recipient count (HTMX fragment); without JavaScript the same GET renders a page."""
    count = _segment_count(request.GET)
    template = "mailings/includes/segment_count.html" if request.htmx else "mailings/segment_count_page.html"
    return render(request, template, {"count": count})


def _mailing_form(request, instance=None):
    form = MailingForm(request.POST or None, instance=instance)
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
    return render(request, "mailings/mailing_form.html", {"form": form, "object": instance, "count": count})


@permission_required("mailings.add_mailing")
def mailing_create(request):
    return _mailing_form(request)


@permission_required("mailings.change_mailing")
def mailing_update(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    if mailing.status not in (Mailing.Status.DRAFT, Mailing.Status.SCHEDULED):
        messages.error(request, _("A mailing that has been sent cannot be changed."))
        return redirect(mailing)
    return _mailing_form(request, mailing)


@permission_required("mailings.view_mailing")
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
    }
    # The preview frame's srcdoc inherits this page's policy; the email's own inline CSS is let through by hash.
    return allow_template_styles(render(request, "mailings/mailing_detail.html", context), rendering.HTML_TEMPLATE)


@permission_required("mailings.view_mailing")
def mailing_progress(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    return render(
        request, "mailings/includes/progress.html", {"mailing": mailing, "progress": services.progress(mailing)}
    )


@require_POST
@permission_required("mailings.send_mailing")
def mailing_send(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    try:
        count = services.start_sending(mailing, actor=request.user)
    except services.MailingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sending has started to %(count)s recipients.") % {"count": count})
    return redirect(mailing)


@require_POST
@permission_required("mailings.send_mailing")
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
@permission_required("mailings.send_mailing")
def mailing_unschedule(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    services.unschedule(mailing, actor=request.user)
    messages.success(request, _("The schedule has been removed; the mailing is a draft again."))
    return redirect(mailing)


@require_POST
@permission_required("mailings.change_mailing")
def mailing_test(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    form = TestSendForm(request.POST)
    if form.is_valid():
        sent = services.send_test(mailing, form.cleaned_data["addresses"], actor=request.user)
        messages.success(request, _("%(count)s test mails have been sent.") % {"count": sent})
    else:
        messages.error(request, _("Choose at least one staff address for the test."))
    return redirect(mailing)


@permission_required("mailings.view_subscriber")
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


@permission_required("mailings.view_subscriber")
def subscriber_detail(request, pk):
    subscriber = get_object_or_404(Subscriber.objects.select_related("consent_text", "person"), pk=pk)
    deliveries = subscriber.deliveries.select_related("mailing").order_by("-id")[:50]
    return render(request, "mailings/subscriber_detail.html", {"subscriber": subscriber, "deliveries": deliveries})


@permission_required("mailings.view_consenttext")
def consent_list(request):
    return render(request, "mailings/consent_list.html", {"texts": ConsentText.objects.all()})


@permission_required("mailings.add_consenttext")
def consent_create(request):
    current = services.current_consent_text()
    form = ConsentTextForm(
        request.POST or None, initial={"text": current.text, "privacy_notice": current.privacy_notice}
    )
    if request.method == "POST" and form.is_valid():
        text = form.save()
        audit.record(request.user, "mailings.consent_text", text)
        messages.success(request, _("The new consent text is now shown on the sign-up form."))
        return redirect("mailings:consent_list")
    return render(request, "mailings/consent_form.html", {"form": form})


@permission_required("mailings.add_subscriber")
def subscriber_import(request):
    form = SubscriberImportForm(request.POST or None, request.FILES or None)
    plan = None
    if request.method == "POST" and "payload" in request.POST:
        try:
            payload = signing.loads(request.POST["payload"], salt=IMPORT_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("The preview has expired. Please upload the file again."))
            return redirect("mailings:subscriber_import")
        plan = importing.plan_import(base64.b64decode(payload["data"]), source=payload["tool"])
        if plan.ok:
            summary = importing.execute_import(plan, tool=payload["tool"], actor=request.user)
            messages.success(
                request,
                _("%(confirmed)s subscribers imported with consent proof; %(reconfirm)s asked to confirm again.")
                % summary,
            )
            if summary["suppressed"]:
                messages.info(
                    request,
                    _("%(suppressed)s addresses were not imported because they were erased on request.") % summary,
                )
            return redirect("mailings:subscriber_list")
        return render(request, "mailings/subscriber_import.html", {"form": form, "plan": plan})
    payload = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read(settings.IMPORT_MAX_BYTES + 1)
        plan = importing.plan_import(data, max_bytes=settings.IMPORT_MAX_BYTES, source=form.cleaned_data["source"])
        if plan.ok:
            payload = signing.dumps(
                {"data": base64.b64encode(data).decode(), "tool": form.cleaned_data["source"]},
                salt=IMPORT_SALT,
                compress=True,
            )
    return render(request, "mailings/subscriber_import.html", {"form": form, "plan": plan, "payload": payload})
