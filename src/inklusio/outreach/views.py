import uuid
from datetime import date
from functools import partial
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from inklusio.core import audit, importjobs
from inklusio.core.access import staff_permission_required
from inklusio.core.drawings import memoised
from inklusio.core.uploads import save_upload

from . import charts, figures, services
from .forms import (
    CalendarFilterForm,
    ChannelForm,
    ClippingFilterForm,
    FollowerRangeForm,
    FollowerSnapshotForm,
    ImportUploadForm,
    PostFilterForm,
    PostForm,
    PressClippingForm,
    PressReleaseForm,
)
from .models import Channel, FollowerSnapshot, OutreachImport, Post, PressClipping, PressRelease
from .services import import_dir

follower_chart_svg = memoised(charts.follower_chart_svg)  # drawn once per process for the same counts

PAGE_SIZE = 50
PRESS_FORMATS = ("pdf", "xlsx")  # anything else is a 404 before the export is logged


# --- editorial calendar and posts ---------------------------------------------------------------------------


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@staff_permission_required("outreach.view_post")
def calendar_month(request, year=None, month=None):
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    form = CalendarFilterForm(request.GET or None)
    start, end = services.month_bounds(year, month)
    posts = form.filter(
        Post.objects.filter(scheduled_at__gte=start, scheduled_at__lt=end).select_related("channel")
    ).order_by("scheduled_at")
    query = request.GET.urlencode()
    previous, following = _shift_month(year, month, -1), _shift_month(year, month, 1)
    return render(
        request,
        "outreach/calendar.html",
        {
            "filter_form": form,
            "weeks": services.month_grid(year, month, posts),
            "month_start": date(year, month, 1),
            "post_count": len(posts),
            "previous": {"year": previous[0], "month": previous[1], "label": date(*previous, 1)},
            "next": {"year": following[0], "month": following[1], "label": date(*following, 1)},
            "query": query,
            "weekdays": [date(2024, 1, day) for day in range(1, 8)],  # 1 January 2024 was a Monday
        },
    )


@staff_permission_required("outreach.view_post")
def post_list(request):
    form = PostFilterForm(request.GET or None)
    posts = form.filter(Post.objects.select_related("channel", "project"))
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outreach/post_list.html",
        {"filter_form": form, "page_obj": page, "posts": page.object_list, "query": request.GET.urlencode()},
    )


@staff_permission_required("outreach.view_post")
def post_detail(request, pk):
    post = get_object_or_404(Post.objects.select_related("channel", "project"), pk=pk)
    return render(request, "outreach/post_detail.html", {"post": post})


class PostCreateView(PermissionRequiredMixin, CreateView):
    permission_required = "outreach.add_post"
    model = Post
    form_class = PostForm
    template_name = "outreach/post_form.html"

    def get_initial(self):
        initial = {}
        if day := self.request.GET.get("date"):
            initial["scheduled_at"] = f"{day}T10:00"
        if channel := self.request.GET.get("channel"):
            initial["channel"] = channel
        return initial

    def form_valid(self, form):
        messages.success(self.request, _("The post was saved."))
        if form.instance.missing_alt_text:
            messages.warning(self.request, _("The post has no alt text yet; blind people cannot know its image."))
        return super().form_valid(form)


class PostUpdateView(PostCreateView, UpdateView):
    permission_required = "outreach.change_post"


# --- channels and followers --------------------------------------------------------------------------------


@staff_permission_required("outreach.view_channel")
def channel_list(request):
    rows = figures.channel_rows(timezone.localdate())
    return render(request, "outreach/channel_list.html", {"rows": rows})


FOLLOWERS_PER_PAGE = 50


def _follower_context(channel, range_form, snapshot_form, page=None):
    start = end = None
    if range_form.is_valid():
        start, end = range_form.cleaned_data["start"], range_form.cleaned_data["end"]
    points = figures.follower_series(channel, start, end)  # the chart: every count of the period
    # the table: the same counts, newest first, a page at a time (a daily count is over a thousand rows in 3 years)
    page_obj = Paginator(figures.follower_snapshots(channel, start, end).reverse(), FOLLOWERS_PER_PAGE).get_page(page)

    def fmt(value):
        return date_format(value, "SHORT_DATE_FORMAT")

    title = _("Followers of %(channel)s") % {"channel": channel.name}
    description = charts.describe_growth(
        points,
        template=_(
            "Line chart of %(count)s follower counts: from %(first)s on %(start)s to %(last)s on %(end)s "
            "(change %(change)s). The table next to the chart has the same numbers."
        ),
        empty=_("No follower counts in this period yet."),
        date_format=fmt,
    )
    svg = (
        follower_chart_svg(
            points,
            title=title,
            description=description,
            y_label=_("Followers"),
            month_label=partial(date_format, format="SHORT_YEAR_MONTH_FORMAT"),
            day_label=partial(date_format, format="SHORT_DAY_MONTH_FORMAT"),
        )
        if points
        else ""
    )
    return {
        "channel": channel,
        "points": points,
        "snapshots": page_obj.object_list,
        "page_obj": page_obj,
        "chart": mark_safe(svg),  # noqa: S308 - matplotlib output; our title/desc are XML-escaped in charts.py
        "chart_title": title,
        "chart_description": description,
        "range_form": range_form,
        "form": snapshot_form,
        "posts_published": channel.posts.filter(status=Post.Status.PUBLISHED).count(),
    }


