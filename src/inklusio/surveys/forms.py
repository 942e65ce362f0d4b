"""The answer form (built from a survey's questions) and the builder's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from inklusio.core.forms import BoundedModelChoiceField, near_in_time

from . import conditions, services
from .models import MAX_SHORT_TEXT, MAX_TEXT, Question, Survey, SurveyIndicator

NUMBER_LIMIT = 10**9
SCALE_HINTS = {
    Question.Kind.RATING_5: _("1 = very poor, 5 = very good."),
    Question.Kind.RATING_10: _("0 = not at all, 10 = completely."),
}


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    """One field per question, in the respondent's language. Visibility is decided again on the server: answers
    to hidden questions are dropped (and their errors too, so a hidden required question is not required).
    ``answers`` holds {question id: value} of the shown questions after validation."""

    def __init__(self, survey: Survey, questions, lang: str, *args, ask_consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey, self.questions, self.lang = survey, list(questions), lang
        numbers = {q.pk: n for n, q in enumerate(self.questions, start=1)}
        for question in self.questions:
            field = self._field(question)
            field.label = f"{numbers[question.pk]}. {question.text(lang)}"
            field.help_text = SCALE_HINTS.get(question.kind, "")
            if question.show_if_question_id:
                parent = next(q for q in self.questions if q.pk == question.show_if_question_id)
                labels = dict(services.options(parent, lang))
                shown_for = ", ".join(labels.get(v, v) for v in question.show_if_values)
                condition = _("Only if you answered question %(number)s with: %(answers)s.") % {
                    "number": numbers[parent.pk],
                    "answers": shown_for,
                }
                field.help_text = f"{condition} {field.help_text}".strip()
                field.widget.attrs["data-show-if"] = field_name(parent)
                field.widget.attrs["data-show-values"] = "|".join(question.show_if_values)
            self.fields[field_name(question)] = field
        if ask_consent:
            self.fields["consent_named"] = forms.BooleanField(
                required=False,
                label=_("My answers may be stored with my name."),
                help_text=_("Without this tick your answers are stored anonymously."),
            )

    def _field(self, question: Question) -> forms.Field:
        required = question.required  # a hidden question's "required" error is dropped again in clean()
        kind = question.kind
        if kind == Question.Kind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=services.options(question, self.lang), widget=forms.CheckboxSelectMultiple, required=required
            )
        if kind in services.CHOICE_KINDS:
            scale = {"data-scale": "1"} if kind in (Question.Kind.RATING_5, Question.Kind.RATING_10) else {}
            return forms.ChoiceField(
                choices=services.options(question, self.lang), widget=forms.RadioSelect(attrs=scale), required=required
            )
        if kind == Question.Kind.NUMBER:
            return forms.DecimalField(
                max_digits=12, decimal_places=2, min_value=-NUMBER_LIMIT, max_value=NUMBER_LIMIT, required=required
            )
        if kind == Question.Kind.SHORT_TEXT:
            return forms.CharField(max_length=MAX_SHORT_TEXT, required=required)
        return forms.CharField(max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5}), required=required)

    def clean(self):
        cleaned = super().clean()
        given = {}
        for question in self.questions:
            value = cleaned.get(field_name(question))
            if question.kind in services.CHOICE_KINDS and value not in (None, "", []):
                given[question.pk] = value if isinstance(value, list) else [value]
        shown = conditions.visible(services.rules(self.questions), given)
        self.answers = {}
        for question in self.questions:
            name = field_name(question)
            if question.pk not in shown:
                self.errors.pop(name, None)
                continue
            value = cleaned.get(name)
            if value not in (None, "", []):
                self.answers[question.pk] = value
        return cleaned


class SurveyForm(forms.ModelForm):
    template = BoundedModelChoiceField(
        queryset=Survey.objects.none(),
        required=False,
        label=_("Start from template"),
        help_text=_("Its questions are copied into the new survey; you can change them afterwards."),
    )

    class Meta:
        model = Survey
        fields = ["purpose", "title_de", "title_en", "title_easy", "intro_de", "intro_en", "intro_easy", "event",
                  "network", "follow_up_days", "send_on", "anonymous", "is_template"]  # fmt: skip
        widgets = {
            "intro_de": forms.Textarea(attrs={"rows": 3}),
            "intro_en": forms.Textarea(attrs={"rows": 3}),
            "intro_easy": forms.Textarea(attrs={"rows": 3}),
            "send_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, events=None, networks=None, templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The events of the last year and to come, and the current one: a short list at any size.
        self.fields["event"].queryset = near_in_time(events, "starts_at", keep=self.instance.event_id)
        self.fields["network"].queryset = networks
        if templates is None or self.instance.pk:
            del self.fields["template"]
        else:
            self.fields["template"].queryset = templates
            self.order_fields(["template"])


class QuestionForm(forms.ModelForm):
    options_de = forms.CharField(
        label=_("Options (German)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For single and multiple choice: one option per line."),
    )
    options_en = forms.CharField(
        label=_("Options (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The same options in the same order."),
    )
    options_easy = forms.CharField(
        label=_("Options (Leichte Sprache)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # Picked, not typed: one checkbox per answer of every earlier choice question ("<question id>:<value>").
    show_if_answers = forms.MultipleChoiceField(
        label=_("… answered with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the answers of the question chosen above that show this question."),
    )

    class Meta:
        model = Question
        fields = ["kind", "text_de", "text_en", "text_easy", "required", "code", "show_if_question"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = survey.questions.filter(kind__in=services.CHOICE_KINDS)
        if self.instance.pk:
            earlier = earlier.filter(position__lt=self.instance.position)
        numbers = {pk: n for n, pk in enumerate(survey.questions.values_list("pk", flat=True), start=1)}
        self.fields["show_if_question"].queryset = earlier
        self.fields["show_if_question"].label = _("Show only if question")
        self.fields["show_if_question"].label_from_instance = lambda q: f"{numbers.get(q.pk, '')}. {q.text_de}"
        self.fields["show_if_answers"].choices = [
            (
                f"{numbers.get(q.pk, '')}. {q.text_de}",
                [(f"{q.pk}:{value}", label) for value, label in services.options(q)],
            )
            for q in earlier
        ]
        self.order_fields(["kind", "text_de", "text_en", "text_easy", "options_de", "options_en", "options_easy",
                           "required", "show_if_question", "show_if_answers", "code"])  # fmt: skip
        if self.instance.pk:
            choices = self.instance.choices or []
            for lang in ("de", "en", "easy"):
                self.initial[f"options_{lang}"] = "\n".join(c.get(lang, "") for c in choices).strip()
            parent = self.instance.show_if_question_id
            self.initial["show_if_answers"] = [f"{parent}:{v}" for v in self.instance.show_if_values or []]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            try:
                self.instance.choices = services.choices_from_lines(
                    cleaned.get("options_de", ""), cleaned.get("options_en", ""), cleaned.get("options_easy", "")
                )
            except services.SurveyError as error:
                self.add_error("options_de", str(error))
        parent = cleaned.get("show_if_question")
        picked = [value.split(":", 1) for value in cleaned.get("show_if_answers", [])]
        if parent is None and picked:
            self.add_error("show_if_question", _("Choose the question whose answers you ticked."))
        elif parent is not None and any(pk != str(parent.pk) for pk, _value in picked):
            self.add_error("show_if_answers", _("Tick only answers of the question chosen above."))
        elif parent is not None and not picked:
            self.add_error("show_if_answers", _("Tick at least one answer that shows this question."))
        self.instance.show_if_values = [value for _pk, value in picked]
        return cleaned


class IndicatorForm(forms.ModelForm):
    values_text = forms.CharField(
        label=_("Answers that count"),
        required=False,
        max_length=200,
        help_text=_("For a share or count: the answer values, separated by commas (e.g. yes, or 4, 5)."),
    )

    class Meta:
        model = SurveyIndicator
        fields = ["code", "label_de", "label_en", "level", "question", "measure", "unit_de", "unit_en",
                  "respondents_de", "respondents_en", "baseline", "target"]  # fmt: skip

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = questions
        self.fields["question"].label_from_instance = lambda q: f"{q.survey.title_de}: {q.text_de}"
        self.order_fields(["code", "label_de", "label_en", "level", "question", "measure", "values_text"])
        if self.instance.pk:
            self.initial["values_text"] = ", ".join(self.instance.values or [])

    def clean(self):
        cleaned = super().clean()
        self.instance.values = [v.strip().lower() for v in cleaned.get("values_text", "").split(",") if v.strip()]
        return cleaned
