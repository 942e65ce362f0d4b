"""The contact import: every bad file gives a clear message naming row and column, and writes nothing."""

import io
import os
import subprocess
import sys

import pytest
from openpyxl import Workbook

from inklusio.contacts import importing
from inklusio.contacts.models import Affiliation, Organisation, Person, Tag
from tests.mailings.crossprocess import migrate


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


HEADER = "Vorname;Nachname;E-Mail;Organisation;Zielgruppe;Funktion;Seit;Bundesland;Ort;Tags"
GOOD_ROWS = [
    "Anna;Müller;anna@example.org;Brückenwerk gGmbH;Inklusionsunternehmen;Ausbildungsleitung;01.08.2023;"
    "Hessen;Kassel;Fachtag",
    "Jörg;Weiß;joerg@example.org;IHK Kassel;chamber;Ausbildungsberatung;2021-02-01;DE-HE;Kassel;",
    "Elif;Kaya;elif@example.org;;apprentice;;;NW;Köln;Netzwerk, Fachtag",
]


def csv_bytes(rows, header=HEADER, encoding="utf-8", delimiter=";"):
    text = "\n".join([header, *rows]).replace(";", delimiter) + "\n"
    return text.encode(encoding)


def snapshot():
    return (Person.objects.count(), Organisation.objects.count(), Affiliation.objects.count(), Tag.objects.count())


def plan_errors(data):
    plan = importing.plan_import(data)
    return plan, [str(issue) for issue in plan.errors]


@pytest.mark.django_db
def test_a_good_file_imports_people_organisations_affiliations_and_tags():
    plan = importing.plan_import(csv_bytes(GOOD_ROWS))
    assert plan.ok, plan.errors
    summary = importing.execute_import(plan)
    assert (summary.people, summary.organisations, summary.skipped) == (3, 2, 0)
    anna = Person.objects.get(email="anna@example.org")
    assert anna.affiliations.get().organisation.stakeholder_type.code == "inclusion_company"
    assert anna.affiliations.get().start.isoformat() == "2023-08-01"
    assert anna.region == "DE-HE" and anna.name_key == "anna mueller"
    elif_ = Person.objects.get(email="elif@example.org")
    assert elif_.stakeholder_type.code == "apprentice" and elif_.region == "DE-NW"
    assert sorted(elif_.tags.values_list("name", flat=True)) == ["Fachtag", "Netzwerk"]


@pytest.mark.django_db
@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ";"), ("utf-8-sig", ","), ("cp1252", ";")])
def test_encodings_and_delimiters_excel_writes(encoding, delimiter):
    plan = importing.plan_import(csv_bytes(GOOD_ROWS[:2], encoding=encoding, delimiter=delimiter))
    assert plan.ok, plan.errors
    importing.execute_import(plan)
    assert Person.objects.filter(last_name="Müller").exists()
    assert Person.objects.filter(last_name="Weiß").exists()


