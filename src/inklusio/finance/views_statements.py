"""Payment requests, statements and their exports, per project. Thin: rules in payments, statements, exports."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inklusio.core import audit, documents
from inklusio.core.access import staff_permission_required
from inklusio.core.models import Project

from . import exports, payments, queries, statements
from .forms_statements import ExplanationForm, PaymentRequestForm, StatementForm
from .models import PaymentRequest, Statement

PAGE_SIZE = 50


def _project(slug):
    return get_object_or_404(Project, slug=slug)


def _today() -> date:
    return timezone.localdate()


# -- payment requests ---------------------------------------------------------------------------------------


def _payment_request(request, project, pk):
    return get_object_or_404(queries.payment_requests_for_user(request.user), project=project, pk=pk)


@staff_permission_required("finance.view_paymentrequest")
def payment_request_list(request, slug):
    project = _project(slug)
    rows = queries.payment_requests_for_user(request.user).filter(project=project).order_by("-number")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    position = payments.cash_position(project, _today())
    by_number = {i.key: i for i in position.instalments}
    return render(
        request,
        "finance/payment_request_list.html",
        {
            "project": project,
            "page_obj": page,
            "rows": [(r, by_number.get(r.number)) for r in page],
            "position": position,
            "plan": getattr(project, "finance_plan", None),
        },
    )


def _payment_request_form(request, project, instance):
    form = PaymentRequestForm(request.POST or None, instance=instance, project=project)
    if request.method == "POST" and form.is_valid():
        payments.save(form.save(commit=False), request.user)
        messages.success(request, _("Payment request saved."))
        return None, redirect("finance:payment_request_list", slug=project.slug)
    return form, None


@staff_permission_required("finance.add_paymentrequest")
def payment_request_create(request, slug):
    project = _project(slug)
    instance = PaymentRequest(project=project, number=payments.next_number(project), requested_on=_today())
    form, done = _payment_request_form(request, project, instance)
    return done or render(
        request, "finance/payment_request_form.html", {"project": project, "form": form, "object": None}
    )


@staff_permission_required("finance.change_paymentrequest")
def payment_request_update(request, slug, pk):
    project = _project(slug)
    instance = _payment_request(request, project, pk)
    form, done = _payment_request_form(request, project, instance)
    return done or render(
        request, "finance/payment_request_form.html", {"project": project, "form": form, "object": instance}
    )


@staff_permission_required("finance.delete_paymentrequest")
def payment_request_delete(request, slug, pk):
    project = _project(slug)
    instance = _payment_request(request, project, pk)
    if request.method == "POST":
        payments.delete(instance, request.user)
        messages.success(request, _("Payment request deleted."))
        return redirect("finance:payment_request_list", slug=project.slug)
    return render(request, "finance/payment_request_delete.html", {"project": project, "object": instance})


# -- statements ---------------------------------------------------------------------------------------------


def _statement(request, project, pk):
    return get_object_or_404(
        queries.statements_for_user(request.user).filter(project=project).select_related("project", "submitted_by"),
        pk=pk,
    )


@staff_permission_required("finance.view_statement")
def statement_list(request, slug):
    project = _project(slug)
    rows = (
        queries.statements_for_user(request.user)
        .filter(project=project)
        .select_related("superseded_by")
        .order_by("-period_end", "-version", "-pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "finance/statement_list.html", {"project": project, "page_obj": page})


@staff_permission_required("finance.add_statement")
def statement_create(request, slug):
    project = _project(slug)
    end = max(project.start, min(project.end, _today()))
    instance = Statement(project=project, period_start=project.start, period_end=end)
    form = StatementForm(request.POST or None, instance=instance, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = statements.create(project, data["kind"], data["period_start"], data["period_end"], request.user)
        except statements.StatementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Statement created. Explain every flagged deviation, then submit it."))
            return redirect("finance:statement_detail", slug=project.slug, pk=created.pk)
    return render(request, "finance/statement_form.html", {"project": project, "form": form})


@staff_permission_required("finance.view_statement")
def statement_detail(request, slug, pk):
    project = _project(slug)
    statement = _statement(request, project, pk)
    figures = statements.figures(statement)
    successor = Statement.objects.filter(supersedes=statement).only("pk", "version").first()
    return render(
        request,
        "finance/statement_detail.html",
        {
            "project": project,
            "statement": statement,
            "figures": figures,
            "successor": successor,
            "may_explain": not statement.is_submitted and request.user.has_perm("finance.change_statement"),
            "grant_received": payments.received_between(project, statement.period_start, statement.period_end)
            if request.user.has_perm("finance.view_paymentrequest")
            else None,
        },
    )


@staff_permission_required("finance.change_statement")
def statement_explain(request, slug, pk, category, year):
    project = _project(slug)
    statement = _statement(request, project, pk)
    if statement.is_submitted:
        messages.error(request, _("This statement has been submitted and cannot be changed. Make a new version."))
        return redirect("finance:statement_detail", slug=project.slug, pk=statement.pk)
    line = next(
        (line for line in statements.compute(statement).flagged if line.category_key == category and line.year == year),
        None,
    )
    if line is None:
        raise Http404("no flagged line")
    form = ExplanationForm(request.POST or None, initial={"text": line.explanation})
    if request.method == "POST" and form.is_valid():
        try:
            statements.explain(statement, category, year, form.cleaned_data["text"], request.user)
        except statements.StatementError as error:
            form.add_error(None, str(error))
        else:
            if form.cleaned_data["text"].strip():
                messages.success(request, _("Explanation saved."))
            else:
                messages.warning(request, _("Explanation removed: this deviation needs an explanation again."))
            return redirect(reverse("finance:statement_detail", args=[project.slug, statement.pk]) + "#deviations")
    return render(
        request,
        "finance/statement_explain.html",
        {"project": project, "statement": statement, "line": line, "form": form},
    )


@staff_permission_required("finance.approve_plan")
def statement_submit(request, slug, pk):
    project = _project(slug)
    statement = _statement(request, project, pk)
    figures = statements.figures(statement)
    error = ""
    if statement.is_submitted:
        error = _("This statement has already been submitted.")
    elif not figures.complete:
        error = _("Explain every flagged deviation before submitting the statement.")
    if request.method == "POST" and not error:
        try:
            statements.submit(statement, request.user)
        except statements.StatementError as problem:
            error = str(problem)
        else:
            messages.success(request, _("Statement submitted. Its figures are now frozen."))
            return redirect("finance:statement_detail", slug=project.slug, pk=statement.pk)
    return render(
        request,
        "finance/statement_submit.html",
        {"project": project, "statement": statement, "figures": figures, "error": error},
    )


@staff_permission_required("finance.add_statement")
@require_POST
def statement_new_version(request, slug, pk):
    project = _project(slug)
    statement = _statement(request, project, pk)
    try:
        successor = statements.new_version(statement, request.user)
    except statements.StatementError as error:
        messages.error(request, str(error))
        return redirect("finance:statement_detail", slug=project.slug, pk=statement.pk)
    messages.success(request, _("New version made. Change what is needed, then submit it."))
    return redirect("finance:statement_detail", slug=project.slug, pk=successor.pk)


# -- exports ------------------------------------------------------------------------------------------------


def _download(data: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_permission_required("finance.view_statement")
@require_GET
def statement_export(request, slug, pk, fmt):
    if fmt not in exports.FORMATS:
        raise Http404("unknown format")
    project = _project(slug)
    statement = _statement(request, project, pk)
    data, filename = exports.statement_file(statement, fmt)
    audit.record(request.user, "finance.statement_exported", statement, fmt=fmt, submitted=statement.is_submitted)
    return _download(data, fmt, filename)


def _period(request, project) -> tuple[date, date]:
    def day(name, default):
        try:
            return date.fromisoformat(request.GET.get(name, ""))
        except ValueError:
            return default

    start, end = day("from", project.start), day("until", project.end)
    return (start, end) if start <= end else (end, start)


@staff_permission_required("finance.view_receipt")
@require_POST
def receipt_list_export(request, slug, fmt):
    """The receipt list of a period (``from``/``until`` in the query) is made in the worker: thousands of receipts
    make hundreds of PDF pages. The job's page shows the progress and the download."""
    if fmt not in exports.FORMATS:
        raise Http404("unknown format")
    project = _project(slug)
    start, end = _period(request, project)
    job = documents.start(
        user=request.user,
        kind="finance.receipt_list",
        title=_("Receipt list %(project)s, %(start)s – %(end)s (%(format)s)")
        % {"project": project.title, "start": date_format(start), "end": date_format(end), "format": fmt.upper()},
        params={
            "project": project.pk,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "fmt": fmt,
            "language": get_language() or "de",
        },  # fmt: skip
        back_url=reverse("finance:statement_list", args=[project.slug]),
    )
    audit.record(request.user, "finance.receipt_list_exported", project, fmt=fmt, start=str(start), end=str(end))
    return redirect(job)
