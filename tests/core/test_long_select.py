"""Long drop-downs: ``LongSelect`` writes the HTML Django's ``Select`` writes, and ``latest_first`` keeps the list
short at any size (core/forms.py)."""

from datetime import timedelta

import pytest
from django import forms
from django.test.html import parse_html
from django.utils import timezone

from inklusio.core.forms import LongSelect, latest_first
from inklusio.core.models import Project
from inklusio.events.models import Event


def _project():
    today = timezone.localdate()
    return Project.objects.create(
        title="P", slug="p", funder="F", start=today - timedelta(days=900), end=today + timedelta(days=200)
    )


def _events(project, *days):
    now = timezone.now()
    return [
        Event.objects.create(
            project=project,
            title=f'Fachtag <{day}> & "mehr"',
            slug=f"e{index}",
            starts_at=now + timedelta(days=day),
            ends_at=now + timedelta(days=day, hours=2),
        )
        for index, day in enumerate(days)
    ]


def _field_html(widget, value, **field_options):
    class ChoiceForm(forms.Form):
        event = forms.ModelChoiceField(Event.objects.order_by("pk"), widget=widget, **field_options)

    form = ChoiceForm(initial={"event": value})
    form.fields["event"].help_text = "Hilfe"
    return form["event"].as_field_group()  # label, hint and the KERN wrapper too (core/forms/field.html)


@pytest.mark.django_db
@pytest.mark.parametrize("required", [True, False])
def test_long_select_writes_what_django_select_writes(required):
    first, second = _events(_project(), -3, 5)
    for value in (None, first.pk, second.pk):
        django_html = _field_html(forms.Select, value, required=required, empty_label="keine")
        long_html = _field_html(LongSelect, value, required=required, empty_label="keine")
        assert parse_html(long_html) == parse_html(django_html)  # the same elements, attributes and texts
    assert "&lt;-3&gt; &amp; &quot;mehr&quot;" in long_html  # labels escaped
    assert '<div class="kern-form-input__select-wrapper"><select name="event"' in long_html
    assert f'<option value="{second.pk}" selected>' in long_html


@pytest.mark.django_db
def test_latest_first_offers_the_newest_up_to_the_limit_and_keeps_the_chosen_one():
    project = _project()
    oldest, old, recent, soon, far = _events(project, -400, -30, -1, 20, 200)
    offered = list(latest_first(Event.objects.all(), "starts_at", limit=2))
    assert offered == [soon, recent]  # newest first; 200 days ahead is beyond the 90 days looked ahead
    kept = list(latest_first(Event.objects.all(), "starts_at", keep=oldest.pk, limit=2))
    assert kept == [soon, recent, oldest]
    assert old not in kept and far not in kept
