"""Surveys staff design: questions in German, English and optionally Leichte Sprache, answers, personal links.

Anonymity is built into the tables: a :class:`Response` never points at an :class:`Invitation` (the personal
link) and holds no time finer than the day, so the fact that someone answered (``Invitation.answered``) cannot be
joined to what they answered. ``Response.person`` is set only when the survey asks for names
(``anonymous=False``) and the respondent ticked their consent.
"""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("de", "en", "easy")  # "easy": Leichte Sprache (German)
MAX_TEXT = 4000
MAX_SHORT_TEXT = 300


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    class Purpose(models.TextChoices):
        FEEDBACK = "feedback", _("feedback form of an event")
        FOLLOW_UP = "follow_up", _("follow-up survey")
        GENERAL = "general", _("survey")

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="surveys"
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices, default=Purpose.GENERAL)
    is_template = models.BooleanField(
        _("template"), default=False, help_text=_("A template is not answered; new surveys copy its questions.")
    )
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_easy = models.CharField(_("title (Leichte Sprache)"), max_length=200, blank=True)
    intro_de = models.TextField(_("introduction (German)"), blank=True, max_length=2000)
    intro_en = models.TextField(_("introduction (English)"), blank=True, max_length=2000)
    intro_easy = models.TextField(_("introduction (Leichte Sprache)"), blank=True, max_length=2000)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    follow_up_days = models.PositiveIntegerField(
        _("days after the event"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("For a follow-up of an event: e.g. 91 for three months, 182 for six months."),
    )
    send_on = models.DateField(
        _("send on"),
        null=True,
        blank=True,
        help_text=_("For a follow-up of a network or the whole project: the day it goes to the network members."),
    )
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("If unticked, respondents are asked whether their answers may be linked to their name."),
    )
    created = models.DateTimeField(default=timezone.now)
    # Archived: gone from the working list, takes no more answers, sends no follow-ups; its answers stay counted.
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(purpose="feedback", is_template=False),
                name="survey_one_feedback_form_per_event",
            ),
            models.CheckConstraint(
                condition=Q(event__isnull=True) | Q(network__isnull=True), name="survey_event_or_network"
            ),
        ]

    def __str__(self):
        return self.title_de

    def get_absolute_url(self):
        return reverse("surveys:survey_detail", args=[self.pk])

    def title(self, lang: str) -> str:
        return _pick(self, "title", lang)

    def intro(self, lang: str) -> str:
        return _pick(self, "intro", lang)

    @property
    def has_easy_language(self) -> bool:
        return bool(self.title_easy)


def _pick(obj, name: str, lang: str) -> str:
    """The text in ``lang`` (de, en, easy); Leichte Sprache falls back to German, English to German."""
    if lang == "easy":
        return getattr(obj, f"{name}_easy") or getattr(obj, f"{name}_de")
    if lang == "en":
        return getattr(obj, f"{name}_en") or getattr(obj, f"{name}_de")
    return getattr(obj, f"{name}_de")


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("single choice")
        MULTIPLE = "multiple", _("multiple choice")
        RATING_5 = "rating_5", _("rating 1–5")
        RATING_10 = "rating_10", _("rating 0–10")
        YES_NO = "yes_no", _("yes or no")
        NUMBER = "number", _("number")
        SHORT_TEXT = "short_text", _("short text")
        LONG_TEXT = "long_text", _("long text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.SlugField(
        _("code"),
        max_length=40,
        blank=True,
        help_text=_("Optional stable name, e.g. overall (the overall rating counted as satisfaction)."),
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    text_de = models.CharField(_("question (German)"), max_length=500)
    text_en = models.CharField(_("question (English)"), max_length=500)
    text_easy = models.CharField(_("question (Leichte Sprache)"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # [{"value": "1", "de": "…", "en": "…", "easy": "…"}] for single and multiple choice
    choices = models.JSONField(default=list, blank=True)
    show_if_question = models.ForeignKey(
        "self",
        verbose_name=_("show only if this question"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dependents",
    )
    show_if_values = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["survey", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text_de

    def text(self, lang: str) -> str:
        return _pick(self, "text", lang)


class Response(models.Model):
    """One filled-in survey. No link to the personal link used, no time finer than the day (see module doc)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(default=timezone.localdate)
    language = models.CharField(max_length=8, default="de")
    person = models.ForeignKey(
        "contacts.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self):
        return f"{self.survey_id}: {self.submitted_on}"


class Answer(models.Model):
    """One answer value: a choice's value, a number, or text. A multiple choice gives one row per option."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(max_length=MAX_TEXT)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "value"], name="survey_answer_value")]

    def __str__(self):
        return self.value[:50]


class Invitation(models.Model):
    """A personal one-time link. ``answered`` records only *that* the person answered, never what."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("contacts.Person", on_delete=models.CASCADE, related_name="survey_invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    language = models.CharField(max_length=8, default="de")
    created = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="survey_invitation_once")]

    def __str__(self):
        return f"{self.survey_id}/{self.person_id}"

    def get_absolute_url(self):
        return reverse("surveys_public:answer", args=[self.token])


class SurveyIndicator(models.Model):
    """An outcome indicator computed from answers: a share answering X, a count answering X, or a scale's mean."""

    class Measure(models.TextChoices):
        SHARE = "share", _("share of respondents answering the chosen values (per cent)")
        COUNT = "count", _("number of respondents answering the chosen values")
        MEAN = "mean", _("mean of the answers (rating or number)")

    LEVELS = [(4, _("4 – knowledge and skills change")), (5, _("5 – action changes")), (6, _("6 – situation changes"))]

    project = models.ForeignKey(
        "core.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="survey_indicators"
    )
    code = models.SlugField(_("code"), max_length=60, help_text=_("Stable short name. Do not change it later."))
    label_de = models.CharField(_("label (German)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    unit_de = models.CharField(_("unit (German)"), max_length=60, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=60, blank=True)
    # who answered, as the report names them: "der 57 Antwortenden"
    respondents_de = models.CharField(_("respondents (German)"), max_length=80, default="Antwortenden")
    respondents_en = models.CharField(_("respondents (English)"), max_length=80, default="respondents")
    level = models.PositiveSmallIntegerField(_("level of the impact staircase"), choices=LEVELS, default=5)
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="indicators"
    )
    measure = models.CharField(_("measure"), max_length=8, choices=Measure.choices, default=Measure.SHARE)
    values = models.JSONField(_("answers that count"), default=list, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["project", "level", "code"]
        verbose_name = _("outcome indicator")
        verbose_name_plural = _("outcome indicators")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="survey_indicator_code_unique")]

    def __str__(self):
        return self.label_de

    def get_absolute_url(self):
        return reverse("surveys:indicator_list")
