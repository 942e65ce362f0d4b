"""Every sentence template of the report prose, for zero, one and many, in German and English (issue #17)."""

import re

import pytest

from inklusio.impact.catalogue import EVENTS, NETWORKING, REACH, RESONANCE
from inklusio.impact.narrative import area_sentences, targets_reached

CODES = {
    REACH: ["instagram_posts", "instagram_followers", "mailings_sent", "subscribers", "press_clippings"],
    EVENTS: [
        "conference_days",
        "conference_day_participants",
        "conference_day_speakers",
        "congresses",
        "congress_programme_items",
        "congress_speakers",
        "congress_registrations",
        "apprentice_speakers",
    ],
    NETWORKING: ["networks_founded", "networks", "network_meetings", "network_active_participants"],
    RESONANCE: ["inquiries", "stakeholder_types_reached"],
}
# Wordings that read wrong: a dative "none" ("mit keinen Treffen"), "none times", a numeral with a plural noun
# after one, an English "with no".
WRONG = re.compile(
    r"\bkeinen\b|\bkeine Mal\b|\bmit keine\b|\bein Mal\b|\bwith no\b|\bin no\b|\b1 \w+s\b|\bone \w+s\b(?<!\bones)"
)


def _combinations():
    for area, codes in CODES.items():
        for lang in ("de", "en"):
            for n in (0, 1, 7, 118):
                yield area, lang, dict.fromkeys(codes, n)
                for code in codes:  # each figure alone, and each figure differing from the rest
                    yield area, lang, {code: n}
                    yield area, lang, {**dict.fromkeys(codes, 5), code: n}


@pytest.mark.parametrize(("area", "lang", "figures"), list(_combinations()))
def test_no_sentence_reads_wrong_for_zero_one_or_many(area, lang, figures):
    for sentence in area_sentences(area, figures, lang):
        assert not WRONG.search(sentence), sentence
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        assert "  " not in sentence and " ," not in sentence and ",," not in sentence, sentence


@pytest.mark.parametrize(
    ("figures", "de", "en"),
    [
        (
            {"networks": 3, "network_meetings": 0, "network_active_participants": 0},
            "Insgesamt bereicherten drei regionale Netzwerke ohne Treffen und aktive Beteiligte die Projektarbeit.",
            "In all, three regional networks without meetings or active participants enriched the project's work.",
        ),
        (
            {"networks": 1, "network_meetings": 1, "network_active_participants": 0},
            "Insgesamt bereicherte ein regionales Netzwerk mit einem Treffen, aber ohne aktive Beteiligte, "
            "die Projektarbeit.",
            "In all, one regional network with one meeting but without active participants enriched the project's "
            "work.",
        ),
        (
            {"networks": 3, "network_meetings": 23, "network_active_participants": 71},
            "Insgesamt bereicherten drei regionale Netzwerke mit über 20 Treffen und rund 70 aktiven Beteiligten "
            "die Projektarbeit.",
            "In all, three regional networks with over 20 meetings and around 70 active participants enriched the "
            "project's work.",
        ),
        (
            {"network_meetings": 0},
            "Die regionalen Netzwerke trafen sich im Zeitraum nicht.",
            "The regional networks did not meet in the period.",
        ),
        ({"network_meetings": 1}, "Die regionalen Netzwerke trafen sich einmal.", "The regional networks met once."),
        (
            {"network_meetings": 9},
            "Die regionalen Netzwerke trafen sich neun Mal.",
            "The regional networks met nine times.",
        ),
        (
            {"networks_founded": 2},
            "Im Berichtszeitraum entstanden zwei neue regionale Netzwerke.",
            "In the period, two new regional networks were founded.",
        ),
    ],
)
def test_networking_sentences(figures, de, en):
    assert area_sentences(NETWORKING, figures, "de") == [de]
    assert area_sentences(NETWORKING, figures, "en") == [en]


