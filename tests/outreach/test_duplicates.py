"""Issue 16: an imported post and the hand-logged record of the same post are one post (import and merge command)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from inklusio.cli import main
from inklusio.core.models import AuditEvent
from inklusio.outreach import figures, services
from inklusio.outreach.duplicates import PostRef, pair_same_posts, url_key
from inklusio.outreach.models import Post

BERLIN = ZoneInfo("Europe/Berlin")
FIXTURES = "tests/outreach/fixtures/"
HOUR = timedelta(hours=1)


def at(day, hour, minute=0):
    return datetime(2025, 3, day, hour, minute, tzinfo=BERLIN)


# --- the pure rules -------------------------------------------------------------------------------------------


def test_url_key_ignores_what_does_not_identify_the_post():
    same = [
        "https://www.instagram.com/p/DGabc101/",
        "http://instagram.com/p/DGabc101",
        "https://Instagram.com/p/DGabc101/?igsh=MTc4bWx2&utm_source=x#top",
        "instagram.com/p/DGabc101/",
    ]
    assert {url_key(u) for u in same} == {"instagram.com/p/DGabc101"}
    assert url_key("https://www.instagram.com/p/DGabc102/") != url_key(same[0])
    assert url_key("") == url_key("   ") == ""


def test_pairs_by_address_whatever_the_time():
    imported = [PostRef("row2", 1, at(3, 11), "https://www.instagram.com/p/A/")]
    logged = [PostRef(7, 1, at(1, 9), "instagram.com/p/A?igsh=1")]
    assert pair_same_posts(imported, logged, HOUR) == [("row2", 7)]


def test_pairs_by_channel_and_time_within_the_window_only():
    imported = [PostRef("r", 1, at(3, 11, 15), "https://instagram.com/p/A/")]
    assert pair_same_posts(imported, [PostRef(7, 1, at(3, 11))], HOUR) == [("r", 7)]
    assert pair_same_posts(imported, [PostRef(7, 1, at(3, 13))], HOUR) == []  # outside the window
    assert pair_same_posts(imported, [PostRef(7, 2, at(3, 11))], HOUR) == []  # another channel
    other_address = PostRef(7, 1, at(3, 11), "https://instagram.com/p/B/")
    assert pair_same_posts(imported, [other_address], HOUR) == []  # the addresses tell them apart


def test_ambiguous_neighbours_are_not_guessed():
    imported = [PostRef("r", 1, at(3, 11))]
    two_logged = [PostRef(7, 1, at(3, 10, 45)), PostRef(8, 1, at(3, 11, 20))]
    assert pair_same_posts(imported, two_logged, HOUR) == []
    two_imported = [PostRef("r", 1, at(3, 11)), PostRef("s", 1, at(3, 11, 30))]
    assert pair_same_posts(two_imported, [PostRef(7, 1, at(3, 11, 10))], HOUR) == []


# --- at import time -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_merges_hand_logged_posts_by_time_and_by_address(instagram, project, fixture_bytes):
    by_time = Post.objects.create(
        channel=instagram, project=project, status="published", scheduled_at=at(3, 11), alt_text="Lea an der Werkbank"
    )
    by_address = Post.objects.create(
        channel=instagram,
        project=project,
        status="published",
        scheduled_at=at(10, 9),  # logged a day early: only the address says it is the same post
        link="https://instagram.com/p/DGabc102?igsh=abc",
        promotes="Fachtag Frankfurt",
    )
    assert figures.posts_published(project, platform="instagram") == 2
    plan = services.plan_import(fixture_bytes("instagram_posts_de.csv"), instagram)
    assert plan.ok and len(plan.creates) == 1 and {pk for _row, pk in plan.updates} == {by_time.pk, by_address.pk}
    services.execute_import(plan, instagram, project)
    assert Post.objects.count() == 3
    assert figures.posts_published(project, platform="instagram") == 3  # not 5
    by_time.refresh_from_db()
    assert by_time.external_id == "17900000000000101" and by_time.alt_text == "Lea an der Werkbank"
    assert by_time.scheduled_at == at(3, 11, 15) and by_time.reach == 1187
    by_address.refresh_from_db()
    assert by_address.external_id == "17900000000000102" and by_address.promotes == "Fachtag Frankfurt"


@pytest.mark.django_db
def test_import_does_not_merge_an_ambiguous_or_distant_hand_logged_post(instagram, project, fixture_bytes):
    Post.objects.create(channel=instagram, status="published", scheduled_at=at(3, 10, 50))
    Post.objects.create(channel=instagram, status="published", scheduled_at=at(3, 11, 40))
    Post.objects.create(channel=instagram, status="published", scheduled_at=at(11, 20))  # 4 h after post 102
    plan = services.plan_import(fixture_bytes("instagram_posts_de.csv"), instagram)
    assert plan.ok and len(plan.creates) == 3 and plan.updates == []


# --- the command for data from before -------------------------------------------------------------------------


@pytest.fixture
def doubled(instagram, project):
    """Three imported posts, then two of them logged by hand afterwards (the doubles issue 16 found)."""
    assert main(["outreach-import", FIXTURES + "instagram_posts_de.csv", "--channel", "@bagif_ausbildung",
                 "--project", project.slug]) == 0  # fmt: skip
    near = Post.objects.create(
        channel=instagram, status="published", scheduled_at=at(3, 11), alt_text="Lea", has_image=True
    )
    same_link = Post.objects.create(
        channel=instagram,
        project=project,
        status="published",
        scheduled_at=at(21, 8),
        link="https://www.instagram.com/p/DGabc103",
        promotes="Ausbildung Lagerlogistik",
    )
    unrelated = Post.objects.create(channel=instagram, project=project, status="published", scheduled_at=at(25, 12))
    return near, same_link, unrelated


@pytest.mark.django_db
def test_merge_command_dry_run_changes_nothing(doubled, project, capsys):
    before = list(Post.objects.order_by("pk").values())
    assert figures.posts_published(project, platform="instagram") == 5  # counted twice
    assert main(["outreach-merge-duplicates", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run: 2 duplicate posts found; nothing was changed." in out
    assert f"hand-logged post {doubled[0].pk}" in out and f"hand-logged post {doubled[1].pk}" in out
    assert list(Post.objects.order_by("pk").values()) == before
    assert not AuditEvent.objects.filter(action="outreach.merge_duplicate").exists()


@pytest.mark.django_db
def test_merge_command_merges_and_the_report_counts_each_post_once(doubled, project, capsys):
    near, same_link, unrelated = doubled
    assert main(["outreach-merge-duplicates"]) == 0
    assert "2 duplicate posts merged." in capsys.readouterr().out
    assert not Post.objects.filter(pk__in=[near.pk, same_link.pk]).exists()
    assert Post.objects.filter(pk=unrelated.pk).exists()
    assert figures.posts_published(project, platform="instagram") == 4  # the 3 imported + the unrelated one
    first = Post.objects.get(external_id="17900000000000101")
    assert first.alt_text == "Lea" and first.reach == 1187  # the hand-logged text fills the gap
    third = Post.objects.get(external_id="17900000000000103")
    assert third.promotes == "Ausbildung Lagerlogistik"
    assert AuditEvent.objects.filter(action="outreach.merge_duplicate").count() == 2
    assert main(["outreach-merge-duplicates"]) == 0  # nothing left: runs again safely
    assert "0 duplicate posts merged." in capsys.readouterr().out
