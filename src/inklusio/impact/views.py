"""Thin views: parse the request, call services, render."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inklusio.core import audit
from inklusio.core.access import staff_permission_required
from inklusio.core.csp import allow_template_styles
from inklusio.core.extensions import project_indicators_for
from inklusio.core.models import Project

from . import charts, exports, registry, services
from .forms import ManualIndicatorForm, ManualValueForm, PeriodForm, SectionForm, TargetForm
from .models import ManualIndicator, Target

VIEW = "impact.view_reportsection"


def _lang():
    return "en" if (get_language() or "de").startswith("en") else "de"


def _period(request, project):
    form = PeriodForm(request.GET or None, initial={"start": project.start, "end": project.end})
    start = end = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


@staff_permission_required(VIEW)
def index(request):
    return render(request, "impact/index.html", {"projects": Project.objects.select_related("predecessor")})


@staff_permission_required(VIEW)
def dashboard_view(request, slug):
    project = get_object_or_404(Project, slug=slug)
    form, start, end = _period(request, project)
    lang = _lang()
    board = services.dashboard(project, start, end, lang, user=request.user)
    target_rows = board.with_target
    change_rows = board.with_change
    target_chart = change_chart = None
    if target_rows:
        target_chart = charts.bar_chart(
            [r.label for r in target_rows],
            [r.percent_of_target for r in target_rows],
            title=_("Share of the target reached"),
            description="; ".join(
                f"{r.label}: {services.format_number(r.percent_of_target, lang)} %" for r in target_rows
            ),
            chart_id="chart-target",
            xlabel=_("per cent of the target"),
            reference=100,
        )
    if change_rows:
        change_chart = charts.bar_chart(
            [r.label for r in change_rows],
            [r.change_percent for r in change_rows],
            title=_("Change against the previous period"),
            description="; ".join(
                f"{r.label}: {services.format_number(r.change_percent, lang)} %" for r in change_rows
            ),
            chart_id="chart-change",
            xlabel=_("change in per cent"),
            reference=0,
        )
    return render(
        request,
        "impact/dashboard.html",
        {
            "project": project,
            "board": board,
            "form": form,
            "target_chart": target_chart,
            "change_chart": change_chart,
            "target_rows": target_rows,
            "change_rows": change_rows,
            **exports.usage_context(board.usage, lang, chart_id="chart-usage-dashboard"),
            "period_query": request.GET.urlencode(),
        },
    )


@staff_permission_required(VIEW)
def report_view(request, slug):
    project = get_object_or_404(Project, slug=slug)
    form, start, end = _period(request, project)
    report = services.build_report(project, start, end, _lang(), user=request.user)
    return render(
        request,
        "impact/report.html",
        {
            "project": project,
            "report": report,
            "form": form,
            "chart": exports.target_chart(report),
            **exports.usage_context(report.usage, report.lang),
            "edit_links": request.user.has_perm("impact.change_reportsection"),
            "period_query": request.GET.urlencode(),
            "formats": exports.FORMATS,
        },
    )


@staff_permission_required(VIEW)
def report_export(request, slug, fmt):
    project = get_object_or_404(Project, slug=slug)
    if fmt not in exports.FORMATS:
        raise Http404
    form, start, end = _period(request, project)
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("Invalid period."), status=400, content_type="text/plain; charset=utf-8")
    report = services.build_report(project, start, end, _lang(), links=False, user=request.user)
    data = exports.render(report, fmt)
    audit.record(
        request.user, "impact.report_exported", project.slug, format=fmt, start=str(report.start), end=str(report.end)
    )
    response = HttpResponse(data, content_type=exports.CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in {"html", "pdf", "json"} else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{exports.filename(report, fmt)}"'
    if fmt == "html":  # a stand-alone file: its CSS is inside it, allowed by hash
        allow_template_styles(response, exports.HTML_TEMPLATE)
    return response


@staff_permission_required(VIEW)
def comparison_view(request, slug):
    project = get_object_or_404(Project, slug=slug)
    return render(
        request,
        "impact/comparison.html",
        {
            "project": project,
            "rows": services.comparison(project, _lang(), user=request.user),
        },
    )


@staff_permission_required("impact.change_reportsection")
def section_edit(request, slug, key):
    project = get_object_or_404(Project, slug=slug)
    if key not in services.EDITABLE_SECTIONS:
        raise Http404
    section = project.report_sections.filter(key=key).first()
    initial = {"text_de": section.text_de, "text_en": section.text_en} if section else {}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_section(
            project, key, form.cleaned_data["text_de"], form.cleaned_data["text_en"], actor=request.user
        )
        messages.success(request, _("The text was saved."))
        return redirect(reverse("impact:report", args=[slug]) + f"#section-{key}")
    return render(
        request,
        "impact/section_form.html",
        {
            "project": project,
            "form": form,
            "title": services.section_titles()[key],
            "key": key,
        },
    )


def _indicator_label(project, code, lang, user):
    try:
        definition = registry.get(code)
        if not registry.may_see(definition, user):
            raise Http404  # a cost figure: its target is set by those who may see it
        return definition.label(lang)
    except KeyError:
        manual = ManualIndicator.objects.filter(project=project, code=code).first()
        if manual is not None:
            return manual.label_en if lang == "en" else manual.label_de
        own = [i for i in project_indicators_for(project, project.start, project.end, lang) if i.code == code]
        if not own:
            raise Http404 from None
        return own[0].label


@staff_permission_required("impact.change_target")
def target_edit(request, slug, code):
    project = get_object_or_404(Project, slug=slug)
    label = _indicator_label(project, code, _lang(), request.user)
    existing = Target.objects.filter(project=project, code=code, period_start__isnull=True).first()
    initial = {"baseline": existing.baseline, "target": existing.target, "note": existing.note} if existing else {}
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_target(project, code, data["baseline"], data["target"], actor=request.user, note=data["note"])
        messages.success(request, _("Baseline and target were saved."))
        return redirect("impact:dashboard", slug=slug)
    return render(request, "impact/target_form.html", {"project": project, "form": form, "label": label})


@staff_permission_required("impact.add_manualindicator")
def manual_indicator_create(request, slug):
    project = get_object_or_404(Project, slug=slug)
    form = ManualIndicatorForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        indicator = form.save()
        audit.record(request.user, "impact.manual_indicator_created", project.slug, code=indicator.code)
        messages.success(request, _("The indicator was created. Now enter a value with its source."))
        return redirect("impact:manual_value", slug=slug, pk=indicator.pk)
    return render(
        request, "impact/manual_form.html", {"project": project, "form": form, "heading": _("New manual indicator")}
    )


@staff_permission_required("impact.add_manualvalue")
def manual_value_create(request, slug, pk):
    project = get_object_or_404(Project, slug=slug)
    indicator = get_object_or_404(ManualIndicator, project=project, pk=pk)
    form = ManualValueForm(request.POST or None, initial={"period_start": project.start, "period_end": project.end})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_manual_value(
            indicator, data["period_start"], data["period_end"], data["value"], data["source_note"], actor=request.user
        )
        messages.success(request, _("The value was saved."))
        return redirect("impact:dashboard", slug=slug)
    heading = _("Value for “%(label)s”") % {"label": indicator.label_en if _lang() == "en" else indicator.label_de}
    return render(request, "impact/manual_form.html", {"project": project, "form": form, "heading": heading})
