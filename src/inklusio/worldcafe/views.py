from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import CreateView

from inklusio.core import audit
from inklusio.core.access import staff_permission_required
from inklusio.core.removal import confirm_removal

from . import pdf, removal, services
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


def _search_outcome(request, cafe) -> str | None:
    """For the page polling a background search (``?shown=<plan version on screen>``): how it ended."""
    shown = request.GET.get("shown", "")
    if cafe.progress is not None or not shown.isdigit():
        return None
    improved = int(shown) != cafe.plan_version or cafe.search_improvements
    return services.IMPROVED if improved else services.NOT_BETTER


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
        "search_outcome": _search_outcome(request, cafe),
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
        messages.success(request, _("%(table)s added.") % {"table": table.label})
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


@staff_permission_required(CHANGE)
def table_remove(request, pk, table_pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    table = get_object_or_404(cafe.tables, pk=table_pk)
    return confirm_removal(
        request,
        plan=removal.plan_table(table),
        carry_out=removal.remove,
        back_url=cafe.get_absolute_url() + "#tables",
        done_url=cafe.get_absolute_url() + "#tables",
        audit_action="worldcafe.table",
    )


@staff_permission_required(CHANGE)
def participant_remove(request, pk, participant_pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    participant = get_object_or_404(cafe.participants, pk=participant_pk)
    return confirm_removal(
        request,
        plan=removal.plan_participant(participant),
        carry_out=removal.remove,
        back_url=cafe.get_absolute_url() + "#participants",
        done_url=cafe.get_absolute_url() + "#participants",
        audit_action="worldcafe.participant",
    )


@require_POST
@staff_permission_required(CHANGE)
def participants_from_occasion(request, pk):
    cafe = get_object_or_404(WorldCafe, pk=pk)
    added = services.add_occasion_participants(cafe)
    messages.success(
        request,
        ngettext(
            "%(count)d participant added from the occasion.", "%(count)d participants added from the occasion.", added
        )
        % {"count": added},
    )
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
            messages.success(
                request,
                ngettext("%(count)d participant imported.", "%(count)d participants imported.", count)
                % {"count": count},
            )
            return redirect(cafe.get_absolute_url() + "#participants")
    return render(request, "worldcafe/cafe_detail.html", _detail_context(request, cafe, import_form=form), status=400)


@require_POST
@staff_permission_required(CHANGE)
def plan_make(request, pk):
    """The first valid plan at once; the worker then searches for a better one (the page shows its progress)."""
    cafe = get_object_or_404(WorldCafe, pk=pk)
    try:
        services.plan_at_once(cafe, actor=request.user)
    except services.PlanError as error:
        messages.error(request, _("No plan is possible: %(reason)s") % {"reason": error})
        return redirect(cafe.get_absolute_url())
    improve_plan.enqueue(cafe.pk, cafe.plan_version)
    messages.success(request, _("The first plan is ready. A better one is searched for in the background."))
    return redirect("worldcafe:rounds", pk=cafe.pk)


@require_POST
@staff_permission_required(CHANGE)
def plan_improve(request, pk):
    """Search longer (in the background) for a better plan of the rounds not held yet."""
    cafe = get_object_or_404(WorldCafe, pk=pk)
    if not cafe.plan:
        messages.error(request, _("There is no plan yet."))
        return redirect(cafe.get_absolute_url())
    services.mark_searching(cafe)
    improve_plan.enqueue(cafe.pk, cafe.plan_version)
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
    context = {"cafe": cafe, "rounds": rounds, "left_form": LeftForm(cafe=cafe)}
    return render(request, "worldcafe/plan_rounds.html", {**context, "search_outcome": _search_outcome(request, cafe)})


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
