from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView

from inklusio.core import audit
from inklusio.core.access import staff_permission_required

from . import pdf, services
from .files import FileFormatError
from .forms import AddPersonForm, ImportForm, LeftForm, TableForm, WorldCafeForm
from .models import WorldCafe
from .tasks import improve_plan

VIEW = "worldcafe.view_worldcafe"
CHANGE = "worldcafe.change_worldcafe"


@staff_permission_required(VIEW)
def cafe_list(request):
    cafes = WorldCafe.objects.select_related("project").order_by("-created")
    return render(request, "worldcafe/cafe_list.html", {"cafes": cafes})


class CafeCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "worldcafe.add_worldcafe"
    model = WorldCafe
    form_class = WorldCafeForm
    template_name = "worldcafe/cafe_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request.user, "worldcafe.create", self.object)
        return response


def _detail_context(request, cafe, **forms):
    rounds, itineraries = services.seating(cafe) if cafe.plan else ([], [])
    context = {
        "cafe": cafe,
        "tables": cafe.tables.all(),
        "participants": cafe.participants.select_related("host_table", "together_with"),
        "table_form": forms.get("table_form") or TableForm(cafe=cafe),
        "person_form": forms.get("person_form") or AddPersonForm(cafe=cafe),
        "import_form": forms.get("import_form") or ImportForm(),
        "left_form": forms.get("left_form") or LeftForm(cafe=cafe),
        "rounds": rounds,
        "plan_problem": forms.get("plan_problem"),
    }
    context["form"] = next((f for f in forms.values() if hasattr(f, "errors") and f.errors), None)
    return context


@staff_permission_required(VIEW)
def cafe_detail(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    return render(request, "worldcafe/cafe_detail.html", _detail_context(request, cafe))


@require_POST
@staff_permission_required(CHANGE)
def table_add(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    form = TableForm(request.POST, cafe=cafe)
    if form.is_valid():
        table = form.save(commit=False)
        table.cafe = cafe
        table.position = cafe.tables.count()
        table.save()
        messages.success(request, _("Table %(name)s added.") % {"name": table.name})
        return redirect(cafe.get_absolute_url() + "#tables")
    return render(request, "worldcafe/cafe_detail.html", _detail_context(request, cafe, table_form=form), status=400)


@require_POST
@staff_permission_required(CHANGE)
def participant_add(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    form = AddPersonForm(request.POST, cafe=cafe)
    if form.is_valid():
        participant = services.add_person(cafe, form.cleaned_data["person"])
        participant.host_table = form.cleaned_data["host_table"]
        participant.needs_accessible_table = form.cleaned_data["needs_accessible_table"]
        participant.together_with = form.cleaned_data["together_with"]
        participant.save()
        messages.success(request, _("%(name)s takes part.") % {"name": participant.name})
        return redirect(cafe.get_absolute_url() + "#participants")
    return render(request, "worldcafe/cafe_detail.html", _detail_context(request, cafe, person_form=form), status=400)


@require_POST
@staff_permission_required(CHANGE)
def participants_from_occasion(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    added = services.add_occasion_participants(cafe)
    messages.success(request, _("%(count)d participants added from the occasion.") % {"count": added})
    return redirect(cafe.get_absolute_url() + "#participants")


@require_POST
@staff_permission_required(CHANGE)
def participant_import(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.import_participants(cafe, form.cleaned_data["file"].read())
        except FileFormatError as error:
            for problem in error.problems[:20]:
                form.add_error("file", problem)
        else:
            messages.success(request, _("%(count)d participants imported.") % {"count": count})
            return redirect(cafe.get_absolute_url() + "#participants")
    return render(request, "worldcafe/cafe_detail.html", _detail_context(request, cafe, import_form=form), status=400)


@require_POST
@staff_permission_required(CHANGE)
def plan_make(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    cafe.held_rounds = 0
    try:
        services.make_plan(cafe, actor=request.user)
    except services.PlanError as error:
        messages.error(request, _("No plan is possible: %(reason)s") % {"reason": error})
        return redirect(cafe.get_absolute_url())
    messages.success(request, _("The plan is ready."))
    return redirect("worldcafe:rounds", pk=cafe.pk)


@require_POST
@staff_permission_required(CHANGE)
def plan_improve(request, pk):
    """Search longer (in the background) for a better plan of the rounds not held yet."""
    cafe = get_object_or_404(WorldCafe, pk=pk)
    if not cafe.plan:
        messages.error(request, _("There is no plan yet."))
        return redirect(cafe.get_absolute_url())
    WorldCafe.objects.filter(pk=cafe.pk).update(progress=0)
    improve_plan.enqueue(cafe.pk)
    audit.record(request.user, "worldcafe.improve", cafe)
    messages.success(request, _("The search for a better plan runs in the background."))
    return redirect(cafe.get_absolute_url())


@require_POST
@staff_permission_required(CHANGE)
def participant_left(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    form = LeftForm(request.POST, cafe=cafe)
    if form.is_valid():
        participant = form.cleaned_data["participant"]
        try:
            services.mark_left(cafe, participant, form.cleaned_data["after_round"], actor=request.user)
        except services.PlanError as error:
            form.add_error(None, str(error))
        else:
            text = _("%(name)s left after round %(round)d; the remaining rounds are planned anew.") % {
                "name": participant.name,
                "round": form.cleaned_data["after_round"],
            }
            if request.htmx:
                rounds, _people = services.seating(cafe)
                return render(
                    request,
                    "worldcafe/includes/replan_result.html",
                    {"cafe": cafe, "rounds": rounds, "left_form": LeftForm(cafe=cafe), "status": text},
                )
            messages.success(request, text)
            return redirect("worldcafe:rounds", pk=cafe.pk)
    rounds, _people = services.seating(cafe) if cafe.plan else ([], [])
    template = "worldcafe/includes/replan_result.html" if request.htmx else "worldcafe/plan_rounds.html"
    return render(request, template, {"cafe": cafe, "rounds": rounds, "left_form": form, "form": form}, status=400)


def _with_plan(pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    if not cafe.plan:
        raise Http404(_("There is no plan yet."))
    return cafe


@staff_permission_required(VIEW)
def plan_rounds(request, pk):
    cafe = _with_plan(pk)
    rounds, _people = services.seating(cafe)
    return render(
        request, "worldcafe/plan_rounds.html", {"cafe": cafe, "rounds": rounds, "left_form": LeftForm(cafe=cafe)}
    )


@staff_permission_required(VIEW)
def plan_people(request, pk):
    cafe = _with_plan(pk)
    _rounds, itineraries = services.seating(cafe)
    return render(
        request,
        "worldcafe/plan_people.html",
        {"cafe": cafe, "itineraries": itineraries, "round_numbers": range(1, len(cafe.plan) + 1)},
    )


@staff_permission_required(VIEW)
def projector(request, pk, round):
    cafe = _with_plan(pk)
    if not 1 <= round <= len(cafe.plan):
        raise Http404
    _rounds, itineraries = services.seating(cafe)
    people = [(p, route[round - 1]) for p, route in itineraries if route[round - 1] is not None]
    return render(
        request,
        "worldcafe/projector.html",
        {"cafe": cafe, "round": round, "people": people, "round_numbers": range(1, len(cafe.plan) + 1)},
    )


@staff_permission_required(VIEW)
def cards_pdf(request, pk):
    cafe = _with_plan(pk)
    rounds, itineraries = services.seating(cafe)
    data = pdf.cards_pdf(cafe.title, rounds, itineraries, project=cafe.project_id)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="worldcafe-{cafe.pk}.pdf"'
    return response
