"""Retention settings, the dry-run report, the run log and the Art. 30 record (thin: the rules are in retention.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from inklusio.core import audit
from inklusio.core.access import staff_permission_required

from . import record, retention
from .forms import RetentionPeriodForm
from .models import RetentionPeriod, RetentionRun


@staff_permission_required("privacy.view_retentionperiod")
def retention_settings(request):
    days = retention.periods()
    rows = [(category, days[category.key]) for category in retention.categories()]
    last_run = RetentionRun.objects.first()
    return render(request, "privacy/retention_settings.html", {"rows": rows, "last_run": last_run})


@staff_permission_required("privacy.change_retentionperiod")
@require_http_methods(["GET", "POST"])
def retention_edit(request, key):
    category = retention.category(key)
    if category is None:
        raise Http404
    current = retention.periods()[key]
    form = RetentionPeriodForm(request.POST or None, category=category, initial={"days": current})
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["days"]
        RetentionPeriod.objects.update_or_create(category=key, defaults={"days": days, "changed_by": request.user})
        audit.record(request.user, "privacy.retention_period_changed", key, days=days, before=current)
        messages.success(
            request,
            ngettext(
                "The retention period of “%(label)s” is now %(days)s day.",
                "The retention period of “%(label)s” is now %(days)s days.",
                days,
            )
            % {
                "label": category.label,
                "days": days,
            },
        )
        return redirect("privacy:retention")
    return render(request, "privacy/retention_edit.html", {"form": form, "category": category, "current": current})


@staff_permission_required("privacy.view_retentionperiod")
def dry_run(request):
    with_items = request.user.has_perm("privacy.list_due_records")
    report = retention.dry_run(with_items=with_items, count_limit=retention.COUNT_LIMIT)
    total, more = sum(d.count for d in report), any(d.more for d in report)
    if with_items:
        audit.record(request.user, "privacy.retention_dry_run_viewed", "", total=total, more=more)
    return render(
        request,
        "privacy/dry_run.html",
        {
            "report": report,
            "with_items": with_items,
            "limit": retention.LIST_LIMIT,
            "total": total,
            "more": more,
            "cap": retention.COUNT_LIMIT,
        },
    )


@staff_permission_required("privacy.view_retentionrun")
def run_log(request):
    page = Paginator(RetentionRun.objects.all(), 25).get_page(request.GET.get("page"))
    labels = {category.key: category.label for category in retention.categories()}
    runs = [(run, [(labels.get(key, key), entry) for key, entry in run.results.items()]) for run in page]
    return render(request, "privacy/run_log.html", {"page_obj": page, "runs": runs})


@staff_permission_required("privacy.view_retentionperiod")
def processing_record(request):
    return render(request, "privacy/record.html", record.build())


@staff_permission_required("privacy.view_retentionperiod")
def processing_record_pdf(request):
    from inklusio.core.pdf import write_pdf  # noqa: PLC0415 — beside WeasyPrint (heavy)

    context = {**record.build(), "LANGUAGE_CODE": translation.get_language()}
    html = render_to_string("privacy/record_pdf.html", context)
    pdf = write_pdf(html, pdf_variant="pdf/ua-1")
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = _("record-of-processing-activities")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