@pytest.mark.django_db
def test_xlsx_with_dates_and_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["First name", "Last name", "Email", "Organization", "Since", "Phone"])
    import datetime

    sheet.append(["Mia", "Wolf", "mia@example.org", "Teamwerk gGmbH", datetime.date(2022, 3, 1), "+49 561 123"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = importing.plan_import(buffer.getvalue())
    assert plan.ok, plan.errors
    importing.execute_import(plan)
    mia = Person.objects.get(email="mia@example.org")
    assert mia.phone == "+49 561 123"
    assert mia.affiliations.get().start == datetime.date(2022, 3, 1)


BAD_FILES = {
    "utf16": ("\n".join([HEADER, GOOD_ROWS[0]]).encode("utf-16"), "UTF-16"),
    "binary": (b"\x00\x01\x02garbage" * 50, "encoding"),
    "empty": (b"", "empty"),
    "only blanks": (b"\n\n  \n", "empty"),
    "header only": (csv_bytes([]), "no contacts"),
    "missing required column": (
        csv_bytes(["Anna;anna@example.org"], header="Vorname;E-Mail"),
        "column “last name”: This required column",
    ),
    "old xls": (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xls"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_files_are_refused_with_a_clear_message(case):
    data, expected = BAD_FILES[case]
    before = snapshot()
    plan, errors = plan_errors(data)
    assert not plan.ok
    assert any(expected in error for error in errors), errors
    with pytest.raises(importing.ImportRefused):
        importing.execute_import(plan)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_20_mb_file_is_refused_before_parsing(settings):
    data = csv_bytes(GOOD_ROWS) + b"x" * (20 * 1024 * 1024)
    plan, errors = plan_errors(data)
    assert len(errors) == 1 and "at most 16 MB" in errors[0] and "20.0 MB" in errors[0]


BAD_ROWS = {
    "formula": (
        "Evil;Payload;evil@example.org;=cmd|' /C calc'!A0;;;;;;",
        "row 2, column “Organisation”: “=cmd|' /C calc'!A0” looks like a spreadsheet formula",
    ),
    "formula at": ("Evil;@SUM(1+1);evil@example.org;;;;;;;", "row 2, column “Nachname”"),
    "formula plus": ("Evil;+A1*2;evil@example.org;;;;;;;", "row 2, column “Nachname”"),
    "bad date": (
        "Anna;Müller;anna@example.org;Org;;;2023/13/45;;;",
        "row 2, column “Seit”: “2023/13/45” is not a date",
    ),
    "bad email": ("Anna;Müller;anna@;;;;;;;", "row 2, column “E-Mail”: “anna@” is not a valid email address"),
    "no last name": ("Anna;;anna@example.org;;;;;;;", "row 2, column “Nachname”: A last name is required"),
    "unknown type": ("Anna;Müller;;;Astronaut;;;;;", "row 2, column “Zielgruppe”: “Astronaut” is not a known"),
    "unknown region": ("Anna;Müller;;;;;;Atlantis;;", "row 2, column “Bundesland”: “Atlantis” is not a German state"),
    "too many cells": ("Anna;Müller;;;;;;;;;extra", "row 2: The row has 11 cells but the header only 10"),
    "role without org": ("Anna;Müller;;;;Chefin;;;;", "row 2, column “Funktion”: A role needs an organisation"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", BAD_ROWS)
def test_bad_rows_name_row_and_column_and_nothing_is_written(case):
    row, expected = BAD_ROWS[case]
    before = snapshot()
    # the bad row sits between good rows: all or nothing
    plan, errors = plan_errors(csv_bytes([row, GOOD_ROWS[1], GOOD_ROWS[2]]))
    assert any(error.startswith(expected) for error in errors), errors
    assert not plan.ok
    with pytest.raises(importing.ImportRefused):
        importing.execute_import(plan)
    assert snapshot() == before


@pytest.mark.django_db
def test_phone_numbers_with_a_plus_are_not_formulas():
    plan = importing.plan_import(csv_bytes(["Anna;Müller;;;;;;;;"], header=HEADER) + b"")
    assert plan.ok
    data = "Vorname;Nachname;Telefon\nAnna;Müller;+49 (0)69 123-45\nBen;Koch;-\n".encode()
    plan = importing.plan_import(data)
    assert plan.ok, plan.errors


@pytest.mark.django_db
def test_duplicate_rows_in_the_file_are_errors():
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], GOOD_ROWS[0].replace("anna@", "anna.m@"), GOOD_ROWS[1]]
    plan, errors = plan_errors(csv_bytes(rows))
    assert "row 4, column “Nachname”: The same person and organisation as row 2." in errors
    assert "row 5, column “E-Mail”: The same email as row 3." in errors
    assert snapshot() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_people_already_in_the_contact_base_are_skipped_not_duplicated():
    importing.execute_import(importing.plan_import(csv_bytes(GOOD_ROWS)))
    before = snapshot()
    again = [GOOD_ROWS[0].replace("anna@example.org", "ANNA@example.org"), GOOD_ROWS[1].replace("joerg@", "j.weiss@")]
    again[1] = again[1].replace("Jörg;Weiß", "Jörg;Weiss")  # same normalised name and organisation
    plan = importing.plan_import(csv_bytes(again))
    assert plan.ok and not plan.rows and len(plan.skipped) == 2
    importing.execute_import(plan)
    assert snapshot() == before


@pytest.mark.django_db
def test_a_custom_mapping_overrides_the_guess():
    data = "Spalte A;Spalte B\nAnna;Müller\n".encode()
    plan = importing.plan_import(data)
    assert not plan.ok
    plan = importing.plan_import(data, {"first_name": "Spalte A", "last_name": "Spalte B"})
    assert plan.ok and plan.rows[0][1]["last_name"] == "Müller"


def run_cli(*args, env_var_dir):
    import os

    env = {**os.environ, "INKLUSIO_VAR_DIR": str(env_var_dir), "PYTHONPATH": "src"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "inklusio.cli", *args], capture_output=True, text=True, env=env)


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the command runs on its own SQLite file (DATABASE_URL removed): the PostgreSQL run would repeat the "
    "SQLite run's test",
)
def test_cli_import_exit_codes_and_nothing_written_on_error(tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(GOOD_ROWS))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([GOOD_ROWS[0], BAD_ROWS["bad date"][0].replace("anna@", "x@"), BAD_ROWS["formula"][0]]))
    var = tmp_path / "var"
    var.mkdir()
    migrate({"DATABASE_URL": f"sqlite:///{var / 'inklusio.sqlite3'}"})  # the CLI's default database in its var dir

    result = run_cli("import", "contacts", str(bad), env_var_dir=var)
    assert result.returncode == 1
    problem_lines = [line for line in result.stderr.splitlines() if line.startswith(str(bad))]
    assert len(problem_lines) == 2
    assert "row 3, column “Seit”" in problem_lines[0] and "row 4, column “Organisation”" in problem_lines[1]

    result = run_cli("import", "contacts", str(good), "--dry-run", env_var_dir=var)
    assert result.returncode == 0 and "3 people would be imported" in result.stdout
    result = run_cli("import", "contacts", str(good), env_var_dir=var)
    assert result.returncode == 0 and "Imported 3 people and 2 organisations" in result.stdout
    result = run_cli("import", "contacts", str(good), env_var_dir=var)
    assert result.returncode == 0 and "3 rows were already in the contact base" in result.stdout
