from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from inklusio.contacts.regions import REGION_CHOICES
from inklusio.core import markdown

from .occupations import OCCUPATIONS, occupation_name

COMPANY_TYPE = "inclusion_company"
# The label of core.roles.COMPANY_CONTACT, repeated here so this app's catalogue carries its German translation.
COMPANY_CONTACT_ROLE_LABEL = _("Company contact (own organisation's training offers only)")


def _english() -> bool:
    return (get_language() or "de").startswith("en")


class SitePage(models.Model):
    """A staff-editable page of the public site, per project (home, Leichte Sprache home, statements)."""

    class Kind(models.TextChoices):
        HOME = "home", _("Home page")
        HOME_EASY = "home_easy", _("Home page in Leichte Sprache")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        IMPRINT = "imprint", _("Imprint")
        PRIVACY = "privacy", _("Privacy policy")

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="site_pages"
    )
    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_de = models.TextField(_("text (German, Markdown)"), blank=True)
    body_en = models.TextField(
        _("text (English, Markdown)"), blank=True, help_text=_("Empty: the German text is shown.")
    )
    compliance = models.CharField(
        _("state of compliance"),
        max_length=10,
        choices=Compliance.choices,
        blank=True,
        help_text=_("Only for the accessibility statement."),
    )
    reviewed_on = models.DateField(
        _("last reviewed on"), null=True, blank=True, help_text=_("Only for the accessibility statement.")
    )
    funding_credit = models.CharField(
        _("funding credit"), max_length=200, blank=True, help_text=_("Home page only, e.g. “Gefördert von …”.")
    )
    funder_logo = models.FileField(_("funder's logo"), upload_to="public/logos/", blank=True)
    funder_logo_alt = models.CharField(_("alternative text of the logo"), max_length=200, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "kind"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")
        constraints = [models.UniqueConstraint(fields=["project", "kind"], name="sitepage_one_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.project})"

    @property
    def title(self) -> str:
        return (self.title_en if _english() else "") or self.title_de

    @property
    def body_language(self) -> str:
        """The language the shown body is written in (German when the English text is missing)."""
        return "en" if _english() and self.body_en.strip() else "de"

    @property
    def body_html(self) -> str:
        return markdown.render(self.body_en if self.body_language == "en" else self.body_de, markdown.PAGE)

    @property
    def body_lines(self) -> list[str]:
        """The German text line by line (Leichte Sprache: one statement per line)."""
        return [line.strip().lstrip("#").strip() for line in self.body_de.splitlines() if line.strip()]


class CompanyContact(models.Model):
    """Links a login to the one inclusion company whose training offers it maintains."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="company_contact"
    )
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="company_contacts",
        limit_choices_to={"stakeholder_type__code": COMPANY_TYPE},
    )

    class Meta:
        verbose_name = _("company contact")
        verbose_name_plural = _("company contacts")

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class TrainingOffer(models.Model):
    """An apprenticeship or training place in an inclusion company ("Ausbildungsangebot")."""

    class Form(models.TextChoices):
        FULL_TIME = "full_time", _("full-time")
        PART_TIME = "part_time", _("part-time")
        SUPPORTED = "supported", _("supported training")

    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="training_offers",
        limit_choices_to={"stakeholder_type__code": COMPANY_TYPE},
    )
    occupation = models.CharField(_("occupation"), max_length=40, choices=OCCUPATIONS, blank=True, db_index=True)
    occupation_other = models.CharField(
        _("other occupation"), max_length=200, blank=True, help_text=_("Only if the occupation is not in the list.")
    )
    region = models.CharField(_("state"), max_length=5, choices=REGION_CHOICES, db_index=True)
    city = models.CharField(_("town"), max_length=100)
    start_date = models.DateField(_("start"), db_index=True)
    form = models.CharField(_("form of training"), max_length=20, choices=Form.choices, default=Form.FULL_TIME)
    places = models.PositiveSmallIntegerField(_("number of places"), default=1)
    description = models.TextField(_("description"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    quiet_room = models.BooleanField(_("quiet room for breaks"), default=False)
    flexible_hours = models.BooleanField(_("flexible working hours"), default=False)
    accessibility_notes = models.TextField(_("more on the workplace's accessibility"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    published = models.BooleanField(_("published"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    ACCESSIBILITY_FIELDS = ["step_free", "accessible_toilet", "quiet_room", "flexible_hours"]

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("training offer")
        verbose_name_plural = _("training offers")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(occupation="", occupation_other=""), name="trainingoffer_has_occupation"
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="trainingoffer_places_positive"),
        ]

    def __str__(self):
        return f"{self.occupation_name} – {self.organisation}"

    def get_absolute_url(self):
        return reverse("public:offer_detail", args=[self.pk])

    @property
    def occupation_name(self) -> str:
        return occupation_name(self.occupation, self.occupation_other)

    @property
    def expired(self) -> bool:
        return self.start_date < timezone.localdate()

    @property
    def accessibility_features(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.ACCESSIBILITY_FIELDS if getattr(self, name)
        ]


class GoodPractice(models.Model):
    """A story of inclusive training in an inclusion company."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=200)
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_practices",
        limit_choices_to={"stakeholder_type__code": COMPANY_TYPE},
    )
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    region = models.CharField(_("state"), max_length=5, choices=REGION_CHOICES, blank=True, db_index=True)
    teaser = models.CharField(_("short description"), max_length=300, blank=True)
    body = models.TextField(_("text (Markdown)"))
    easy_summary = models.TextField(
        _("summary in Leichte Sprache"),
        help_text=_("Short sentences, one statement per line, no abbreviations."),
    )
    tags = models.ManyToManyField("contacts.Tag", verbose_name=_("tags"), blank=True, related_name="good_practices")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    search_text = models.TextField(editable=False, default="")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("good-practice example")
        verbose_name_plural = _("good-practice examples")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Case-folded copy of the searchable text: SQLite's LIKE folds ASCII only ("Ä" would not find "ä").
        parts = [
            self.title,
            self.teaser,
            self.body,
            self.occupation,
            self.organisation.name if self.organisation else "",
        ]
        self.search_text = " ".join(parts).casefold()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("public:goodpractice_detail", args=[self.pk])

    @property
    def body_html(self) -> str:
        return markdown.render(self.body, markdown.PAGE)

    @property
    def easy_lines(self) -> list[str]:
        return [line.strip() for line in self.easy_summary.splitlines() if line.strip()]


class GoodPracticeImage(models.Model):
    story = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(_("image"), upload_to="public/goodpractice/")
    content_type = models.CharField(max_length=40, editable=False)
    alt_text = models.CharField(
        _("alternative text"), max_length=300, help_text=_("What the image shows, for people who cannot see it.")
    )
    caption = models.CharField(pgettext_lazy("picture", "caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        constraints = [models.CheckConstraint(condition=~models.Q(alt_text=""), name="goodpracticeimage_has_alt")]

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return reverse("public:goodpractice_image", args=[self.story_id, self.pk])


class FormSubmission(models.Model):
    """One accepted public form submission, kept for the per-address rate limit."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    email = models.CharField(max_length=254, db_index=True)
    form = models.CharField(max_length=30)

    def __str__(self):
        return f"{self.form} {self.email} {self.at}"
