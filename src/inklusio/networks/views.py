"""Staff views of the networks app: thin, scoped by queries.py, rules in services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_POST

from inklusio.contacts import queries as contact_queries
from inklusio.core import audit, charts, markdown
from inklusio.core.access import staff_permission_required
from inklusio.core.removal import confirm_removal, show_archived

from . import conf, exporting, participation, queries, removal, services
from .forms import (
    AddMemberForm,
    DocumentForm,
    MeetingForm,
    MemberSearchForm,
    MembershipForm,
    MinutesForm,
    NetworkForm,
    PeriodForm,
)
from .models import Attendance, Invitation, Meeting, Membership, Network, PendingMembership, current_membership

PAGE_SIZE = 50


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _network(request, pk):
    return get_object_or_404(queries.networks_for_user(request.user), pk=pk)


def _meeting(request, pk):
    return get_object_or_404(queries.meetings_for_user(request.user).select_related("network"), pk=pk)


def _download(rows, fmt, filename):
    if fmt == "xlsx":
        response = HttpResponse(exporting.to_xlsx(rows), content_type=XLSX)
    elif fmt == "csv":
        response = HttpResponse(exporting.to_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


# --- networks ----------------------------------------------------------------------------------------------


@staff_permission_required("networks.view_network")
def network_list(request):
    form = MemberSearchForm(request.GET or None)
    archived = show_archived(request)
    networks = queries.networks_for_user(request.user).filter(archived_at__isnull=not archived)
    if form.is_valid() and form.cleaned_data["q"]:
        networks = networks.filter(name__icontains=form.cleaned_data["q"])
    today = timezone.localdate()
    networks = networks.annotate(
        member_count=Count(
            "memberships",
            filter=current_membership(today, via="memberships__"),
            distinct=True,
        ),
        meeting_count=Count("meetings", distinct=True),
    )
    return render(
        request, "networks/network_list.html", {"networks": networks, "search_form": form, "archived": archived}
    )


@staff_permission_required("networks.delete_network")
def network_remove(request, pk):
    network = _network(request, pk)
    return confirm_removal(
        request,
        plan=removal.plan_network(network),
        carry_out=lambda plan: removal.remove(plan, request.user),
        back_url=network.get_absolute_url(),
        done_url=reverse("networks:network_list"),
        audit_action="networks.network",
    )


@staff_permission_required("networks.delete_meeting")
def meeting_remove(request, pk):
    meeting = _meeting(request, pk)
    return confirm_removal(
        request,
        plan=removal.plan_meeting(meeting),
        carry_out=lambda plan: removal.remove(plan, request.user),
        back_url=meeting.get_absolute_url(),
        done_url=meeting.network.get_absolute_url(),
        audit_action="networks.meeting",
    )


@staff_permission_required("networks.view_network")
def network_detail(request, pk):
    network = _network(request, pk)
    period_form = PeriodForm(request.GET or None)
    start, end = period_form.period()
    active = participation.active_participants(Network.objects.filter(pk=network.pk), start, end)
    mix = participation.stakeholder_mix(active)
    chart = ""
    if mix:
        chart = charts.bar_chart_svg(
            mix,
            title=_("Stakeholder mix of the network %(name)s") % {"name": network.name},
            description=_("Active participants per stakeholder type; the table below gives the same numbers."),
            element_id=f"mix-{network.pk}",
        )
    meetings = network.meetings.annotate(
        attended_count=Count("attendances", filter=Q(attendances__attended=True))
    ).order_by("-starts_at")
    archived_meetings = meetings.filter(archived_at__isnull=False)
    page_obj = Paginator(meetings.filter(archived_at__isnull=True), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "networks/network_detail.html",
        {
            "network": network,
            "period_form": period_form,
            "start": start,
            "end": end,
            "active_count": active.count(),
            "mix": mix,
            "chart": chart,
            "member_count": services.current_members(network).count(),
            "meetings": page_obj.object_list,
            "page_obj": page_obj,
            "archived_meetings": archived_meetings,
            "coordinators": network.coordinators.all(),
            "projects": network.projects.all(),
            "can_edit": request.user.has_perm("networks.change_network"),
        },
    )


@staff_permission_required("networks.add_network")
def network_create(request):
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = form.save()
        audit.record(request.user, "networks.network_created", network)
        messages.success(request, _("The network was created."))
        return redirect(network)
    return render(request, "networks/network_form.html", {"form": form}, status=400 if form.errors else 200)


@staff_permission_required("networks.change_network")
def network_update(request, pk):
    network = _network(request, pk)
    coordinator_only = not request.user.has_perm(queries.ALL_NETWORKS)
    form = NetworkForm(request.POST or None, instance=network, coordinator_only=coordinator_only)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The network was saved."))
        return redirect(network)
    return render(
        request, "networks/network_form.html", {"form": form, "object": network}, status=400 if form.errors else 200
    )


# --- members -----------------------------------------------------------------------------------------------


@staff_permission_required("networks.view_membership")
def member_list(request, pk):
    network = _network(request, pk)
    form = MemberSearchForm(request.GET or None)
    show = request.GET.get("show", "current")
    memberships = queries.members_for_user(request.user).filter(network=network)
    if show != "all":
        memberships = memberships.current()
    if form.is_valid():
        memberships = queries.search_members(memberships, form.cleaned_data["q"])
    memberships = memberships.select_related("person__stakeholder_type", "organisation").distinct()
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "networks/member_list.html",
        {
            "network": network,
            "page_obj": page,
            "search_form": form,
            "show": show,
            "query": request.GET.urlencode(),
            "pending": services.pending_memberships(network),
        },
    )


@staff_permission_required("networks.view_membership")
def member_export(request, pk, fmt):
    if fmt not in exporting.FORMATS:
        raise Http404
    network = _network(request, pk)
    memberships = queries.members_for_user(request.user).filter(network=network)
    if request.GET.get("show") != "all":
        memberships = memberships.current()
    rows = exporting.member_rows(memberships)
    audit.record(request.user, "networks.members_exported", network, rows=len(rows) - 1, format=fmt)
    return _download(
        rows,
        fmt,
        pgettext("file name", "network-%(id)s-members-%(day)s")
        % {"id": network.pk, "day": timezone.localdate().isoformat()},
    )


@staff_permission_required("networks.add_membership")
def member_add(request, pk):
    network = _network(request, pk)
    search = MemberSearchForm(request.GET or None)
    candidates = queries.member_candidates(request.user)
    results = []
    if search.is_valid() and search.cleaned_data["q"]:
        results = (
            contact_queries.search_people(candidates, text=search.cleaned_data["q"])
            .exclude(pk__in=Membership.objects.filter(network=network).current().values("person_id"))
            .prefetch_related("affiliations__organisation")[:25]
        )
    form = AddMemberForm(request.POST or None, initial={"joined_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["person"]:
                person = candidates.filter(pk=data["person"]).first()
                if person is None:
                    raise Http404
                result = services.add_member(
                    network,
                    person,
                    role=data["role"],
                    joined_on=data["joined_on"],
                    organisation=person.organisations.first(),
                    actor=request.user,
                )
            else:
                result = services.add_member_by_address(
                    network,
                    email=data.get("email") or "",
                    first_name=data.get("first_name") or "",
                    last_name=data["last_name"],
                    role=data["role"],
                    joined_on=data["joined_on"],
                    actor=request.user,
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if isinstance(result, PendingMembership):
                # Only what was typed, and the same words whether or not the address is known.
                messages.success(
                    request,
                    _(
                        "We have sent an email to %(email)s. %(name)s becomes a member as soon as they confirm "
                        "with the link in it."
                    )
                    % {"email": result.email, "name": " ".join(p for p in (result.first_name, result.last_name) if p)},
                )
            else:
                messages.success(request, _("%(name)s was added to the network.") % {"name": result.person.full_name})
            return redirect("networks:member_list", network.pk)
    return render(
        request,
        "networks/member_add.html",
        {"network": network, "search_form": search, "results": results, "form": form, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )


@staff_permission_required("networks.change_membership")
def member_update(request, pk, membership_pk):
    network = _network(request, pk)
    membership = get_object_or_404(
        queries.members_for_user(request.user).select_related("person"), pk=membership_pk, network=network
    )
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(request.user, "networks.member_changed", membership)
        messages.success(request, _("The membership was saved."))
        return redirect("networks:member_list", network.pk)
    return render(
        request,
        "networks/member_form.html",
        {"network": network, "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


# --- meetings ----------------------------------------------------------------------------------------------


@staff_permission_required("networks.add_meeting")
def meeting_create(request, pk):
    network = _network(request, pk)
    form = MeetingForm(request.POST or None, instance=Meeting(network=network))
    if request.method == "POST" and form.is_valid():
        meeting = form.save()
        messages.success(request, _("The meeting was created."))
        return redirect(meeting)
    return render(
        request, "networks/meeting_form.html", {"network": network, "form": form}, status=400 if form.errors else 200
    )


@staff_permission_required("networks.view_meeting")
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    replies = dict(meeting.invitations.values_list("reply").annotate(n=Count("id")))
    return render(
        request,
        "networks/meeting_detail.html",
        {
            "meeting": meeting,
            "network": meeting.network,
            "minutes_html": markdown.render(meeting.minutes, markdown.MINUTES),
            "documents": meeting.documents.all(),
            "document_form": DocumentForm(),
            "invited": sum(replies.values()),
            "replies_yes": replies.get(Invitation.Reply.YES, 0),
            "replies_no": replies.get(Invitation.Reply.NO, 0),
            "attended": meeting.attendances.filter(attended=True).count(),
            "member_count": services.current_members(meeting.network).count(),
        },
    )


@staff_permission_required("networks.change_meeting")
def meeting_update(request, pk):
    meeting = _meeting(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting)
    return render(
        request,
        "networks/meeting_form.html",
        {"network": meeting.network, "form": form, "object": meeting},
        status=400 if form.errors else 200,
    )


@staff_permission_required("networks.change_meeting")
def minutes_edit(request, pk):
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.record(request.user, "networks.minutes_saved", meeting)
        messages.success(request, _("The minutes were saved."))
        return redirect(meeting)
    return render(
        request,
        "networks/minutes_form.html",
        {"meeting": meeting, "network": meeting.network, "form": form},
        status=400 if form.errors else 200,
    )


# --- invitations -------------------------------------------------------------------------------------------


@require_POST
@staff_permission_required("networks.add_invitation")
def meeting_invite(request, pk):
    meeting = _meeting(request, pk)
    try:
        count = services.invite_members(meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(count)s new invitation is being sent.", "%(count)s new invitations are being sent.", count)
            % {"count": count},
        )
    return redirect(meeting)


@staff_permission_required("networks.view_invitation")
def invitation_list(request, pk):
    meeting = _meeting(request, pk)
    invitations = queries.invitations_for_user(request.user).filter(meeting=meeting).select_related("person")
    return render(
        request,
        "networks/invitation_list.html",
        {"meeting": meeting, "network": meeting.network, "invitations": invitations},
    )


@staff_permission_required("networks.view_invitation")
def invitation_export(request, pk, fmt):
    if fmt not in exporting.FORMATS:
        raise Http404
    meeting = _meeting(request, pk)
    invitations = queries.invitations_for_user(request.user).filter(meeting=meeting).select_related("person")
    rows = [[_("Last name"), _("First name"), _("Email"), _("Reply"), _("Replied at")]]
    for inv in invitations:
        replied = timezone.localtime(inv.replied_at).strftime("%Y-%m-%d %H:%M") if inv.replied_at else ""
        rows.append([inv.person.last_name, inv.person.first_name, inv.person.email, inv.get_reply_display(), replied])
    audit.record(request.user, "networks.invitations_exported", meeting, rows=len(rows) - 1, format=fmt)
    return _download(rows, fmt, pgettext("file name", "meeting-%(id)s-invitations") % {"id": meeting.pk})


# --- attendance --------------------------------------------------------------------------------------------


@staff_permission_required("networks.change_attendance")
def attendance_edit(request, pk):
    meeting = _meeting(request, pk)
    candidates = list(services.attendance_candidates(meeting))
    attended = set(meeting.attendances.filter(attended=True).values_list("person_id", flat=True))
    replies = dict(meeting.invitations.values_list("person_id", "reply"))
    error = ""
    if request.method == "POST":
        try:
            chosen = [int(v) for v in request.POST.getlist("attended")]
            count = services.record_attendance(meeting, chosen, actor=request.user)
        except (ValueError, ValidationError) as exc:
            error = " ".join(getattr(exc, "messages", [_("Invalid selection.")]))
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance was recorded: %(count)s person attended.",
                    "Attendance was recorded: %(count)s people attended.",
                    count,
                )
                % {"count": count},
            )
            return redirect(meeting)
    rows = [
        {
            "person": p,
            "checked": p.pk in attended,
            "reply": Invitation.Reply(replies[p.pk]).label if p.pk in replies else "",
        }
        for p in candidates
    ]
    return render(
        request,
        "networks/attendance_form.html",
        {"meeting": meeting, "network": meeting.network, "rows": rows, "error": error},
        status=400 if error else 200,
    )


# --- documents ---------------------------------------------------------------------------------------------


@require_POST
@staff_permission_required("networks.add_meetingdocument")
def document_upload(request, pk):
    meeting = _meeting(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.store_document(meeting, form.cleaned_data["file"], form.cleaned_data["title"], actor=request.user)
        except ValidationError as error:
            form.add_error("file", error)
    if form.errors:
        return render(
            request,
            "networks/document_form.html",
            {"meeting": meeting, "network": meeting.network, "form": form},
            status=400,
        )
    messages.success(request, _("The document was uploaded."))
    return redirect(meeting)


@staff_permission_required("networks.view_meetingdocument")
def document_download(request, pk):
    document = get_object_or_404(queries.documents_for_user(request.user), pk=pk)
    path = services.document_path(document)
    if not path.exists():
        raise Http404
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 - FileResponse closes it
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_permission_required("networks.delete_meetingdocument")
def document_delete(request, pk):
    document = get_object_or_404(queries.documents_for_user(request.user).select_related("meeting"), pk=pk)
    meeting = document.meeting
    services.delete_document(document, actor=request.user)
    messages.success(request, _("The document was deleted."))
    return redirect(meeting)


# --- active participants -----------------------------------------------------------------------------------


def _participants(request):
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    networks = queries.networks_for_user(request.user)
    chosen = request.GET.get("network", "")
    if chosen.isdigit():
        networks = networks.filter(pk=int(chosen))
    people = participation.active_participants(networks, start, end)
    meetings = participation.meetings_in_period(
        queries.meetings_for_user(request.user).filter(network__in=networks), start, end
    )
    return form, networks, start, end, people, meetings


def _meetings_attended(meetings, people) -> dict[int, int]:
    """Per person id of ``people`` (a queryset or a page's list): how many of ``meetings`` they attended."""
    return dict(
        Attendance.objects.filter(meeting__in=meetings, attended=True, person__in=people)
        .order_by()  # no join of the people for the default order
        .values_list("person_id")
        .annotate(n=Count("id"))  # one attendance per meeting and person: its rows count the meetings
    )


@staff_permission_required("networks.view_attendance")
def participants(request):
    form, networks, start, end, people, meetings = _participants(request)
    networks = list(networks)
    per_network, total = participation.active_participant_summary(networks, start, end)
    rows = [{"network": n, "count": per_network[n.pk]} for n in networks]
    paginator = Paginator(people.select_related("stakeholder_type"), PAGE_SIZE)
    paginator.count = total  # the same people as ``people``, counted from the attendance alone
    page = paginator.get_page(request.GET.get("page"))
    counts = _meetings_attended(meetings, [person.pk for person in page.object_list])  # this page's people only
    for person in page.object_list:
        person.meetings_attended = counts.get(person.pk, 0)
    return render(
        request,
        "networks/participants.html",
        {
            "period_form": form,
            "network_rows": rows,
            "all_networks": queries.networks_for_user(request.user),
            "chosen_network": request.GET.get("network", ""),
            "total": page.paginator.count,
            "page_obj": page,
            "min_meetings": conf.active_min_meetings(),
            "query": request.GET.urlencode(),
            "mix": participation.stakeholder_mix(people),
        },
    )


@staff_permission_required("networks.view_attendance")
def participants_export(request, fmt):
    if fmt not in exporting.FORMATS:
        raise Http404
    form, networks, start, end, people, meetings = _participants(request)
    rows = exporting.participant_rows(people, _meetings_attended(meetings, people))
    audit.record(request.user, "networks.participants_exported", "", rows=len(rows) - 1, format=fmt)
    stem = pgettext("file name", "active-participants")
    return _download(rows, fmt, f"{stem}-{timezone.localdate().isoformat()}")
