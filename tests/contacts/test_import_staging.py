"""The fast contact import: the precompiled row check agrees with the full one, rows are staged in temporary
tables and moved in with one transaction, and a failure leaves neither people nor staged rows behind."""

import random

import pytest

from inklusio.contacts import importing
from inklusio.contacts.duplicates import fold, fold_each
from inklusio.contacts.models import (
    Affiliation,
    Organisation,
    Person,
    StakeholderType,
    SuppressionEntry,
    Tag,
    person_sort_key,
)
from inklusio.contacts.suppression import digest
from inklusio.core.bulkinsert import stage_exists
from inklusio.core.tabular import Row

from .test_import import GOOD_ROWS, HEADER, csv_bytes, snapshot


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


# Cells that pass and cells the full check has something to say about, mixed at random below.
CELLS = {
    "salutation": ["", "Frau", "herr.", " Divers ", "Mx", "Dr", "Fräulein"],
    "academic_title": ["", "Dr.", " Prof. Dr. ", "x" * 41],
    "first_name": ["", "Anna", " Jörg ", "Ünal-Émile", "=1+2", "-", "x" * 101, "@home"],
    "last_name": ["", "Müller", " Weiß ", "O'Neil", "+", "x" * 100, "x" * 101, "\tTab"],
    "email": ["", "anna@example.org", " ANNA.M@Example.ORG ", "bad@", "a b@example.org", "ü@bücher.de", "x@y"],
    "phone": ["", "+49 (0)69 123-45", "-", "=HYPERLINK()", "1" * 41],
    "stakeholder_type": ["", "chamber", "Inklusionsunternehmen", "CHAMBER", "unknown type"],
    "organisation": ["", "Brückenwerk gGmbH", " IHK Kassel ", "x" * 201, "-", "@org"],
    "organisation_type": ["", "job_centre", "nonsense"],
    "role": ["", "Team", " Leitung "],
    "since": ["", "01.08.2023", "2021-02-01", "1.8.23", "31.02.2024", "yesterday", " 2024-12-31 "],
    "region": ["", "Hessen", "DE-NW", "by", " Berlin ", "Atlantis"],
    "city": ["", "Kassel", "x" * 101],
    "tags": ["", "Fachtag", "Netzwerk, Fachtag", " a | b |", "x" * 70, ",,"],
    "notes": ["", " some notes ", "+notes"],
}


@pytest.mark.django_db
def test_the_precompiled_check_gives_what_the_full_check_gives():
    """For random rows (and shorter and longer ones), the column-wise check returns the full check's cleaned row
    when that finds nothing, and None when it finds something."""
    rng = random.Random(22)
    fields = list(CELLS)
    lookups = importing._Lookups()
    for mapped in (fields, fields[2:9], ["last_name", "email", "tags"]):
        header = [f"column {name}" for name in mapped]
        columns = dict(zip(mapped, header, strict=True))
        index = {name: i for i, name in enumerate(mapped)}
        rows = []
        for number in range(3000):
            cells = [
                rng.choice(CELLS[name]) if rng.random() < 0.3 else CELLS[name][min(1, number % 2)] for name in mapped
            ]
            if number % 17 == 0:
                cells = cells[: rng.randrange(len(cells))]  # a short row: the missing cells are empty
            if number % 19 == 0:
                cells.append(" ")  # a blank cell past the header
            rows.append(Row(number, cells))
        accepted = refused = 0
        for row, fast in zip(rows, importing._fast_checks(rows, index, len(mapped), lookups), strict=True):
            values = {name: (row[i] if i < len(row) else "") for name, i in index.items()}
            clean, issues = importing._validate_row(row.number, values, columns, lookups)
            if issues:
                assert fast is None, (list(row), issues)
                refused += 1
            else:
                assert fast == clean, list(row)
                accepted += 1
        assert accepted > 100 and refused > 100


@pytest.mark.parametrize(
    ("first", "last"),
    [("Anna", "Müller"), ("", "Weiß"), ("-", "Kaya"), ("Jörg ", "-"), ("É", "Ünal"), ("a_b", "c.d"), ("", "")],
)
def test_the_keys_from_folded_parts_are_the_name_and_sort_keys(first, last):
    assert importing._name_keys(first, last) == (importing.normalise_name(first, last), person_sort_key(first, last))


@pytest.mark.parametrize(
    "email",
    [
        "anna@example.org",
        "a.b-c_d%e+f@sub.example.org",
        "a..b@example.org",
        ".a@example.org",
        "a@b@example.org",
        "a@-example.org",
        "a@example.o",
        "a@example.123",
        "a@" + "x" * 64 + ".org",
        "ü@example.org",
        "a@bücher.de",
        "a@example",
        "@example.org",
        "a@",
        "a@[127.0.0.1]",
        '"a b"@example.org',
        "a@example.org.",
        "a@ex_ample.org",
    ],
)
def test_the_email_check_in_two_parts_agrees_with_the_plain_pattern_and_the_validator(email):
    from django.core.exceptions import ValidationError
    from django.core.validators import EmailValidator

    try:
        EmailValidator()(email)
        valid = True
    except ValidationError:
        valid = False
    assert importing._valid_email(email) == valid
    assert (
        importing._PLAIN_LOCAL.fullmatch(email.partition("@")[0]) is not None
        and "@" in email
        and importing._plain_domain(email.partition("@")[2])
    ) == bool(importing._PLAIN_EMAIL.fullmatch(email))


