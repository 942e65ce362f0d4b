"""Events: expert days, the online congress, workshops; programme, registrations, support needs, feedback."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inklusio.contacts.regions import REGION_CHOICES
from inklusio.core.models import PendingImport, with_updated


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE_DAY = "conference_day", _("expert day")
        ONLINE_CONGRESS = "online_congress", _("online congress")
        WORKSHOP = "workshop", _("workshop")
        HYBRID = "hybrid", _("hybrid event")

    class Visibility(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLIC = "public", _("public")

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE_DAY)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name (web address)"), max_length=80, unique=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    region = models.CharField(
        _("state"),
        max_length=5,
        choices=REGION_CHOICES,
        blank=True,
        db_index=True,
        help_text=_("Where the event takes place, for the event lists on other websites. Empty for online events."),
    )
    accessibility_info = models.TextField(
        _("accessibility of the venue"), blank=True, help_text=_("Step-free access, toilets, induction loop, parking.")
    )
    room_url = models.URLField(
        _("room address (video conference)"),
        blank=True,
        max_length=500,
        help_text=_(
            "BigBlueButton, Jitsi Meet, Zoom, Teams, Webex… Never shown or mailed: confirmed registrants get "
            "a personal join link that leads here."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    description_easy = models.TextField(_("description in Leichte Sprache"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty: no limit."))
    # The confirmed registrations, kept by events.services in the same transaction as every change of a
    # registration to or from "confirmed": a seat is taken by one conditional UPDATE of this counter.
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.DRAFT)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    attendance_min_minutes = models.PositiveSmallIntegerField(
        _("minimum minutes to count as attended"),
        default=15,
        help_text=_("For attendance imported from a video platform's report: shorter visits are not counted."),
    )
    support_needs_purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]
        # The retention dry run lists past registrations by their event's end: walked in this order, not sorted.
        indexes = [models.Index(fields=["ends_at"], name="event_ends_at")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """A full save of an existing event never writes ``seats_taken``: the instance's copy may be stale, and
        only the services change the counter (with UPDATE ... SET seats_taken = seats_taken ± n)."""
        if (
            self.pk
            and not self._state.adding
            and kwargs.get("update_fields") is None
            and not kwargs.get("force_insert")
        ):
            kwargs["update_fields"] = [
                f.attname for f in self._meta.concrete_fields if not f.primary_key and f.attname != "seats_taken"
            ]
        return super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:event_detail", args=[self.pk])

    def get_public_url(self):
        return reverse("events_public:detail", args=[self.slug])

    @property
    def is_online(self) -> bool:
        return self.kind in (self.Kind.ONLINE_CONGRESS, self.Kind.HYBRID)

    @property
    def has_venue(self) -> bool:
        return self.kind != self.Kind.ONLINE_CONGRESS

    def days(self) -> list:
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(self.ends_at).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]

    def registration_state(self, now=None) -> str:
        """One of: cancelled, draft, not_open, closed, past, open."""
        now = now or timezone.now()
        if self.cancelled:
            return "cancelled"
        if self.visibility != self.Visibility.PUBLIC:
            return "draft"
        if self.registration_opens and now < self.registration_opens:
            return "not_open"
        if self.ends_at < now:
            return "past"
        if self.registration_closes and now > self.registration_closes:
            return "closed"
        return "open"


class ProgrammeItem(models.Model):
    class Format(models.TextChoices):
        TALK = "talk", _("talk")
        PANEL = "panel", _("panel discussion")
        WORKSHOP = "workshop", _("workshop")
        WORLD_CAFE = "world_cafe", _("World Café")
        BREAK = "break", _("break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.TALK)
    room = models.CharField(_("room"), max_length=100, blank=True)
    room_url = models.URLField(
        _("own room address (video conference)"),
        blank=True,
        max_length=500,
        help_text=_("Only if this item has its own room; empty: the event's room. Never shown or mailed."),
    )
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0, editable=False)  # order among same-time items
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "position", "id"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self):
        return self.title


class Contribution(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("speaker")
        MODERATOR = "moderator", _("moderator")
        HOST = "host", _("host")

    class Perspective(models.TextChoices):
        APPRENTICE_WITH_DISABILITY = "apprentice_with_disability", _("apprentice with a disability")
        APPRENTICE_WITHOUT_DISABILITY = "apprentice_without_disability", _("apprentice without a disability")
        COMPANY = "company", _("company")
        INCLUSION_COMPANY = "inclusion_company", _("inclusion company")
        CHAMBER = "chamber", _("chamber")
        INTEGRATION_OFFICE = "integration_office", _("integration office")
        EMPLOYMENT_SERVICE = "employment_service", _("job centre or employment agency")
        INTEGRATION_SERVICE = "integration_service", _("integration service")
        SCHOOL = "school", _("vocational school")
        RESEARCH = "research", _("research")
        ASSOCIATION = "association", _("association")
        OTHER = "other", _("other")

    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="contributions")
    person = models.ForeignKey(
        "contacts.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="event_contributions"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    perspective = models.CharField(_("perspective"), max_length=40, choices=Perspective.choices, blank=True)

    class Meta:
        ordering = ["item", "role", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [models.UniqueConstraint(fields=["item", "person", "role"], name="contribution_unique")]

    def __str__(self):
        return f"{self.person} – {self.item}"


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        CHOICE = "choice", _("choice")
        YES_NO = "yes_no", _("yes or no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=200)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For choice questions: one choice per line."))
    required = models.BooleanField(_("answer required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    class Source(models.TextChoices):
        PUBLIC = "public", _("registration form")
        STAFF = "staff", _("registered by staff")
        WALK_IN = "walk_in", _("walk-in at check-in")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey(
        "contacts.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_type = models.ForeignKey(
        "contacts.StakeholderType", verbose_name=_("stakeholder type"), null=True, blank=True, on_delete=models.PROTECT
    )
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    photo_consent = models.BooleanField(_("photo consent"), default=False)
    language = models.CharField(_("language"), max_length=8, default="de")
    # Registered through the Leichte Sprache form: the mails about this registration are in Leichte Sprache and
    # their personal link leads to the personal page in Leichte Sprache.
    easy_language = models.BooleanField(_("registered in Leichte Sprache"), default=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # The personal join link's token: separate from ``token`` so a forwarded join link does not open the
    # personal page (change, cancel), and a personal link does not record attendance.
    join_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    was_waitlisted = models.BooleanField(_("was on the waiting list"), default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    feedback_invited_at = models.DateTimeField(null=True, blank=True)
    link_resent_at = models.DateTimeField(null=True, blank=True)  # a repeat registration mailed the link again
    source = models.CharField(_("registered through"), max_length=10, choices=Source.choices, default=Source.PUBLIC)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="registration_once_per_person")]
        indexes = [
            models.Index(fields=["event", "status", "created"], name="registration_queue"),
            models.Index(fields=["updated", "id"], name="registration_changed"),
        ]

    def __str__(self):
        return f"{self.person} – {self.event}"

    def save(self, *args, **kwargs):
        super().save(*args, **with_updated(kwargs))

    def get_personal_url(self):
        return reverse("events_public:personal", args=[self.token])

    def get_easy_personal_url(self):
        return reverse("events_easy:personal", args=[self.token])

    def join_url(self, item: "ProgrammeItem | None" = None) -> str:
        """The path of the personal join link (of the event, or of one programme item with its own room)."""
        if item is None:
            return reverse("join:event", args=[self.join_token])
        return reverse("join:item", args=[self.join_token, item.pk])

    def join_link(self, item: "ProgrammeItem | None" = None) -> str:
        return settings.SITE_URL + self.join_url(item)

    def personal_link(self) -> str:
        return settings.SITE_URL + self.get_personal_url()


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "question"], name="answer_once")]

    def __str__(self):
        return self.value


class AttendanceSource(models.TextChoices):
    CHECK_IN = "check_in", _("check-in at the venue")
    JOIN_LINK = "join_link", _("personal join link")
    PLATFORM_REPORT = "platform_report", _("video platform's attendance report")
    STAFF = "staff", _("entered by staff")


class Attendance(models.Model):
    """One check-in of a registration on one day of the event."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    via = models.CharField(
        _("recorded through"), max_length=20, choices=AttendanceSource.choices, default=AttendanceSource.CHECK_IN
    )
    # Minutes present where a video platform reports them; unknown (None) for a check-in at the door.
    minutes = models.PositiveIntegerField(_("minutes attended"), null=True, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["registration", "day"], name="attendance_once_per_day")]

    def __str__(self):
        return f"{self.registration} {self.day}"


