import re
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django_htmx.http import HttpResponseClientRefresh

from inklusio.core import audit
from inklusio.core.access import recent_auth_required, staff_permission_required
from inklusio.core.extensions import timeline_for
from inklusio.core.removal import show_archived
from inklusio.core.uploads import save_upload

from . import duplicates_search, exporting, importing, queries, services
from .duplicates import SEARCH_EVERY_HOURS
from .forms import (
    AffiliationForm,
    DismissPairForm,
    ImportMappingForm,
    ImportUploadForm,
    InquiryForm,
    MergeForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
)
from .models import Affiliation, ContactImport, Inquiry, Organisation, Person, normalise_name
from .picker import describe, describe_organisation
from .tasks import prepare_contact_import

PAGE_SIZE = 50


def _filtered_people(request):
    form = PersonFilterForm(request.GET or None)
    people = queries.people_for_user(request.user)
    if form.is_valid():
        data = form.cleaned_data
        people = queries.search_people(
            people, text=data["q"], stakeholder_type=data["type"], region=data["region"], tag=data["tag"]
        )
    return form, people


@login_required
def person_list(request):
    form, people = _filtered_people(request)
    page = Paginator(people.only("id"), PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [p.pk for p in page.object_list]
    rows = (
        Person.objects.filter(pk__in=ids)
        .select_related("stakeholder_type")
        .prefetch_related("affiliations__organisation", "tags")
    )
    rows = sorted(rows, key=lambda p: ids.index(p.pk))
    return render(
        request,
        "contacts/person_list.html",
        {
            "filter_form": form,
            "page_obj": page,
            "people": rows,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@recent_auth_required()
def person_export(request, fmt):
    if fmt not in exporting.FORMATS:
        raise Http404
    form, people = _filtered_people(request)
    # The filters without the free-text search, which may hold a name (audit entries keep no personal data).
    filters = {k: str(v) for k, v in (form.cleaned_data if form.is_bound and form.is_valid() else {}).items() if v}
    searched = bool(filters.pop("q", ""))
    audit.record(request.user, "contacts.export", "", rows=people.count(), format=fmt, filters=filters, search=searched)
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            exporting.people_xlsx(people),
            content_type=("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    else:
        response = HttpResponse(exporting.people_csv(people), content_type="text/csv; charset=utf-8")
    stem = pgettext("file name", "contacts")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{fmt}"'
    return response


@login_required
def person_detail(request, pk):
    person = get_object_or_404(
        queries.people_for_user(request.user).select_related("stakeholder_type").prefetch_related("tags"), pk=pk
    )
    return render(
        request,
        "contacts/person_detail.html",
        {
            "person": person,
            "affiliations": person.affiliations.select_related("organisation"),
            "inquiries": queries.inquiries_for_user(request.user).filter(person=person)[:20],
            # Each area scopes its entries to the user; the timeline as a whole belongs to full contact access
            # (a coordinator sees a member's network data on the network's pages).
            "timeline": timeline_for(person, request.user) if request.user.has_perm(queries.FULL_ACCESS) else None,
            "affiliation_form": AffiliationForm(),
            "merge_form": MergeForm(survivor=person, auto_id="id_merge_%s"),
        },
    )


class PersonCreateView(PermissionRequiredMixin, SuccessMessageMixin, CreateView):
    permission_required = "contacts.add_person"
    model = Person
    form_class = PersonForm
    template_name = "contacts/person_form.html"
    success_message = gettext_lazy("The person was saved.")


class PersonUpdateView(PersonCreateView, UpdateView):
    permission_required = "contacts.change_person"

    def get_queryset(self):
        return queries.people_for_user(self.request.user)


@require_POST
@staff_permission_required("contacts.change_person")
def affiliation_add(request, pk):
    person = get_object_or_404(queries.people_for_user(request.user), pk=pk)
    form = AffiliationForm(request.POST, instance=Affiliation(person=person))
    if form.is_valid():
        if Affiliation.objects.filter(
            person=person, organisation=form.cleaned_data["organisation"], role=form.cleaned_data["role"]
        ).exists():
            messages.error(request, _("This affiliation already exists."))
        else:
            form.save()
            messages.success(request, _("The affiliation was added."))
        return redirect(person)
    return render(request, "contacts/affiliation_form.html", {"person": person, "form": form}, status=400)


@require_POST
@staff_permission_required("contacts.change_person")
def affiliation_remove(request, pk, affiliation_pk):
    person = get_object_or_404(queries.people_for_user(request.user), pk=pk)
    get_object_or_404(Affiliation, pk=affiliation_pk, person=person).delete()
    messages.success(request, _("The affiliation was removed."))
    return redirect(person)


@staff_permission_required("contacts.delete_person")
def person_merge(request, pk):
    """Choose the duplicate (picker), compare both side by side, then merge on a second, explicit step."""
    survivor = get_object_or_404(queries.all_people().filter(anonymised=False), pk=pk)
    form = MergeForm(request.POST or request.GET or None, survivor=survivor)
    duplicate = form.cleaned_data["duplicate"] if form.is_valid() else None
    if request.method == "POST" and duplicate is not None and "confirm" in request.POST:
        try:
            services.merge_people(survivor, duplicate, actor=request.user)
        except services.MergeError:
            raise Http404 from None
        messages.success(request, _("The duplicate was merged into this person."))
        return redirect(survivor)
    sides = None
    if duplicate is not None:
        sides = [
            (person, queries.organisations_of(person), queries.what_person_brings(person))
            for person in (survivor, duplicate)
        ]
        rows = list(zip(sides[0][2], sides[1][2], strict=True))
        sides = {"rows": rows, "people": sides, "any": any(a.count or b.count for a, b in rows)}
    return render(
        request,
        "contacts/person_merge.html",
        {"person": survivor, "form": form, "duplicate": duplicate, "sides": sides},
        status=400 if request.method == "POST" and form.errors else 200,
    )


@require_safe
@staff_permission_required("contacts.delete_person")
def duplicate_list(request):
    """The pairs the worker's last search stored (``duplicates_search.py``), a page at a time."""
    page = Paginator(queries.duplicate_pairs(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "contacts/duplicate_list.html",
        {
            "candidates": queries.duplicate_candidates(page.object_list),
            "page_obj": page,
            "total": page.paginator.count,
            "search": duplicates_search.last_search(),
            "every": SEARCH_EVERY_HOURS,
        },
    )


@require_POST
@staff_permission_required("contacts.delete_person")
def duplicate_dismiss(request):
    form = DismissPairForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    people = queries.all_people().in_bulk([form.cleaned_data["first"], form.cleaned_data["second"]])
    if len(people) != 2:
        raise Http404
    services.dismiss_duplicate_pair(*people.values(), actor=request.user)
    messages.success(request, _("The pair is no longer listed as a likely duplicate."))
    return redirect("contacts:duplicate_list")


_FIELD_NAME = re.compile(r"^[\w-]{1,80}$")


@require_safe
@login_required
def person_search(request):
    """The person picker's search: the results fragment for HTMX, else a page of its own (without JavaScript).

    Only people the user may see (``people_for_user``), at most ``queries.PICKER_LIMIT``."""
    visible = queries.people_for_user(request.user)
    field, widget_id = request.GET.get("field", ""), request.GET.get("id", "")
    if request.htmx and _FIELD_NAME.match(field) and _FIELD_NAME.match(widget_id):
        text = request.GET.get(f"{field}_q", "")
        results = [(p, describe(p)) for p in queries.pick_people(visible, text)] if text.strip() else None
        if results is None:
            return HttpResponse("")
        return render(request, "contacts/picker/results.html", {"results": results, "field": field, "id": widget_id})
    text = request.GET.get("q", "").strip()[:100]
    results = [(p, describe(p)) for p in queries.pick_people(visible, text)] if text else None
    return render(
        request,
        "contacts/person_search.html",
        {"text": text, "results": results, "limit": queries.PICKER_LIMIT},
    )


@require_safe
@login_required
def organisation_search(request):
    """The organisation picker's search: the results fragment for HTMX (organisations the user may see, at most
    ``queries.PICKER_LIMIT``); without HTMX the organisation list's own search."""
    field, widget_id = request.GET.get("field", ""), request.GET.get("id", "")
    if request.htmx and _FIELD_NAME.match(field) and _FIELD_NAME.match(widget_id):
        text = request.GET.get(f"{field}_q", "")
        kind = request.GET.get("type", "")
        kind = kind if _FIELD_NAME.match(kind) else ""
        found = queries.pick_organisations(queries.organisations_for_user(request.user), text, stakeholder_type=kind)
        if not text.strip():
            return HttpResponse("")
        results = [(organisation, describe_organisation(organisation)) for organisation in found]
        return render(
            request, "contacts/picker/organisation_results.html", {"results": results, "field": field, "id": widget_id}
        )
    return redirect(f"{reverse('contacts:organisation_list')}?{urlencode({'q': request.GET.get('q', '')[:100]})}")


class OrganisationListView(PermissionRequiredMixin, ListView):
    permission_required = "contacts.view_organisation"
    template_name = "contacts/organisation_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        queryset = (
            Organisation.objects.filter(archived_at__isnull=not show_archived(self.request))
            .select_related("stakeholder_type")
            .annotate(people_count=Count("affiliations"))
            .order_by("name_key", "name", "id")
        )
        if text := self.request.GET.get("q", "").strip():
            queryset = queryset.filter(name_key__contains=normalise_name(text))
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(archived=show_archived(self.request), **kwargs)


class OrganisationDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "contacts.view_organisation"
    model = Organisation
    template_name = "contacts/organisation_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(affiliations=self.object.affiliations.select_related("person"), **kwargs)


class OrganisationCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "contacts.add_organisation"
    model = Organisation
    form_class = OrganisationForm
    template_name = "contacts/organisation_form.html"


class OrganisationUpdateView(OrganisationCreateView, UpdateView):
    permission_required = "contacts.change_organisation"


class InquiryListView(PermissionRequiredMixin, ListView):
    permission_required = "contacts.view_inquiry"
    template_name = "contacts/inquiry_list.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        queryset = (
            queries.inquiries_for_user(self.request.user)
            .filter(archived_at__isnull=not show_archived(self.request))
            .select_related("person", "organisation", "project", "assignee")
        )
        if outcome := self.request.GET.get("outcome"):
            queryset = queryset.filter(outcome=outcome)
        return queries.inquiries_assigned(queryset, self.request.GET.get("assigned", ""), self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outcomes=Inquiry.Outcome.choices,
            current_outcome=self.request.GET.get("outcome", ""),
            assigned_choices=[("mine", _("to me")), ("unassigned", _("to nobody"))],
            current_assigned=self.request.GET.get("assigned", ""),
            today=timezone.localdate(),
            archived=show_archived(self.request),
            **kwargs,
        )


class InquiryDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "contacts.view_inquiry"
    model = Inquiry
    template_name = "contacts/inquiry_detail.html"


class InquiryCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "contacts.add_inquiry"
    model = Inquiry
    form_class = InquiryForm
    template_name = "contacts/inquiry_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "people": queries.people_for_user(self.request.user)}

    def get_initial(self):
        initial = {"received_on": timezone.localdate()}
        if person_id := self.request.GET.get("person"):
            initial["person"] = person_id
        return initial

    def form_valid(self, form):
        form.instance.handled_by = self.request.user
        messages.success(self.request, _("The inquiry was saved."))
        return super().form_valid(form)


class InquiryUpdateView(InquiryCreateView, UpdateView):
    permission_required = "contacts.change_inquiry"


@staff_permission_required("contacts.add_person")
def import_upload(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]  # size and type checked by the form field
        record = ContactImport(
            uploaded_by=request.user,
            filename=upload.name[:255],
            stored_as=uuid.uuid4().hex,
            language=translation.get_language() or "",
        )
        save_upload(upload, importing.upload_path(record))
        record.save()
        prepare_contact_import.enqueue(record.pk)
        return redirect("contacts:import_review", pk=record.pk)
    return render(request, "contacts/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@staff_permission_required("contacts.add_person")
def import_review(request, pk):
    """The import's one page: progress while the worker reads the file, then the stored review (never a re-read)."""
    record = get_object_or_404(ContactImport, pk=pk, uploaded_by=request.user, status=ContactImport.Status.PENDING)
    waiting = record.stage in (ContactImport.Stage.QUEUED, ContactImport.Stage.READING)
    if request.htmx and request.method == "GET" and not waiting:
        return HttpResponseClientRefresh()
    if waiting or record.stage == ContactImport.Stage.REFUSED:
        return render(
            request, "contacts/import_review.html", {"record": record, "waiting": waiting, "review": record.review}
        )
    review = record.review
    if request.method == "POST":
        mapping_form = ImportMappingForm(request.POST, header=review["header"])
        if mapping_form.is_valid() and "import" in request.POST:
            return _import_now(request, record, mapping_form.mapping())
        if mapping_form.is_valid():
            services.requeue_import(record, mapping_form.mapping())
            prepare_contact_import.enqueue(record.pk)
            return redirect("contacts:import_review", pk=record.pk)
    mapping_form = ImportMappingForm(header=review["header"], initial_mapping=review["mapping"])
    return render(
        request, "contacts/import_review.html", {"record": record, "review": review, "mapping_form": mapping_form}
    )


def _import_now(request, record, mapping):
    job = services.queue_import(record=record, mapping=mapping, actor=request.user)
    if job is None:
        return redirect("contacts:import_review", pk=record.pk)
    return redirect(job.get_absolute_url())


@require_POST
@staff_permission_required("contacts.add_person")
def import_discard(request, pk):
    record = get_object_or_404(ContactImport, pk=pk, uploaded_by=request.user, status=ContactImport.Status.PENDING)
    services.discard_import(record)
    messages.info(request, _("The upload was discarded; nothing was imported."))
    return redirect(reverse("contacts:import_upload"))
