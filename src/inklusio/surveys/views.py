"""Staff views of surveys: list, builder, results with export, outcome indicators. Thin: rules in services.py."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inklusio.core import audit, charts
from inklusio.core.access import staff_permission_required
from inklusio.core.models import Project
from inklusio.core.removal import confirm_removal, show_archived
from inklusio.core.spreadsheets import XLSX, to_csv, to_xlsx
from inklusio.events import queries as event_queries
from inklusio.networks import queries as network_queries

from . import followups, queries, removal, results, services
from .forms import AnswerForm, IndicatorForm, QuestionForm, SurveyForm
from .models import Question, Survey, SurveyIndicator


def _lang() -> str:
    return "en" if (get_language() or "de").startswith("en") else "de"


def _survey(request, pk):
    return get_object_or_404(queries.surveys_for_user(request.user).select_related("event", "network"), pk=pk)


def _question(request, pk):
    surveys = queries.surveys_for_user(request.user)
    return get_object_or_404(Question.objects.filter(survey__in=surveys).select_related("survey"), pk=pk)


@staff_permission_required("surveys.view_survey")
def survey_list(request):
    archived = show_archived(request)
    surveys = queries.surveys_for_user(request.user).select_related("event", "network", "project")
    surveys = surveys.filter(archived_at__isnull=not archived)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": surveys.filter(is_template=False),
            "templates": surveys.filter(is_template=True),
            "archived": archived,
        },
    )


@staff_permission_required("surveys.delete_survey")
def survey_remove(request, pk):
    survey = _survey(request, pk)
    return confirm_removal(
        request,
        plan=removal.plan_survey(survey),
        carry_out=removal.remove,
        back_url=survey.get_absolute_url(),
        done_url=reverse("surveys:survey_list"),
        audit_action="surveys.survey",
    )


def _survey_form(request, instance):
    return SurveyForm(
        request.POST or None,
        instance=instance,
        events=event_queries.events_for_user(request.user).order_by("-starts_at"),
        networks=network_queries.networks_for_user(request.user),
        templates=queries.templates_for_user(request.user),
    )


@staff_permission_required("surveys.add_survey")
def survey_create(request):
    project = Project.objects.order_by("-start", "pk").first()
    if project is None:
        messages.error(request, _("Set up a project first: surveys belong to a project."))
        return redirect("surveys:survey_list")
    instance = Survey(project=project)
    template_id = request.GET.get("template", "")
    if request.method == "GET" and template_id.isdigit():
        template = queries.templates_for_user(request.user).filter(pk=template_id).first()
        if template is not None:
            instance = Survey(project=project, purpose=template.purpose, title_de=template.title_de,
                              title_en=template.title_en, title_easy=template.title_easy, intro_de=template.intro_de,
                              intro_en=template.intro_en, intro_easy=template.intro_easy)  # fmt: skip
    form = _survey_form(request, instance)
    if template_id.isdigit() and "template" in form.fields:
        form.initial["template"] = template_id
    if request.method == "POST" and form.is_valid():
        survey = form.save(commit=False)
        if survey.event_id:
            survey.project_id = survey.event.project_id
        try:
            services.create_from_template(form.cleaned_data.get("template"), survey, request.user)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Survey created. Now add or change its questions."))
            return redirect(survey)
    return render(request, "surveys/survey_form.html", {"form": form, "object": None})


@staff_permission_required("surveys.change_survey")
def survey_update(request, pk):
    survey = _survey(request, pk)
    form = _survey_form(request, survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_survey(form.save(commit=False), request.user)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Survey saved."))
            return redirect(survey)
    return render(request, "surveys/survey_form.html", {"form": form, "object": survey})


@staff_permission_required("surveys.view_survey")
def survey_detail(request, pk):
    survey = _survey(request, pk)
    questions = list(survey.questions.select_related("show_if_question"))
    numbers = {q.pk: n for n, q in enumerate(questions, start=1)}
    preview_lang = request.GET.get("lang") if request.GET.get("lang") in ("de", "en", "easy") else "de"
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "questions": [(numbers[q.pk], q, numbers.get(q.show_if_question_id)) for q in questions],
            "responses": survey.responses.count(),
            "invitations": survey.invitations.count(),
            "due_at": followups.due_at(survey),
            "preview": AnswerForm(survey, questions, preview_lang, prefix="preview") if questions else None,
            "preview_lang": preview_lang,
        },
    )


@staff_permission_required("surveys.change_survey")
def question_create(request, pk):
    survey = _survey(request, pk)
    form = QuestionForm(request.POST or None, survey=survey)
    return _question_form(request, survey, form)


@staff_permission_required("surveys.change_survey")
def question_update(request, pk):
    question = _question(request, pk)
    form = QuestionForm(request.POST or None, instance=question, survey=question.survey)
    return _question_form(request, question.survey, form)


def _question_form(request, survey, form):
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(survey, form.save(commit=False), request.user)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Question saved."))
            return redirect(survey)
    return render(request, "surveys/question_form.html", {"form": form, "survey": survey})


@staff_permission_required("surveys.change_survey")
@require_POST
def question_move(request, pk):
    question = _question(request, pk)
    try:
        services.move_question(question, -1 if request.POST.get("direction") == "up" else 1, request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
    return redirect(question.survey)


@staff_permission_required("surveys.change_survey")
@require_POST
def question_delete(request, pk):
    question = _question(request, pk)
    try:
        services.delete_question(question, request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Question removed."))
    return redirect(question.survey)


@staff_permission_required("surveys.view_survey")
def survey_results(request, pk):
    survey = _survey(request, pk)
    lang = _lang()
    total, rows = results.survey_results(survey, lang)
    for result in rows:
        result.chart = ""
        if result.has_chart:
            result.chart = charts.bar_chart_svg(
                result.rows,
                title=result.text,
                description=_("Answers per option; the table below gives the numbers."),
                element_id=f"chart-{result.question.pk}",
            )
    return render(
        request,
        "surveys/survey_results.html",
        {"survey": survey, "total": total, "results": rows, "legacy": _legacy_feedback(survey)},
    )


def _legacy_feedback(survey):
    """Answers to the fixed feedback form given before this survey replaced it (they still count in the report)."""
    if survey.purpose != Survey.Purpose.FEEDBACK or not survey.event_id:
        return None
    return event_queries.fixed_feedback_count(survey.event_id)


@staff_permission_required("surveys.view_survey")
def survey_export(request, pk, fmt):
    survey = _survey(request, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    headers = [_("Question"), _("Answer"), _("Number"), _("Per cent")]
    rows = results.export_rows(survey, _lang(), headers, _("fewer than 5 answers"))
    audit.record(request.user, "surveys.export_results", survey, format=fmt)
    if fmt == "xlsx":
        response = HttpResponse(to_xlsx(rows), content_type=XLSX)
    else:
        response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.{fmt}"'
    return response


# --- outcome indicators ----------------------------------------------------------------------------------------


@staff_permission_required("surveys.view_surveyindicator")
def indicator_list(request):
    from .figures import indicator_value  # noqa: PLC0415 — only this view shows current values

    indicators = queries.indicators_for_user(request.user).select_related("question__survey", "project")
    rows = [(indicator, *indicator_value(indicator, None, None)) for indicator in indicators]
    return render(request, "surveys/indicator_list.html", {"rows": rows})


def _indicator_form(request, instance):
    questions = Question.objects.filter(
        survey__in=queries.surveys_for_user(request.user).filter(is_template=False)
    ).select_related("survey")
    form = IndicatorForm(request.POST or None, instance=instance, questions=questions)
    if request.method == "POST" and form.is_valid():
        indicator = form.save(commit=False)
        indicator.project_id = indicator.question.survey.project_id
        try:
            services.save_indicator(indicator, request.user)
        except services.SurveyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Outcome indicator saved."))
            return redirect("surveys:indicator_list")
    return render(request, "surveys/indicator_form.html", {"form": form, "object": instance})


@staff_permission_required("surveys.add_surveyindicator")
def indicator_create(request):
    return _indicator_form(request, SurveyIndicator())


@staff_permission_required("surveys.change_surveyindicator")
def indicator_update(request, pk):
    return _indicator_form(request, get_object_or_404(queries.indicators_for_user(request.user), pk=pk))


@staff_permission_required("surveys.delete_surveyindicator")
def indicator_remove(request, pk):
    indicator = get_object_or_404(queries.indicators_for_user(request.user), pk=pk)
    return confirm_removal(
        request,
        plan=removal.plan_indicator(indicator),
        carry_out=removal.remove,
        back_url=reverse("surveys:indicator_update", args=[indicator.pk]),
        done_url=reverse("surveys:indicator_list"),
        audit_action="surveys.indicator",
    )
