"""Numbers for the impact report, always computed from the outreach records (never stored).

Every function takes optional ``project`` (a core.Project or its pk), ``channel``/``platform`` and a
period (``start``/``end`` dates, both inclusive, in the local time zone). A "published post" is a
post with status published whose date lies in the period.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth, TruncQuarter, TruncYear
from django.urls import reverse

from inklusio.core.extensions import Binding

from .models import Channel, FollowerSnapshot, Post, PressClipping

_TRUNC = {"month": TruncMonth, "quarter": TruncQuarter, "year": TruncYear}


def _tz():
    return ZoneInfo(settings.TIME_ZONE)


def _posts(project=None, start: date | None = None, end: date | None = None, channel=None, platform: str = ""):
    posts = Post.objects.filter(status=Post.Status.PUBLISHED)
    if project is not None:
        posts = posts.filter(project=project)
    if channel is not None:
        posts = posts.filter(channel=channel)
    if platform:
        posts = posts.filter(channel__platform=platform)
    if start:
        posts = posts.filter(scheduled_at__gte=datetime.combine(start, time.min, tzinfo=_tz()))
    if end:
        posts = posts.filter(scheduled_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=_tz()))
    return posts


def posts_published(project=None, start=None, end=None, channel=None, platform: str = "") -> int:
    return _posts(project, start, end, channel, platform).count()


def posts_published_by_period(
    project=None, start=None, end=None, channel=None, platform: str = "", period: str = "month"
) -> list[dict]:
    """[{"period": date, "channel_id": id, "channel": name, "platform": code, "posts": n}, ...] in order."""
    trunc = _TRUNC[period]
    rows = (
        _posts(project, start, end, channel, platform)
        .annotate(period=trunc("scheduled_at", tzinfo=_tz()))
        .values("period", "channel_id", "channel__name", "channel__platform")
        .annotate(posts=Count("id"))
        .order_by("period", "channel__name")
    )
    return [
        {
            "period": r["period"].date() if isinstance(r["period"], datetime) else r["period"],
            "channel_id": r["channel_id"],
            "channel": r["channel__name"],
            "platform": r["channel__platform"],
            "posts": r["posts"],
        }
        for r in rows
    ]


def posts_missing_alt_text(project=None, start=None, end=None, channel=None) -> int:
    return _posts(project, start, end, channel).filter(has_image=True, alt_text="").count()


def _channels(project=None, channel=None, platform: str = ""):
    channels = Channel.objects.all()
    if channel is not None:
        channels = channels.filter(pk=getattr(channel, "pk", channel))
    if project is not None:
        channels = channels.filter(projects=project)
    if platform:
        channels = channels.filter(platform=platform)
    return channels


def followers_at(at: date, channel=None, project=None, platform: str = "") -> int | None:
    """The latest count on or before ``at``, summed over the chosen channels; None if none has a count yet.

    One query, however many channels: each channel's latest count is a subquery.
    """
    latest = FollowerSnapshot.objects.filter(channel=OuterRef("pk"), date__lte=at).order_by("-date", "-id")
    counts = list(
        _channels(project, channel, platform)
        .order_by()
        .annotate(latest=Subquery(latest.values("count")[:1]))
        .filter(latest__isnull=False)
        .values_list("latest", flat=True)
    )
    return sum(counts) if counts else None


def channel_rows(at: date) -> list[tuple]:
    """``(channel, followers on or before at, published posts)`` for every channel, in two queries however many
    channels there are (the latest count and the post count are subqueries; projects are prefetched)."""
    latest = FollowerSnapshot.objects.filter(channel=OuterRef("pk"), date__lte=at).order_by("-date", "-id")
    published = (
        Post.objects.filter(channel=OuterRef("pk"), status=Post.Status.PUBLISHED)
        .order_by()
        .values("channel")
        .annotate(n=Count("pk"))
        .values("n")
    )
    channels = (
        Channel.objects.prefetch_related("projects")
        .annotate(latest=Subquery(latest.values("count")[:1]), published=Coalesce(Subquery(published), 0))
        .order_by("platform", "name")
    )
    return [(channel, channel.latest, channel.published) for channel in channels]


@dataclass(frozen=True)
class Growth:
    start: int | None
    end: int | None

    @property
    def change(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start

    @property
    def percent(self) -> float | None:
        if self.change is None or not self.start:
            return None
        return round(100 * self.change / self.start, 1)


def follower_growth(start: date, end: date, channel=None, project=None, platform: str = "") -> Growth:
    """Followers at ``start`` (0 for a channel that had no count yet) and at ``end``."""
    end_count = followers_at(end, channel, project, platform)
    start_count = followers_at(start, channel, project, platform)
    if end_count is not None and start_count is None:
        start_count = 0
    return Growth(start_count, end_count)


def follower_snapshots(channel, start: date | None = None, end: date | None = None):
    snapshots = FollowerSnapshot.objects.filter(channel=channel)
    if start:
        snapshots = snapshots.filter(date__gte=start)
    if end:
        snapshots = snapshots.filter(date__lte=end)
    return snapshots.order_by("date")


def follower_series(channel, start: date | None = None, end: date | None = None) -> list[tuple[date, int]]:
    return list(follower_snapshots(channel, start, end).values_list("date", "count"))


@dataclass(frozen=True)
class Engagement:
    posts: int
    posts_with_metrics: int
    reach: int
    impressions: int
    likes: int
    comments: int
    shares: int
    saves: int

    @property
    def interactions(self) -> int:
        return self.likes + self.comments + self.shares + self.saves

    @property
    def rate(self) -> float | None:
        """Interactions per reached account, in percent (the common "engagement rate by reach")."""
        return round(100 * self.interactions / self.reach, 2) if self.reach else None


def engagement(project=None, start=None, end=None, channel=None, platform: str = "") -> Engagement:
    posts = _posts(project, start, end, channel, platform)
    totals = posts.aggregate(
        posts=Count("id"),
        with_metrics=Count("id", filter=Q(metrics_imported_at__isnull=False) | Q(reach__isnull=False)),
        reach=Sum("reach"),
        impressions=Sum("impressions"),
        likes=Sum("likes"),
        comments=Sum("comments"),
        shares=Sum("shares"),
        saves=Sum("saves"),
    )
    return Engagement(
        posts=totals["posts"],
        posts_with_metrics=totals["with_metrics"],
        **{k: totals[k] or 0 for k in ("reach", "impressions", "likes", "comments", "shares", "saves")},
    )


def _clippings(project=None, start=None, end=None, medium: str = ""):
    clippings = PressClipping.objects.all()
    if project is not None:
        clippings = clippings.filter(project=project)
    if start:
        clippings = clippings.filter(published_on__gte=start)
    if end:
        clippings = clippings.filter(published_on__lte=end)
    if medium:
        clippings = clippings.filter(medium=medium)
    return clippings


def clippings_count(project=None, start=None, end=None, medium: str = "") -> int:
    return _clippings(project, start, end, medium).count()


def clippings_by_medium(project=None, start=None, end=None) -> dict[str, int]:
    """Every medium with its count (0 included), in the order of PressClipping.Medium."""
    counts = dict(
        _clippings(project, start, end).values_list("medium").annotate(n=Count("id")).values_list("medium", "n")
    )
    return {medium: counts.get(medium, 0) for medium in PressClipping.Medium.values}


def clippings_by_period(project=None, start=None, end=None, period: str = "year") -> list[dict]:
    trunc = _TRUNC[period]
    rows = (
        _clippings(project, start, end)
        .annotate(period=trunc("published_on"))
        .values("period", "medium")
        .annotate(clippings=Count("id"))
        .order_by("period", "medium")
    )
    return [{"period": r["period"], "medium": r["medium"], "clippings": r["clippings"]} for r in rows]


def clippings_reach(project=None, start=None, end=None, medium: str = "") -> int:
    return _clippings(project, start, end, medium).aggregate(total=Sum("estimated_reach"))["total"] or 0


def summary(project, start: date | None = None, end: date | None = None) -> dict:
    """Everything the impact report needs about outreach for a project (default: its whole period)."""
    start = start or project.start
    end = end or project.end
    growth = follower_growth(start, end, project=project)
    return {
        "posts_published": posts_published(project, start, end),
        "posts_published_by_platform": {
            platform: posts_published(project, start, end, platform=platform)
            for platform in Channel.objects.filter(projects=project).values_list("platform", flat=True).distinct()
        },
        "posts_missing_alt_text": posts_missing_alt_text(project, start, end),
        "followers_start": growth.start,
        "followers_end": growth.end,
        "follower_growth": growth.change,
        "engagement": engagement(project, start, end),
        "clippings": clippings_count(project, start, end),
        "clippings_by_medium": clippings_by_medium(project, start, end),
        "clippings_reach": clippings_reach(project, start, end),
    }


# --- Impact bindings: the catalogue codes this area supplies (see inklusio.impact.registry) ---------------------


def _instagram_posts(project, start, end):
    return posts_published(project, start, end, platform=Channel.Platform.INSTAGRAM)


def _instagram_followers(project, start, end):
    return followers_at(end, project=project, platform=Channel.Platform.INSTAGRAM)


def _press_clippings(project, start, end):
    return clippings_count(project, start, end)


def _posts_url(project, start, end):
    return reverse("outreach:post_list") + f"?project={project.pk}"


def _channels_url(project, start, end):
    return reverse("outreach:channel_list")


def _press_url(project, start, end):
    return reverse("outreach:press")


INDICATORS = [
    Binding("instagram_posts", _instagram_posts, _posts_url),
    Binding("instagram_followers", _instagram_followers, _channels_url),
    Binding("press_clippings", _press_clippings, _press_url),
]
