"""Operations that change the outreach log, with their rules: imports, follower counts, press review exports."""

import calendar
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Font

from inklusio.core import audit, importjobs
from inklusio.core.branding import branding_for
from inklusio.core.imports import RowIssue, read_upload, table_error_message
from inklusio.core.tabular import TableError, looks_like_formula, neutralise_formula

from . import meta_import
from .duplicates import PostRef, pair_same_posts, url_key
from .models import Channel, FollowerSnapshot, Post, PressClipping


def import_dir():
    """Where uploaded platform exports wait for their preview (outside the web root)."""
    return Path(settings.UPLOAD_ROOT) / "outreach-imports"


SUPPORTED_PLATFORMS = {Channel.Platform.INSTAGRAM, Channel.Platform.FACEBOOK}

# --- imports -----------------------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    kind: str | None = None
    language: str = meta_import.GERMAN
    columns: dict = field(default_factory=dict)
    creates: list = field(default_factory=list)  # PostRow / FollowerRow without a match
    updates: list = field(default_factory=list)  # (row, existing pk)
    errors: list[RowIssue] = field(default_factory=list)
    total_rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.creates or self.updates)


class ImportRefused(Exception):
    pass


def _translate(issue: meta_import.Issue) -> RowIssue:
    message = _(issue.message)
    if issue.params:
        message = message % issue.params
    return RowIssue(issue.row, issue.column, message)


def _local_tz():
    return ZoneInfo(settings.TIME_ZONE)


def _aware(value: datetime) -> datetime:
    return value if timezone.is_aware(value) else value.replace(tzinfo=_local_tz())


def plan_import(data: bytes, channel: Channel) -> ImportPlan:
    """Read and validate a platform export for ``channel``; writes nothing."""
    plan = ImportPlan()
    if channel.platform not in SUPPORTED_PLATFORMS:
        plan.errors.append(
            RowIssue(
                0,
                "",
                _("Only Instagram and Facebook channels can import exports (from Meta Business Suite)."),
            )
        )
        return plan
    data = meta_import.strip_preamble(data)
    try:
        table = read_upload(data)
    except TableError as error:
        plan.errors.append(RowIssue(0, "", table_error_message(error)))
        return plan
    spreadsheet = table.delimiter is None
    parsed = meta_import.parse_export(table.header, table.rows, table.delimiter or ",", spreadsheet=spreadsheet)
    plan.kind, plan.language, plan.columns, plan.total_rows = (
        parsed.kind,
        parsed.language,
        parsed.columns,
        parsed.total_rows,
    )
    plan.errors.extend(_translate(issue) for issue in parsed.issues)
    if parsed.kind == meta_import.POSTS:
        is_facebook_channel = channel.platform == Channel.Platform.FACEBOOK
        if parsed.facebook != is_facebook_channel:
            plan.errors.insert(
                0,
                RowIssue(
                    1,
                    "",
                    _("This is a Facebook export; choose a Facebook channel or upload the Instagram export.")
                    if parsed.facebook
                    else _("This is an Instagram export; choose an Instagram channel or upload the Facebook export."),
                ),
            )
            return plan
        _plan_posts(plan, parsed, channel)
    elif parsed.kind == meta_import.FOLLOWERS:
        existing = dict(FollowerSnapshot.objects.filter(channel=channel).values_list("date", "pk"))
        for row in parsed.followers:
            if row.date in existing:
                plan.updates.append((row, existing[row.date]))
            else:
                plan.creates.append(row)
    return plan


def same_post_window() -> timedelta:
    """How far apart a hand-logged and an imported post of one channel may be and still be taken for the same post
    (OUTREACH_SAME_POST_WINDOW_MINUTES, default 120): hand-logged times are often rounded or the planned time."""
    return timedelta(minutes=int(getattr(settings, "OUTREACH_SAME_POST_WINDOW_MINUTES", 120)))


def _hand_logged_near(parsed: meta_import.Parsed, existing: list[dict], channel: Channel) -> dict[int, int]:
    """Row number -> hand-logged post (no platform ID) the row is the same post as, by address or time window."""
    rows = [PostRef(row.row, channel.pk, _aware(row.published), row.permalink) for row in parsed.posts]
    logged = [PostRef(p["pk"], channel.pk, p["scheduled_at"], p["link"]) for p in existing if not p["external_id"]]
    return dict(pair_same_posts(rows, logged, same_post_window()))


