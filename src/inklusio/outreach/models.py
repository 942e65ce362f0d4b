"""Outreach log: social media channels, posts, follower counts, press releases and clippings."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Channel(models.Model):
    """One account on one platform (or the project website)."""

    class Platform(models.TextChoices):
        INSTAGRAM = "instagram", "Instagram"
        FACEBOOK = "facebook", "Facebook"
        LINKEDIN = "linkedin", "LinkedIn"
        MASTODON = "mastodon", "Mastodon"
        YOUTUBE = "youtube", "YouTube"
        WEBSITE = "website", _("website")

    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("name"), max_length=120)
    handle = models.CharField(_("handle"), max_length=120, blank=True, help_text=_("For example @bagif_ausbildung"))
    url = models.URLField(_("address (URL)"), blank=True)
    account_id = models.CharField(
        _("account ID"), max_length=64, blank=True, help_text=_("The platform's account ID, as in its CSV exports.")
    )
    projects = models.ManyToManyField(
        "core.Project", verbose_name=_("projects"), blank=True, related_name="outreach_channels"
    )

    class Meta:
        ordering = ["platform", "name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self):
        return f"{self.name} ({self.get_platform_display()})"

    def get_absolute_url(self):
        return reverse("outreach:channel_detail", args=[self.pk])


class Post(models.Model):
    """A planned or published post on a channel, with its metrics as last imported."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        PUBLISHED = "published", _("published")

    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.PROTECT, related_name="posts")
    project = models.ForeignKey(
        "core.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outreach_posts",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    scheduled_at = models.DateTimeField(_("date and time"), db_index=True)
    caption = models.TextField(_("caption"), blank=True)
    link = models.URLField(_("link to the post"), max_length=500, blank=True)
    hashtags = models.CharField(_("hashtags"), max_length=500, blank=True)
    has_image = models.BooleanField(
        _("has an image or video"), default=True, help_text=_("Posts with an image or video need an alt text.")
    )
    alt_text = models.TextField(
        _("alt text"), blank=True, help_text=_("Describes the image for people who cannot see it.")
    )
    promotes = models.CharField(
        _("promotes"), max_length=200, blank=True, help_text=_("The event, programme or offer the post promotes.")
    )
    post_type = models.CharField(_("post type"), max_length=60, blank=True)
    duration_seconds = models.DecimalField(
        _("video length in seconds"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    impressions = models.PositiveIntegerField(_("impressions"), null=True, blank=True)
    likes = models.PositiveIntegerField(_("likes"), null=True, blank=True)
    comments = models.PositiveIntegerField(_("comments"), null=True, blank=True)
    shares = models.PositiveIntegerField(_("shares"), null=True, blank=True)
    saves = models.PositiveIntegerField(_("saves"), null=True, blank=True)
    external_id = models.CharField(_("post ID on the platform"), max_length=64, blank=True)
    metrics_imported_at = models.DateTimeField(_("metrics imported"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-scheduled_at", "-id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"],
                condition=~models.Q(external_id=""),
                name="outreach_post_unique_external_id",
            )
        ]
        indexes = [models.Index(fields=["channel", "scheduled_at"])]

    def __str__(self):
        first_line = (self.caption or "").strip().splitlines()[0] if (self.caption or "").strip() else ""
        return first_line[:80] or f"{self.channel.name} {self.scheduled_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("outreach:post_detail", args=[self.pk])

    @property
    def missing_alt_text(self) -> bool:
        return self.has_image and not self.alt_text.strip()

    @property
    def interactions(self) -> int | None:
        values = [self.likes, self.comments, self.shares, self.saves]
        if all(v is None for v in values):
            return None
        return sum(v or 0 for v in values)


class FollowerSnapshot(models.Model):
    """The follower count of a channel on a date (entered by hand or imported)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("entered by hand")
        IMPORT = "import", _("imported")

    channel = models.ForeignKey(
        Channel, verbose_name=_("channel"), on_delete=models.CASCADE, related_name="follower_snapshots"
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("followers"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        ordering = ["channel", "date"]
        verbose_name = _("follower count")
        verbose_name_plural = _("follower counts")
        constraints = [models.UniqueConstraint(fields=["channel", "date"], name="outreach_snapshot_unique_day")]

    def __str__(self):
        return f"{self.channel.name} {self.date}: {self.count}"


class PressRelease(models.Model):
    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="press_releases"
    )
    title = models.CharField(_("title"), max_length=250)
    sent_on = models.DateField(_("sent on"))
    recipients = models.PositiveIntegerField(_("number of recipients"), null=True, blank=True)
    url = models.URLField(_("address (URL)"), blank=True)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("press release")
        verbose_name_plural = _("press releases")

    def __str__(self):
        return f"{self.sent_on:%d.%m.%Y} {self.title}"

    def get_absolute_url(self):
        return reverse("outreach:release_update", args=[self.pk])


class PressClipping(models.Model):
    """An article or broadcast about the project found in external media (Pressespiegel)."""

    class Medium(models.TextChoices):
        PRINT = "print", _("print")
        ONLINE = "online", _("online")
        RADIO = "radio", _("radio")
        TV = "tv", _("TV")

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="press_clippings"
    )
    outlet = models.CharField(_("outlet"), max_length=200)
    published_on = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    medium = models.CharField(_("medium"), max_length=10, choices=Medium.choices)
    estimated_reach = models.PositiveIntegerField(_("estimated reach"), null=True, blank=True)
    release = models.ForeignKey(
        PressRelease,
        verbose_name=_("press release it covers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clippings",
    )
    covers = models.CharField(
        _("covers"), max_length=200, blank=True, help_text=_("The event or topic the article covers.")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("press clipping")
        verbose_name_plural = _("press clippings")

    def __str__(self):
        return f"{self.outlet}: {self.title}"

    def get_absolute_url(self):
        return reverse("outreach:clipping_update", args=[self.pk])


class OutreachImport(models.Model):
    """An uploaded platform export on its way through preview and import."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        IMPORTED = "imported", _("imported")
        DISCARDED = "discarded", _("discarded")

    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.CASCADE, related_name="imports")
    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    stored_as = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    kind = models.CharField(max_length=10, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return self.filename
