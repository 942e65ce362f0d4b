"""The receipt pages of a project: list with filters and sum, entry, detail, scan download, deletion, the ZIP
of all scans. Thin: the rules are in receipts.py, visibility in queries.py."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from inklusio.core import audit, documents, importjobs
from inklusio.core.access import staff_permission_required
from inklusio.core.models import Project
from inklusio.core.removal import DELETE, RemovalPlan, confirm_removal
from inklusio.core.uploads import save_upload

from . import bookings, bookings_import, queries, receipts
from .forms_receipts import BookingMappingForm, BookingUploadForm, ReceiptFilterForm, ReceiptForm
from .models import BookingImport
from .tasks import prepare_booking_import


def _project(slug):
    return get_object_or_404(Project, slug=slug)


def _receipt(request, project, pk):
    """One receipt of this project the user may see; another project's id answers 404."""
    visible = queries.receipts_for_user(request.user).filter(project=project).select_related("category")
    return get_object_or_404(visible, pk=pk)


def _list_url(project):
    return reverse("finance:receipt_list", args=[project.slug])


@require_safe
@staff_permission_required("finance.view_receipt")
def receipt_list(request, slug):
    project = _project(slug)
    form = ReceiptFilterForm(request.GET or None, project=project, years=receipts.years_of(project))
    chosen = form.chosen()
    found = receipts.receipts_of(request.user, project, chosen)
    page = Paginator(found, receipts.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "finance/receipt_list.html",
        {
            "project": project,
            "form": form,
            "page_obj": page,
            "receipts": page.object_list,
            "total": receipts.counted_sum(found),
            "count": page.paginator.count,
            "filtered": chosen != receipts.ReceiptFilter(),
            "any_receipts": found.exists() or receipts.receipts_of(request.user, project).exists(),
            "any_scans": receipts.receipts_of(request.user, project).exclude(scan_path="").exists(),
        },
    )


