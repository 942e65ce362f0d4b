"""Checkbox hints, radios and checkboxes, and wide tables on a phone (390 px) and a desktop (1280 px)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from inklusio.events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event(project):
    starts = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=5), time(9, 0)))
    return Event.objects.create(
        project=project,
        kind=Event.Kind.CONFERENCE_DAY,
        title="Fachtag Frankfurt",
        slug="fachtag-frankfurt",
        starts_at=starts,
        ends_at=starts + timedelta(hours=7),
        capacity=20,
        visibility=Event.Visibility.PUBLIC,
    )


CHECKS = """() => {
  const hints = [...document.querySelectorAll('.kern-form-check > .kern-hint')]
    .map(h => h.getBoundingClientRect().width);
  const boxes = [...document.querySelectorAll('main input[type=checkbox], main input[type=radio]')].map(i => {
    const r = i.getBoundingClientRect(); return [i.className, Math.min(r.width, r.height)];
  });
  return {hints, boxes, pageWidth: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/events/fachtag-frankfurt/register/", "/kontakt/", "/en/kontakt/"])
def test_hints_sit_under_their_label_and_targets_are_kern_sized(page, event, width, path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    found = page.evaluate(CHECKS)
    assert found["hints"], "the page has a checkbox with a hint"
    assert min(found["hints"]) > 150, found["hints"]  # not squeezed into the 32 px column of the box
    assert found["boxes"]
    for css, size in found["boxes"]:
        assert "kern-form-check__" in css and size >= 24, (css, size)
    assert found["pageWidth"] <= width


def test_a_wide_staff_table_scrolls_inside_the_page_on_a_phone(page, login, lead, project):
    login(lead)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"/staff/impact/{project.slug}/", timeout=60_000)  # charts are drawn on the server
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    headers = page.evaluate(
        "[...document.querySelectorAll('main th[scope=col]')]"
        ".map(th => [th.textContent.trim(), th.scrollWidth <= th.clientWidth + 1])"
    )
    assert headers and all(fits for _text, fits in headers), headers
