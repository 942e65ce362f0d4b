"""The finance overview, the cost categories per funder and a project's cost and financing plan. Thin: the rules
are in ``plan``, who sees what in ``queries``."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from inklusio.core.access import staff_permission_required
from inklusio.core.removal import ARCHIVE, DELETE, RemovalPlan, RemovalRefused, confirm_removal

from . import plan as plans
from . import queries
from .forms_plan import CategoryForm, FinancingForm, PlanLineForm, PlanSettingsForm
from .models import FinancingSource, Plan, PlanLine

PAGE_SIZE = 25


def _reopened(request, was_approved: bool) -> None:
    if was_approved:
        messages.warning(
            request,
            _("The plan was approved. This change set it back to draft: the project lead needs to approve it again."),
        )


def _project(request, slug):
    return get_object_or_404(queries.projects_for_user(request.user), slug=slug)


def _plan(request, slug):
    return get_object_or_404(queries.plans_for_user(request.user), project__slug=slug)


def _plan_url(plan_or_project) -> str:
    project = getattr(plan_or_project, "project", plan_or_project)
    return reverse("finance:plan", args=[project.slug])


# --- overview -----------------------------------------------------------------------------------------------


@staff_permission_required("finance.view_plan")
@require_safe
def overview(request):
    projects = queries.projects_for_user(request.user).order_by("-start", "title", "pk")
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "finance/overview.html", {"rows": plans.overview(list(page.object_list)), "page_obj": page})


# --- cost categories ----------------------------------------------------------------------------------------


def _category(request, pk):
    return get_object_or_404(queries.categories_for_user(request.user), pk=pk)


@staff_permission_required("finance.view_costcategory")
@require_safe
def category_list(request):
    categories = queries.categories_for_user(request.user).order_by("funder", "position", "id")
    groups: dict[str, list] = {}
    for category in categories:
        groups.setdefault(category.funder, []).append(category)
    funders = sorted(set(queries.projects_for_user(request.user).values_list("funder", flat=True)) - set(groups))
    return render(request, "finance/category_list.html", {"groups": list(groups.items()), "funders_without": funders})


@staff_permission_required("finance.add_costcategory")
def category_create(request):
    initial = {"funder": request.GET.get("funder", "")[:200]}
    form = CategoryForm(request.POST or None, initial=initial)
    return _category_form(request, form, None)


@staff_permission_required("finance.change_costcategory")
def category_edit(request, pk):
    category = _category(request, pk)
    form = CategoryForm(request.POST or None, instance=category, in_use=plans.category_in_use(category))
    return _category_form(request, form, category)


def _category_form(request, form, category):
    if request.method == "POST" and form.is_valid():
        plans.save_category(form.save(commit=False), request.user)
        messages.success(request, _("Cost category saved."))
        return redirect("finance:category_list")
    return render(request, "finance/category_form.html", {"form": form, "object": category})


@staff_permission_required("finance.change_costcategory")
def category_archive(request, pk):
    category = _category(request, pk)
    removal = RemovalPlan(
        category,
        ARCHIVE,
        consequences=[_("New plan lines and receipts can no longer use it; existing ones keep it.")],
    )
    if category.archived_at:
        removal.refusal = _("This category is archived already.")
    return confirm_removal(
        request,
        plan=removal,
        carry_out=lambda p: plans.set_archived(p.subject, True, request.user),
        back_url=reverse("finance:category_list"),
        done_url=reverse("finance:category_list"),
        audit_action=None,  # set_archived writes the entry
    )


@staff_permission_required("finance.change_costcategory")
@require_POST
def category_unarchive(request, pk):
    category = _category(request, pk)
    plans.set_archived(category, False, request.user)
    messages.success(request, _("“%(name)s” can be used again.") % {"name": category})
    return redirect("finance:category_list")


@staff_permission_required("finance.change_costcategory")
@require_POST
def category_move(request, pk):
    category = _category(request, pk)
    plans.move_category(category, -1 if request.POST.get("direction") == "up" else 1, request.user)
    return redirect(f"{reverse('finance:category_list')}#category-{category.pk}")


@staff_permission_required("finance.delete_costcategory")
def category_delete(request, pk):
    category = _category(request, pk)
    removal = RemovalPlan(category, DELETE)
    if plans.category_in_use(category):
        removal.refusal = _("Plan lines or receipts use this category, so it cannot be deleted. Archive it instead.")

    def carry_out(p):
        try:
            plans.delete_category(p.subject, request.user)
        except plans.PlanError as error:
            raise RemovalRefused(str(error)) from error

    return confirm_removal(
        request,
        plan=removal,
        carry_out=carry_out,
        back_url=reverse("finance:category_list"),
        done_url=reverse("finance:category_list"),
        audit_action="finance.category",
    )


# --- the plan -----------------------------------------------------------------------------------------------


@staff_permission_required("finance.view_plan")
@require_safe
def plan_detail(request, slug):
    project = _project(request, slug)
    plan = queries.plans_for_user(request.user).filter(project=project).first()
    context = {
        "project": project,
        "plan": plan,
        "status": plans.status(plan),
        "has_categories": plans.has_line_categories(project),
    }
    if plan is not None:
        context.update(figures=plans.figures(plan), reopened_at=plans.reopened_at(plan))
    return render(request, "finance/plan.html", context)


@staff_permission_required("finance.add_plan")
def plan_create(request, slug):
    project = _project(request, slug)
    if Plan.objects.filter(project=project).exists():
        return redirect("finance:plan", slug=project.slug)
    form = PlanSettingsForm(request.POST or None, instance=Plan(project=project))
    if request.method == "POST" and form.is_valid():
        try:
            plans.create_plan(
                project,
                {k: form.cleaned_data[k] for k in ("deviation_threshold_percent", "spend_within_days")},
                request.user,
            )
        except plans.PlanError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Plan created. Now add its cost lines and its financing."))
            return redirect("finance:plan", slug=project.slug)
    return render(request, "finance/plan_form.html", {"form": form, "project": project, "creating": True})


@staff_permission_required("finance.change_plan")
def plan_settings(request, slug):
    plan = _plan(request, slug)
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        _reopened(request, plans.save_settings(form.save(commit=False), request.user))
        messages.success(request, _("Plan settings saved."))
        return redirect(_plan_url(plan))
    return render(request, "finance/plan_form.html", {"form": form, "project": plan.project, "plan": plan})


def _save(request, plan, form, save, template, done):
    if request.method == "POST" and form.is_valid():
        try:
            was_approved = save(plan, form.save(commit=False), request.user)
        except plans.PlanError as error:
            form.add_error(None, str(error))
        else:
            _reopened(request, was_approved)
            messages.success(request, done)
            return redirect(_plan_url(plan))
    return render(request, template, {"form": form, "project": plan.project, "plan": plan, "object": form.instance})


def _line(request, plan, pk):
    return get_object_or_404(PlanLine.objects.select_related("category"), plan=plan, pk=pk)


def _source(request, plan, pk):
    return get_object_or_404(FinancingSource.objects.all(), plan=plan, pk=pk)


@staff_permission_required("finance.add_planline")
def plan_line_create(request, slug):
    plan = _plan(request, slug)
    form = PlanLineForm(request.POST or None, plan=plan, initial={"year": request.GET.get("year")})
    return _save(request, plan, form, plans.save_line, "finance/plan_line_form.html", _("Plan line saved."))


@staff_permission_required("finance.change_planline")
def plan_line_edit(request, slug, pk):
    plan = _plan(request, slug)
    form = PlanLineForm(request.POST or None, plan=plan, instance=_line(request, plan, pk))
    return _save(request, plan, form, plans.save_line, "finance/plan_line_form.html", _("Plan line saved."))


@staff_permission_required("finance.delete_planline")
def plan_line_delete(request, slug, pk):
    plan = _plan(request, slug)
    line = _line(request, plan, pk)
    return confirm_removal(
        request,
        plan=RemovalPlan(
            line, DELETE, consequences=[_("The plan's totals and any grant given as a rate change with it.")]
        ),
        carry_out=lambda p: _reopened(request, plans.delete_line(p.subject, request.user)),
        back_url=_plan_url(plan),
        done_url=_plan_url(plan),
        audit_action="finance.plan_line",
    )


@staff_permission_required("finance.add_financingsource")
def plan_financing_create(request, slug):
    plan = _plan(request, slug)
    form = FinancingForm(request.POST or None, plan=plan, initial={"year": request.GET.get("year")})
    return _save(request, plan, form, plans.save_source, "finance/plan_financing_form.html", _("Financing saved."))


@staff_permission_required("finance.change_financingsource")
def plan_financing_edit(request, slug, pk):
    plan = _plan(request, slug)
    form = FinancingForm(request.POST or None, plan=plan, instance=_source(request, plan, pk))
    return _save(request, plan, form, plans.save_source, "finance/plan_financing_form.html", _("Financing saved."))


@staff_permission_required("finance.delete_financingsource")
def plan_financing_delete(request, slug, pk):
    plan = _plan(request, slug)
    source = _source(request, plan, pk)
    return confirm_removal(
        request,
        plan=RemovalPlan(source, DELETE, consequences=[_("The plan's financing total changes with it.")]),
        carry_out=lambda p: _reopened(request, plans.delete_source(p.subject, request.user)),
        back_url=_plan_url(plan),
        done_url=_plan_url(plan),
        audit_action="finance.financing",
    )


@staff_permission_required("finance.approve_plan")
def plan_approve(request, slug):
    plan = _plan(request, slug)
    result = plans.figures(plan)
    if request.method == "POST":
        try:
            plans.approve(plan, request.user)
        except plans.PlanError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Plan approved."))
        return redirect(_plan_url(plan))
    return render(request, "finance/plan_approve.html", {"project": plan.project, "plan": plan, "figures": result})
