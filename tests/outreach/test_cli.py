"""``inklusio outreach-import`` on real files."""

import pytest

from inklusio.cli import main
from inklusio.outreach.models import FollowerSnapshot, Post

pytestmark = pytest.mark.django_db
FIXTURES = "tests/outreach/fixtures/"


def test_import_posts_dry_run_then_for_real(instagram, project, capsys):
    args = ["outreach-import", FIXTURES + "instagram_posts_de.csv", "--channel", "@bagif_ausbildung"]
    assert main([*args, "--dry-run", "--project", project.slug]) == 0
    assert Post.objects.count() == 0
    assert "posts: 3 new, 0 to update." in capsys.readouterr().out
    assert main([*args, "--project", project.slug]) == 0
    assert Post.objects.filter(project=project).count() == 3
    assert main([*args]) == 0
    assert "0 created, 3 updated" in capsys.readouterr().out


def test_import_followers_by_channel_id(instagram):
    assert main(["outreach-import", FIXTURES + "instagram_followers_de.csv", "--channel", str(instagram.pk)]) == 0
    assert FollowerSnapshot.objects.count() == 3


def test_errors_and_bad_arguments(instagram, capsys):
    assert main(["outreach-import", FIXTURES + "instagram_posts_broken_de.csv", "--channel", "bagif_ausbildung"]) == 1
    assert "nothing was imported" in capsys.readouterr().out
    assert Post.objects.count() == 0
    assert main(["outreach-import", FIXTURES + "instagram_posts_de.csv", "--channel", "@nobody"]) == 2
    assert main(["outreach-import", "missing.csv", "--channel", "@bagif_ausbildung"]) == 2
    assert main(["outreach-import", FIXTURES + "instagram_posts_de.csv", "--channel", "@bagif_ausbildung",
                 "--project", "nope"]) == 2  # fmt: skip
