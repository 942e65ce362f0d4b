"""sitemap.xml, built in plain Python: one query per kind of page, German and English URLs with alternates.

(django.contrib.sitemaps renders every URL through the template engine and translation.override per
alternate, which took about 4 s for 5,000 offers; this takes a fraction of that — see
benchmarks/public_pages.py.)
"""

from xml.sax.saxutils import escape

from django.urls import reverse
from django.utils import translation

from .queries import public_offers, published_stories

LANGUAGES = ["de", "en"]
STATIC_PAGES = [
    "public:home", "public:offer_list", "public:story_list", "public:contact", "public:accessibility",
    "public:imprint", "public:privacy", "public:sitemap",
]  # fmt: skip
# Leichte Sprache exists in German only.
GERMAN_ONLY_PAGES = [
    "public_easy:home", "public_easy:story_list", "public_easy:offer_list", "mailings_easy:signup",
    "public_easy:contact", "public_easy:accessibility", "public_easy:privacy",
]  # fmt: skip


def _prefix(language: str) -> str:
    return "" if language == "de" else f"/{language}"


def entries():
    """(path without language prefix, lastmod date or None, languages) for every public page."""
    with translation.override("de"):
        for name in STATIC_PAGES:
            yield reverse(name), None, LANGUAGES
        for name in GERMAN_ONLY_PAGES:
            yield reverse(name), None, ["de"]
        for pk, updated in public_offers().order_by("pk").values_list("pk", "updated"):
            yield f"/ausbildungsangebote/{pk}/", updated, LANGUAGES
            yield reverse("public_easy:offer_detail", args=[pk]), updated, ["de"]
        for pk, updated in published_stories().order_by("pk").values_list("pk", "updated"):
            yield f"/gute-praxis/{pk}/", updated, LANGUAGES
            yield reverse("public_easy:story_detail", args=[pk]), updated, ["de"]


def render(base_url: str) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
    ]
    for path, lastmod, languages in entries():
        alternates = ""
        if len(languages) > 1:
            alternates = "".join(
                f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(base_url + _prefix(lang) + path)}"/>'
                for lang in languages
            )
        modified = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
        for language in languages:
            parts.append(f"<url><loc>{escape(base_url + _prefix(language) + path)}</loc>{modified}{alternates}</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)
