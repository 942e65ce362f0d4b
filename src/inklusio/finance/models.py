"""Finance: the cost and financing plan, receipts, payment requests and the numerical statement of a project.

Amounts are ``Decimal`` euros with two places (``MONEY``); every sum and rounding goes through ``money``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from inklusio.core.models import PendingImport

from .statement import DEFAULT_THRESHOLD_PERCENT

MONEY = {"max_digits": 14, "decimal_places": 2}


class CategoryKind(models.TextChoices):
    PERSONNEL = "personnel", _("personnel")
    FEES = "fees", _("fees")
    TRAVEL = "travel", _("travel")
    MATERIAL = "material", _("material and office costs")
    PUBLIC_RELATIONS = "public_relations", _("public relations")
    EVENTS = "events", pgettext_lazy("cost category", "events")
    INVESTMENT = "investment", _("investments")
    FLAT_RATE = "flat_rate", _("administrative flat rate")
    OTHER = "other", _("other costs")


class CostCategory(models.Model):
    """A cost category as one funder defines it; the plan, the receipts and the statement use the funder's list."""

    funder = models.CharField(_("funder"), max_length=200, help_text=_("As written on the project."))
    key = models.SlugField(_("short name"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices, default=CategoryKind.OTHER)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    flat_rate_percent = models.DecimalField(
        _("flat rate in percent"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("For an administrative flat rate: the percentage of the other categories' costs."),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["funder", "position", "id"]
        verbose_name = _("cost category")
        verbose_name_plural = _("cost categories")
        constraints = [models.UniqueConstraint(fields=["funder", "key"], name="finance_category_key_per_funder")]

    def __str__(self):
        return self.name


class Plan(models.Model):
    """A project's cost and financing plan (Kosten- und Finanzierungsplan) and its statement settings."""

    project = models.OneToOneField(
        "core.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="finance_plan"
    )
    deviation_threshold_percent = models.DecimalField(
        _("deviation threshold in percent"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_THRESHOLD_PERCENT,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
        help_text=_("A category whose actual costs differ from the plan by more than this needs an explanation."),
    )
    spend_within_days = models.PositiveSmallIntegerField(
        _("spend received funds within (days)"),
        default=42,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("Funders require grant money to be spent within a set time after it was received."),
    )
    # Set by the project lead's approval (finance.plan.approve); any later change sets the plan back to draft.
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cost and financing plan")
        verbose_name_plural = _("cost and financing plans")
        permissions = [("approve_plan", _("Can approve plans and submit statements"))]

    def __str__(self):
        return str(self.project)


class PlanLine(models.Model):
    """Planned costs of one category in one year; a personnel line also holds how the amount comes about."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="lines")
    category = models.ForeignKey(
        CostCategory, verbose_name=_("cost category"), on_delete=models.PROTECT, related_name="plan_lines"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    description = models.CharField(_("description"), max_length=300, blank=True)
    position_title = models.CharField(_("position"), max_length=200, blank=True, help_text=_("Personnel only."))
    fte_share = models.DecimalField(
        _("share of a full-time post"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Personnel only, e.g. 0.5 for half a post."),
    )
    months = models.DecimalField(
        _("months"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(12)],
    )
    monthly_rate = models.DecimalField(_("monthly rate"), null=True, blank=True, **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["year", "category__position", "id"]
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")

    def __str__(self):
        return f"{self.category} {self.year}: {self.description or self.position_title}"


class FinancingKind(models.TextChoices):
    GRANT = "grant", _("grant")
    OWN = "own", _("own funds")
    THIRD_PARTY = "third_party", _("third-party funds")


class FinancingSource(models.Model):
    """How the plan is financed: the funder's grant, own funds, third-party funds, by year."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="financing")
    kind = models.CharField(_("kind"), max_length=20, choices=FinancingKind.choices)
    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    amount = models.DecimalField(_("amount"), **MONEY)
    rate_percent = models.DecimalField(
        _("rate in percent"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("For a grant given as a share of the costs: the amount then follows from the plan."),
    )

    class Meta:
        ordering = ["year", "kind", "id"]
        verbose_name = _("financing source")
        verbose_name_plural = _("financing sources")

    def __str__(self):
        return f"{self.name} {self.year}"


class ReceiptKind(models.TextChoices):
    INVOICE = "invoice", _("invoice or payment")
    CREDIT_NOTE = "credit_note", _("credit note")
    REFUND = "refund", _("refund")


NEGATIVE_KINDS = (ReceiptKind.CREDIT_NOTE, ReceiptKind.REFUND)


class Receipt(models.Model):
    """A receipt (Beleg): a cost booked against a category; credit notes and refunds are negative."""

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="receipts"
    )
    number = models.CharField(_("receipt number"), max_length=40)
    kind = models.CharField(_("type"), max_length=20, choices=ReceiptKind.choices, default=ReceiptKind.INVOICE)
    receipt_date = models.DateField(_("receipt date"))
    paid_on = models.DateField(_("payment date"), null=True, blank=True)
    payee = models.CharField(_("payee"), max_length=200)
    payee_is_person = models.BooleanField(
        _("payee is a private person"),
        default=False,
        help_text=_("Then the name is personal data: it is shown in an access request and removed on erasure."),
    )
    payee_person = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("payee in the contacts"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=500)
    gross = models.DecimalField(_("gross amount"), **MONEY)
    vat = models.DecimalField(
        _("VAT share"),
        null=True,
        blank=True,
        help_text=_("Only for organisations entitled to deduct input VAT: then the net amount counts."),
        **MONEY,
    )
    category = models.ForeignKey(
        CostCategory, verbose_name=_("cost category"), on_delete=models.PROTECT, related_name="receipts"
    )
    # The scan, stored under UPLOAD_ROOT by a generated name (core.uploads); the user's file name is for display.
    scan_path = models.CharField(max_length=200, blank=True, editable=False)
    scan_name = models.CharField(_("scan"), max_length=200, blank=True, editable=False)
    scan_type = models.CharField(max_length=60, blank=True, editable=False)
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mailing = models.ForeignKey(
        "mailings.Mailing",
        verbose_name=_("mailing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    meeting = models.ForeignKey(
        "networks.Meeting",
        verbose_name=_("network meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contract = models.CharField(_("contract"), max_length=200, blank=True, help_text=_("Contract number or title."))
    booking_key = models.CharField(
        max_length=64, blank=True, db_index=True, editable=False, help_text="date|amount|text of an imported booking"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["category__position", "receipt_date", "number", "id"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="finance_receipt_number_per_project"),
            models.CheckConstraint(
                condition=models.Q(kind="invoice", gross__gte=0) | (~models.Q(kind="invoice") & models.Q(gross__lt=0)),
                name="finance_receipt_sign_follows_kind",
            ),
        ]
        indexes = [models.Index(fields=["project", "receipt_date"], name="finance_receipt_project_date")]

    def __str__(self):
        return f"{self.number} {self.payee}"

    @property
    def net(self):
        """The amount that counts: net of VAT where input VAT is deducted, else gross."""
        return self.gross - self.vat if self.vat is not None else self.gross


class PaymentRequest(models.Model):
    """A payment request (Mittelabruf): what was requested from the funder, and what arrived when."""

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="payment_requests"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    requested_on = models.DateField(_("requested on"))
    amount_requested = models.DecimalField(_("amount requested"), **MONEY)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    amount_received = models.DecimalField(_("amount received"), null=True, blank=True, **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="finance_payment_request_number"),
            models.CheckConstraint(condition=models.Q(amount_requested__gt=0), name="finance_request_positive"),
        ]

    def __str__(self):
        return f"{self.project} #{self.number}"


class StatementKind(models.TextChoices):
    INTERIM = "interim", _("interim statement")
    FINAL = "final", _("final statement")


class Statement(models.Model):
    """A numerical statement for a period; once submitted, its figures are frozen in ``snapshot``.

    A change after submission makes a new version (``supersedes`` the submitted one); the submitted row is
    never changed again.
    """

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="statements"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=StatementKind.choices, default=StatementKind.INTERIM)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by", editable=False
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-period_end", "-version"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="finance_statement_period"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y} v{self.version}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class DeviationExplanation(models.Model):
    """Why a category's actual costs deviate from the plan in one year of a statement."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="explanations")
    category = models.ForeignKey(CostCategory, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    text = models.TextField(_("explanation"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "category", "year"], name="finance_one_explanation_per_line")
        ]

    def __str__(self):
        return f"{self.category} {self.year}"


class AccountMapping(models.Model):
    """Which cost category an account of the accounting's booking export belongs to, per funder; remembered from
    one booking import to the next."""

    funder = models.CharField(_("funder"), max_length=200)
    account = models.CharField(_("account"), max_length=40)
    category = models.ForeignKey(
        CostCategory, verbose_name=_("cost category"), on_delete=models.CASCADE, related_name="account_mappings"
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["funder", "account"]
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")
        constraints = [models.UniqueConstraint(fields=["funder", "account"], name="finance_account_per_funder")]

    def __str__(self):
        return f"{self.account} → {self.category}"


class BookingImport(PendingImport):
    """A booking export uploaded for a project's receipts, on its way through reading, mapping, preview, import."""

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="booking_imports"
    )

    class Meta(PendingImport.Meta):
        verbose_name = _("booking import")
        verbose_name_plural = _("booking imports")
