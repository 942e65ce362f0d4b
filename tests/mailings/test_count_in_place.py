"""Issue 16: counting recipients stays on the form (a POST, nothing in the URL, nothing lost); the greeting preview."""

import re

import pytest
from django.urls import reverse

from inklusio.mailings import rendering, services
from inklusio.mailings.models import Mailing, Topic
from inklusio.mailings.rendering import PreparedMailing

from .factories import mailing, subscriber

pytestmark = pytest.mark.django_db

BODY = "# Neues\n\nEin langer Text, der beim Zählen nicht verloren gehen darf: äöü & <b>."


@pytest.fixture
def audience():
    subscriber("a@example.org", name="Ayşe Yılmaz", topics=["ausbildung"], region="DE-NW")
    subscriber("b@example.org", topics=["ausbildung"], region="DE-HE")
    subscriber("c@example.org", topics=["netzwerke"], region="DE-NW")
    subscriber("d@example.org", status="pending", topics=["ausbildung"], region="DE-NW")


def _form_data(project, **extra):
    topic = Topic.objects.get(code="ausbildung")
    return {
        "project": project.pk,
        "subject": "Infoletter 3/2026",
        "language": "de",
        "body": BODY,
        "topics": [topic.pk],
        "regions": ["DE-NW"],
        **extra,
    }


def test_form_counts_by_post_never_by_a_get_with_the_token(client, staff, audience):
    client.force_login(staff)
    page = client.get(reverse("mailings:mailing_create")).content.decode()
    assert 'formmethod="get"' not in page
    assert 'name="action" value="count"' in page and "data-hx-post" in page
    assert "data-hx-get" not in page.split('id="mailing-form"')[1].split("</form>")[0]
    assert client.get(reverse("mailings:segment_count"), {"csrfmiddlewaretoken": "x", "body": BODY}).status_code == 405


def test_htmx_count_returns_the_fragment_with_the_real_recipients(client, staff, project, audience):
    client.force_login(staff)
    response = client.post(reverse("mailings:segment_count"), _form_data(project), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.content.decode().startswith('<span id="segment-count">1 ')
    assert "<html" not in response.content.decode()
    everyone = client.post(reverse("mailings:segment_count"), {}, headers={"HX-Request": "true"})
    assert '<span id="segment-count">3 ' in everyone.content.decode()  # confirmed only
    bad = client.post(reverse("mailings:segment_count"), {"topics": ["999999"]}, headers={"HX-Request": "true"})
    assert bad.status_code == 200 and "Auswahl ist ungültig" in bad.content.decode()


def test_count_without_javascript_rerenders_the_form_with_nothing_lost(client, staff, project, audience):
    client.force_login(staff)
    data = _form_data(project, action="count")
    response = client.post(reverse("mailings:mailing_create"), data)
    assert response.status_code == 200
    assert not Mailing.objects.exists()  # counting saves nothing
    html = response.content.decode()
    assert '<span id="segment-count">1 ' in html
    assert "Infoletter 3/2026" in html
    assert "beim Zählen nicht verloren gehen darf: äöü &amp; &lt;b&gt;." in html  # the text, escaped
    region_box = re.search(r'<input[^>]*value="DE-NW"[^>]*>', html).group(0)
    assert " checked" in region_box
    assert "error-summary" not in html  # no complaints for a count
    # the count equals the recipients of the mailing once saved
    client.post(reverse("mailings:mailing_create"), _form_data(project))
    saved = Mailing.objects.get()
    assert services.recipients(saved).count() == 1
    assert saved.body == BODY


def test_count_with_missing_fields_keeps_what_was_typed(client, staff, project, audience):
    client.force_login(staff)
    response = client.post(reverse("mailings:mailing_create"), {"body": BODY, "subject": "", "action": "count"})
    assert response.status_code == 200 and not Mailing.objects.exists()
    assert "beim Zählen" in response.content.decode()
    assert '<span id="segment-count">3 ' in response.content.decode()


def test_counting_on_the_edit_form_does_not_change_the_mailing(client, staff, project, audience):
    m = mailing(project=project)
    client.force_login(staff)
    response = client.post(reverse("mailings:mailing_update", args=[m.pk]), _form_data(project, action="count"))
    assert response.status_code == 200
    m.refresh_from_db()
    assert m.subject == "Infoletter Ausbildung 1/2025" and not m.topics.exists()


@pytest.mark.parametrize("role", ["read_only", "network_coordinator"])
def test_roles_without_composing_cannot_count(client, make_user, role, audience):
    client.force_login(make_user(role))
    assert client.post(reverse("mailings:segment_count"), {}, headers={"HX-Request": "true"}).status_code == 403


def test_editor_previews_the_greeting_with_and_without_a_name(client, staff, audience):
    client.force_login(staff)
    html = client.get(reverse("mailings:mailing_create")).content.decode()
    assert '<strong id="greeting-named">Guten Tag Alex Beispiel,</strong>' in html
    assert '<strong id="greeting-neutral">Guten Tag,</strong>' in html
    assert html.index('id="id_body"') < html.index('id="greeting-heading"') < html.index('name="topics"')
    english = client.post(reverse("mailings:mailing_create"), {"language": "en", "action": "count"})
    assert "Dear Alex Beispiel," in english.content.decode() and ">Hello,</strong>" in english.content.decode()
    odd = client.post(reverse("mailings:mailing_create"), {"language": "xx", "action": "count"})
    assert "Guten Tag Alex Beispiel," in odd.content.decode()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Ayşe Yılmaz", "Guten Tag Ayşe Yılmaz,"), ("", "Guten Tag,"), ("https://spam.example", "Guten Tag,")],
)
def test_preview_greeting_is_the_one_the_mail_begins_with(name, expected):
    m = mailing()
    person = subscriber(f"{len(name)}@example.org", name=name)
    assert rendering.greeting(name, "de") == expected
    assert expected in PreparedMailing(m).message(person).body
