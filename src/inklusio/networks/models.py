"""Regional networks: members, meetings, invitations, attendance and meeting documents."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inklusio.contacts.regions import REGION_CHOICES

REGION_NAMES = dict(REGION_CHOICES)


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Network(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        PAUSED = "paused", _("paused")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=200)
    regions = models.JSONField(_("regions"), default=list, blank=True, help_text=_("Region codes, e.g. DE-HE."))
    founded_on = models.DateField(_("founded on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("coordinators"), blank=True, related_name="coordinated_networks"
    )
    projects = models.ManyToManyField(
        "core.Project", verbose_name=_("projects it serves"), blank=True, related_name="networks"
    )
    description = models.TextField(_("description"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["founded_on", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        permissions = [("view_all_networks", _("Can see every network, not only coordinated ones"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("founded_on")),
                name="network_closed_after_founded",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:network_detail", args=[self.pk])

    @property
    def region_names(self) -> list[str]:
        return [REGION_NAMES.get(code, code) for code in self.regions]

    def clean(self):
        errors = {}
        unknown = [code for code in self.regions if code not in REGION_NAMES]
        if unknown:
            errors["regions"] = _("Unknown region codes: %(codes)s") % {"codes": ", ".join(unknown)}
        if self.closed_on and self.founded_on and self.closed_on < self.founded_on:
            errors["closed_on"] = _("A network cannot close before it was founded.")
        if errors:
            raise ValidationError(errors)


def not_left_before(day, *, via: str = "") -> models.Q:
    """Memberships that had not ended before ``day`` (open, or left on that day or later)."""
    return models.Q(**{f"{via}left_on__isnull": True}) | models.Q(**{f"{via}left_on__gte": day})


def current_membership(on=None, *, via: str = "") -> models.Q:
    """The one rule for a current membership: joined on or before the day (today by default), not left before it.

    ``via`` prefixes the fields for a condition through a relation, e.g. ``"memberships__"`` on networks.
    """
    on = on or timezone.localdate()
    return models.Q(**{f"{via}joined_on__lte": on}) & not_left_before(on, via=via)


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        return self.filter(current_membership(on))

    def not_left_before(self, day):
        """Current memberships on ``day`` and those that began after it: who has been a member since then."""
        return self.filter(not_left_before(day))


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        GUEST = "guest", _("guest")
        COORDINATOR = "coordinator", _("coordinator")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        "contacts.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="network_memberships"
    )
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_memberships",
        help_text=_("The organisation the person represents in the network."),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "person", "joined_on"], name="membership_unique_start"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.network}"

    def clean(self):
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("The leaving date must not be before the joining date.")})


class PendingMembership(models.Model):
    """A membership asked for by someone who may not see the contact behind the address (a coordinator).

    It holds only what the coordinator typed. The person confirms by the link mailed to the address; only then
    the membership (and, for a new address, the contact) is created. Until then it counts nowhere: not in member
    lists, exports, figures or the coordinator's contact scope. Unconfirmed requests expire.
    """

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="pending_memberships"
    )
    email = models.EmailField(_("email"))
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    role = models.CharField(_("role"), max_length=12, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    joined_on = models.DateField(_("joined on"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "id"]
        verbose_name = _("membership waiting for confirmation")
        verbose_name_plural = _("memberships waiting for confirmation")
        constraints = [models.UniqueConstraint(fields=["network", "email"], name="pending_membership_once")]

    def __str__(self):
        return f"{self.email} – {self.network}"

    def get_confirm_url(self):
        return reverse("networks_public:join", args=[self.token])


class Meeting(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", pgettext_lazy("meeting format", "in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=300, blank=True, help_text=_("Address, for in-person meetings."))
    link = models.URLField(_("online link"), blank=True, help_text=_("Video conference link, for online meetings."))
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown: **bold**, lists with -, # headings."))
    topics = models.CharField(_("topics"), max_length=500, blank=True, help_text=_("Separated by commas."))
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("networks:meeting_detail", args=[self.pk])

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.split(",") if t.strip()]

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.format in (self.Format.IN_PERSON, self.Format.HYBRID) and not self.venue.strip():
            errors["venue"] = _("Give the venue for an in-person or hybrid meeting.")
        if self.format in (self.Format.ONLINE, self.Format.HYBRID) and not self.link:
            errors["link"] = _("Give the link for an online or hybrid meeting.")
        if errors:
            raise ValidationError(errors)


class MeetingDocument(models.Model):
    """A file attached to a meeting; stored under ``UPLOAD_ROOT``, never under the web root."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    original_name = models.CharField(max_length=255)
    stored_as = models.CharField(max_length=255, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:document_download", args=[self.pk])


class Invitation(models.Model):
    class Reply(models.TextChoices):
        NONE = "none", _("no reply yet")
        YES = "yes", _("attending")
        NO = "no", _("not attending")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("contacts.Person", on_delete=models.CASCADE, related_name="network_invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    reply = models.CharField(_("reply"), max_length=4, choices=Reply.choices, default=Reply.NONE)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="invitation_unique")]

    def __str__(self):
        return f"{self.person} – {self.meeting}"

    def get_reply_url(self):
        return reverse("networks_public:reply", args=[self.token])


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    # PROTECT: attendance feeds report figures; a person is anonymised, never deleted with their attendance.
    person = models.ForeignKey("contacts.Person", on_delete=models.PROTECT, related_name="network_attendances")
    attended = models.BooleanField(_("attended"), default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique")]

    def __str__(self):
        return f"{self.person} – {self.meeting}: {self.attended}"
