from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inklusio.core.models import PendingImport, with_updated

from .duplicates import fold as normalise_name  # noqa: F401 — the name the other modules import
from .regions import REGION_CHOICES


def person_sort_key(first_name: str, last_name: str) -> str:
    """German order by last name, then first name, the same on SQLite and PostgreSQL: Böhm before Braun.

    Umlauts and ß are spelled out (DIN 5007-2), accents dropped, case folded; a tab between the names
    sorts below every letter, so "Braun, Zoe" comes before "Brauner, Anna".
    """
    return f"{normalise_name(last_name)}\t{normalise_name(first_name)}"


class StakeholderType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    for_organisations = models.BooleanField(_("used for organisations"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("stakeholder type")
        verbose_name_plural = _("stakeholder types")

    def __str__(self):
        return self.name_en if (get_language() or "de").startswith("en") else self.name_de


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    stakeholder_type = models.ForeignKey(
        StakeholderType, verbose_name=_("stakeholder type"), on_delete=models.PROTECT, related_name="organisations"
    )
    region = models.CharField(_("region"), max_length=5, choices=REGION_CHOICES, blank=True, db_index=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="organisations")
    notes = models.TextField(_("notes"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["name_key", "name", "id"]  # name_key: German order (Böhm before Braun) on every database
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["updated", "id"], name="organisation_changed")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalise_name(self.name)
        super().save(*args, **with_updated(kwargs))

    def get_absolute_url(self):
        return reverse("contacts:organisation_detail", args=[self.pk])


class Person(models.Model):
    class Salutation(models.TextChoices):
        NONE = "", _("none")
        MS = "ms", _("Ms")
        MR = "mr", _("Mr")
        MX = "mx", _("Mx (gender-neutral)")

    salutation = models.CharField(_("salutation"), max_length=4, choices=Salutation.choices, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    academic_title = models.CharField(_("title"), max_length=40, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    sort_key = models.CharField(max_length=210, editable=False, default="")
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    stakeholder_type = models.ForeignKey(
        StakeholderType,
        verbose_name=_("own stakeholder type"),
        help_text=_("Only where it is the person's own, e.g. apprentice or teacher."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    region = models.CharField(_("region"), max_length=5, choices=REGION_CHOICES, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", verbose_name=_("organisations"), related_name="people"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="people")
    notes = models.TextField(_("notes"), blank=True)
    anonymised = models.BooleanField(_("anonymised"), default=False, editable=False)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_key", "id"]  # German order (Böhm before Braun) on every database
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="person_email_unique_ci")
        ]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="person_german_sort"),
            models.Index(fields=["updated", "id"], name="person_changed"),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.derive_fields()
        if (fields := kwargs.get("update_fields")) is not None and {"first_name", "last_name"} & set(fields):
            kwargs["update_fields"] = {*fields, "name_key", "sort_key"}
        super().save(*args, **with_updated(kwargs))

    def get_absolute_url(self):
        return reverse("contacts:person_detail", args=[self.pk])

    def derive_fields(self):
        """The fields that follow from others, as every save writes them (also for an insert written as SQL)."""
        self.email = self.email.strip().lower()
        self.name_key = normalise_name(self.first_name, self.last_name)
        self.sort_key = person_sort_key(self.first_name, self.last_name)

    @property
    def full_name(self):
        if self.anonymised:
            return _("Anonymised person #%(id)s") % {"id": self.pk}
        return " ".join(p for p in (self.academic_title, self.first_name, self.last_name) if p)


class Affiliation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="affiliations"
    )
    role = models.CharField(_("role"), max_length=100, blank=True)
    start = models.DateField(_("since"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "role"], name="affiliation_unique"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="affiliation_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation}"


ERASED_TEXT = "[erased]"  # what an erasure or the retention run leaves in place of a text


def stakeholder_type_copy():
    """A copy of a stakeholder type that the database keeps (contacts/inquiry_types.py), never written by forms."""
    return models.ForeignKey(
        StakeholderType,
        null=True,
        editable=False,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )


class Inquiry(models.Model):
    """A direct contact ("Kontaktaufnahme") with the project."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("email")
        PHONE = "phone", _("phone")
        WEB_FORM = "web_form", _("web form")
        EVENT = "event", _("at an event")
        SOCIAL = "social", _("social media")
        LETTER = "letter", _("letter")
        IN_PERSON = "in_person", _("in person")

    class Kind(models.TextChoices):
        GENERAL = "general", _("general question")
        TRAINING_OFFER = "training_offer", _("about a training place")
        ACCESSIBILITY = "accessibility", _("accessibility feedback")
        PRESS = "press", _("press")
        COOPERATION = "cooperation", _("cooperation")

    class Outcome(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        REFERRED = "referred", _("referred to a partner")
        CLOSED = "closed", _("closed without answer")

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="inquiries"
    )
    received_on = models.DateField(_("received on"), db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    topic = models.CharField(_("topic"), max_length=200)
    message = models.TextField(_("message"), blank=True)
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.OPEN)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
    )
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False, db_index=True)
    # Copies of the person's own and the organisation's stakeholder type, kept by the database (inquiry_types.py):
    # the report counts inquiries per type from this table alone. Read them only there; an instance in memory may
    # hold a stale copy.
    person_type = stakeholder_type_copy()
    organisation_type = stakeholder_type_copy()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        indexes = [
            models.Index(fields=["updated", "id"], name="inquiry_changed"),
            # The staff overview's open inquiries, next follow-up first (contacts.queries.open_inquiries_for_user).
            models.Index(
                fields=["follow_up_on", "received_on", "id"],
                condition=Q(outcome="open"),
                name="inquiry_open_by_follow_up",
            ),
            # The retention schedule's inquiries still due (contacts.retention): a few among many anonymised ones.
            models.Index(
                fields=["received_on", "id"],
                condition=~Q(outcome="open") & (~Q(topic=ERASED_TEXT) | ~Q(message="") | ~Q(outcome_note="")),
                name="inquiry_retention_due",
            ),
        ]

    def __str__(self):
        return self.topic

    def save(self, *args, **kwargs):
        super().save(*args, **with_updated(kwargs))

    def get_absolute_url(self):
        return reverse("contacts:inquiry_detail", args=[self.pk])


class ContactImport(PendingImport):
    """An uploaded contact file on its way through mapping, preview and import."""

    mapping = models.JSONField(default=dict)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)


class SuppressionEntry(models.Model):
    """An address that must not be added again automatically (after erasure); stored only as a keyed hash."""

    digest = models.CharField(_("keyed hash of the address"), max_length=64, unique=True, editable=False)
    reason = models.CharField(_("reason"), max_length=60)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("suppression entry")
        verbose_name_plural = _("suppression entries")
        default_permissions = ("view",)
        db_table = "privacy_suppressionentry"  # moved from the privacy app; the table (and its data) stayed

    def __str__(self):
        return f"{self.reason} {self.created:%Y-%m-%d}"


class NotDuplicatePair(models.Model):
    """Two people staff said are not the same person: the likely-duplicates list leaves them out."""

    low = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair that is not a duplicate")
        verbose_name_plural = _("pairs that are not duplicates")
        constraints = [
            models.UniqueConstraint(fields=["low", "high"], name="not_duplicate_pair_once"),
            models.CheckConstraint(condition=models.Q(low__lt=models.F("high")), name="not_duplicate_pair_ordered"),
        ]

    def __str__(self):
        return f"{self.low_id} ≠ {self.high_id}"


class DuplicatePair(models.Model):
    """A likely duplicate pair found by the worker's search (``duplicates_search.py``), shown by the list page.

    The search replaces all rows at once; a merge (the person goes) and "not a duplicate" remove a row at once.
    """

    low = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=30)
    rank = models.PositiveSmallIntegerField()  # strongest reason first: email, name and organisation, similar name

    class Meta:
        ordering = ["rank", "low", "high"]
        constraints = [models.UniqueConstraint(fields=["low", "high"], name="duplicate_pair_once")]
        indexes = [models.Index(fields=["rank", "low", "high"], name="duplicate_pair_order")]
        default_permissions = ()

    def __str__(self):
        return f"{self.low_id} ≈ {self.high_id} ({self.reason})"


class DuplicateSearch(models.Model):
    """One run of the likely-duplicate search: when, over how many people, how many pairs it found and listed."""

    started = models.DateTimeField()
    finished = models.DateTimeField()
    people = models.PositiveIntegerField()
    pairs = models.PositiveIntegerField()  # found (less those dismissed)
    listed = models.PositiveIntegerField(default=0)  # stored for the list: the strongest, at most LISTED_PAIRS
    oversized_blocks = models.PositiveIntegerField(default=0)  # very common names not expanded into pairs

    class Meta:
        ordering = ["-finished", "-id"]
        get_latest_by = "finished"
        default_permissions = ()

    def __str__(self):
        return f"{self.finished:%Y-%m-%d %H:%M}: {self.pairs}"
