from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class WorldCafe(models.Model):
    """A World Café: participants, tables and rounds, and the plan of who sits where."""

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="world_cafes"
    )
    title = models.CharField(_("title"), max_length=200)
    rounds = models.PositiveSmallIntegerField(_("rounds"), default=4)
    source_label = models.CharField(
        _("occasion"), max_length=200, null=True, blank=True, help_text=_("For example the event it belongs to.")
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="world_cafes",
        help_text=_("Its checked-in participants (or, before the day, its confirmed registrations) can be seated."),
    )
    meeting = models.ForeignKey(
        "networks.Meeting",
        verbose_name=_("network meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="world_cafes",
        help_text=_("Its attendees (or, before it, those who said yes) can be seated."),
    )
    seed = models.PositiveIntegerField(_("seed"), default=1, editable=False)
    plan = models.JSONField(default=list, blank=True, editable=False)  # rounds -> tables -> participant pks
    metrics = models.JSONField(default=dict, blank=True, editable=False)
    held_rounds = models.PositiveSmallIntegerField(_("rounds held"), default=0)
    plan_version = models.PositiveIntegerField(
        _("plan version"),
        default=0,
        editable=False,
        help_text=_("Counts every change of the plan; a background search saves its plan only if this is unchanged."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress of a background plan (percent)"), null=True, blank=True, editable=False
    )
    search_improvements = models.PositiveIntegerField(
        _("better plans found by the background search"), default=0, editable=False
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created", "id"]
        verbose_name = _("World Café")
        verbose_name_plural = _("World Cafés")
        constraints = [
            models.CheckConstraint(condition=models.Q(rounds__gte=1), name="worldcafe_rounds_positive"),
            models.CheckConstraint(
                condition=models.Q(event__isnull=True) | models.Q(meeting__isnull=True),
                name="worldcafe_one_occasion",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("worldcafe:detail", args=[self.pk])


class CafeTable(models.Model):
    cafe = models.ForeignKey(WorldCafe, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=60)
    capacity = models.PositiveSmallIntegerField(_("seats"), default=5)
    accessible = models.BooleanField(
        _("accessible"), default=False, help_text=_("Step-free and with a hearing loop, for example.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(fields=["cafe", "name"], name="worldcafe_table_name_unique"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="worldcafe_table_capacity_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """ "Table 3" for a bare number or letter, the name itself otherwise ("Tisch 1", "Fensterplatz")."""
        if len(self.name) <= 3 and self.name.isalnum():
            return _("Table %(name)s") % {"name": self.name}
        return self.name


class CafeParticipant(models.Model):
    cafe = models.ForeignKey(WorldCafe, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        "contacts.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="world_cafe_seats",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=100, blank=True)
    host_table = models.ForeignKey(
        CafeTable,
        verbose_name=_("hosts table"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosts",
    )
    together_with = models.ForeignKey(
        "self",
        verbose_name=_("sits together with"),
        help_text=_("An assistant or interpreter who stays at the same table."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs_accessible_table = models.BooleanField(_("needs an accessible table"), default=False)
    left_after_round = models.PositiveSmallIntegerField(_("left after round"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("World Café participant")
        verbose_name_plural = _("World Café participants")
        constraints = [
            models.UniqueConstraint(
                fields=["cafe", "person"], condition=models.Q(person__isnull=False), name="worldcafe_person_once"
            )
        ]

    def __str__(self):
        return self.name
