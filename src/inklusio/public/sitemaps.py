from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .queries import public_offers, published_stories

STATIC_PAGES = [
    "public:home", "public:offer_list", "public:story_list", "public:contact", "public:accessibility",
    "public:imprint", "public:privacy", "public:sitemap", "public_easy:home", "public_easy:story_list",
]  # fmt: skip


class StaticSitemap(Sitemap):
    i18n = True
    languages = ["de", "en"]

    def items(self):
        return STATIC_PAGES

    def location(self, item):
        return reverse(item)


class OfferSitemap(Sitemap):
    i18n = True
    languages = ["de", "en"]

    def items(self):
        return public_offers().order_by("pk")

    def lastmod(self, offer):
        return offer.updated


class StorySitemap(Sitemap):
    i18n = True
    languages = ["de", "en"]

    def items(self):
        return published_stories().order_by("pk")

    def lastmod(self, story):
        return story.updated


SITEMAPS = {"pages": StaticSitemap, "offers": OfferSitemap, "stories": StorySitemap}
