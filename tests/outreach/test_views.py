"""Staff pages of the outreach log through Django's test client: permissions, filters, forms, exports."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inklusio.core.models import AuditEvent, Project
from inklusio.outreach.models import FollowerSnapshot, OutreachImport, Post, PressClipping, PressRelease

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(instagram, project):
    return [
        Post.objects.create(
            channel=instagram,
            project=project,
            status="published",
            scheduled_at=datetime(2025, 9, 30, 23, 30, tzinfo=BERLIN),
            caption="Letzter Tag <b>des</b> Projekts",
            alt_text="Team",
        ),
        Post.objects.create(
            channel=instagram,
            project=project,
            status="planned",
            scheduled_at=datetime(2025, 10, 1, 0, 15, tzinfo=BERLIN),
            caption="Neues Projekt startet",
        ),
    ]


@pytest.fixture
def client_for(client, make_user):
    def login(role):
        client.force_login(make_user(role))
        return client

    return login


def test_calendar_puts_posts_on_their_local_day(client_for, posts):
    client = client_for("project_staff")
    response = client.get("/staff/outreach/calendar/2025/9/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Letzter Tag &lt;b&gt;des&lt;/b&gt; Projekts" in html  # escaped
    assert "Neues Projekt startet" not in html  # 1 October local time, although 30 September in UTC
    assert '<th class="kern-table__header" scope="col">' in html
    assert 'href="/staff/outreach/calendar/2025/8/"' in html and 'href="/staff/outreach/calendar/2025/10/"' in html
    october = client.get("/staff/outreach/calendar/2025/10/").content.decode()
    assert "Neues Projekt startet" in october
    assert "No alt text" in october or "Alternativtext fehlt" in october  # flagged in words, not only colour


def test_calendar_month_edges_and_filters(client_for, posts, project):
    client = client_for("read_only")
    assert client.get("/staff/outreach/calendar/2025/13/").status_code == 404
    assert client.get("/staff/outreach/calendar/2025/12/").status_code == 200
    assert client.get("/staff/outreach/calendar/2026/1/").status_code == 200
    html = client.get(f"/staff/outreach/calendar/2025/10/?project={project.slug}&channel=999999").content.decode()
    assert "Neues Projekt startet" in html  # an unknown channel is an invalid choice: the filter is ignored
    Project.objects.create(title="Other", slug="other", funder="X", start=date(2024, 1, 1), end=date(2024, 2, 1))
    html = client.get("/staff/outreach/calendar/2025/10/?project=other").content.decode()
    assert "Neues Projekt startet" not in html
    assert "?project=other" in html  # month links keep the filter
    assert client.get("/staff/outreach/").status_code == 302


def test_post_list_flags_and_filters_missing_alt_text(client_for, posts):
    client = client_for("read_only")
    html = client.get("/staff/outreach/posts/").content.decode()
    assert "Neues Projekt startet" in html and "Letzter Tag" in html
    html = client.get("/staff/outreach/posts/?missing_alt=on").content.decode()
    assert "Neues Projekt startet" in html and "Letzter Tag" not in html
    html = client.get("/staff/outreach/posts/?status=published").content.decode()
    assert "Neues Projekt startet" not in html
    assert client.get(f"/staff/outreach/posts/{posts[1].pk}/").status_code == 200


def test_permissions(client_for, posts, instagram):
    coordinator = client_for("network_coordinator")
    for path in ["/staff/outreach/calendar/", "/staff/outreach/posts/", "/staff/outreach/press/"]:
        assert coordinator.get(path).status_code == 403
    reviewer = client_for("read_only")
    assert reviewer.get("/staff/outreach/posts/new/").status_code == 403
    assert reviewer.get("/staff/outreach/import/").status_code == 403
    assert reviewer.post(f"/staff/outreach/channels/{instagram.pk}/followers/", {}).status_code == 403
    assert reviewer.get("/staff/outreach/press/export.xlsx").status_code == 200


def test_create_post_warns_about_missing_alt_text(client_for, instagram, project):
    client = client_for("project_staff")
    response = client.post(
        "/staff/outreach/posts/new/",
        {
            "channel": instagram.pk,
            "project": project.pk,
            "status": "planned",
            "scheduled_at": "2025-11-04T11:00",
            "caption": "Rückblick",
            "has_image": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    post = Post.objects.get()
    assert post.scheduled_at == datetime(2025, 11, 4, 11, 0, tzinfo=BERLIN)
    assert post.missing_alt_text
    assert any("alt text" in str(m) or "Alternativtext" in str(m) for m in response.context["messages"])
    response = client.post("/staff/outreach/posts/new/", {"channel": instagram.pk, "scheduled_at": "morgen"})
    assert response.status_code == 200 and response.context["form"].errors


def test_channel_page_shows_chart_and_table(client_for, instagram):
    for day, count in [(date(2025, 7, 31), 512), (date(2025, 8, 31), 529), (date(2025, 9, 30), 547)]:
        FollowerSnapshot.objects.create(channel=instagram, date=day, count=count)
    client = client_for("read_only")
    html = client.get(f"/staff/outreach/channels/{instagram.pk}/").content.decode()
    assert 'id="follower-chart" role="img" aria-labelledby="follower-chart-title"' in html
    assert '<title id="follower-chart-title">' in html and '<desc id="follower-chart-desc">' in html
    assert html.count('<td class="kern-table__cell kern-table__cell--numeric">') == 3
    html = client.get(f"/staff/outreach/channels/{instagram.pk}/?start=2025-08-01").content.decode()
    assert html.count('<td class="kern-table__cell kern-table__cell--numeric">') == 2
    html = client.get(f"/staff/outreach/channels/{instagram.pk}/?start=2026-01-01").content.decode()
    assert "<svg" not in html
    response = client.get(f"/staff/outreach/channels/{instagram.pk}/?start=2025-09-01&end=2025-01-01")
    assert response.context["range_form"].errors
    assert client.get("/staff/outreach/channels/").status_code == 200


def test_the_follower_table_comes_a_page_at_a_time_and_the_chart_has_every_count(client_for, instagram):
    from datetime import timedelta

    first = date(2025, 1, 1)
    FollowerSnapshot.objects.bulk_create(
        FollowerSnapshot(channel=instagram, date=first + timedelta(days=n), count=100 + n) for n in range(60)
    )
    client = client_for("read_only")
    url = f"/staff/outreach/channels/{instagram.pk}/"
    response = client.get(url + "?start=2025-01-02")
    assert len(response.context["points"]) == 59  # the chart: every count of the period
    rows = [snapshot.count for snapshot in response.context["snapshots"]]
    assert rows == list(range(159, 109, -1))  # the newest 50 first
    html = response.content.decode()
    assert "Seite 1 von 2" in html and "?start=2025-01-02&amp;page=2" in html  # the period kept
    second = client.get(url + "?start=2025-01-02&page=2")
    assert [snapshot.count for snapshot in second.context["snapshots"]] == list(range(109, 100, -1))
    assert client.get(url + "?page=999").context["page_obj"].number == 2  # past the end: the last page
    assert client.get(url + "?page=x").context["page_obj"].number == 1


def test_enter_follower_counts(client_for, instagram):
    client = client_for("project_staff")
    url = f"/staff/outreach/channels/{instagram.pk}/followers/"
    assert client.post(url, {"date": "2025-09-30", "count": "540"}).status_code == 302
    assert client.post(url, {"date": "2025-09-30", "count": "547"}).status_code == 302
    assert FollowerSnapshot.objects.get().count == 547
    response = client.post(url, {"date": "", "count": "-3"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"date", "count"}


def test_import_flow(client_for, instagram, project, fixture_bytes):
    client = client_for("project_staff")
    upload = SimpleUploadedFile("export.csv", fixture_bytes("instagram_posts_de.csv"), content_type="text/csv")
    response = client.post("/staff/outreach/import/", {"channel": instagram.pk, "project": project.pk, "file": upload})
    assert response.status_code == 302
    review = response["Location"]
    html = client.get(review).content.decode()
    assert "17900000000000101" not in html and "Ausbildung im Inklusionsbetrieb" in html
    assert Post.objects.count() == 0
    response = client.post(review, {"import": "1"})
    assert response.status_code == 302
    assert Post.objects.filter(project=project).count() == 3
    assert OutreachImport.objects.get().status == "imported"
    assert AuditEvent.objects.filter(action="outreach.import").exists()
    assert client.get(review).status_code == 404  # an import is done once


def test_broken_import_shows_errors_and_cannot_be_confirmed(client_for, instagram, fixture_bytes):
    client = client_for("project_staff")
    upload = SimpleUploadedFile("broken.csv", fixture_bytes("instagram_posts_broken_de.csv"))
    review = client.post("/staff/outreach/import/", {"channel": instagram.pk, "file": upload})["Location"]
    response = client.get(review)
    html = response.content.decode()
    assert 'role="alert"' in html and "1,234" in html and 'name="import"' not in html
    assert client.post(review, {"import": "1"}).status_code == 200
    assert Post.objects.count() == 0
    record = OutreachImport.objects.get()
    assert client.post(f"/staff/outreach/import/{record.pk}/discard/").status_code == 302
    record.refresh_from_db()
    assert record.status == "discarded"


def test_upload_requires_a_file_and_an_importable_channel(client_for, instagram):
    from inklusio.outreach.models import Channel

    website = Channel.objects.create(platform="website", name="Website")
    client = client_for("project_staff")
    response = client.post("/staff/outreach/import/", {"channel": website.pk})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"channel", "file"}


@pytest.fixture
def clippings(project):
    release = PressRelease.objects.create(project=project, title="Start", sent_on=date(2022, 10, 20))
    PressClipping.objects.create(
        project=project,
        outlet='=HYPERLINK("http://evil")',
        title="Inklusive Ausbildung",
        published_on=date(2023, 6, 20),
        medium="online",
        estimated_reach=45000,
        release=release,
    )
    PressClipping.objects.create(
        project=project, outlet="Radio Köln", title="Betriebe berichten", published_on=date(2023, 6, 22), medium="radio"
    )
    return release


def test_press_review_xlsx_neutralises_formulas(client_for, clippings):
    from openpyxl import load_workbook

    client = client_for("read_only")
    response = client.get("/staff/outreach/press/export.xlsx?medium=online")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3  # title, header, one online clipping
    assert rows[2][1] == '\'=HYPERLINK("http://evil")'
    assert rows[2][4] == 45000 and rows[2][6] == "Start"
    assert AuditEvent.objects.filter(action="outreach.press_export").count() == 1


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with every Flate stream (including object streams) inflated, to search its structure."""
    import re
    import zlib

    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_press_review_pdf_is_tagged(client_for, clippings):
    client = client_for("read_only")
    response = client.get("/en/staff/outreach/press/export.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    pdf = pdf_objects(response.content)
    assert b"/StructTreeRoot" in pdf  # tagged
    assert b"pdfuaid" in pdf  # PDF/UA identification in the XMP metadata
    assert b"/Lang (en)" in pdf or b"/Lang(en)" in pdf
    assert b"/TH" in pdf  # table headers are tagged as such
    assert client.get("/staff/outreach/press/export.docx").status_code == 404


def test_press_page_and_forms(client_for, clippings, project):
    client = client_for("project_staff")
    html = client.get("/staff/outreach/press/").content.decode()
    assert "Betriebe berichten" in html and "Radio Köln" in html
    other = Project.objects.create(
        title="Other", slug="other", funder="X", start=date(2024, 1, 1), end=date(2024, 2, 1)
    )
    response = client.post(
        "/staff/outreach/press/clippings/new/",
        {
            "project": other.pk,
            "published_on": "2024-01-10",
            "outlet": "taz",
            "title": "Bericht",
            "medium": "print",
            "release": clippings.pk,
        },
    )
    assert response.status_code == 200
    assert "release" in response.context["form"].errors
    response = client.post(
        "/staff/outreach/press/releases/new/", {"project": project.pk, "title": "Kongress", "sent_on": "2025-09-15"}
    )
    assert response.status_code == 302
    assert PressRelease.objects.filter(title="Kongress").exists()
    assert "Die Pressemitteilung wurde gespeichert." in client.get(response["Location"]).content.decode()


def test_deleting_asks_first_and_is_audited(client_for, posts, instagram, clippings):
    reviewer = client_for("read_only")
    assert reviewer.get(f"/staff/outreach/posts/{posts[0].pk}/delete/").status_code == 403
    client = client_for("project_staff")
    url = f"/staff/outreach/posts/{posts[0].pk}/delete/"
    assert client.get(url).status_code == 200
    assert Post.objects.filter(pk=posts[0].pk).exists()  # asking changes nothing
    assert client.post(url).status_code == 302
    assert not Post.objects.filter(pk=posts[0].pk).exists()
    assert AuditEvent.objects.filter(action="outreach.delete_post").exists()

    snapshot = FollowerSnapshot.objects.create(channel=instagram, date=date(2025, 9, 30), count=547)
    from inklusio.outreach.models import Channel

    other = Channel.objects.create(platform="linkedin", name="LinkedIn")
    assert client.post(f"/staff/outreach/channels/{other.pk}/followers/{snapshot.pk}/delete/").status_code == 404
    assert client.post(f"/staff/outreach/channels/{instagram.pk}/followers/{snapshot.pk}/delete/").status_code == 302
    assert not FollowerSnapshot.objects.exists()

    clipping = PressClipping.objects.get(release=clippings)
    assert client.post(f"/staff/outreach/press/releases/{clippings.pk}/delete/").status_code == 302
    clipping.refresh_from_db()
    assert clipping.release is None  # the clipping stays
    assert client.post(f"/staff/outreach/press/clippings/{clipping.pk}/delete/").status_code == 302
    assert PressClipping.objects.count() == 1