@pytest.mark.parametrize(
    ("figures", "de", "en"),
    [
        (
            {"conference_days": 2, "conference_day_participants": 0, "conference_day_speakers": 1},
            "Die zwei Fachtage mit insgesamt einer Referent*in, aber ohne Teilnehmende, boten ein breites Forum für "
            "Austausch und Wissenstransfer.",
            "The two expert days, with one speaker in all but without participants, offered a broad forum for "
            "exchange and knowledge transfer.",
        ),
        (
            {"conference_days": 1, "conference_day_participants": 0, "conference_day_speakers": 0},
            "Der Fachtag ohne Teilnehmende und Referent*innen bot ein breites Forum für Austausch und Wissenstransfer.",
            "The expert day, without participants or speakers, offered a broad forum for exchange and knowledge "
            "transfer.",
        ),
        (
            {"congresses": 1, "congress_programme_items": 1, "congress_registrations": 0},
            "Der Online-Kongress mit einem Programmpunkt, aber ohne angemeldete Teilnehmende, präsentierte "
            "praxisnahe Einblicke in die inklusive Ausbildung.",
            "The online congress, with one programme item but without registrations, gave practical insights into "
            "inclusive training.",
        ),
        (
            {"congresses": 2, "congress_speakers": 16},
            "Die zwei Online-Kongresse mit 16 Referent*innen präsentierten praxisnahe Einblicke in die inklusive "
            "Ausbildung.",
            "The two online congresses, with 16 speakers, gave practical insights into inclusive training.",
        ),
        ({"congresses": 0, "congress_speakers": 16}, None, None),
        ({"conference_days": 0, "conference_day_participants": 40}, None, None),
        (
            {"apprentice_speakers": 1},
            "Ein*e Auszubildende*r wirkte selbst im Programm mit.",
            "One apprentice was among the speakers, bringing in the apprentices' view.",
        ),
        (
            {"apprentice_speakers": 4},
            "Vier Auszubildende wirkten selbst als Referent*innen mit und brachten die Perspektive der Auszubildenden "
            "ein.",
            "Four apprentices were among the speakers, bringing in the apprentices' view.",
        ),
        (
            {"show_up_rate": 81.6},
            "Von den bestätigt angemeldeten Personen nahmen 82\u00a0% tatsächlich teil.",
            "82% of those with a confirmed registration actually attended.",
        ),
        (
            {"show_up_rate": 81.6, "show_up_rate_online": 78.4, "show_up_rate_all": 80.2},
            "Von den bestätigt angemeldeten Personen nahmen 80\u00a0% tatsächlich teil (bei Präsenzveranstaltungen "
            "82\u00a0%, online 78\u00a0%).",
            "80% of those with a confirmed registration actually attended (in person 82%, online 78%).",
        ),
        (
            {"show_up_rate_online": 78.4, "show_up_rate_all": 78.4},
            "Von den bestätigt angemeldeten Personen nahmen 78\u00a0% tatsächlich teil.",
            "78% of those with a confirmed registration actually attended.",
        ),
        (
            {"satisfaction": 0.0},
            "0\u00a0% der Rückmeldungen bewerteten die Veranstaltungen mit gut oder sehr gut.",
            "0% of the feedback rated the events good or very good.",
        ),
    ],
)
def test_event_sentences(figures, de, en):
    assert area_sentences(EVENTS, figures, "de") == ([de] if de else [])
    assert area_sentences(EVENTS, figures, "en") == ([en] if en else [])


