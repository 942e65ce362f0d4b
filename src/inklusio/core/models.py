from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import colour


class Project(models.Model):
    """A funded project: every activity in inklusio belongs to one."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    funder = models.CharField(_("funder"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    description = models.TextField(_("description"), blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )

    class Meta:
        ordering = ["-start"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="project_end_after_start")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:project_detail", args=[self.slug])

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})


class PendingImport(models.Model):
    """An uploaded table on its way through reading (once, by the worker; see ``core.imports.read_once``), review
    and import. Abstract: each importing app keeps its own model and table and adds what it needs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        IMPORTED = "imported", _("imported")
        DISCARDED = "discarded", _("discarded")

    class Stage(models.TextChoices):
        """Where the worker is with reading and checking the file."""

        QUEUED = "queued", _("waiting to be read")
        READING = "reading", _("being read")
        READY = "ready", _("checked")
        REFUSED = "refused", _("refused")

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(max_length=255)
    stored_as = models.CharField(max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.QUEUED)
    rows_read = models.PositiveIntegerField(default=0)
    review = models.JSONField(default=dict, blank=True)  # what the review page shows; the app's review_of
    language = models.CharField(max_length=10, blank=True)  # the uploader's, for the messages the worker writes

    class Meta:
        abstract = True
        ordering = ["-created"]

    def __str__(self):
        return self.filename


class ImportJob(models.Model):
    """The write of a reviewed import, done by the worker (``core.importjobs``): what the progress and result
    page shows. ``kind`` names the app's writer (``AppConfig.import_writers``), ``import_id`` the app's
    :class:`PendingImport`. The writer's rows and the job's ``done`` state commit in one transaction, so a worker
    killed mid-import leaves nothing half-written and the job runs again (or is shown failed, with a retry)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        WRITING = "writing", _("being imported")
        DONE = "done", _("imported")
        REVIEW = "review", _("to be reviewed again")
        FAILED = "failed", _("failed")

    kind = models.CharField(max_length=40)
    import_id = models.PositiveIntegerField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255)
    language = models.CharField(max_length=10, blank=True)
    params = models.JSONField(default=dict, blank=True)  # what the writer needs besides the import, e.g. a mapping
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)  # {"lines": [...], "next": url}, in the uploader's language
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        default_permissions = ()
        indexes = [models.Index(fields=["kind", "import_id"], name="importjob_import")]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("core:import_job", args=[self.pk])


class DeliveryJob(models.Model):
    """Something sent to many people through the crash-safe delivery (``core.delivery``): its status and the
    circuit breaker's state. Abstract: the Infoletter's ``Mailing`` and the participant messages inherit it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        PAUSED = "paused", _("paused")
        STOPPED = "stopped", _("stopped after repeated failures")
        CANCELLED = "cancelled", pgettext_lazy("mailing", "cancelled")
        SENT = "sent", _("sent")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    # The circuit breaker of the sending protocol: temporary failures in a row, and since when.
    failures_in_row = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    stop_reason = models.CharField(_("reason for stopping"), max_length=300, blank=True)

    class Meta:
        abstract = True


class DeliveryRow(models.Model):
    """One message of a :class:`DeliveryJob` to one recipient; the status is the sending protocol. Abstract: the
    concrete model adds the foreign keys to its job and its recipient."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        CLAIMED = "claimed", _("claimed by a sender")
        SENDING = "sending", _("being handed to the mail server")
        SENT = "sent", _("sent")
        RETRY = "retry", _("temporary failure, will retry")
        UNCERTAIN = "uncertain", _("uncertain (sender died while handing it over)")
        BOUNCED = "bounced", _("bounced")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped (unsubscribed meanwhile)")
        CANCELLED = "cancelled", _("cancelled (not sent)")

    OPEN = (Status.QUEUED, Status.CLAIMED, Status.SENDING, Status.RETRY)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    worker = models.CharField(_("sender"), max_length=120, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sending_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    uncertain = models.BooleanField(
        _("uncertain"), default=False, help_text=_("A sender died while handing it over; it may have arrived twice.")
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        abstract = True


class DeliverySender(models.Model):
    """A running sender (one per task run and SMTP connection); its heartbeat tells the living from the dead.
    Abstract: the concrete model adds the foreign key to its job."""

    name = models.CharField(max_length=120, unique=True)
    host = models.CharField(max_length=100)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    heartbeat_at = models.DateTimeField()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name


class AuditEvent(models.Model):
    """Append-only record of sensitive actions (exports, role changes, merges); no personal data (see audit.py)."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # No database constraint and no cascade: deleting a user must neither rewrite nor remove the entries.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        permissions = [("manage_users", _("Can manage staff users and their roles"))]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class LoginFailure(models.Model):
    """One failed login, kept for the throttle window."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, db_index=True)

    def __str__(self):
        return f"{self.username} from {self.address} at {self.at}"


class PeriodicJobRun(models.Model):
    """When a periodic job was last enqueued, and as which task (see scheduler.py)."""

    name = models.CharField(max_length=100, unique=True)
    last_run = models.DateTimeField()
    task_id = models.CharField(max_length=64, blank=True)

    def __str__(self):
        return f"{self.name} last enqueued {self.last_run}"


class WorkerHeartbeat(models.Model):
    """A running ``inklusio worker`` process, touched on every scheduler tick (see scheduler.py)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"worker {self.worker_id} last seen {self.last_seen}"