@staff_permission_required("outreach.view_channel")
def channel_detail(request, pk):
    channel = get_object_or_404(Channel.objects.prefetch_related("projects"), pk=pk)
    range_form = FollowerRangeForm(request.GET or None)
    context = _follower_context(channel, range_form, FollowerSnapshotForm(), request.GET.get("page"))
    return render(request, "outreach/channel_detail.html", context)


@require_POST
@staff_permission_required("outreach.add_followersnapshot")
def follower_add(request, pk):
    channel = get_object_or_404(Channel, pk=pk)
    form = FollowerSnapshotForm(request.POST)
    if form.is_valid():
        _snapshot, created = services.record_followers(channel, form.cleaned_data["date"], form.cleaned_data["count"])
        messages.success(
            request,
            _("The follower count was saved.") if created else _("The follower count of that day was replaced."),
        )
        return redirect(channel)
    context = _follower_context(channel, FollowerRangeForm(), form)
    return render(request, "outreach/channel_detail.html", context, status=400)


class ChannelCreateView(PermissionRequiredMixin, SuccessMessageMixin, CreateView):
    permission_required = "outreach.add_channel"
    model = Channel
    form_class = ChannelForm
    template_name = "outreach/channel_form.html"
    success_message = gettext_lazy("The channel was saved.")


class ChannelUpdateView(ChannelCreateView, UpdateView):
    permission_required = "outreach.change_channel"


# --- imports -----------------------------------------------------------------------------------------------


def _import_path(record: OutreachImport) -> Path:
    return import_dir() / record.stored_as


@staff_permission_required("outreach.add_post")
def import_upload(request):
    initial = {"channel": request.GET.get("channel")} if request.GET.get("channel") else None
    form = ImportUploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]  # size and type checked by the form field
        record = OutreachImport(
            channel=form.cleaned_data["channel"],
            project=form.cleaned_data["project"],
            uploaded_by=request.user,
            filename=upload.name[:255],
            stored_as=uuid.uuid4().hex,
        )
        save_upload(upload, _import_path(record))
        record.save()
        return redirect("outreach:import_review", pk=record.pk)
    return render(request, "outreach/import_upload.html", {"form": form}, status=400 if form.errors else 200)


@staff_permission_required("outreach.add_post")
def import_review(request, pk):
    record = get_object_or_404(
        OutreachImport.objects.select_related("channel", "project"),
        pk=pk,
        uploaded_by=request.user,
        status=OutreachImport.Status.PENDING,
    )
    plan = services.plan_import(_import_path(record).read_bytes(), record.channel)
    if request.method == "POST" and plan.ok:
        job = importjobs.open_job(record, "outreach") or importjobs.queue(
            kind="outreach", record=record, owner=request.user, rows_total=len(plan.creates) + len(plan.updates)
        )
        return redirect(job.get_absolute_url())
    preview = sorted(
        [(row, None) for row in plan.creates] + [(row, pk) for row, pk in plan.updates], key=lambda item: item[0].row
    )
    return render(
        request,
        "outreach/import_review.html",
        {
            "record": record,
            "plan": plan,
            "errors": plan.errors[:200],
            "more_errors": max(0, len(plan.errors) - 200),
            "preview": preview[:30],
        },
        status=200,
    )


@require_POST
@staff_permission_required("outreach.add_post")
def import_discard(request, pk):
    record = get_object_or_404(OutreachImport, pk=pk, uploaded_by=request.user, status=OutreachImport.Status.PENDING)
    _import_path(record).unlink(missing_ok=True)
    record.status = OutreachImport.Status.DISCARDED
    record.save(update_fields=["status"])
    messages.info(request, _("The upload was discarded; nothing was imported."))
    return redirect("outreach:import_upload")


# --- press -------------------------------------------------------------------------------------------------


