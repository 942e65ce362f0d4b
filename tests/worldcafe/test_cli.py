import json

import pytest

from inklusio.cli import main


def run(capsys, *args):
    code = main(["worldcafe", "plan", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_anonymous_people_as_json(capsys):
    code, out, _ = run(capsys, "--people", "20", "--tables", "5", "--rounds", "3", "--seed", "4", "--time-limit", "2")
    assert code == 0
    data = json.loads(out)
    assert len(data["rounds"]) == 3
    assert all(len(tables) == 5 for tables in data["rounds"])
    assert sorted(pid for table in data["rounds"][0] for pid in table) == sorted(str(i) for i in range(1, 21))
    assert data["metrics"]["repeated_meetings"] == 0
    assert set(data["metrics"]) == {
        "repeated_meetings",
        "max_meetings",
        "new_contacts_min",
        "new_contacts_mean",
        "colleague_clashes",
        "types_per_table_min",
        "types_per_table_mean",
    }
    again = run(capsys, "--people", "20", "--tables", "5", "--rounds", "3", "--seed", "4", "--time-limit", "2")[1]
    assert json.loads(again)["rounds"] == data["rounds"]


def test_uneven_people_get_tables_that_differ_by_one(capsys):
    code, out, _ = run(capsys, "--people", "23", "--tables", "5", "--rounds", "2", "--time-limit", "1")
    assert code == 0
    sizes = sorted(len(t) for t in json.loads(out)["rounds"][0])
    assert sizes == [4, 4, 5, 5, 5]


def test_participants_file_with_tables_file_as_csv(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text(
        "id,name,organisation,stakeholder_type,host_table,together_with,needs_accessible_table\n"
        "a,Anna,X,company,Blau,,\n"
        "b,Ben,X,company,,,yes\n"
        "c,Cem,Y,school,,b,\n"
        "d,Dana,Y,school,,,\n"
        "e,Eva,Z,chamber,,,\n"
        "f,Finn,Z,chamber,,,\n",
        encoding="utf-8",
    )
    tables = tmp_path / "tables.csv"
    tables.write_text("name,capacity,accessible\nBlau,3,no\nGrün,3,ja\n", encoding="utf-8")
    out_file = tmp_path / "plan.csv"
    code, _, _ = run(
        capsys,
        "--participants",
        str(people),
        "--tables-file",
        str(tables),
        "--rounds",
        "2",
        "--format",
        "csv",
        "--output",
        str(out_file),
        "--time-limit",
        "1",
    )
    assert code == 0
    rows = out_file.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "round,table,participant_id,name"
    seats = [row.split(",") for row in rows[1:]]
    assert len(seats) == 12
    for round_ in ("1", "2"):
        where = {pid: table for r, table, pid, _name in seats if r == round_}
        assert where["a"] == "Blau" and where["b"] == "Grün" and where["c"] == "Grün"


def test_pdf_output(tmp_path, capsys, db):
    target = tmp_path / "plan.pdf"
    code, _, _ = run(
        capsys,
        "--people",
        "8",
        "--tables",
        "2",
        "--rounds",
        "2",
        "--format",
        "pdf",
        "--output",
        str(target),
        "--time-limit",
        "0.5",
    )
    assert code == 0
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id,name,host_table\n1,A,\n1,B,\n", "row 3, column 'id'"),
        ("id,name,needs_accessible_table\n1,A,vielleicht\n", "row 2, column 'needs_accessible_table'"),
        ("id,name,together_with\n1,A,9\n", "row 2, column 'together_with'"),
        ("id,name,host_table\n1,A,Z\n", "row 2, column 'host_table'"),
        ("name,organisation\nA,X\n", "row 1: the column 'id' is missing"),
        ("id,colour\n1,red\n", "row 1, column 2: unknown column 'colour'"),
        ("", "empty"),
    ],
)
def test_bad_participant_files_exit_2_with_row_and_column(tmp_path, capsys, content, expected):
    people = tmp_path / "people.csv"
    people.write_text(content, encoding="utf-8")
    tables = tmp_path / "tables.csv"
    tables.write_text("name,capacity\n1,4\n2,4\n", encoding="utf-8")
    code, out, err = run(capsys, "--participants", str(people), "--tables-file", str(tables), "--rounds", "2")
    assert code == 2
    assert expected in err
    assert out == ""


def test_bad_tables_file(tmp_path, capsys):
    people = tmp_path / "people.csv"
    people.write_text("id\n1\n2\n", encoding="utf-8")
    tables = tmp_path / "tables.csv"
    tables.write_text("name,capacity,accessible\n1,vier,\n1,2,kaputt\n", encoding="utf-8")
    code, _, err = run(capsys, "--participants", str(people), "--tables-file", str(tables), "--rounds", "2")
    assert code == 2
    assert "row 2, column 'capacity'" in err
    assert "row 3, column 'name'" in err
    assert "row 3, column 'accessible'" in err


def test_impossible_instance_and_bad_arguments(tmp_path, capsys):
    code, _, err = run(capsys, "--people", "30", "--tables", "2", "--table-size", "5", "--rounds", "2")
    assert code == 2 and "do not fit" in err
    assert run(capsys, "--people", "10", "--rounds", "2")[0] == 2
    assert run(capsys, "--people", "10", "--tables", "0", "--rounds", "2")[0] == 2
    assert run(capsys, "--people", "10", "--tables", "2", "--rounds", "0")[0] == 2
    assert run(capsys, "--people", "10", "--tables", "2", "--rounds", "2", "--format", "pdf")[0] == 2
    code, _, err = run(capsys, "--participants", str(tmp_path / "missing.csv"), "--tables", "2", "--rounds", "2")
    assert code == 2 and "missing.csv" in err
