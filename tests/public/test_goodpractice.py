"""Good-practice library: drafts, search, filters, images with alt text and upload limits."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from inklusio.contacts.models import Tag
from inklusio.public import services
from inklusio.public.models import GoodPractice, GoodPracticeImage

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


def test_drafts_are_hidden_from_the_public_but_shown_to_staff(client, staff, story, draft):
    response = client.get("/gute-praxis/")
    assert list(response.context["page_obj"]) == [story]
    assert client.get(f"/gute-praxis/{draft.pk}/").status_code == 404
    assert client.get(f"/leichte-sprache/gute-praxis/{draft.pk}/").status_code == 404
    client.force_login(staff)
    assert client.get(f"/gute-praxis/{draft.pk}/").status_code == 200


def test_full_text_search_is_case_insensitive_over_text_tags_and_company(client, story, company):
    other = GoodPractice.objects.create(
        title="Bäckerei", body="Früh aufstehen.", easy_summary="Brot.", status="published", region="DE-BY"
    )
    other.tags.add(Tag.objects.create(name="Handwerk"))

    def shown(query):
        return set(client.get("/gute-praxis/?" + query).context["page_obj"])

    assert shown("q=GEBÄRDEN") == {story}
    assert shown("q=früh") == {other}
    assert shown("q=handwerk") == {other}
    assert shown("q=brückenwerk") == {story}
    assert shown("q=gebärden bäckerei") == set()
    assert shown("region=DE-BY") == {other}
    assert shown(f"tag={story.tags.get().pk}") == {story}
    assert shown("tag=999999") == {story, other}  # an unknown tag is an invalid filter, ignored


def test_story_detail_renders_sanitised_markdown_and_links_to_leichte_sprache(client, story):
    story.body = "Text mit **fett** und <script>alert(1)</script>"
    story.save()
    html = client.get(f"/gute-praxis/{story.pk}/").content.decode()
    assert "<strong>fett</strong>" in html
    assert "<script>alert" not in html
    assert f"/leichte-sprache/gute-praxis/{story.pk}/" in html


def upload(content=None, name="bild.png"):
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type="image/png")


def test_image_upload_with_alt_text_is_served_only_for_visible_stories(client, story, draft):
    image = services.add_image(story, upload(), "Ein Azubi am Regal", "Im Lager")
    assert image.content_type == "image/png"
    response = client.get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    hidden = services.add_image(draft, upload(), "Entwurfsbild")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/gute-praxis/{story.pk}/bilder/{hidden.pk}/").status_code == 404


def test_image_needs_alt_text(story):
    with pytest.raises(ValidationError) as error:
        services.add_image(story, upload(), "   ")
    assert "alt_text" in error.value.message_dict
    with pytest.raises(IntegrityError):
        GoodPracticeImage.objects.create(story=story, image="x.png", content_type="image/png", alt_text="")


@pytest.mark.parametrize(
    "content,name",
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "x.png"),
        (b"GIF89a" + b"\0" * 20, "x.gif"),
        (b"", "e.png"),
        (b"\x89PNG\r\n\x1a\nbroken", "b.png"),
    ],
)
def test_non_images_and_unsupported_types_are_refused(story, content, name):
    with pytest.raises(ValidationError):
        services.add_image(story, upload(content, name), "Beschreibung")
    assert not story.images.exists()


def test_too_large_images_are_refused(story, settings):
    settings.PUBLIC_IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        services.add_image(story, upload(png_bytes((400, 400))), "Beschreibung")
    assert "image" in error.value.message_dict


def test_staff_upload_form_shows_errors(client, staff, story):
    client.force_login(staff)
    url = f"/staff/site/good-practice/{story.pk}/images/"
    response = client.post(url, {"image": upload(b"not an image"), "alt_text": "Etwas"})
    assert response.status_code == 200
    assert response.context["form"].errors
    response = client.post(url, {"image": upload(), "alt_text": ""})
    assert "alt_text" in response.context["form"].errors
    response = client.post(url, {"image": upload(), "alt_text": "Ein Azubi am Regal"})
    assert response.status_code == 302
    assert story.images.count() == 1
    response = client.post(url, {"delete": story.images.get().pk})
    assert not story.images.exists()


def test_staff_create_and_publish_story(client, staff, company):
    client.force_login(staff)
    data = {
        "title": "Neu",
        "organisation": company.pk,
        "body": "Text",
        "easy_summary": "Kurz.",
        "status": "published",
        "region": "DE-HE",
    }
    response = client.post("/staff/site/good-practice/new/", data)
    story = GoodPractice.objects.get()
    assert response["Location"] == f"/staff/site/good-practice/{story.pk}/images/"
    assert client.get("/gute-praxis/").context["page_obj"][0] == story


def test_read_only_cannot_edit_stories(client, make_user, story):
    client.force_login(make_user("read_only"))
    assert client.get("/staff/site/good-practice/").status_code == 200
    assert client.get(f"/staff/site/good-practice/{story.pk}/edit/").status_code == 403