def _plan_posts(plan: ImportPlan, parsed: meta_import.Parsed, channel: Channel) -> None:
    existing = list(Post.objects.filter(channel=channel).values("pk", "external_id", "link", "scheduled_at", "status"))
    by_id = {p["external_id"]: p["pk"] for p in existing if p["external_id"]}
    by_link = {url_key(p["link"]): p["pk"] for p in existing if url_key(p["link"])}
    near = _hand_logged_near(parsed, existing, channel)
    by_minute = {}
    planned_by_day = {}
    tz = _local_tz()
    for p in existing:
        if p["external_id"]:
            continue  # a post with a platform ID is only ever matched by that ID (or its permalink)
        local = p["scheduled_at"].astimezone(tz)
        by_minute.setdefault(local.replace(second=0, microsecond=0), []).append(p["pk"])
        if p["status"] == Post.Status.PLANNED:
            planned_by_day.setdefault(local.date(), []).append(p["pk"])
    claimed = set()
    for row in parsed.posts:
        # Captions often start with "@mention", "+++" or "- ": only a leading "=" counts as a formula there.
        # Every spreadsheet export neutralises such text again (neutralise_formula).
        for text, column, is_formula in (
            (row.caption, "caption", row.caption.startswith("=")),
            (row.post_type, "post_type", looks_like_formula(row.post_type)),
        ):
            if is_formula:
                plan.errors.append(
                    RowIssue(
                        row.row,
                        parsed.columns.get(column, ""),
                        _("“%(value)s” looks like a spreadsheet formula; formulas are not imported.")
                        % {"value": text[:40]},
                    )
                )
        if channel.account_id and row.account_id and row.account_id != channel.account_id:
            plan.errors.append(
                RowIssue(
                    row.row,
                    parsed.columns.get("account_id", ""),
                    _("The post belongs to the account %(account)s, not to this channel's account %(own)s.")
                    % {"account": row.account_id, "own": channel.account_id},
                )
            )
            continue
        published = _aware(row.published).astimezone(tz)
        minute = published.replace(second=0, microsecond=0)
        candidates = [
            by_id.get(row.external_id) if row.external_id else None,
            by_link.get(url_key(row.permalink)) if url_key(row.permalink) else None,
        ]
        same_minute = [pk for pk in by_minute.get(minute, []) if pk not in claimed]
        planned_same_day = [pk for pk in planned_by_day.get(published.date(), []) if pk not in claimed]
        candidates.append(same_minute[0] if len(same_minute) == 1 else None)
        candidates.append(planned_same_day[0] if len(planned_same_day) == 1 else None)
        candidates.append(near.get(row.row) if near.get(row.row) not in claimed else None)
        match = next((pk for pk in candidates if pk is not None), None)
        if match is not None and match in claimed:
            plan.errors.append(RowIssue(row.row, "", _("Two rows of the file describe the same post in inklusio.")))
            continue
        if match is None:
            plan.creates.append(row)
        else:
            claimed.add(match)
            plan.updates.append((row, match))


@dataclass(frozen=True)
class MergedPost:
    kept: int  # the imported post, with the platform's ID, time and figures
    removed: int  # the hand-logged post of the same post
    channel: str
    when: datetime


# What the hand-logged record adds to the imported one (only where the imported one has nothing).
HAND_LOGGED_FIELDS = ["project", "caption", "hashtags", "alt_text", "promotes", "post_type"]


def same_post_pairs(channel: Channel | None = None) -> list[MergedPost]:
    """Imported posts (with a platform ID) and hand-logged posts that are the same post, per channel."""
    posts = Post.objects.select_related("channel").order_by("scheduled_at", "pk")
    if channel is not None:
        posts = posts.filter(channel=channel)
    imported, logged, by_pk = [], [], {}
    for post in posts:
        by_pk[post.pk] = post
        ref = PostRef(post.pk, post.channel_id, post.scheduled_at, post.link)
        (imported if post.external_id else logged).append(ref)
    pairs = pair_same_posts(imported, logged, same_post_window())
    return [MergedPost(kept, removed, by_pk[kept].channel.name, by_pk[kept].scheduled_at) for kept, removed in pairs]


def merge_duplicate_posts(*, dry_run: bool = False, actor=None) -> list[MergedPost]:
    """Merge every hand-logged post into the imported record of the same post (``duplicates.py`` says which);
    with ``dry_run`` only report them. The hand-logged record's project, texts and image flag fill the gaps of
    the imported one; then it is deleted, so every figure counts the post once."""
    with transaction.atomic():
        pairs = same_post_pairs()
        if dry_run:
            return pairs
        posts = Post.objects.select_for_update().in_bulk([pk for pair in pairs for pk in (pair.kept, pair.removed)])
        for pair in pairs:
            kept, removed = posts[pair.kept], posts[pair.removed]
            for name in HAND_LOGGED_FIELDS:
                if not getattr(kept, name) and getattr(removed, name):
                    setattr(kept, name, getattr(removed, name))
            if removed.has_image is False and not kept.alt_text:
                kept.has_image = False  # staff said there is no image; the export cannot tell
            kept.save()
            removed.delete()
            audit.record(actor, "outreach.merge_duplicate", kept, removed=pair.removed)
    return pairs


