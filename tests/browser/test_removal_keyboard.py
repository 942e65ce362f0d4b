"""Removal with the keyboard only, in a real browser: archiving an event through its confirmation page, moving a
programme item, merging a tag; axe on the confirmation pages at desktop width and at 390 px."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from inklusio.contacts.models import Person, Tag
from inklusio.core.models import AuditEvent
from inklusio.events import services
from inklusio.events.models import Event, ProgrammeItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("INKLUSIO_SHOTS")  # a directory: also save screenshots there, to look at


def shoot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def check_both_widths(page, axe, name):
    axe(page)
    shoot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    axe(page)
    shoot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def event(project):
    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    event = Event.objects.create(
        project=project,
        title="Fachtag Kassel",
        slug="fachtag-kassel",
        starts_at=start,
        ends_at=start + timedelta(hours=7),
        visibility=Event.Visibility.PUBLIC,
    )
    ProgrammeItem.objects.create(event=event, starts_at=start, title="Begrüßung")
    ProgrammeItem.objects.create(event=event, starts_at=start + timedelta(minutes=30), title="Vortrag")
    data = services.RegistrationData(email="a@example.org", first_name="Ayşe", last_name="Yılmaz")
    services.register(event.pk, data)
    return event


def test_archive_an_event_with_the_keyboard_only(page, login, staff, event, keyboard, axe):
    login(staff)
    page.goto(f"/staff/events/{event.pk}/")
    keyboard(page, f"a[href$='/staff/events/{event.pk}/remove/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/events/{event.pk}/remove/")
    main = page.inner_text("main")
    assert "„Fachtag Kassel“ – Archivieren?" in main and "1 Anmeldung bleibt erhalten" in main
    check_both_widths(page, axe, "event-archive-confirm")
    keyboard(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "„Fachtag Kassel“ wurde archiviert." in page.inner_text("main")
    shoot(page, "event-list-after-archive")
    event.refresh_from_db()
    assert event.archived_at is not None
    assert AuditEvent.objects.filter(action="events.event.archive").count() == 1
    page.goto("/staff/events/?archived=1")
    assert "Fachtag Kassel" in page.inner_text("table")
    shoot(page, "event-list-archived")


def test_a_refused_removal_explains_itself(page, login, lead, axe):
    login(lead)
    page.goto(f"/staff/users/{lead.pk}/deactivate/")
    assert "Sie können Ihr eigenes Konto nicht deaktivieren" in page.inner_text("main")
    assert page.locator("main button[type=submit]").count() == 0
    check_both_widths(page, axe, "user-deactivate-refused")


def test_move_a_programme_item_up_with_the_keyboard(page, login, staff, event, keyboard, axe):
    login(staff)
    page.goto(f"/staff/events/{event.pk}/")
    keyboard(page, "button[name=direction][value=up]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    titles = page.locator(".programme-list > li > a").all_inner_texts()
    assert titles == ["Vortrag", "Begrüßung"]
    axe(page)
    shoot(page, "event-detail-programme")


def test_merge_a_tag_with_the_keyboard_only(page, login, staff, keyboard, axe):
    source, target = Tag.objects.create(name="IHK"), Tag.objects.create(name="Kammer")
    person = Person.objects.create(last_name="Beispiel", email="b@example.org")
    person.tags.add(source)
    login(staff)
    page.goto("/staff/contacts/tags/")
    check_both_widths(page, axe, "tag-list")
    keyboard(page, f"a[href$='/staff/contacts/tags/{source.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/staff/contacts/tags/{source.pk}/")
    check_both_widths(page, axe, "tag-edit")
    keyboard(page, "#id_target")
    page.keyboard.press("ArrowDown")  # the first choice after the empty one: "Kammer"
    assert page.locator("#id_target").input_value() == str(target.pk)
    keyboard(page, "form[action$='/merge/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "„IHK“ wurde mit „Kammer“ zusammengeführt (1 Eintrag)." in page.inner_text("main")
    assert list(person.tags.values_list("name", flat=True)) == ["Kammer"]
    assert not Tag.objects.filter(pk=source.pk).exists()
