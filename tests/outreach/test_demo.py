"""The demo reproduces the seed text's outreach figures from records."""

import random
from datetime import date

import pytest

from inklusio.core import demo as core_demo
from inklusio.outreach import demo, figures
from inklusio.outreach.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    context = {"rng": random.Random(2022)}
    core_demo.load(context)
    demo.load(context)
    return context


def test_seed_figures(context):
    reference, follow_up = context["reference_project"], context["follow_up_project"]
    instagram = context["instagram_channel"]
    published = figures.posts_published(reference, reference.start, reference.end, platform="instagram")
    assert published == 118  # "knapp 120 Beiträge"
    assert figures.followers_at(reference.end, channel=instagram) == 547  # "knapp 550 Follower*innen"
    counts = list(instagram.follower_snapshots.order_by("date").values_list("count", flat=True))
    assert counts == sorted(counts) and len(set(counts)) == len(counts)  # steadily growing
    assert figures.clippings_count(reference) == 6
    assert Post.objects.filter(project=follow_up, status="planned").count() == 6
    assert not Post.objects.filter(project=reference, scheduled_at__date__gt=reference.end).exists()
    assert figures.posts_missing_alt_text(reference) == 5
    summary = figures.summary(reference)
    assert summary["posts_published"] == 118
    assert summary["posts_published_by_platform"] == {"instagram": 118, "website": 0}
    assert (summary["followers_start"], summary["followers_end"]) == (0, 547)
    assert summary["clippings"] == 6
    assert summary["clippings_by_medium"] == {"print": 2, "online": 3, "radio": 1, "tv": 0}
    assert summary["engagement"].posts_with_metrics == 118
    assert figures.summary(follow_up)["posts_published"] == 0  # its posts are only planned


@pytest.mark.parametrize("seed", [1, 2022, 99999])
def test_follower_curve_grows_steadily_to_547_for_any_seed(seed):
    counts = demo._follower_counts(random.Random(seed))
    assert counts == demo._follower_counts(random.Random(seed))
    assert counts[0] == (date(2022, 10, 31), demo.FIRST_FOLLOWERS)
    assert counts[-1] == (date(2025, 9, 30), 547)
    values = [c for _d, c in counts]
    assert all(b > a for a, b in zip(values, values[1:], strict=False))
    assert len(counts) == 36