@pytest.mark.django_db
def test_staged_rows_are_invisible_until_moved_in_and_removed_afterwards():
    plan = importing.plan_import(csv_bytes(GOOD_ROWS))
    staging = importing.stage(plan)
    try:
        assert stage_exists(importing.STAGE)
        assert snapshot() == (0, 0, 0, 0)  # staged: nothing in the contact base yet
        summary = importing.execute_import(plan, staging=staging)
    finally:
        staging.drop()
    assert not stage_exists(importing.STAGE) and not stage_exists(importing.STAGE_TAGS)
    assert summary.people == 3 and snapshot() == (3, 2, 2, 2)
    anna = Person.objects.get(email="anna@example.org")
    assert anna.sort_key == "mueller\tanna" and anna.name_key == "anna mueller"
    assert list(anna.tags.values_list("name", flat=True)) == ["Fachtag"]
    affiliation = Affiliation.objects.get(person=anna)
    assert (affiliation.organisation.name, affiliation.role, str(affiliation.start)) == (
        "Brückenwerk gGmbH",
        "Ausbildungsleitung",
        "2023-08-01",
    )


@pytest.mark.django_db
def test_a_failure_while_moving_in_writes_nothing_and_removes_the_staged_rows(monkeypatch):
    plan = importing.plan_import(csv_bytes(GOOD_ROWS))
    real = importing.insert_select

    def fail_after_people(model, *args, **kwargs):
        count = real(model, *args, **kwargs)
        if model is Affiliation:
            raise RuntimeError("the disk is full")
        return count

    monkeypatch.setattr(importing, "insert_select", fail_after_people)
    with pytest.raises(RuntimeError):
        importing.execute_import(plan)
    assert snapshot() == (0, 0, 0, 0)  # the people written before the failure are gone with the transaction
    assert not stage_exists(importing.STAGE) and not stage_exists(importing.STAGE_ORGS)


@pytest.mark.django_db
def test_a_failure_while_staging_removes_the_staged_rows(monkeypatch):
    plan = importing.plan_import(csv_bytes(GOOD_ROWS))

    def fail(*args, **kwargs):
        raise RuntimeError("the connection dropped")

    monkeypatch.setattr(importing, "fill_stage", fail)
    with pytest.raises(RuntimeError):
        importing.execute_import(plan)
    assert snapshot() == (0, 0, 0, 0)
    assert not stage_exists(importing.STAGE)


@pytest.mark.django_db
def test_an_invalid_plan_is_refused_before_anything_is_staged():
    plan = importing.plan_import(csv_bytes(["Anna;;anna@example.org;;;;;;;"]))
    assert not plan.ok
    with pytest.raises(importing.ImportRefused):
        importing.stage(plan)
    assert not stage_exists(importing.STAGE) and snapshot() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_people_added_or_suppressed_after_the_check_are_skipped_when_moving_in():
    """The contact base is checked once more inside the transaction: a person added meanwhile (same address,
    or same name at the same organisation) is skipped, an address erased meanwhile is not imported."""
    plan = importing.plan_import(csv_bytes([*GOOD_ROWS, "Ida;Wolf;ida@example.org;;;;;;;"]))
    assert len(plan.rows) == 4
    staging = importing.stage(plan)
    try:
        Person.objects.create(first_name="Elif", last_name="Kaya", email="ELIF@example.org")
        joerg = Person.objects.create(first_name="Jörg", last_name="Weiß")
        chamber = StakeholderType.objects.get(code="chamber")
        ihk = Organisation.objects.create(name="IHK Kassel", stakeholder_type=chamber)
        Affiliation.objects.create(person=joerg, organisation=ihk)
        SuppressionEntry.objects.create(digest=digest("ida@example.org"), reason="test")
        summary = importing.execute_import(plan, staging=staging)
    finally:
        staging.drop()
    assert (summary.people, summary.skipped, summary.suppressed) == (1, 2, 1)
    assert sorted(e.lower() for e in Person.objects.values_list("email", flat=True)) == [
        "",
        "anna@example.org",
        "elif@example.org",
    ]
    assert Organisation.objects.count() == 2  # IHK Kassel is the one created meanwhile, not a second one


@pytest.mark.django_db
def test_a_large_file_imports_every_row_with_its_ids_in_file_order():
    rows = [f"P{i};Name{i};p{i}@example.org;Org {i % 7};;Team;;;;{'x' if i % 2 else ''}" for i in range(2500)]
    plan = importing.plan_import(csv_bytes(rows, header=HEADER))
    summary = importing.execute_import(plan)
    assert summary.people == 2500 and summary.organisations == 7
    people = list(Person.objects.order_by("id").values_list("last_name", flat=True))
    assert people == [f"Name{i}" for i in range(2500)]
    assert Affiliation.objects.count() == 2500 and Person.tags.through.objects.count() == 1250
    assert Tag.objects.count() == 1


def test_folding_many_names_at_once_folds_each_as_alone():
    rng = random.Random(7)
    alphabet = [*"abcXYZ ßäöüÄÖÜéÉıİﬁ½Σς_-.,'\t\n", "\u0301", "\u0308", "\u00a0", "①", "Ǆ", "ḯ", "\u1e9e", "\x00"]
    for _ in range(3000):
        names = ["".join(rng.choices(alphabet, k=rng.randrange(8))) for _ in range(rng.randrange(6))]
        assert fold_each(names) == [fold(name) for name in names], names