def _form_page(request, project, receipt, form):
    return render(
        request,
        "finance/receipt_form.html",
        {"project": project, "receipt": receipt, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _save(request, project, form, receipt):
    try:
        saved = receipts.save_receipt(
            form.save(commit=False),
            request.user,
            scan=form.cleaned_data.get("scan"),
            scan_extension=form.scan_extension(),
            remove_scan=bool(form.cleaned_data.get("remove_scan")),
        )
    except receipts.ReceiptError as error:
        form.add_error(error.field, str(error))
        return _form_page(request, project, receipt, form)
    messages.success(request, _("Receipt %(number)s saved.") % {"number": saved.number})
    if receipt is None and queries.submitted_statement_covering(project.pk, receipts.counted_on(saved)):
        messages.warning(
            request,
            _(
                "It counts in a period whose statement was already submitted: that statement keeps its figures; "
                "make a new version of it to include this receipt."
            ),  # fmt: skip
        )
    if "save_and_new" in request.POST:
        return redirect("finance:receipt_create", project.slug)
    return redirect("finance:receipt_detail", project.slug, saved.pk)


@staff_permission_required("finance.add_receipt")
def receipt_create(request, slug):
    project = _project(slug)
    form = ReceiptForm(
        request.POST or None,
        request.FILES or None,
        project=project,
        initial={"number": receipts.next_number(project)},
    )
    if request.method == "POST" and form.is_valid():
        return _save(request, project, form, None)
    return _form_page(request, project, None, form)


@staff_permission_required("finance.change_receipt")
def receipt_edit(request, slug, pk):
    project = _project(slug)
    receipt = _receipt(request, project, pk)
    form = ReceiptForm(request.POST or None, request.FILES or None, instance=receipt, project=project)
    if request.method == "POST" and form.is_valid():
        return _save(request, project, form, receipt)
    return _form_page(request, project, receipt, form)


@require_safe
@staff_permission_required("finance.view_receipt")
def receipt_detail(request, slug, pk):
    project = _project(slug)
    receipt = _receipt(request, project, pk)
    return render(request, "finance/receipt_detail.html", {"project": project, "receipt": receipt})


@staff_permission_required("finance.delete_receipt")
def receipt_delete(request, slug, pk):
    project = _project(slug)
    receipt = _receipt(request, project, pk)
    plan = RemovalPlan(
        subject=receipt,
        action=DELETE,
        consequences=[
            _("The receipt no longer counts in the project's costs; statements already submitted keep their figures."),
            *([_("Its scan is deleted too.")] if receipt.scan_path else []),
        ],
        refusal=receipts.submitted_lock(receipt),
    )
    return confirm_removal(
        request,
        plan=plan,
        carry_out=lambda _plan: receipts.delete_receipt(receipt, request.user),
        back_url=reverse("finance:receipt_detail", args=[project.slug, receipt.pk]),
        done_url=_list_url(project),
        audit_action=None,  # receipts.delete_receipt writes the entry
    )


@require_safe
@staff_permission_required("finance.view_receipt")
def receipt_scan(request, slug, pk):
    project = _project(slug)
    receipt = _receipt(request, project, pk)
    path = receipts.scan_path(receipt)
    if path is None or not path.exists():
        raise Http404
    audit.record(request.user, "finance.receipt_scan_downloaded", receipt, project=project.pk)
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename=receipt.scan_name or f"{receipt.number}{path.suffix}",
        content_type=receipt.scan_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_permission_required("finance.view_receipt")
def receipt_scans_zip(request, slug):
    """All the project's scans in one ZIP for an audit, made in the worker; the job's page shows the progress."""
    project = _project(slug)
    if not receipts.receipts_of(request.user, project).exclude(scan_path="").exists():
        messages.error(request, _("No receipt of this project has a scan yet."))
        return redirect(_list_url(project))
    job = documents.start(
        user=request.user,
        kind="finance.receipt_scans",
        title=_("Receipt scans: %(project)s") % {"project": project.title},
        params={"project": project.pk},
        back_url=_list_url(project),
    )
    audit.record(request.user, "finance.receipt_scans_zip", project)
    return redirect(job)


# --- the import of the accounting's booking export ---------------------------------------------------------


@staff_permission_required("finance.add_receipt")
def receipt_import(request, slug):
    """Upload a booking export; the worker reads it once, then the review page maps and previews it."""
    project = _project(slug)
    form = BookingUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]  # size and type checked by the form field
        record = BookingImport(
            project=project,
            uploaded_by=request.user,
            filename=upload.name[:255],
            stored_as=uuid.uuid4().hex,
            language=translation.get_language() or "",
        )
        save_upload(upload, bookings_import.upload_path(record))
        record.save()
        audit.record(request.user, "finance.receipt_import_upload", record, project=project.pk)
        prepare_booking_import.enqueue(record.pk)
        return redirect("finance:receipt_import_review", project.slug, record.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "finance/receipt_import.html", {"project": project, "form": form}, status=status)


@staff_permission_required("finance.add_receipt")
def receipt_import_review(request, slug, pk):
    """Progress while the worker reads the file; then map columns and accounts, check, preview; import (in the
    worker, all or nothing) or discard."""
    project = _project(slug)
    record = get_object_or_404(
        BookingImport, pk=pk, project=project, uploaded_by=request.user, status=BookingImport.Status.PENDING
    )
    context = {"project": project, "record": record, "review": record.review}
    if request.method == "POST" and "discard" in request.POST:
        bookings_import.remove_files(record)
        record.status = BookingImport.Status.DISCARDED
        record.save(update_fields=["status"])
        audit.record(request.user, "finance.receipt_import_discarded", record, project=project.pk)
        messages.info(request, _("The upload was discarded; nothing was imported."))
        return redirect("finance:receipt_list", project.slug)
    if record.stage in (BookingImport.Stage.QUEUED, BookingImport.Stage.READING):
        return render(request, "finance/receipt_import_review.html", {**context, "waiting": True})
    if record.stage == BookingImport.Stage.REFUSED:
        return render(request, "finance/receipt_import_review.html", context)
    if request.method == "POST" and "import" in request.POST:
        if record.review.get("checked") and record.review.get("ok"):
            job = importjobs.open_job(record, bookings_import.KIND) or importjobs.queue(
                kind=bookings_import.KIND, record=record, owner=request.user, rows_total=record.review["new"]
            )
            return redirect(job.get_absolute_url())
        messages.error(request, _("Check the mapping first; only a file without problems can be imported."))
    table_columns = record.review.get("columns") or {}
    header = record.review.get("header") or []
    table = bookings_import.load_table(record)
    accounts = bookings.accounts_in(table.rows, table_columns.get("account"))
    remembered = {**bookings_import.remembered(project.funder), **(record.review.get("accounts") or {})}
    form = BookingMappingForm(
        request.POST if request.method == "POST" and "check" in request.POST else None,
        header=header,
        accounts=accounts,
        categories=bookings_import.categories_for(project),
        initial_columns=table_columns,
        initial_accounts=remembered,
    )
    if request.method == "POST" and "check" in request.POST:
        if form.is_valid():
            columns, mapping = form.columns(), form.account_mapping()
            if columns.get("account") != table_columns.get("account"):
                mapping = {}  # other accounts: map them anew
            plan = bookings_import.make_plan(record, columns, {**bookings_import.remembered(project.funder), **mapping})
            record.review = {
                **record.review,
                **bookings_import.review_of(plan, columns, {**bookings_import.remembered(project.funder), **mapping}),
            }
            record.save(update_fields=["review"])
            return redirect("finance:receipt_import_review", project.slug, record.pk)
        return render(request, "finance/receipt_import_review.html", {**context, "form": form}, status=400)
    return render(request, "finance/receipt_import_review.html", {**context, "form": form})
