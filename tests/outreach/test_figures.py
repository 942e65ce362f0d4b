"""Report numbers, computed from records."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inklusio.core.models import Project
from inklusio.outreach import figures
from inklusio.outreach.models import Channel, FollowerSnapshot, Post, PressClipping

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def data(project, instagram):
    other = Project.objects.create(
        title="Other", slug="other", funder="X", start=date(2024, 1, 1), end=date(2024, 12, 31)
    )
    linkedin = Channel.objects.create(platform="linkedin", name="LinkedIn")
    linkedin.projects.add(project)

    def post(channel, when, status="published", project=project, **metrics):
        return Post.objects.create(channel=channel, project=project, status=status, scheduled_at=when, **metrics)

    post(instagram, datetime(2024, 1, 1, 0, 30, tzinfo=BERLIN), reach=100, likes=10, comments=2, shares=1, saves=3)
    post(instagram, datetime(2024, 1, 31, 23, 30, tzinfo=BERLIN), reach=300, likes=20, impressions=400)
    post(instagram, datetime(2024, 2, 15, 12, tzinfo=BERLIN), alt_text="Bild")
    post(instagram, datetime(2024, 2, 16, 12, tzinfo=BERLIN), status="planned")
    post(linkedin, datetime(2024, 2, 20, 12, tzinfo=BERLIN), has_image=False)
    post(instagram, datetime(2024, 3, 1, 12, tzinfo=BERLIN), project=other)
    for day, count in [(date(2023, 12, 31), 100), (date(2024, 1, 31), 120), (date(2024, 3, 31), 150)]:
        FollowerSnapshot.objects.create(channel=instagram, date=day, count=count)
    FollowerSnapshot.objects.create(channel=linkedin, date=date(2024, 2, 1), count=30)
    for day, medium, reach in [(date(2024, 1, 5), "print", 1000), (date(2024, 1, 9), "online", None)]:
        PressClipping.objects.create(
            project=project, outlet="O", title="T", published_on=day, medium=medium, estimated_reach=reach
        )
    PressClipping.objects.create(project=other, outlet="O", title="T", published_on=date(2025, 1, 1), medium="tv")
    return {"project": project, "other": other, "instagram": instagram, "linkedin": linkedin}


def test_posts_published_counts_only_published_posts_in_the_period(data):
    project = data["project"]
    assert figures.posts_published(project) == 4
    assert figures.posts_published() == 5
    assert figures.posts_published(project, start=date(2024, 1, 1), end=date(2024, 1, 31)) == 2  # local day edges
    assert figures.posts_published(project, start=date(2024, 2, 1)) == 2
    assert figures.posts_published(project, platform="instagram") == 3
    assert figures.posts_published(channel=data["linkedin"]) == 1


def test_posts_by_month_and_channel(data):
    rows = figures.posts_published_by_period(data["project"], period="month")
    assert [(r["period"], r["channel"], r["posts"]) for r in rows] == [
        (date(2024, 1, 1), "bag if Ausbildung", 2),
        (date(2024, 2, 1), "LinkedIn", 1),
        (date(2024, 2, 1), "bag if Ausbildung", 1),
    ]
    assert figures.posts_published_by_period(data["project"], period="year")[0]["period"] == date(2024, 1, 1)


def test_missing_alt_text(data):
    assert figures.posts_missing_alt_text(data["project"]) == 2  # the LinkedIn post has no image


def test_followers_at_a_date_and_growth(data):
    instagram = data["instagram"]
    assert figures.followers_at(date(2023, 12, 30), channel=instagram) is None
    assert figures.followers_at(date(2024, 2, 29), channel=instagram) == 120
    assert figures.followers_at(date(2024, 3, 31), project=data["project"]) == 180
    assert figures.followers_at(date(2024, 3, 31), project=data["project"], platform="instagram") == 150
    growth = figures.follower_growth(date(2024, 1, 1), date(2024, 3, 31), channel=instagram)
    assert (growth.start, growth.end, growth.change, growth.percent) == (100, 150, 50, 50.0)
    growth = figures.follower_growth(date(2023, 1, 1), date(2024, 3, 31), channel=instagram)
    assert (growth.start, growth.change, growth.percent) == (0, 150, None)
    assert figures.follower_growth(date(2020, 1, 1), date(2020, 2, 1)).change is None


def test_follower_series(data):
    assert figures.follower_series(data["instagram"], start=date(2024, 1, 1)) == [
        (date(2024, 1, 31), 120),
        (date(2024, 3, 31), 150),
    ]


def test_engagement(data):
    result = figures.engagement(data["project"])
    assert (result.posts, result.posts_with_metrics, result.reach, result.impressions) == (4, 2, 400, 400)
    assert result.interactions == 36
    assert result.rate == 9.0
    assert figures.engagement(data["other"], start=date(2030, 1, 1)).rate is None


def test_clippings(data):
    project = data["project"]
    assert figures.clippings_count(project) == 2
    assert figures.clippings_count() == 3
    assert figures.clippings_count(project, medium="print") == 1
    assert figures.clippings_by_medium(project) == {"print": 1, "online": 1, "radio": 0, "tv": 0}
    assert figures.clippings_reach(project) == 1000
    assert figures.clippings_by_period(period="year") == [
        {"period": date(2024, 1, 1), "medium": "online", "clippings": 1},
        {"period": date(2024, 1, 1), "medium": "print", "clippings": 1},
        {"period": date(2025, 1, 1), "medium": "tv", "clippings": 1},
    ]


def test_followers_at_sums_the_latest_count_of_each_channel_in_one_query(data, django_assert_num_queries):
    """The impact report asks for followers once per report: more channels must not mean more queries."""
    project = data["project"]
    for n in range(5):
        channel = Channel.objects.create(platform="instagram", name=f"Regional {n}")
        channel.projects.add(project)
        FollowerSnapshot.objects.create(channel=channel, date=date(2024, 1, 10), count=10 + n)
        FollowerSnapshot.objects.create(channel=channel, date=date(2024, 3, 10), count=1000)  # after the date asked
    no_count_yet = Channel.objects.create(platform="instagram", name="New")
    no_count_yet.projects.add(project)
    with django_assert_num_queries(1):
        total = figures.followers_at(date(2024, 2, 29), project=project, platform="instagram")
    assert total == 120 + sum(10 + n for n in range(5))  # each channel's latest count on or before the date
    with django_assert_num_queries(1):
        assert figures.followers_at(date(2024, 2, 29), channel=no_count_yet) is None
