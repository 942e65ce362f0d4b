"""Report exports (JSON, HTML, tagged PDF, DOCX, XLSX), the CLI and the staff views with their permissions."""

import io
import json
from datetime import date

import pytest

from inklusio.cli import main
from inklusio.contacts.models import Inquiry
from inklusio.impact import exports, services
from inklusio.impact.models import ReportSection, Target
from tests.demo_snapshot import load_demo_fast

pytestmark = pytest.mark.django_db


@pytest.fixture
def report_data(project, lead):
    Inquiry.objects.bulk_create(
        [
            Inquiry(project=project, received_on=date(2025, 3, 1), channel="email", topic="=HYPERLINK(1)")
            for _ in range(46)
        ]
    )
    Target.objects.create(project=project, code="inquiries", baseline=0, target=40)
    services.save_section(project, "summary", "Das **Projekt** war erfolgreich.\n\n<script>alert(1)</script>", "", lead)
    services.save_section(project, "outlook", "=cmd|' /C calc'!A0", "Next steps.", lead)
    return project


def test_json_has_indicators_and_sections(report_data, unsourced):
    data = json.loads(exports.render(services.build_report(report_data, lang="de"), "json"))
    assert {"indicators", "sections", "project", "period"} <= set(data)
    inquiries = next(i for i in data["indicators"] if i["code"] == "inquiries")
    assert {k: inquiries[k] for k in ("value", "baseline", "target", "level")} == {
        "value": 46,
        "baseline": 0,
        "target": 40,
        "level": 3,
    }
    assert {"code", "label", "level", "value", "baseline", "target", "unit"} <= set(inquiries)
    missing = next(i for i in data["indicators"] if i["code"] == unsourced)
    assert missing["value"] is None and missing["has_source"] is False
    for section in data["sections"]:
        assert set(section) >= {"title", "text"} and section["title"]
    evaluation = next(s for s in data["sections"] if s["key"] == "evaluation")
    assert "knapp 50 direkten Kontaktaufnahmen" in evaluation["text"]
    summary = next(s for s in data["sections"] if s["key"] == "summary")
    assert summary["text"].startswith("Die eine Kennzahl mit Zielwert hat ihr Ziel")  # was "1 der 1 … haben"
    key_figures = next(s for s in data["sections"] if s["key"] == "key_figures")
    assert "Direkte Kontaktaufnahmen: 46 Kontaktaufnahmen" in key_figures["text"]


def test_html_sanitises_the_narrative(report_data):
    html = exports.render(services.build_report(report_data), "html").decode()
    assert "<strong>Projekt</strong>" in html
    assert "<script>" not in html
    assert '<html lang="de">' in html


def test_english_report_falls_back_to_german_text_marked_as_german(report_data):
    html = exports.render(services.build_report(report_data, lang="en"), "html").decode()
    assert '<html lang="en">' in html
    assert '<div class="narrative" lang="de">' in html
    assert "Next steps." in html


def test_pdf_is_tagged_with_language(report_data):
    from pypdf import PdfReader

    data = exports.render(services.build_report(report_data, lang="en"), "pdf")
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]
    tags = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                tags.append((node["/S"], str(node.get("/Alt", ""))))
            if node.get("/K") is not None:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(root["/StructTreeRoot"])
    names = {name for name, _alt in tags}
    assert {"/H1", "/H2", "/Table", "/TH"} <= names
    figures = [alt for name, alt in tags if name == "/Figure"]
    assert figures and "Direct inquiries" in figures[0]  # the chart's alt text names its figures


