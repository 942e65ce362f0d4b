"""The staff page "On your own website": it builds the frame code, the fragment's address and the feed from the
chosen list, language and filters (escaped, absolute, nothing stored), says whether any site may frame the
lists yet, and refuses unknown choices with the form's errors."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/staff/site/embed/"


def test_without_choices_only_the_form_and_the_notice(client, lead, settings):
    settings.EMBED_ALLOWED_PARENTS = []
    client.force_login(lead)
    page = client.get(URL).content.decode()
    assert "Noch darf keine andere Website die Listen in einem Rahmen zeigen." in page
    assert "<iframe" not in page


def test_the_code_for_hessian_events_in_english(client, lead, project, settings):
    settings.SITE_URL = "https://inklusio.verein.de"
    settings.EMBED_ALLOWED_PARENTS = ["https://www.verein.de"]
    client.force_login(lead)
    response = client.get(URL, {"what": "events", "language": "en", "region": "DE-HE", "project": project.slug})
    code = response.context["code"]
    assert code.frame_url == f"https://inklusio.verein.de/en/events/embed/?region=DE-HE&project={project.slug}"
    assert code.snippet_url.startswith("https://inklusio.verein.de/en/events/embed/snippet.html?region=DE-HE")
    assert code.feed_url.startswith("https://inklusio.verein.de/en/events/feed.json?")
    page = response.content.decode()
    assert "&lt;iframe src=&quot;https://inklusio.verein.de/en/events/embed/?region=DE-HE&amp;amp;project=" in page
    assert "title=&quot;Upcoming events&quot;" in page  # text to copy, in the list's language
    assert f'<iframe class="embed-preview" src="/en/events/embed/?region=DE-HE&amp;project={project.slug}"' in page
    assert "https://www.verein.de" in page


def test_offers_ignore_the_event_filters(client, lead, project):
    client.force_login(lead)
    response = client.get(URL, {"what": "offers", "language": "de", "kind": "workshop", "region": "DE-BY"})
    assert response.context["code"].preview_path == "/ausbildungsangebote/embed/?region=DE-BY"


@pytest.mark.parametrize(
    "query",
    [{"what": "contacts", "language": "de"}, {"what": "events", "language": "fr"}, {"what": "events", "region": "XY"}],
)
def test_unknown_choices_are_refused_with_the_forms_errors(client, lead, query):
    client.force_login(lead)
    response = client.get(URL, query)
    assert response.status_code == 200 and response.context["code"] is None
    assert response.context["form"].errors


def test_only_staff_who_see_the_public_site(client, make_user):
    client.force_login(make_user("network_coordinator"))
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
