"""Small language and layout defects: table labels, a pre-selected empty radio, KERN classes on choice groups."""

import pytest
from django import forms
from django.utils import translation

from inklusio.outreach.forms import PressClippingForm
from inklusio.worldcafe.models import CafeTable


@pytest.mark.parametrize(
    ("name", "german", "english"),
    [
        ("1", "Tisch 1", "Table 1"),
        ("B", "Tisch B", "Table B"),
        ("Tisch 1", "Tisch 1", "Tisch 1"),
        ("Fenster", "Fenster", "Fenster"),
    ],
)
def test_a_table_is_not_called_tisch_tisch(name, german, english):
    table = CafeTable(name=name)
    with translation.override("de"):
        assert table.label == german
    with translation.override("en"):
        assert table.label == english


@pytest.mark.django_db
def test_the_clipping_form_has_no_empty_medium_radio():
    html = str(PressClippingForm()["medium"])
    assert "---------" not in html
    assert 'value=""' not in html
    assert "checked" not in html
    assert 'class="kern-form-check__radio"' in html


class Choices(forms.Form):
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField(help_text="A hint under the box")


def test_choice_groups_and_checkboxes_use_kern_classes_and_the_hint_follows_the_label():
    html = str(Choices())
    assert html.count('class="kern-form-check__radio"') == 2
    assert html.count('class="kern-form-check__checkbox"') == 3
    check = html[html.index('name="agree"') :]
    assert check.index("<label") < check.index('class="kern-hint"')