def execute_import(plan: ImportPlan, channel: Channel, project=None) -> tuple[int, int]:
    """Write a validated plan in one transaction: every row or none. Returns (created, updated)."""
    if not plan.ok:
        raise ImportRefused(_("The file has errors; nothing was imported."))
    try:
        return _write(plan, channel, project)
    except IntegrityError as error:  # another import or a colleague added the same post or day meanwhile
        raise ImportRefused(
            _("Someone else saved some of these posts or counts meanwhile; nothing was imported. Check the file again.")
        ) from error


def _write(plan: ImportPlan, channel: Channel, project) -> tuple[int, int]:
    with transaction.atomic():
        if plan.kind == meta_import.FOLLOWERS:
            FollowerSnapshot.objects.bulk_create(
                [
                    FollowerSnapshot(channel=channel, date=r.date, count=r.count, source=FollowerSnapshot.Source.IMPORT)
                    for r in plan.creates
                ]
            )
            snapshots = FollowerSnapshot.objects.in_bulk([pk for _row, pk in plan.updates])
            for row, pk in plan.updates:
                snapshot = snapshots[pk]
                snapshot.count, snapshot.source = row.count, FollowerSnapshot.Source.IMPORT
            FollowerSnapshot.objects.bulk_update(snapshots.values(), ["count", "source"])
        else:
            now = timezone.now()
            Post.objects.bulk_create([_new_post(row, channel, project, now) for row in plan.creates], batch_size=500)
            posts = Post.objects.select_for_update().in_bulk([pk for _row, pk in plan.updates])
            # One UPDATE per changed post; bulk_update's CASE expressions cost far more in Django itself
            # (see benchmarks/outreach_import.py). Posts the file does not change only get the import time.
            compared = IMPORTED_FIELDS[:-1]
            unchanged = []
            for row, pk in plan.updates:
                post = posts[pk]
                before = [getattr(post, name) for name in compared]
                _apply_row(post, row, now)
                if [getattr(post, name) for name in compared] == before:
                    unchanged.append(pk)
                else:
                    post.save(update_fields=[*IMPORTED_FIELDS, "updated"])
            for start in range(0, len(unchanged), 500):
                Post.objects.filter(pk__in=unchanged[start : start + 500]).update(metrics_imported_at=now)
    return len(plan.creates), len(plan.updates)


IMPORTED_FIELDS = [
    "status",
    "scheduled_at",
    "external_id",
    "link",
    "caption",
    "hashtags",
    "post_type",
    "duration_seconds",
    *meta_import.METRICS,
    "metrics_imported_at",
]


def _hashtags(caption: str) -> str:
    return " ".join(dict.fromkeys(re.findall(r"#\w+", caption)))[:500]


def _new_post(row, channel, project, now) -> Post:
    post = Post(channel=channel, project=project)
    _apply_row(post, row, now)
    return post


def _apply_row(post: Post, row: meta_import.PostRow, now) -> None:
    post.status = Post.Status.PUBLISHED
    post.scheduled_at = _aware(row.published)
    if row.external_id:
        post.external_id = row.external_id
    if row.permalink:
        post.link = row.permalink
    if row.caption:
        post.caption = row.caption
        post.hashtags = post.hashtags or _hashtags(row.caption)
    if row.post_type:
        post.post_type = row.post_type
    if row.duration is not None:
        post.duration_seconds = row.duration
    for name, value in row.metrics.items():
        if value is not None:
            setattr(post, name, value)
    post.metrics_imported_at = now


# --- follower counts ---------------------------------------------------------------------------------------


def record_followers(channel: Channel, day: date, count: int) -> tuple[FollowerSnapshot, bool]:
    """Enter a count by hand; a second count for the same day replaces the first."""
    snapshot, created = FollowerSnapshot.objects.update_or_create(
        channel=channel, date=day, defaults={"count": count, "source": FollowerSnapshot.Source.MANUAL}
    )
    return snapshot, created


def delete_record(obj, *, actor) -> str:
    """Delete a post, follower count, clipping or release, recording who did it; returns its label."""
    label = str(obj)
    audit.record(actor, f"outreach.delete_{obj._meta.model_name}", label, pk=obj.pk)
    obj.delete()
    return label


# --- editorial calendar ------------------------------------------------------------------------------------