@pytest.mark.parametrize(
    ("figures", "de", "en"),
    [
        (
            {"instagram_posts": 0, "instagram_followers": 40},
            "Auf Instagram wurden keine Beiträge veröffentlicht; der Kanal hatte zuletzt 40 Follower*innen.",
            "No posts were published on Instagram; the channel most recently had 40 followers.",
        ),
        (
            {"instagram_posts": 5, "instagram_followers": 0},
            "Auf Instagram wurden fünf Beiträge veröffentlicht.",
            "On Instagram, five posts were published.",
        ),
        (
            {"instagram_posts": 1, "instagram_followers": 1},
            "Auf Instagram wurde ein Beitrag veröffentlicht, die eine Community von inzwischen einer Follower*in "
            "erreichten.",
            "On Instagram, one post was published, reaching a community of one follower by now.",
        ),
        (
            {"instagram_followers": 0},
            "Der Instagram-Kanal hatte zuletzt keine Follower*innen.",
            "The Instagram channel most recently had no followers.",
        ),
        (
            {"mailings_sent": 0, "subscribers": 12},
            "Der Infoletter wurde im Zeitraum nicht verschickt; am Ende des Zeitraums hatte er zwölf Abonnent*innen.",
            "The newsletter did not go out in the period; at the end of the period it had twelve subscribers.",
        ),
        (
            {"mailings_sent": 0},
            "Der Infoletter wurde im Zeitraum nicht verschickt.",
            "The newsletter did not go out in the period.",
        ),
        (
            {"mailings_sent": 1, "subscribers": 0},
            "Der Infoletter erschien mit insgesamt einem Mailing; am Ende des Zeitraums hatte er keine Abonnent*innen.",
            "The newsletter went out in one mailing in all; at the end of the period it had no subscribers.",
        ),
        (
            {"mailings_sent": 7, "subscribers": 497},
            "Ergänzend dazu informierte der Infoletter mit insgesamt sieben Mailings rund 500 Abonnent*innen über die "
            "Themen des Projekts.",
            "In addition, the newsletter informed around 500 subscribers about the project's topics in seven mailings "
            "in all.",
        ),
        (
            {"press_clippings": 0},
            "In externen Medien erschienen keine Presseartikel über das Projekt.",
            "No press articles about the project were published in external media.",
        ),
        (
            {"press_clippings": 1},
            "In externen Medien erschien ein Presseartikel über das Projekt.",
            "One press article about the project was published in external media.",
        ),
    ],
)
def test_reach_sentences(figures, de, en):
    assert area_sentences(REACH, figures, "de") == [de]
    assert area_sentences(REACH, figures, "en") == [en]


@pytest.mark.parametrize(
    ("figures", "de", "en"),
    [
        (
            {"inquiries": 0, "stakeholder_types_reached": 0},
            "Direkte Kontaktaufnahmen gab es im Zeitraum keine.",
            "There were no direct inquiries in the period.",
        ),
        (
            {"inquiries": 1, "stakeholder_types_reached": 1},
            "Die Resonanz zeigte sich auch in einer direkten Kontaktaufnahme aus einer Akteursgruppe.",
            "The response also showed in one direct inquiry from one stakeholder type.",
        ),
        (
            {"inquiries": 46, "stakeholder_types_reached": 0},
            "Die Resonanz zeigte sich auch in knapp 50 direkten Kontaktaufnahmen.",
            "The response also showed in almost 50 direct inquiries.",
        ),
    ],
)
def test_resonance_sentences(figures, de, en):
    assert area_sentences(RESONANCE, figures, "de") == [de]
    assert area_sentences(RESONANCE, figures, "en") == [en]


@pytest.mark.parametrize(
    ("reached", "total", "de", "en"),
    [
        (0, 0, "", ""),
        (
            0,
            8,
            "Keine der 8 Kennzahlen mit Zielwert hat ihr Ziel im Zeitraum erreicht.",
            "None of the 8 indicators with a target reached it in the period.",
        ),
        (
            1,
            8,
            "1 der 8 Kennzahlen mit Zielwert hat ihr Ziel im Zeitraum erreicht oder übertroffen.",
            "1 of the 8 indicators with a target reached or exceeded it in the period.",
        ),
        (
            3,
            8,
            "3 der 8 Kennzahlen mit Zielwert haben ihr Ziel im Zeitraum erreicht oder übertroffen.",
            "3 of the 8 indicators with a target reached or exceeded it in the period.",
        ),
        (
            8,
            8,
            "Alle 8 Kennzahlen mit Zielwert haben ihr Ziel im Zeitraum erreicht oder übertroffen.",
            "All 8 indicators with a target reached or exceeded it in the period.",
        ),
        (
            1,
            1,
            "Die eine Kennzahl mit Zielwert hat ihr Ziel im Zeitraum erreicht oder übertroffen.",
            "The one indicator with a target reached or exceeded it in the period.",
        ),
        (
            0,
            1,
            "Die eine Kennzahl mit Zielwert hat ihr Ziel im Zeitraum nicht erreicht.",
            "The one indicator with a target did not reach it in the period.",
        ),
    ],
)
def test_targets_reached_sentence(reached, total, de, en):
    assert targets_reached(reached, total, "de") == de
    assert targets_reached(reached, total, "en") == en
