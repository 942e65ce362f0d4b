"""Figures of the use of the digital offers for the impact report: sums of the stored daily counts.

- page views of the public pages, downloads of public documents, clicks on Infoletter links (indicators, level 2);
- :func:`monthly_use`: the same per calendar month, for the trend chart and the report's sentence on interest.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from inklusio.core.extensions import Binding, shared_figure

from .models import LinkClickDay, PageViewDay, Section


def _pages(start: date, end: date):
    return PageViewDay.objects.filter(day__gte=start, day__lte=end)


def _clicks(project, start: date, end: date):
    clicks = LinkClickDay.objects.filter(day__gte=start, day__lte=end)
    return clicks.filter(mailing__project=project) if project is not None else clicks


def _page_totals(start: date, end: date) -> dict:
    """Page views and downloads of the period in one query, shared inside a report (figure_scope)."""

    def compute():
        return _pages(start, end).aggregate(
            views=Sum("count", filter=~Q(section=Section.DOWNLOADS)),
            downloads=Sum("count", filter=Q(section=Section.DOWNLOADS)),
        )

    return shared_figure(("usage.pages", start, end), compute)


def page_views(project, start: date, end: date) -> int:
    """Views of the public pages (documents not included) in the period, repeats within the window once."""
    return _page_totals(start, end)["views"] or 0


def document_downloads(project, start: date, end: date) -> int:
    return _page_totals(start, end)["downloads"] or 0


def newsletter_link_clicks(project, start: date, end: date) -> int:
    """Clicks on links in the project's Infoletter mailings in the period."""
    return _clicks(project, start, end).aggregate(n=Sum("count"))["n"] or 0


@dataclass(frozen=True)
class MonthOfUse:
    month: date  # the first day of the month
    page_views: int
    downloads: int
    link_clicks: int

    @property
    def total(self) -> int:
        return self.page_views + self.downloads + self.link_clicks


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)
    return months


def monthly_use(project, start: date, end: date, today: date | None = None) -> list[MonthOfUse]:
    """Every calendar month touching the period up to ``today`` (zero where nothing was counted, none still to
    come), oldest first; two queries."""
    end = min(end, today or timezone.localdate())
    if end < start:
        return []
    pages = (
        _pages(start, end)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(
            views=Sum("count", filter=~Q(section=Section.DOWNLOADS)),
            downloads=Sum("count", filter=Q(section=Section.DOWNLOADS)),
        )
        .order_by()
    )
    clicks = _clicks(project, start, end).annotate(month=TruncMonth("day")).values("month").annotate(n=Sum("count"))
    by_month = {row["month"]: (row["views"] or 0, row["downloads"] or 0) for row in pages}
    clicks_by_month = {row["month"]: row["n"] or 0 for row in clicks.order_by()}
    return [
        MonthOfUse(month, *by_month.get(month, (0, 0)), clicks_by_month.get(month, 0)) for month in _months(start, end)
    ]


def has_counts() -> bool:
    """Whether any use was ever counted (before that, the trend says nothing)."""
    return PageViewDay.objects.exists() or LinkClickDay.objects.exists()


INDICATORS = [
    Binding("page_views", page_views),
    Binding("document_downloads", document_downloads),
    Binding("newsletter_link_clicks", newsletter_link_clicks),
]