def _check_accent_colour(value: str) -> None:
    try:
        readable = colour.meets_aa_text(value)
    except ValueError:
        raise ValidationError(_("Enter a colour as #rrggbb, e.g. #005a8c."), code="colour_format") from None
    if not readable:
        raise ValidationError(
            _(
                "This colour has a contrast of %(ratio)s:1 against white; text needs at least 4.5:1 (WCAG AA). "
                "Choose a darker colour."
            ),
            code="colour_contrast",
            params={"ratio": formats.number_format(colour.contrast_ratio(value, colour.WHITE), decimal_pos=2)},
        )


class OrganisationProfile(models.Model):
    """The organisation behind inklusio: its name and look on pages, mails, certificates and documents.

    The row without a project is the organisation's own settings (at most one: the constraint below). A row with
    a project holds only what differs for that project; its empty fields fall back to the organisation's.
    ``inklusio.core.branding.branding_for`` is the one place that reads them.
    """

    project = models.OneToOneField(
        Project,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="organisation_profile",
    )
    name = models.CharField(_("name of the organisation"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=120, blank=True, help_text=_("e.g. eingetragener Verein (e. V.)")
    )
    address = models.TextField(_("postal address"), blank=True, help_text=_("One line per line of the address."))
    place = models.CharField(
        _("place of issue"), max_length=100, blank=True, help_text=_("The town printed on certificates, e.g. Berlin.")
    )
    logo = models.BinaryField(_("logo"), null=True, blank=True, editable=False)
    logo_mime = models.CharField(max_length=40, blank=True, editable=False)
    logo_alt = models.CharField(_("alternative text of the logo"), max_length=200, blank=True)
    funder_logo = models.BinaryField(_("funder's logo"), null=True, blank=True, editable=False)
    funder_logo_mime = models.CharField(max_length=40, blank=True, editable=False)
    funder_logo_alt = models.CharField(_("alternative text of the funder's logo"), max_length=200, blank=True)
    funder_caption = models.CharField(
        _("caption of the funder's logo"),
        max_length=120,
        blank=True,
        help_text=_("As the funder requires it, e.g. “Gefördert von”."),
    )
    imprint_contact = models.TextField(_("contact for the imprint"), blank=True)
    privacy_contact = models.TextField(_("contact for data protection"), blank=True)
    sender_name = models.CharField(_("sender name of mails"), max_length=120, blank=True)
    signature = models.TextField(
        _("signature of mails"), blank=True, help_text=_("Plain text at the end of every mail.")
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[_check_accent_colour],
        help_text=_("#rrggbb with a contrast of at least 4.5:1 against white."),
    )
    signer_name = models.CharField(_("signer's name (certificates)"), max_length=120, blank=True)
    signer_role = models.CharField(_("signer's role (certificates)"), max_length=120, blank=True)
    signature_image = models.BinaryField(_("signature image"), null=True, blank=True, editable=False)
    signature_image_mime = models.CharField(max_length=40, blank=True, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation settings")
        verbose_name_plural = _("organisation settings")
        constraints = [
            models.UniqueConstraint(Coalesce("project", models.Value(0)), name="organisationprofile_one_per_scope"),
            models.CheckConstraint(
                condition=models.Q(accent_colour="") | models.Q(accent_colour__regex=r"^#[0-9a-f]{6}$"),
                name="organisationprofile_accent_colour_hex",
            ),
        ]

    def __str__(self):
        return self.name or str(_("organisation settings"))


class DocumentJob(models.Model):
    """A document made in the worker (all certificates of an event, later a receipt ZIP), and its progress.

    Only the user who asked for it sees it (``core.documents.jobs_for_user``); the file lives under
    ``UPLOAD_ROOT/documents/`` and is deleted with the row (``core.documents.prune``, a periodic job).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_jobs")
    kind = models.CharField(max_length=80)
    title = models.CharField(_("title"), max_length=200)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    stored_as = models.CharField(max_length=80, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    back_url = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:document_job", args=[self.pk])

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


def with_updated(save_kwargs: dict) -> dict:
    """``save()`` arguments that keep an ``updated = DateTimeField(auto_now=True)`` current.

    Django writes an auto_now field only when ``update_fields`` names it; a row saved with some fields must
    still show it changed, so the API's ``modified_since`` finds it.
    """
    fields = save_kwargs.get("update_fields")
    if fields is not None:
        save_kwargs = {**save_kwargs, "update_fields": {*fields, "updated"}}
    return save_kwargs
