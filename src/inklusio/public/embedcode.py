"""The code a site pastes to show inklusio's lists (staff page "On your website"): the frame, the fragment's
address for a server-side include, and the JSON feed, each with the chosen list, language and filters."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

# list -> (frame page, fragment, feed), as URL names
LISTS = {
    "events": ("events_public:embed", "events_public:embed_snippet", "events_public:json_feed"),
    "offers": ("public:offer_embed", "public:offer_snippet", "public:offer_feed"),
    "stories": ("public:story_embed", "public:story_snippet", "public:story_feed"),
}


@dataclass
class EmbedCode:
    frame_url: str
    snippet_url: str
    feed_url: str
    iframe: str
    preview_path: str  # the frame page on this site, for the staff page's preview


def embed_code(what: str, language: str, filters: dict, title) -> EmbedCode:
    """Absolute addresses (SITE_URL) in ``language`` with the non-empty ``filters`` as the query string."""
    query = urlencode({name: value for name, value in filters.items() if value})
    with translation.override(language):
        preview, snippet, feed = (reverse(name) + (f"?{query}" if query else "") for name in LISTS[what])
        title = str(title)  # in the list's language
    frame = settings.SITE_URL + preview
    # Plain text to copy (the page escapes it): its parts escaped here, as they would be in the host's page.
    iframe = (
        f'<iframe src="{escape(frame)}" title="{escape(title)}" style="width: 100%; border: 0" height="600" '
        'loading="lazy"></iframe>'
    )
    return EmbedCode(frame, settings.SITE_URL + snippet, settings.SITE_URL + feed, iframe, preview)