class AttendanceImport(PendingImport):
    """A video platform's attendance report for one day of an event, read and matched, waiting for review.

    Read in the request (reports are small; see ``attendance_import``): no file is kept, only what the review
    page shows (``review``); once imported or discarded, the names in it are dropped and only the counts stay."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_imports")
    day = models.DateField(_("day"))
    digest = models.CharField(max_length=64, db_index=True)  # SHA-256 of the upload: the same report comes once
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)


class SupportKind(models.TextChoices):
    SIGN_LANGUAGE = "sign_language", _("sign-language interpreting")
    SPEECH_TO_TEXT = "speech_to_text", _("speech-to-text interpreting")
    INDUCTION_LOOP = "induction_loop", _("induction loop")
    STEP_FREE = "step_free", _("step-free access")
    EASY_LANGUAGE = "easy_language", _("material in easy language")
    COMPANION = "companion", _("a companion comes along")
    OTHER = "other", _("other")


class SupportNeed(models.Model):
    """Health-related data (GDPR Art. 9): only with explicit consent, deleted after the event."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="support_needs")
    kind = models.CharField(_("support need"), max_length=20, choices=SupportKind.choices)
    detail = models.CharField(_("details"), max_length=500, blank=True)
    consent_at = models.DateTimeField(_("consent given"))

    class Meta:
        verbose_name = _("support need")
        verbose_name_plural = _("support needs")
        constraints = [models.UniqueConstraint(fields=["registration", "kind"], name="support_need_once")]

    def __str__(self):
        return self.get_kind_display()


