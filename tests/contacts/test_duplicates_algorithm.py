"""contacts/duplicates.py: folding, address normalisation, the pairing rules, and blocked == naive."""

from hypothesis import given, settings
from hypothesis import strategies as st

from inklusio.contacts.duplicates import (
    EMAIL,
    NAME_AND_ORGANISATION,
    SIMILAR_NAME,
    Pair,
    Record,
    find_pairs,
    find_pairs_naively,
    fold,
    normalise_email,
    within_one_edit,
)


def pairs(*records, **kwargs):
    return {(p.low, p.high): p.reason for p in find_pairs(records, **kwargs).pairs}


def test_fold_spells_out_umlauts_and_sharp_s_and_drops_accents():
    assert fold("Jörg", "Weiß-Müller") == "joerg weiss mueller"
    assert fold("  José ", "O'Neil") == "jose o neil"
    assert fold("ÄRGER") == fold("aerger")


def test_email_normalisation():
    assert normalise_email(" Ida.Koch+news@Example.org ") == "ida.koch@example.org"
    assert normalise_email("i.d.a+x@googlemail.com") == normalise_email("ida@gmail.com") == "ida@gmail.com"
    assert normalise_email("ida.koch@example.org") != normalise_email("idakoch@example.org")  # dots count elsewhere
    for unusable in ("", "no-at-sign", "@example.org", "ida@", "+tag@example.org"):
        assert normalise_email(unusable) == ""


def test_within_one_edit():
    assert within_one_edit("mueller", "muller")  # deletion
    assert within_one_edit("meier", "meyer")  # substitution
    assert within_one_edit("schmidt", "schmdit")  # adjacent swap
    assert not within_one_edit("meier", "mayer")
    assert not within_one_edit("ab", "abcd")


def test_umlaut_and_sharp_s_spellings_meet():
    found = pairs(Record(1, "Jörg", "Weiß"), Record(2, "Joerg", "Weiss"), Record(3, "Jorg", "Weiss"))
    assert found == {(1, 2): SIMILAR_NAME, (1, 3): SIMILAR_NAME, (2, 3): SIMILAR_NAME}


def test_same_name_same_organisation_is_the_stronger_reason():
    found = pairs(
        Record(1, "David", "Albrecht", organisations=frozenset({7})),
        Record(2, "David", "Albrecht", organisations=frozenset({7, 8})),
    )
    assert found == {(1, 2): NAME_AND_ORGANISATION}


def test_same_name_at_different_organisations_is_no_pair():
    davids = [Record(i, "David", "Albrecht", f"d{i}@example.org", frozenset({i})) for i in (1, 2, 3)]
    assert pairs(*davids) == {}
    # Without an organisation on one side nothing speaks against it.
    assert pairs(davids[0], Record(4, "David", "Albrecht")) == {(1, 4): SIMILAR_NAME}


def test_normalised_email_pairs_across_organisations_and_names():
    found = pairs(
        Record(1, "Ida", "Koch", "ida+fachtag@example.org", frozenset({1})),
        Record(2, "I.", "Koch-Berger", "IDA@example.org", frozenset({2})),
    )
    assert found == {(1, 2): EMAIL}


def test_dismissed_pairs_and_short_names_are_left_out():
    a, b = Record(1, "Ida", "Koch"), Record(2, "Ida", "Koch")
    assert pairs(a, b, dismissed=[(2, 1)]) == {}
    assert pairs(Record(3, "", "Li"), Record(4, "", "Lu")) == {}


def test_oversized_blocks_are_reported_not_expanded():
    many = [Record(i, "Anna", "Schmidt") for i in range(10)]
    result = find_pairs(many, max_block=5)
    assert result.pairs == [] and "anna schmidt" in result.oversized_blocks


names = st.sampled_from(["Müller", "Mueller", "Muller", "Meier", "Meyer", "Weiß", "Weiss", "Koch", "Kock", "Albrecht"])
records = st.lists(
    st.builds(
        lambda first, last, mail, orgs: (first, last, mail, frozenset(orgs)),
        st.sampled_from(["Ida", "Jörg", "Joerg", "David"]),
        names,
        st.sampled_from(["", "ida@example.org", "Ida+x@example.org", "d@gmail.com", "d.@googlemail.com"]),
        st.sets(st.integers(1, 3), max_size=2),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(records)
def test_blocking_finds_exactly_what_all_pairs_finds(rows):
    people = [Record(i, *row) for i, row in enumerate(rows)]
    blocked = find_pairs(people, max_block=10_000).pairs
    assert blocked == find_pairs_naively(people)
    assert all(isinstance(p, Pair) and p.low < p.high for p in blocked)