@staff_permission_required("outreach.view_pressclipping")
def press(request):
    form = ClippingFilterForm(request.GET or None)
    clippings = services.clippings_filtered(services.all_clippings(), **form.values())
    page = Paginator(clippings, PAGE_SIZE).get_page(request.GET.get("page"))
    values = form.values()
    return render(
        request,
        "outreach/press.html",
        {
            "filter_form": form,
            "page_obj": page,
            "clippings": page.object_list,
            "releases": PressRelease.objects.select_related("project").all()[:50],
            "query": request.GET.urlencode(),
            "by_medium": [
                (label, count)
                for (code, label), count in zip(
                    PressClipping.Medium.choices,
                    figures.clippings_by_medium(values.get("project"), values.get("start"), values.get("end")).values(),
                    strict=True,
                )
            ],
        },
    )


@staff_permission_required("outreach.view_pressclipping")
def press_export(request, fmt):
    if fmt not in PRESS_FORMATS:
        raise Http404
    form = ClippingFilterForm(request.GET or None)
    values = form.values()
    clippings = services.clippings_filtered(services.all_clippings(), **values).order_by("published_on", "id")
    title = _("Press review")
    if values.get("project"):
        title = f"{title}: {values['project'].title}"
    audit.record(request.user, "outreach.press_export", title, format=fmt, count=clippings.count())
    stamp = timezone.localdate().isoformat()
    if fmt == "pdf":
        content = services.press_review_pdf(
            clippings,
            title=title,
            language=get_language() or "de",
            base_url=request.build_absolute_uri("/"),
            project=values.get("project"),
        )
        response = HttpResponse(content, content_type="application/pdf")
    elif fmt == "xlsx":
        response = HttpResponse(
            services.press_review_xlsx(clippings, title=title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    stem = pgettext("file name", "press-review")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{fmt}"'
    return response


class ClippingCreateView(PermissionRequiredMixin, SuccessMessageMixin, CreateView):
    success_message = gettext_lazy("The press clipping was saved.")
    permission_required = "outreach.add_pressclipping"
    model = PressClipping
    form_class = PressClippingForm
    template_name = "outreach/clipping_form.html"

    def get_success_url(self):
        return reverse("outreach:press")


class ClippingUpdateView(ClippingCreateView, UpdateView):
    permission_required = "outreach.change_pressclipping"


class ReleaseCreateView(PermissionRequiredMixin, SuccessMessageMixin, CreateView):
    success_message = gettext_lazy("The press release was saved.")
    permission_required = "outreach.add_pressrelease"
    model = PressRelease
    form_class = PressReleaseForm
    template_name = "outreach/release_form.html"

    def get_success_url(self):
        return reverse("outreach:press")


class ReleaseUpdateView(ReleaseCreateView, UpdateView):
    permission_required = "outreach.change_pressrelease"


# --- deleting ----------------------------------------------------------------------------------------------


def _confirm_delete(request, obj, *, success_url: str, cancel_url: str, question: str):
    """GET: ask; POST: delete, audit and go on. The caller has checked the permission."""
    if request.method == "POST":
        label = services.delete_record(obj, actor=request.user)
        messages.success(request, _("“%(object)s” was deleted.") % {"object": label})
        return redirect(success_url)
    return render(
        request,
        "outreach/confirm_delete.html",
        {"object": obj, "question": question, "cancel_url": cancel_url},
    )


@staff_permission_required("outreach.delete_post")
def post_delete(request, pk):
    post = get_object_or_404(Post, pk=pk)
    return _confirm_delete(
        request,
        post,
        success_url=reverse("outreach:post_list"),
        cancel_url=post.get_absolute_url(),
        question=_("Delete this post from the log? Its metrics no longer count for the report."),
    )


@staff_permission_required("outreach.delete_followersnapshot")
def follower_delete(request, pk, snapshot_pk):
    snapshot = get_object_or_404(FollowerSnapshot, pk=snapshot_pk, channel_id=pk)
    return _confirm_delete(
        request,
        snapshot,
        success_url=snapshot.channel.get_absolute_url(),
        cancel_url=snapshot.channel.get_absolute_url(),
        question=_("Delete this follower count?"),
    )


@staff_permission_required("outreach.delete_pressclipping")
def clipping_delete(request, pk):
    clipping = get_object_or_404(PressClipping, pk=pk)
    return _confirm_delete(
        request,
        clipping,
        success_url=reverse("outreach:press"),
        cancel_url=reverse("outreach:press"),
        question=_("Delete this press clipping?"),
    )


@staff_permission_required("outreach.delete_pressrelease")
def release_delete(request, pk):
    release = get_object_or_404(PressRelease, pk=pk)
    return _confirm_delete(
        request,
        release,
        success_url=reverse("outreach:press"),
        cancel_url=reverse("outreach:press"),
        question=_("Delete this press release? Clippings that cover it are kept."),
    )