class SupportNeedCount(models.Model):
    """What stays of an event's support needs after deletion: counts per kind."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="support_need_counts")
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "kind"], name="support_need_count_once")]

    def __str__(self):
        return f"{self.event}: {self.kind} × {self.count}"


class FeedbackResponse(models.Model):
    """An anonymous feedback answer: it does not point at the registration (see FeedbackReceipt)."""

    RATINGS = [(n, str(n)) for n in range(1, 6)]

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    overall = models.PositiveSmallIntegerField(_("overall"), choices=RATINGS)
    content = models.PositiveSmallIntegerField(_("content"), choices=RATINGS)
    accessibility = models.PositiveSmallIntegerField(_("accessibility"), choices=RATINGS)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["event", "overall"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.event}: {self.overall}"


class FeedbackReceipt(models.Model):
    """Marks that a registration has answered the survey, without saying what it answered."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback_receipt")

    def __str__(self):
        return str(self.registration_id)


class SupportBooking(models.Model):
    """What the organisers arranged for one kind of support at an event: provider, time, cost, status, and the
    registrations it serves. Linking a registration to a booking says what that person needs, so the links are
    health-related data like :class:`SupportNeed` (same permission, same deletion after the event); the number
    of people served stays in ``served_count`` once the links are deleted."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested, not booked yet")
        BOOKED = "booked", _("booked")
        PROVIDED = "provided", _("provided")
        NOT_POSSIBLE = "not_possible", _("not possible")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="support_bookings")
    kind = models.CharField(_("support"), max_length=20, choices=SupportKind.choices)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("from"), null=True, blank=True)
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)
    cost = models.DecimalField(_("cost in euros"), max_digits=9, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    reason = models.CharField(_("reason it is not possible"), max_length=500, blank=True)
    registrations = models.ManyToManyField(
        Registration,
        verbose_name=_("people it serves"),
        through="SupportBookingServed",
        related_name="support_bookings",
        blank=True,
    )
    served_count = models.PositiveIntegerField(default=0, editable=False)  # kept when the links are deleted
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "starts_at", "id"]
        verbose_name = _("support booking")
        verbose_name_plural = _("support bookings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="support_booking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0), name="support_booking_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="not_possible") | ~models.Q(reason=""),
                name="support_booking_not_possible_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("events:support_booking_edit", args=[self.event_id, self.pk])


class SupportBookingServed(models.Model):
    """One registration served by a booking; ``told_at`` marks the one message that the support was booked."""

    booking = models.ForeignKey(SupportBooking, on_delete=models.CASCADE, related_name="served")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="support_served")
    told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["booking", "registration"], name="support_booking_serves_once")]

    def __str__(self):
        return f"{self.booking_id} → {self.registration_id}"


class OnlineJoin(models.Model):
    """Someone opened their personal join link (and followed it through): when first, when last, how often.

    One row per registration and room (``item`` None: the event's room). No IP address, no user agent.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="online_joins")
    item = models.ForeignKey(
        ProgrammeItem, verbose_name=_("programme item"), null=True, blank=True, on_delete=models.CASCADE
    )
    first_joined_at = models.DateTimeField(_("first joined"))
    last_joined_at = models.DateTimeField(_("last joined"))
    joins = models.PositiveIntegerField(_("number of joins"), default=1)

    class Meta:
        ordering = ["first_joined_at", "id"]
        verbose_name = _("online join")
        verbose_name_plural = _("online joins")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"], condition=models.Q(item__isnull=True), name="online_join_once_per_event"
            ),
            models.UniqueConstraint(
                fields=["registration", "item"],
                condition=models.Q(item__isnull=False),
                name="online_join_once_per_item",
            ),
            models.CheckConstraint(
                condition=models.Q(last_joined_at__gte=models.F("first_joined_at")), name="online_join_last_after_first"
            ),
        ]

    def __str__(self):
        return f"{self.registration} × {self.joins}"