def test_docx_opens_with_headings_and_table(report_data):
    import docx

    document = docx.Document(io.BytesIO(exports.render(services.build_report(report_data), "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any("Kennzahlen" in h or "Key figures" in h for h in headings)
    assert document.tables and document.core_properties.language == "de"


def test_xlsx_has_every_figure_with_definition_and_no_formulas(report_data):
    from openpyxl import load_workbook

    report = services.build_report(report_data)
    workbook = load_workbook(io.BytesIO(exports.render(report, "xlsx")))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    codes = [row[0] for row in rows[1:]]
    assert codes == [row.code for row in report.figures]
    assert all(row[12] for row in rows[1:])  # every definition
    for ws in workbook.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and value.startswith("=")), value


def run_cli(capsys, *args):
    code = main(["report", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_writes_json_to_stdout_and_files(report_data, capsys, tmp_path):
    code, out, _err = run_cli(capsys, "test", "--format", "json", "--lang", "en")
    assert code == 0 and json.loads(out)["language"] == "en"
    target = tmp_path / "report.xlsx"
    code, _out, err = run_cli(
        capsys, "test", "--format", "xlsx", "--output", str(target), "--from", "2025-01-01", "--to", "2025-12-31"
    )
    assert code == 0 and target.read_bytes().startswith(b"PK")


def test_cli_bad_project_and_dates_exit_2(report_data, capsys):
    code, _out, err = run_cli(capsys, "unknown", "--format", "json")
    assert code == 2 and "unknown" in err and "test" in err
    code, _out, err = run_cli(capsys, "test", "--format", "json", "--from", "2025-02-01", "--to", "2025-01-01")
    assert code == 2 and "--to" in err
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "test", "--format", "json", "--from", "2025-13-01"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "test", "--format", "odt"])
    assert exit_info.value.code == 2


# --- views and permissions ---------------------------------------------------------------------------------


def test_read_only_may_view_but_not_edit(report_data, client, make_user):
    client.force_login(make_user("read_only"))
    for path in [
        "/staff/impact/",
        "/staff/impact/test/",
        "/staff/impact/test/report/",
        "/staff/impact/test/comparison/",
        "/staff/impact/test/report/export/json/",
    ]:
        assert client.get(path).status_code == 200, path
    assert client.get("/staff/impact/test/sections/summary/").status_code == 403
    assert client.post("/staff/impact/test/sections/summary/", {"text_de": "x"}).status_code == 403
    assert client.post("/staff/impact/test/targets/inquiries/", {"target": "5"}).status_code == 403
    assert client.get("/staff/impact/test/manual/new/").status_code == 403
    assert ReportSection.objects.get(project=report_data, key="summary").text_de.startswith("Das")


def test_coordinator_and_anonymous_cannot_view(report_data, client, make_user):
    assert client.get("/staff/impact/test/").status_code in {302, 403}
    client.force_login(make_user("network_coordinator"))
    assert client.get("/staff/impact/test/").status_code == 403
    assert client.get("/staff/impact/test/report/export/pdf/").status_code == 403


def test_staff_edits_section_and_target(report_data, client, staff):
    client.force_login(staff)
    response = client.post("/staff/impact/test/sections/outlook/", {"text_de": "Weiter geht's.", "text_en": ""})
    assert response.status_code == 302
    assert ReportSection.objects.get(project=report_data, key="outlook").text_de == "Weiter geht's."
    assert client.get("/staff/impact/test/sections/key_figures/").status_code == 404
    response = client.post("/staff/impact/test/targets/inquiries/", {"baseline": "5", "target": "50", "note": ""})
    assert response.status_code == 302
    assert Target.objects.get(project=report_data, code="inquiries").target == 50
    response = client.post("/staff/impact/test/targets/inquiries/", {"target": "-1"})
    assert response.status_code == 200 and b"error-summary" in response.content
    assert client.get("/staff/impact/test/targets/nonsense/").status_code == 404


def test_manual_indicator_flow(report_data, client, lead):
    client.force_login(lead)
    response = client.post(
        "/staff/impact/test/manual/new/",
        {
            "code": "companies_started",
            "label_de": "Betriebe",
            "label_en": "Companies",
            "unit_de": "Betriebe",
            "unit_en": "companies",
            "level": "5",
            "chain": "outcome",
            "higher_is_better": "on",
            "definition_de": "d",
        },
    )
    assert response.status_code == 302
    value_url = response["Location"]
    response = client.post(
        value_url, {"period_start": "2024-01-01", "period_end": "2026-12-31", "value": "4", "source_note": ""}
    )
    assert response.status_code == 200 and b"error-summary" in response.content
    response = client.post(
        value_url, {"period_start": "2024-01-01", "period_end": "2026-12-31", "value": "4", "source_note": "Umfrage"}
    )
    assert response.status_code == 302
    assert services.build_report(report_data).figures_by_code["companies_started"].value == 4
    response = client.post(
        "/staff/impact/test/manual/new/",
        {
            "code": "inquiries",
            "label_de": "x",
            "label_en": "x",
            "unit_de": "x",
            "unit_en": "x",
            "level": "5",
            "chain": "outcome",
            "definition_de": "d",
        },
    )
    assert response.status_code == 200  # a computed indicator's code is refused


def test_dashboard_links_figures_to_records_and_shows_missing_sources(report_data, client, lead, unsourced):
    client.force_login(lead)
    page = client.get("/staff/impact/test/").content.decode()
    assert 'href="/staff/contacts/inquiries/"' in page
    assert "keine Datenquelle" in page or "no data source yet" in page
    assert '<title id="chart-target-title">' in page
    bad = client.get("/staff/impact/test/?start=2025-02-01&end=2025-01-01")
    assert bad.status_code == 200 and b"error-summary" in bad.content
    assert client.get("/staff/impact/test/report/export/json/?start=2025-02-01&end=2025-01-01").status_code == 400
    assert client.get("/staff/impact/test/report/export/odt/").status_code == 404
    assert client.get("/staff/impact/nope/").status_code == 404


def test_comparison_against_predecessor(report_data, client, lead, unsourced):
    from inklusio.core.models import Project

    follow = Project.objects.create(
        title="Folge",
        slug="folge",
        funder="Aktion Mensch",
        start=date(2027, 1, 1),
        end=date(2027, 6, 30),
        predecessor=report_data,
    )
    Inquiry.objects.create(project=follow, received_on=date(2027, 2, 1), channel="email", topic="t")
    rows = {r.code: r for r in services.comparison(follow)}
    assert (rows["inquiries"].predecessor, rows["inquiries"].current) == (46, 1)
    assert unsourced not in rows  # a figure without a source is not compared
    client.force_login(lead)
    assert "Folge" in client.get("/staff/impact/folge/comparison/").content.decode()


def test_the_demo_report_states_the_seed_figures_from_the_records():
    """The issue's first "Done when": the reference project's report, computed from the demo's records."""
    from inklusio.core.demo import REFERENCE_SLUG
    from inklusio.core.models import Project

    load_demo_fast()
    data = json.loads(exports.render(services.build_report(Project.objects.get(slug=REFERENCE_SLUG)), "json"))
    text = " ".join(s["text"] for s in data["sections"])
    for phrase in [
        "knapp 120 Beiträge",
        "knapp 550 Follower*innen",
        "sieben Mailings",
        "rund 500 Abonnent*innen",
        "Die drei Fachtage mit insgesamt über 270 Teilnehmenden und mehr als 20 Referent*innen",
        "zehn Programmpunkten, 16 Referent*innen und knapp 220 angemeldeten Teilnehmenden",
        "drei regionale Netzwerke mit über 20 Treffen und rund 70 aktiven Beteiligten",
    ]:
        assert phrase in text, phrase
    values = {i["code"]: i["value"] for i in data["indicators"]}
    expected = dict(
        instagram_posts=118,
        instagram_followers=547,
        mailings_sent=7,
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
    assert {code: values[code] for code in expected} == expected
    assert 490 <= values["subscribers"] <= 510


def test_comparison_shows_a_dash_where_there_is_no_number(report_data, client, lead, unsourced):
    """A stock has no per-month figure: the cell says "–", never 0 and never empty (issue #17)."""
    from inklusio.core.models import Project

    Project.objects.create(
        title="Folge",
        slug="folge",
        funder="Aktion Mensch",
        start=date(2027, 1, 1),
        end=date(2027, 6, 30),
        predecessor=report_data,
    )
    stock = next(row for row in services.comparison(Project.objects.get(slug="folge")) if row.kind == "stock")
    assert stock.current_per_month is None
    client.force_login(lead)
    page = client.get("/staff/impact/folge/comparison/").content.decode()
    row = next(tr for tr in page.split("<tr") if f">{stock.label} (" in tr)
    cells = [cell.split("</td>")[0] for cell in row.split('<td class="kern-table__cell">')[1:]]
    assert cells[1] == "–" and cells[3] == "–"
    assert "" not in cells
