"""What is stored of the use of the digital offers: a day, a page (or a mailing's link) and a count. Nothing else.

No cookie, IP address, user agent, hash or any other trace of a visitor is ever stored (see ``counting.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    HOME = "home", _("Home page")
    EVENTS = "events", _("Events")
    OFFERS = "offers", _("Training offers")
    STORIES = "stories", _("Good-practice examples")
    ARCHIVE = "archive", _("Infoletter archive")
    EASY = "easy", _("Leichte Sprache pages")
    DOWNLOADS = "downloads", _("Downloads")


class PageViewDay(models.Model):
    """How often one public page (or document) was opened on one day."""

    day = models.DateField(_("day"))
    section = models.CharField(_("area"), max_length=12, choices=Section.choices)
    page = models.CharField(_("page"), max_length=300, help_text=_("The address without query string."))
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["day", "page"]
        verbose_name = _("page views on a day")
        verbose_name_plural = _("page views per day")
        constraints = [models.UniqueConstraint(fields=["day", "page"], name="usage_pageview_day_page_unique")]
        indexes = [models.Index(fields=["section", "day"], name="usage_pageview_section_day")]

    def __str__(self):
        return f"{self.day} {self.page}: {self.count}"


class LinkClickDay(models.Model):
    """How often one link of one Infoletter mailing was followed on one day."""

    day = models.DateField(_("day"))
    mailing = models.ForeignKey(
        "mailings.Mailing", verbose_name=_("mailing"), on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(_("link"), max_length=2000)
    url_key = models.CharField(max_length=32)  # digest of the URL: what the unique constraint compares
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        ordering = ["day", "mailing", "url"]
        verbose_name = _("link clicks on a day")
        verbose_name_plural = _("link clicks per day")
        constraints = [
            models.UniqueConstraint(fields=["day", "mailing", "url_key"], name="usage_linkclick_day_link_unique")
        ]

    def __str__(self):
        return f"{self.day} {self.mailing_id} {self.url}: {self.count}"
