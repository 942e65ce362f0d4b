"""Generated report prose: reads like the reference report; missing sources leave sentences out."""

from inklusio.impact.disclosure import suppress_small
from inklusio.impact.narrative import area_sentences

SEED = dict(
    instagram_posts=118,
    instagram_followers=547,
    mailings_sent=7,
    subscribers=497,
    conference_days=3,
    conference_day_participants=273,
    conference_day_speakers=22,
    congresses=1,
    congress_programme_items=10,
    congress_speakers=16,
    congress_registrations=218,
    networks=3,
    network_meetings=23,
    network_active_participants=71,
)


def test_seed_figures_read_like_the_seed():
    reach = " ".join(area_sentences("reach", SEED, "de"))
    assert "Auf Instagram wurden knapp 120 Beiträge veröffentlicht" in reach
    assert "knapp 550 Follower*innen" in reach
    assert "mit insgesamt sieben Mailings rund 500 Abonnent*innen" in reach
    events = " ".join(area_sentences("events", SEED, "de"))
    assert "Die drei Fachtage mit insgesamt über 270 Teilnehmenden und mehr als 20 Referent*innen" in events
    assert "Der Online-Kongress mit zehn Programmpunkten, 16 Referent*innen und knapp 220 angemeldeten" in events
    networking = " ".join(area_sentences("networking", SEED, "de"))
    assert "drei regionale Netzwerke mit über 20 Treffen und rund 70 aktiven Beteiligten" in networking


def test_english_prose():
    reach = " ".join(area_sentences("reach", SEED, "en"))
    assert "almost 120 posts" in reach and "almost 550 followers" in reach and "seven mailings" in reach
    events = " ".join(area_sentences("events", SEED, "en"))
    assert "over 270 participants and more than 20 speakers" in events


def test_missing_sources_leave_sentences_out_never_zero():
    assert area_sentences("reach", {}, "de") == []
    only_posts = area_sentences("reach", {"instagram_posts": 118, "instagram_followers": None}, "de")
    assert only_posts == ["Auf Instagram wurden knapp 120 Beiträge veröffentlicht."]
    events = " ".join(area_sentences("events", {"conference_days": 3}, "de"))
    assert "0" not in events and "null" not in events and "keine" not in events
    assert area_sentences("networking", {"network_meetings": None}, "de") == []


def test_singular_agreement():
    assert area_sentences("reach", {"instagram_posts": 1}, "de") == ["Auf Instagram wurde ein Beitrag veröffentlicht."]
    assert area_sentences("events", {"conference_days": 1}, "de")[0].startswith("Der Fachtag bot")
    assert area_sentences("networking", {"networks_founded": 1}, "de") == [
        "Im Berichtszeitraum entstand ein neues regionales Netzwerk."
    ]


def test_small_groups_are_suppressed():
    cells = {c.label: c.count for c in suppress_small({"A": 40, "B": 3, "C": 12, "D": 0})}
    # B is under five; C is suppressed too, or B could be worked out from the total.
    assert cells == {"A": 40, "C": None, "B": None, "D": 0}
    assert {c.label: c.count for c in suppress_small({"A": 40, "B": 3, "C": 2})} == {"A": 40, "B": None, "C": None}
    assert {c.label: c.count for c in suppress_small({"A": 5, "B": 7})} == {"B": 7, "A": 5}
    assert [c.count for c in suppress_small({"A": 4}, total_shown=False)] == [None]
