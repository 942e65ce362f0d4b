"""Imports of Meta Business Suite exports: all-or-nothing, row-level errors, re-imports update."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from inklusio.outreach import services
from inklusio.outreach.models import FollowerSnapshot, Post

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def import_file(data, channel, project=None):
    plan = services.plan_import(data, channel)
    assert plan.ok, [str(e) for e in plan.errors]
    return services.execute_import(plan, channel, project)


def messages(plan):
    return [str(issue) for issue in plan.errors]


def test_german_post_export_creates_posts_with_metrics(instagram, project, fixture_bytes):
    assert import_file(fixture_bytes("instagram_posts_de.csv"), instagram, project) == (3, 0)
    post = Post.objects.get(external_id="17900000000000101")
    assert post.status == Post.Status.PUBLISHED
    assert post.project == project
    assert post.scheduled_at == datetime(2025, 3, 3, 11, 15, tzinfo=BERLIN)
    assert (post.impressions, post.reach, post.likes, post.comments, post.shares, post.saves) == (
        1534,
        1187,
        96,
        5,
        7,
        12,
    )
    assert post.link == "https://www.instagram.com/p/DGabc101/"
    assert post.hashtags == "#InklusiveAusbildung #Inklusion"
    assert post.metrics_imported_at is not None
    assert post.missing_alt_text  # exports carry no alt text: the post is flagged until someone adds it
    reel = Post.objects.get(external_id="17900000000000103")
    assert str(reel.duration_seconds) == "34.50"


def test_reimporting_the_same_file_updates_instead_of_duplicating(instagram, fixture_bytes):
    data = fixture_bytes("instagram_posts_de.csv")
    import_file(data, instagram)
    Post.objects.filter(external_id="17900000000000101").update(
        alt_text="Foto von Lea in der Werkstatt", metrics_imported_at=datetime(2025, 1, 1, tzinfo=BERLIN)
    )
    assert import_file(data, instagram) == (0, 3)
    assert Post.objects.get(external_id="17900000000000101").metrics_imported_at > datetime(2025, 2, 1, tzinfo=BERLIN)
    assert Post.objects.count() == 3
    assert Post.objects.get(external_id="17900000000000101").alt_text == "Foto von Lea in der Werkstatt"


def test_english_export_of_later_metrics_updates_the_german_import(instagram, fixture_bytes):
    import_file(fixture_bytes("instagram_posts_de.csv"), instagram)
    assert import_file(fixture_bytes("instagram_posts_en.csv"), instagram) == (1, 1)
    post = Post.objects.get(external_id="17900000000000101")
    assert (post.impressions, post.reach, post.likes) == (1602, 1240, 101)  # "1,602" read as 1602 in English
    assert Post.objects.get(external_id="17900000000000104").scheduled_at == datetime(
        2025, 4, 2, 13, 0, tzinfo=BERLIN
    )  # 04/02/2025 is 2 April in Meta's month-first English dates


def test_excel_resaved_file_with_semicolons_and_windows_1252(instagram, fixture_bytes):
    assert import_file(fixture_bytes("instagram_posts_de_excel.csv"), instagram) == (2, 0)
    assert Post.objects.get(external_id="17900000000000101").caption.startswith("Ausbildung im Inklusionsbetrieb")


def test_post_without_id_matches_by_permalink_then_by_time(instagram, fixture_bytes):
    tz = BERLIN
    by_link = Post.objects.create(
        channel=instagram, scheduled_at=datetime(2025, 3, 1, tzinfo=tz), link="https://www.instagram.com/p/DGabc102/"
    )
    by_time = Post.objects.create(
        channel=instagram, status="published", scheduled_at=datetime(2025, 3, 20, 9, 30, tzinfo=tz)
    )
    planned = Post.objects.create(
        channel=instagram, status="planned", scheduled_at=datetime(2025, 3, 3, 8, 0, tzinfo=tz), alt_text="Lea"
    )
    assert import_file(fixture_bytes("instagram_posts_de.csv"), instagram) == (0, 3)
    by_link.refresh_from_db()
    by_time.refresh_from_db()
    planned.refresh_from_db()
    assert by_link.external_id == "17900000000000102"
    assert by_time.external_id == "17900000000000103"
    assert planned.external_id == "17900000000000101"
    assert planned.status == Post.Status.PUBLISHED
    assert planned.scheduled_at == datetime(2025, 3, 3, 11, 15, tzinfo=tz)
    assert planned.alt_text == "Lea"


def test_malformed_rows_are_all_reported_and_nothing_is_written(instagram, fixture_bytes):
    plan = services.plan_import(fixture_bytes("instagram_posts_broken_de.csv"), instagram)
    assert not plan.ok
    text = messages(plan)
    assert any(t.startswith("Zeile 2") or t.startswith("row 2") for t in text), text
    joined = "\n".join(text)
    assert "2025-13-45 10:00" in joined
    assert "1,234" in joined
    assert "-5" in joined
    assert "viele" in joined
    with pytest.raises(services.ImportRefused):
        services.execute_import(plan, instagram)
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("\ufeffBeitrags-ID,Reichweite\n1,5\n".encode(), "Veröffentlichungszeitpunkt / Publish time"),
        (b"Name,E-Mail\nA,a@example.org\n", "not those of an Instagram"),
        ("\ufeffPost ID,Publish time\n".encode(), "no data rows"),
    ],
)
def test_file_level_problems(instagram, data, fragment):
    plan = services.plan_import(data, instagram)
    assert not plan.ok
    assert any(fragment in m for m in messages(plan)), messages(plan)


def test_another_platforms_file_is_refused_by_name(instagram, facebook, fixture_bytes):
    plan = services.plan_import(fixture_bytes("linkedin_posts.csv"), instagram)
    assert "LinkedIn" in messages(plan)[0]
    plan = services.plan_import(fixture_bytes("facebook_posts_de.csv"), instagram)
    assert "Facebook" in messages(plan)[0]
    plan = services.plan_import(fixture_bytes("instagram_posts_de.csv"), facebook)
    assert "Instagram" in messages(plan)[0]
    assert Post.objects.count() == 0


def test_facebook_export_into_a_facebook_channel(facebook, fixture_bytes):
    assert import_file(fixture_bytes("facebook_posts_de.csv"), facebook) == (1, 0)
    post = Post.objects.get()
    assert (post.impressions, post.reach, post.likes) == (2004, 1550, 70)


def test_channels_without_an_export_format_are_refused(db):
    from inklusio.outreach.models import Channel

    website = Channel.objects.create(platform="website", name="Website")
    assert not services.plan_import(b"Post ID,Publish time\n1,09/30/2025 10:00\n", website).ok


def test_rows_of_another_account_are_refused(instagram, fixture_bytes):
    instagram.account_id = "999"
    instagram.save()
    plan = services.plan_import(fixture_bytes("instagram_posts_de.csv"), instagram)
    assert len(plan.errors) == 3
    assert "17841400000000001" in messages(plan)[0]


def test_formulas_in_captions_are_refused(instagram):
    data = b'"Post ID","Publish time","Description"\n"1","09/30/2025 10:00","=HYPERLINK(""http://x"")"\n'
    plan = services.plan_import(data, instagram)
    assert "formula" in messages(plan)[0]


def test_captions_starting_with_mentions_or_plus_signs_are_text(instagram):
    data = (
        '"Post ID","Publish time","Description"\n"1","09/30/2025 10:00","@bagif_ausbildung lädt ein"\n'
        '"2","09/30/2025 11:00","+++ Neu: Anmeldung offen +++"\n"3","09/30/2025 12:00","- Tipp der Woche"\n'
    ).encode()
    assert import_file(data, instagram) == (3, 0)
    assert Post.objects.get(external_id="2").caption == "+++ Neu: Anmeldung offen +++"


def test_follower_exports_in_both_languages(instagram, fixture_bytes):
    assert import_file(fixture_bytes("instagram_followers_de.csv"), instagram) == (3, 0)
    assert import_file(fixture_bytes("instagram_followers_en.csv"), instagram) == (0, 3)
    counts = list(FollowerSnapshot.objects.values_list("count", flat=True))
    assert counts == [512, 530, 1047]
    assert set(FollowerSnapshot.objects.values_list("source", flat=True)) == {"import"}


def test_follower_export_with_errors_changes_nothing(instagram):
    FollowerSnapshot.objects.create(channel=instagram, date="2025-07-31", count=500)
    data = "Datum;Follower*innen\n31.07.2025;512\n31.08.2025;1,5\n32.08.2025;520\n31.07.2025;513\n".encode("cp1252")
    plan = services.plan_import(data, instagram)
    text = "\n".join(messages(plan))
    assert "1,5" in text
    assert "32.08.2025" in text
    assert "The same date as row 2." in text
    assert len(plan.errors) == 3
    with pytest.raises(services.ImportRefused):
        services.execute_import(plan, instagram)
    assert FollowerSnapshot.objects.get().count == 500


def test_an_existing_post_is_matched_only_once(instagram):
    Post.objects.create(channel=instagram, status="published", scheduled_at=datetime(2025, 9, 30, 10, 0, tzinfo=BERLIN))
    data = b'"Post ID","Publish time","Permalink"\n"1","09/30/2025 10:00",""\n"2","09/30/2025 10:00",""\n'
    plan = services.plan_import(data, instagram)
    assert plan.updates and plan.creates  # the second row cannot claim the same post: it becomes a new one
    assert not plan.errors


def test_record_followers_replaces_the_same_day(instagram):
    from datetime import date

    _s, created = services.record_followers(instagram, date(2025, 9, 30), 540)
    assert created
    _s, created = services.record_followers(instagram, date(2025, 9, 30), 547)
    assert not created
    assert FollowerSnapshot.objects.get().count == 547


def test_row_errors_are_translated_to_german(instagram, fixture_bytes):
    from django.utils import translation

    with translation.override("de"):
        plan = services.plan_import(fixture_bytes("instagram_posts_broken_de.csv"), instagram)
        text = messages(plan)
    assert "Zeile 3, Spalte „Impressionen“: „1,234“ ist keine ganze Zahl." in text[1]
    assert text[0].startswith("Zeile 2, Spalte „Veröffentlichungszeitpunkt“")


def test_a_post_with_another_id_is_never_matched_by_time(instagram):
    Post.objects.create(
        channel=instagram,
        status="published",
        external_id="A",
        scheduled_at=datetime(2025, 9, 30, 10, 0, tzinfo=BERLIN),
    )
    plan = services.plan_import(b'"Post ID","Publish time"\n"B","09/30/2025 10:00"\n', instagram)
    assert len(plan.creates) == 1 and not plan.updates


def test_import_plan_is_ok_only_with_something_to_do(instagram):
    assert not services.ImportPlan().ok


def test_xlsx_export_with_german_headings(instagram):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Beitrags-ID", "Veröffentlichungszeitpunkt", "Dauer (Sek.)", "Reichweite", "Gefällt mir"])
    sheet.append(["17900000000000101", datetime(2025, 3, 3, 11, 15), 34.5, 1187, "1.234"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_file(buffer.getvalue(), instagram)
    post = Post.objects.get()
    assert str(post.duration_seconds) == "34.50"  # a number cell, not a German "34,5" text
    assert post.reach == 1187
    assert post.scheduled_at == datetime(2025, 3, 3, 11, 15, tzinfo=BERLIN)


def test_a_post_saved_meanwhile_refuses_the_whole_import(instagram, fixture_bytes):
    plan = services.plan_import(fixture_bytes("instagram_posts_de.csv"), instagram)
    Post.objects.create(
        channel=instagram, external_id="17900000000000103", scheduled_at=datetime(2025, 1, 1, tzinfo=BERLIN)
    )
    with pytest.raises(services.ImportRefused, match="meanwhile"):
        services.execute_import(plan, instagram)
    assert Post.objects.count() == 1