@dataclass
class CalendarDay:
    date: date | None
    posts: list = field(default_factory=list)
    today: bool = False


def month_grid(year: int, month: int, posts) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of the month; days outside the month have ``date=None``."""
    tz = _local_tz()
    by_day = {}
    for post in posts:
        by_day.setdefault(post.scheduled_at.astimezone(tz).date(), []).append(post)
    today = timezone.localdate()
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [CalendarDay(d, by_day.get(d, []), d == today) if d.month == month else CalendarDay(None) for d in week]
        )
    return weeks


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    tz = _local_tz()
    start = datetime(year, month, 1, tzinfo=tz)
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


# --- press review (Pressespiegel) ---------------------------------------------------------------------------


def press_review_pdf(clippings, *, title: str, language: str, base_url: str = "", project=None) -> bytes:
    """The press review as a tagged PDF (PDF/UA-1) with headings and table headers."""
    from inklusio.core.pdf import untreed_content_as_artifacts, write_pdf  # noqa: PLC0415 — beside WeasyPrint

    html = render_to_string(
        "outreach/press_review_pdf.html",
        {
            "clippings": list(clippings),
            "title": title,
            "language": language,
            "generated": timezone.localdate(),
            "branding": branding_for(project),
        },
    )
    return write_pdf(
        html, base_url=base_url or None, pdf_variant="pdf/ua-1", pdf_tags=True, finisher=untreed_content_as_artifacts
    )


def press_review_xlsx(clippings, *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Press review")[:31]
    header = [
        _("Date"),
        _("Outlet"),
        _("Title"),
        _("Medium"),
        _("Estimated reach"),
        _("Address (URL)"),
        _("Press release"),
        _("Covers"),
        _("Project"),
    ]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for c in clippings:
        sheet.append(
            [
                c.published_on,
                neutralise_formula(c.outlet),
                neutralise_formula(c.title),
                str(c.get_medium_display()),
                c.estimated_reach,
                neutralise_formula(c.url),
                neutralise_formula(c.release.title) if c.release else "",
                neutralise_formula(c.covers),
                neutralise_formula(c.project.title),
            ]
        )
    for row in sheet.iter_rows(min_row=3, min_col=1, max_col=1):
        row[0].number_format = "DD.MM.YYYY"
    for column, width in zip("ABCDEFGHI", (12, 28, 50, 10, 14, 40, 30, 24, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def clippings_filtered(queryset, *, project=None, medium="", start=None, end=None):
    if project:
        queryset = queryset.filter(project=project)
    if medium:
        queryset = queryset.filter(medium=medium)
    if start:
        queryset = queryset.filter(published_on__gte=start)
    if end:
        queryset = queryset.filter(published_on__lte=end)
    return queryset


def all_clippings():
    return PressClipping.objects.select_related("project", "release")


def write_import(job, progress) -> dict:
    """The worker's write of a reviewed platform export (``OutreachConfig.import_writers``, ``core.importjobs``):
    read and check the file again, then write all or nothing in the job's transaction; the file goes once it
    commits. A file that no longer checks out sends the uploader back to the review."""
    from .models import OutreachImport  # noqa: PLC0415 — only the writer needs the import's model

    record = OutreachImport.objects.select_related("channel", "project").get(
        pk=job.import_id, status=OutreachImport.Status.PENDING
    )
    path = import_dir() / record.stored_as
    plan = plan_import(path.read_bytes(), record.channel)
    if not plan.ok:
        raise importjobs.NeedsReview(reverse("outreach:import_review", args=[record.pk]))
    progress(0, len(plan.creates) + len(plan.updates))
    try:
        created, updated = execute_import(plan, record.channel, record.project)
    except ImportRefused as refusal:
        raise importjobs.Refused(str(refusal)) from refusal
    record.status, record.kind = OutreachImport.Status.IMPORTED, plan.kind or ""
    record.created_count, record.updated_count = created, updated
    record.save(update_fields=["status", "kind", "created_count", "updated_count"])
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
    audit.record(job.owner, "outreach.import", record.filename, kind=plan.kind, created=created, updated=updated)
    if plan.kind == "followers":
        target, label = record.channel.get_absolute_url(), _("Go to the channel")
    else:
        target, label = reverse("outreach:post_list") + f"?channel={record.channel.pk}", _("Go to the posts")
    lines = [
        ngettext("%(count)d new record was imported.", "%(count)d new records were imported.", created)
        % {"count": created},
        ngettext("%(count)d record was updated.", "%(count)d records were updated.", updated) % {"count": updated},
    ]
    return {"lines": lines, "next": target, "next_label": label}
