"""Rules of the networks app: documents, minutes, attendance, active participants, figures, World Café hook."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inklusio.contacts.models import Person
from inklusio.core import markdown
from inklusio.core.roles import permissions_for
from inklusio.networks import conf, figures, participation, services
from inklusio.networks.models import Attendance, Meeting, MeetingDocument, Network

from .conftest import PDF

pytestmark = pytest.mark.django_db


# --- documents ---------------------------------------------------------------------------------------------


def test_documents_are_stored_under_upload_root_and_served_only_through_the_view(world, client_for, settings):
    a = world["a"]
    path = services.document_path(a.document)
    assert path.read_bytes() == PDF
    assert str(path).startswith(str(settings.UPLOAD_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    assert not str(path).startswith(str(settings.STATIC_ROOT))
    assert a.document.original_name not in path.name  # the stored name is random, not the uploader's
    response = client_for(a.coordinator).get(reverse("networks:document_download", args=[a.document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("script.html", b"<script>alert(1)</script>", "file_type"),
        ("run.exe", b"MZ\x90\x00", "file_type"),
        ("noext", b"hello", "file_type"),
        ("fake.pdf", b"<html>not a pdf</html>", "file_content"),
        ("fake.png", b"%PDF-1.4", "file_content"),
        ("binary.txt", b"abc\x00def", "file_content"),
        ("empty.pdf", b"", "file_empty"),
    ],
)
def test_bad_uploads_are_refused(world, name, content, message):
    with pytest.raises(ValidationError) as error:
        services.store_document(world["a"].past, SimpleUploadedFile(name, content), "x")
    assert error.value.error_list[0].code == message


def test_too_large_upload_is_refused_and_leaves_no_file(world, settings):
    settings.NETWORKS_DOCUMENT_MAX_BYTES = 100
    before = set(conf.upload_dir().iterdir())
    with pytest.raises(ValidationError) as error:
        services.store_document(world["a"].past, SimpleUploadedFile("big.pdf", PDF + b"x" * 200), "x")
    assert error.value.error_list[0].code == "file_size"
    assert set(conf.upload_dir().iterdir()) == before


def test_upload_and_delete_through_the_views(world, client_for, django_capture_on_commit_callbacks):
    a = world["a"]
    client = client_for(a.coordinator)
    url = reverse("networks:document_upload", args=[a.past.pk])
    response = client.post(url, {"title": "Folien", "file": SimpleUploadedFile("folien.txt", "Grüße".encode())})
    assert response.status_code == 302
    document = MeetingDocument.objects.get(title="Folien")
    assert document.content_type.startswith("text/plain")
    response = client.post(url, {"title": "Böse", "file": SimpleUploadedFile("x.svg", b"<svg onload=alert(1)>")})
    assert response.status_code == 400
    assert "Böse" not in MeetingDocument.objects.values_list("title", flat=True)
    path = services.document_path(document)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("networks:document_delete", args=[document.pk])).status_code == 302
    assert not MeetingDocument.objects.filter(pk=document.pk).exists()
    assert not path.exists()


# --- minutes -----------------------------------------------------------------------------------------------


def test_minutes_markdown_is_sanitised():
    html = markdown.render(
        "# Titel\n\n**fett** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org)\n\n"
        '<img src=x onerror="alert(1)">\n\n- eins\n- zwei',
        markdown.MINUTES,
    )
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as text, never run
    assert "<h1" not in html and "<h2>Titel</h2>" in html
    assert "<strong>fett</strong>" in html
    assert 'href="https://example.org"' in html
    assert "<li>eins</li>" in html


def test_minutes_view_saves_and_shows_sanitised_html(world, client_for):
    a = world["a"]
    client = client_for(a.coordinator)
    response = client.post(
        reverse("networks:minutes_edit", args=[a.past.pk]),
        {"minutes": "## Ergebnis\n\n<b onclick=x>hi</b>", "topics": "A, B"},
    )
    assert response.status_code == 302
    page = client.get(reverse("networks:meeting_detail", args=[a.past.pk])).content.decode()
    assert "<h3>Ergebnis</h3>" in page
    assert "<b onclick" not in page and "&lt;b onclick=x&gt;" in page
    a.past.refresh_from_db()
    assert a.past.topic_list == ["A", "B"]


# --- meetings ----------------------------------------------------------------------------------------------


def test_meeting_form_requires_venue_or_link_by_format(world, client_for):
    a = world["a"]
    client = client_for(a.coordinator)
    url = reverse("networks:meeting_create", args=[a.network.pk])
    data = {"title": "T", "starts_at": "2030-05-01T14:00", "ends_at": "2030-05-01T16:00", "format": "online"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    response = client.post(url, {**data, "format": "hybrid", "link": "https://meet.example.org/a"})
    assert response.status_code == 400  # hybrid needs a venue too
    response = client.post(url, {**data, "ends_at": "2030-05-01T13:00", "link": "https://meet.example.org/a"})
    assert response.status_code == 400
    response = client.post(url, {**data, "link": "https://meet.example.org/a"})
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="T")
    assert meeting.network == a.network
    assert timezone.localtime(meeting.starts_at).hour == 14


# --- members -----------------------------------------------------------------------------------------------


def test_adding_members_from_search_and_as_new_person(world, client_for, staff):
    a = world["a"]
    client = client_for(staff)
    url = reverse("networks:member_add", args=[a.network.pk])
    page = client.get(url, {"q": "outsider"}).content.decode()
    assert "Olga Outsider" in page and "@example.org" in page and "olga.outsider@" not in page  # domain only
    response = client.post(url, {"person": world["outsider"].pk, "role": "guest", "joined_on": "2025-02-01"})
    assert response.status_code == 302
    assert a.network.memberships.get(person=world["outsider"]).role == "guest"
    # the same person again while still a member
    response = client.post(url, {"person": world["outsider"].pk, "role": "member", "joined_on": "2025-03-01"})
    assert response.status_code == 400
    # a new person; an existing email links the existing contact instead of duplicating it
    response = client.post(url, {"first_name": "Neu", "last_name": "Person", "email": "neu@example.org",
                                 "role": "member", "joined_on": "2025-02-01"})  # fmt: skip
    assert response.status_code == 302 and Person.objects.filter(email="neu@example.org").count() == 1
    response = client.post(url, {"last_name": "Egal", "email": "DORAB.DELTAB@example.org", "role": "member",
                                 "joined_on": "2025-02-01"})  # fmt: skip
    assert response.status_code == 302
    assert a.network.memberships.filter(person=world["b"].former).exists()
    assert client.post(url, {"role": "member", "joined_on": "2025-02-01"}).status_code == 400


def test_membership_left_before_joined_is_refused(world, client_for):
    a = world["a"]
    membership = a.network.memberships.first()
    client = client_for(a.coordinator)
    response = client.post(
        reverse("networks:member_update", args=[a.network.pk, membership.pk]),
        {"role": "member", "joined_on": "2024-01-01", "left_on": "2023-01-01"},
    )
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.left_on is None


# --- attendance --------------------------------------------------------------------------------------------


def test_record_attendance_rules(world, client_for):
    a = world["a"]
    with pytest.raises(ValidationError):
        services.record_attendance(a.future, [a.members[0].pk])
    with pytest.raises(ValidationError):
        services.record_attendance(a.past, [world["outsider"].pk])
    with pytest.raises(ValidationError):
        services.record_attendance(a.past, [world["b"].members[0].pk])
    assert services.record_attendance(a.past, [a.members[2].pk]) == 1
    attended = set(Attendance.objects.filter(meeting=a.past, attended=True).values_list("person_id", flat=True))
    assert attended == {a.members[2].pk}
    # unticking is stored as not attended, not forgotten
    assert Attendance.objects.filter(meeting=a.past, person=a.members[0], attended=False).exists()
    client = client_for(a.coordinator)
    url = reverse("networks:attendance_edit", args=[a.past.pk])
    assert client.post(url, {"attended": ["abc"]}).status_code == 400
    assert client.post(url, {"attended": [str(world["outsider"].pk)]}).status_code == 400
    assert client.post(url, {"attended": [str(a.members[0].pk), str(a.members[1].pk)]}).status_code == 302
    assert services.meeting_participants(a.past) == sorted([a.members[0].pk, a.members[1].pk])
    # the former member is not on the list (left before the meeting)
    assert a.former.pk not in {p.pk for p in services.attendance_candidates(a.past)}


def test_meeting_participants_before_the_meeting_are_yes_replies_or_invited(world):
    a = world["a"]
    assert services.meeting_participants(a.future) == [a.members[0].pk]
    a.invitation.reply = "no"
    a.invitation.save()
    assert services.meeting_participants(a.future) == []


# --- active participants and figures -----------------------------------------------------------------------


def _meeting(network, day, people):
    start = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 14))
    meeting = Meeting.objects.create(network=network, title="M", starts_at=start, ends_at=start + timedelta(hours=2),
                                     format="in_person", venue="X")  # fmt: skip
    for person in people:
        Attendance.objects.create(meeting=meeting, person=person, attended=True)
    return meeting


def test_active_participants_follow_the_configured_definition(world, settings):
    a, b = world["a"], world["b"]
    Attendance.objects.all().delete()
    _meeting(a.network, date(2024, 3, 1), a.members[:2])
    _meeting(a.network, date(2024, 6, 1), a.members[:1])
    _meeting(b.network, date(2024, 6, 1), [*b.members[:1], a.members[2]])
    both = Network.objects.filter(pk__in=[a.network.pk, b.network.pk])
    assert participation.active_participants(both).count() == 4
    assert participation.active_participants(both, date(2024, 4, 1), None).count() == 3
    assert participation.active_participants(both, None, date(2024, 3, 1)).count() == 2  # end day is inclusive
    settings.NETWORKS_ACTIVE_MIN_MEETINGS = 2
    assert list(participation.active_participants(both)) == [a.members[0]]
    assert participation.active_participant_counts([a.network, b.network]) == {a.network.pk: 1, b.network.pk: 0}
    settings.NETWORKS_ACTIVE_MIN_MEETINGS = 1
    assert participation.active_participant_counts([a.network, b.network]) == {a.network.pk: 2, b.network.pk: 2}
    # a person active in two networks counts once overall
    _meeting(b.network, date(2024, 7, 1), [a.members[0]])
    assert participation.active_participants(both).count() == 4
    mix = {row.code: row.count for row in participation.stakeholder_mix(participation.active_participants(both))}
    assert mix == {"inclusion_company": 2, "teacher": 1, "chamber": 1}
    Attendance.objects.create(meeting=Meeting.objects.last(), person=world["outsider"], attended=True)
    mix = {row.code: row.count for row in participation.stakeholder_mix(participation.active_participants(both))}
    assert mix["unknown"] == 1


def test_figures_for_the_report(world, project):
    b = world["b"]
    b.network.founded_on = date(2024, 11, 1)
    b.network.save()
    other = Network.objects.create(name="Alt", founded_on=date(2020, 1, 1), closed_on=date(2023, 6, 30))
    assert figures.networks_active_at(date(2023, 6, 29)) == 2
    assert figures.networks_active_at(date(2023, 6, 30)) == 1
    assert figures.networks_active_at(date(2025, 1, 1)) == 2
    assert figures.networks_active_at(date(2025, 1, 1), project=project) == 2
    assert figures.networks_founded(date(2024, 10, 1), date(2025, 9, 30)) == 1
    assert figures.networks_founded(None, None, project=project) == 2
    today = timezone.localdate()
    # the future meetings are not "held"
    assert figures.meetings_held(None, None) == 2
    assert figures.meetings_held(today - timedelta(days=60), today) == 2
    assert figures.meetings_held(today, None) == 0
    assert figures.active_participants(None, None) == 4
    assert figures.active_participants_per_network(None, None) == {"Netzwerk A": 2, "Netzwerk B": 2, "Alt": 0}
    assert figures.stakeholder_types_represented(None, None) == {"inclusion_company": 1, "chamber": 1, "teacher": 2}
    assert other.pk


def test_network_detail_shows_chart_with_title_and_table(world, client_for):
    a = world["a"]
    page = client_for(a.coordinator).get(reverse("networks:network_detail", args=[a.network.pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert f'<title id="mix-{a.network.pk}-title">' in page and "<desc" in page
    assert "<caption" in page and 'scope="row"' in page
    response = client_for(a.coordinator).get(
        reverse("networks:network_detail", args=[a.network.pk]), {"start": "2030-01-01", "end": "2020-01-01"}
    )
    assert response.status_code == 200


def test_exports_neutralise_formulas(world, client_for):
    a = world["a"]
    a.members[0].last_name = "=HYPERLINK(1)"
    a.members[0].save()
    text = client_for(a.coordinator).get(reverse("networks:member_export", args=[a.network.pk, "csv"]))
    assert "'=HYPERLINK(1)" in text.content.decode("utf-8-sig")
    xlsx = client_for(a.coordinator).get(reverse("networks:participants_export", args=["xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client_for(a.coordinator).get(reverse("networks:participants_export", args=["pdf"])).status_code == 404


def test_roles_get_what_they_need():
    from django.contrib.auth.models import Permission

    perms = {f"{p.content_type.app_label}.{p.codename}" for p in permissions_for("network_coordinator",
             Permission.objects.select_related("content_type"))}  # fmt: skip
    assert {"networks.view_network", "networks.change_meeting", "networks.change_attendance"} <= perms
    assert "networks.view_all_networks" not in perms
    assert "networks.add_network" not in perms and "networks.delete_network" not in perms
    assert "contacts.view_person" not in perms


def test_contact_scope_is_current_members_of_own_networks(world):
    from django.apps import apps

    config = apps.get_app_config("networks")
    a = world["a"]
    ids = set(Person.objects.filter(pk__in=config.contact_scope(a.coordinator)).values_list("pk", flat=True))
    assert ids == {p.pk for p in a.members}


def test_model_rules():
    network = Network(name="X", regions=["DE-XX"], founded_on=date(2024, 1, 1), closed_on=date(2023, 1, 1))
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert {"regions", "closed_on"} <= set(error.value.message_dict)


def test_merging_people_keeps_network_figures(world):
    from inklusio.contacts.services import merge_people

    a = world["a"]
    duplicate = Person.objects.create(first_name="Anna", last_name="Doppelt", email="dup@example.org")
    Attendance.objects.create(meeting=a.past, person=duplicate, attended=True)
    before = figures.active_participants(None, None)
    merge_people(world["outsider"], duplicate)
    assert figures.active_participants(None, None) == before
    assert Attendance.objects.filter(person=world["outsider"], attended=True).count() == 1


def test_a_person_with_attendance_cannot_be_deleted_silently(world):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        world["a"].members[0].delete()
