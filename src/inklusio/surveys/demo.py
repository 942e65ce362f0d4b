"""Demo surveys: three templates (expert day, congress, follow-up), a feedback form for the coming event, and the
follow-up survey of the network members (August 2025) from which the report's level-5 figure is computed:
"Inklusionsunternehmen, die nach einem Netzwerktreffen erstmals ausbilden" (8 of 41 respondents; 58 asked).
"""

from datetime import date, timedelta

from django.utils import timezone

from inklusio.networks import queries as network_queries

from .models import Answer, Invitation, Question, Response, Survey, SurveyIndicator
from .services import copy_questions

K = Question.Kind
AGREE = [
    ("trifft voll zu", "fully agree", "stimmt genau"),
    ("trifft eher zu", "rather agree", "stimmt eher"),
    ("trifft eher nicht zu", "rather disagree", "stimmt eher nicht"),
    ("trifft nicht zu", "disagree", "stimmt nicht"),
]


def _choices(options):
    return [{"value": str(n), "de": de, "en": en, "easy": easy} for n, (de, en, easy) in enumerate(options, start=1)]


def _add(survey, questions):
    """``questions``: (kind, de, en, easy, required, code, choices, show_if (index, values))."""
    created = []
    for position, (kind, de, en, easy, required, code, choices, show_if) in enumerate(questions, start=1):
        parent, values = (created[show_if[0]], show_if[1]) if show_if else (None, [])
        created.append(
            Question.objects.create(
                survey=survey,
                position=position,
                kind=kind,
                text_de=de,
                text_en=en,
                text_easy=easy,
                required=required,
                code=code,
                choices=choices,
                show_if_question=parent,
                show_if_values=values,
            )  # fmt: skip
        )
    return created


EXPERT_DAY = [
    (K.RATING_5, "Wie bewerten Sie den Fachtag insgesamt?", "How do you rate the expert day overall?",
     "Wie fanden Sie den Fach-Tag?", True, "overall", [], None),
    (K.RATING_5, "Wie bewerten Sie die Inhalte?", "How do you rate the content?", "Wie fanden Sie die Themen?",
     True, "content", [], None),
    (K.RATING_5, "Wie barrierefrei war die Veranstaltung für Sie?", "How accessible was the event for you?",
     "Konnten Sie gut mit-machen?", True, "accessibility", [], None),
    (K.MULTIPLE, "Was nehmen Sie mit?", "What do you take home?", "Was haben Sie gelernt?", False, "",
     _choices([("Wissen über Fördermöglichkeiten", "knowledge of funding", "Wissen über Geld-Hilfen"),
               ("neue Kontakte", "new contacts", "neue Kontakte"),
               ("Ideen für die eigene Ausbildung", "ideas for our own training", "Ideen für die Ausbildung")]),
     None),
    (K.YES_NO, "Würden Sie wieder teilnehmen?", "Would you take part again?", "Kommen Sie wieder?", False, "", [],
     None),
    (K.LONG_TEXT, "Was sollten wir besser machen?", "What should we do better?", "Was können wir besser machen?",
     False, "", [], None),
]  # fmt: skip
CONGRESS = [
    (K.RATING_5, "Wie bewerten Sie den Online-Kongress insgesamt?", "How do you rate the online congress overall?",
     "Wie fanden Sie den Online-Kongress?", True, "overall", [], None),
    (K.MULTIPLE, "Welche Formate haben Sie besucht?", "Which formats did you attend?", "Was haben Sie besucht?",
     False, "", _choices([("Vorträge", "talks", "Vorträge"), ("Workshops", "workshops", "Workshops"),
                          ("World Café", "World Café", "World Café")]), None),
    (K.RATING_10,
     "Wie wahrscheinlich empfehlen Sie den Kongress weiter?", "How likely are you to recommend the congress?",
     "Erzählen Sie anderen vom Kongress?", False, "recommend", [], None),
    (K.YES_NO, "Gab es technische Hürden?", "Were there technical barriers?", "Gab es Probleme mit der Technik?",
     False, "", [], None),
    (K.SHORT_TEXT, "Welche?", "Which ones?", "Welche Probleme?", False, "", [], (3, ["yes"])),
]  # fmt: skip
FOLLOW_UP = [
    (K.YES_NO, "Haben Sie seitdem etwas aus der Veranstaltung in Ihrem Betrieb umgesetzt?",
     "Have you since put anything from the event into practice in your company?",
     "Haben Sie danach etwas im Betrieb verändert?", True, "applied", [], None),
    (K.MULTIPLE, "Was haben Sie umgesetzt?", "What did you put into practice?", "Was haben Sie verändert?", False,
     "", _choices([("Ausbildungsplatz angeboten", "offered a training place", "Ausbildungs-Platz angeboten"),
                   ("Förderung beantragt", "applied for funding", "Geld-Hilfe beantragt"),
                   ("mit Berufsschule Kontakt aufgenommen", "contacted a vocational school",
                    "Berufs-Schule angerufen")]), (0, ["yes"])),
    (K.YES_NO, "Hat Ihr Betrieb seitdem erstmals einen Ausbildungsplatz besetzt?",
     "Has your company since filled a training place for the first time?",
     "Hat Ihr Betrieb jetzt zum ersten Mal eine Ausbildung?", False, "first_training", [], None),
    (K.LONG_TEXT, "Möchten Sie uns noch etwas sagen?", "Anything else you would like to tell us?",
     "Möchten Sie noch etwas sagen?", False, "", [], None),
]  # fmt: skip


