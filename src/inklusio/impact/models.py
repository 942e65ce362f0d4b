"""What the impact area stores: targets and baselines, manual indicators with sourced values, narrative text.

No computed figure is stored here: every computed value is read from the other areas' records when asked.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import CHAINS, LEVELS
from .registry import all_definitions

LEVEL_CHOICES = [(level, f"{level} – {names[1]}") for level, names in LEVELS.items()]
CHAIN_CHOICES = [(chain, chain.capitalize()) for chain in CHAINS]


class Target(models.Model):
    """Baseline and target of one indicator for a project (and a period; empty = the whole project)."""

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="impact_targets"
    )
    code = models.SlugField(_("indicator code"), max_length=60)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code", "period_start", "period_end"], name="impact_target_unique"
            ),
            models.UniqueConstraint(
                fields=["project", "code"],
                condition=Q(period_start__isnull=True),
                name="impact_target_whole_project_unique",
            ),
            models.CheckConstraint(
                condition=(Q(period_start__isnull=True) & Q(period_end__isnull=True))
                | (Q(period_start__isnull=False) & Q(period_end__gte=models.F("period_start"))),
                name="impact_target_period_valid",
            ),
        ]

    def __str__(self):
        return f"{self.project.slug}: {self.code}"


class ManualIndicator(models.Model):
    """An indicator no record shows (an outcome), with values entered by hand, each with its source."""

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="manual_indicators"
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Stable short name, e.g. companies_started_training. Do not change it later."),
    )
    label_de = models.CharField(_("label (German)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    unit_de = models.CharField(_("unit (German)"), max_length=60)
    unit_en = models.CharField(_("unit (English)"), max_length=60)
    level = models.PositiveSmallIntegerField(_("level of the impact staircase"), choices=LEVEL_CHOICES)
    chain = models.CharField(_("place in the impact chain"), max_length=10, choices=CHAIN_CHOICES, default="outcome")
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    definition_de = models.TextField(_("definition (German)"))
    definition_en = models.TextField(_("definition (English)"), blank=True)

    class Meta:
        ordering = ["project", "level", "code"]
        verbose_name = _("manual indicator")
        verbose_name_plural = _("manual indicators")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="impact_manual_code_unique")]

    def __str__(self):
        return self.label_de

    def clean(self):
        if self.code in {d.code for d in all_definitions()}:
            raise ValidationError({"code": _("This code belongs to a computed indicator.")})


class ManualValue(models.Model):
    indicator = models.ForeignKey(
        ManualIndicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source_note = models.TextField(
        _("source"), help_text=_("Where the number comes from, e.g. a survey of the network members in May 2025.")
    )
    entered_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "-period_end"]
        verbose_name = _("manual value")
        verbose_name_plural = _("manual values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"], name="impact_manual_value_unique"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="impact_manual_value_period_valid"
            ),
            models.CheckConstraint(condition=~Q(source_note=""), name="impact_manual_value_source_required"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period_start}–{self.period_end}: {self.value}"


class ReportSection(models.Model):
    """The narrative text staff write for one section of a project's report (Markdown)."""

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="report_sections"
    )
    key = models.SlugField(_("section"), max_length=40)
    text_de = models.TextField(_("text (German)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, editable=False)

    class Meta:
        ordering = ["project", "key"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [models.UniqueConstraint(fields=["project", "key"], name="impact_section_unique")]

    def __str__(self):
        return f"{self.project.slug}: {self.key}"