def _template(project, purpose, de, en, easy, questions):
    survey = Survey.objects.create(project=project, purpose=purpose, is_template=True, title_de=de, title_en=en,
                                   title_easy=easy)  # fmt: skip
    _add(survey, questions)
    return survey


def load(context: dict) -> None:
    rng = context["rng"]
    reference, follow_up = context["reference_project"], context["follow_up_project"]
    expert_day = _template(follow_up, Survey.Purpose.FEEDBACK, "Feedback zum Fachtag", "Feedback on the expert day",
                           "Wie war der Fach-Tag?", EXPERT_DAY)  # fmt: skip
    _template(follow_up, Survey.Purpose.FEEDBACK, "Feedback zum Online-Kongress", "Feedback on the online congress",
              "Wie war der Online-Kongress?", CONGRESS)  # fmt: skip
    _template(follow_up, Survey.Purpose.FOLLOW_UP, "Nachbefragung nach sechs Monaten", "Follow-up after six months",
              "Was ist seit der Veranstaltung passiert?", FOLLOW_UP)  # fmt: skip
    upcoming = context["events"][-1]
    feedback = Survey.objects.create(project=upcoming.project, purpose=Survey.Purpose.FEEDBACK, event=upcoming,
                                     title_de=f"Feedback: {upcoming.title}", title_en=f"Feedback: {upcoming.title}",
                                     title_easy=expert_day.title_easy)  # fmt: skip
    copy_questions(expert_day, feedback)
    later = Survey.objects.create(project=upcoming.project, purpose=Survey.Purpose.FOLLOW_UP, event=upcoming,
                                  follow_up_days=182, title_de=f"Nachbefragung: {upcoming.title}",
                                  title_en=f"Follow-up: {upcoming.title}")  # fmt: skip
    copy_questions(Survey.objects.get(is_template=True, purpose=Survey.Purpose.FOLLOW_UP), later)
    _network_follow_up(reference, rng)


def _network_follow_up(project, rng) -> None:
    """The members of the three networks were asked in August 2025: 41 of 58 answered, 8 companies train for the
    first time after a network meeting (the report's level-5 figure)."""
    send_on = date(2025, 8, 4)
    survey = Survey.objects.create(
        project=project,
        purpose=Survey.Purpose.FOLLOW_UP,
        send_on=send_on,
        title_de="Abfrage bei den Netzwerkmitgliedern 2025",
        title_en="Survey of the network members 2025",
        intro_de="Wir möchten wissen, was sich seit den Netzwerktreffen in Ihrem Betrieb getan hat.",
        intro_en="We would like to know what has changed in your company since the network meetings.",
    )
    company, first, useful, _comment = _add(survey, [
        (K.YES_NO, "Ist Ihr Betrieb ein Inklusionsunternehmen?", "Is your company an inclusion company?",
         "", True, "inclusion_company", [], None),
        (K.YES_NO, "Hat Ihr Betrieb nach einem Netzwerktreffen erstmals einen Ausbildungsplatz besetzt?",
         "Has your company filled a training place for the first time after a network meeting?", "", True,
         "first_training", [], (0, ["yes"])),
        (K.RATING_5, "Wie hilfreich sind die Netzwerktreffen für Ihre Arbeit?",
         "How helpful are the network meetings for your work?", "", False, "helpful", [], None),
        (K.LONG_TEXT, "Was wünschen Sie sich von den nächsten Treffen?", "What would you like from the next meetings?",
         "", False, "", [], None),
    ])  # fmt: skip
    members = network_queries.project_member_person_ids(project.pk, send_on)[:58]
    sent_at = timezone.make_aware(timezone.datetime(2025, 8, 4, 9, 0))
    answered = set(rng.sample(members, min(41, len(members))))
    Invitation.objects.bulk_create(
        [Invitation(survey=survey, person_id=pk, sent_at=sent_at, answered=pk in answered) for pk in members]
    )
    answers = []
    for index in range(len(answered)):
        response = Response.objects.create(survey=survey, submitted_on=send_on + timedelta(days=rng.randint(0, 20)))
        is_company = index < 30
        answers.append(Answer(response=response, question=company, value="yes" if is_company else "no"))
        if is_company:
            answers.append(Answer(response=response, question=first, value="yes" if index < 8 else "no"))
        rating = rng.choice([3, 4, 4, 5, 5])
        answers.append(Answer(response=response, question=useful, value=str(rating), number=rating))
    Answer.objects.bulk_create(answers)
    SurveyIndicator.objects.create(
        project=project,
        code="companies_started_training",
        label_de="Inklusionsunternehmen, die nach einem Netzwerktreffen erstmals ausbilden",
        label_en="Inclusion companies that started training after a network meeting",
        unit_de="Unternehmen",
        unit_en="companies",
        level=5,
        question=first,
        measure=SurveyIndicator.Measure.COUNT,
        values=["yes"],
    )
    SurveyIndicator.objects.create(
        project=project,
        code="network_meetings_helpful",
        label_de="Netzwerkmitglieder, die die Treffen hilfreich finden",
        label_en="Network members who find the meetings helpful",
        level=4,
        question=useful,
        measure=SurveyIndicator.Measure.SHARE,
        values=["4", "5"],
    )
