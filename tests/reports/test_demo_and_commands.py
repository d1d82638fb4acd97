import datetime as dt
import json
import subprocess

import pytest

from areasend.commands import main
from areasend.demo import load_demo
from areasend.reports import queries
from areasend.reports.models import PublishedReport

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def two_areas(area):
    from areasend.areas.models import LocalAreaPartnership

    LocalAreaPartnership.objects.create(ons_code="E06000023", name="Bristol", region="South West", kind="unitary authority")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_demo_has_a_finished_inspection_with_a_published_report_labelled_demo(two_areas, client):
    result = load_demo(TODAY)
    published = PublishedReport.objects.get()
    inspection = published.report.inspection
    assert inspection.is_demo and inspection != result.inspection
    assert published.published_on <= TODAY and inspection.publication_date == published.published_on
    assert published.report.accuracy_comments.get().response == "rejected"
    page = client.get(f"/reports/{published.report.pk}/")
    assert page.status_code == 200
    assert "Demo report: the people and findings in it are made up." in page.content.decode()
    load_demo(TODAY)
    assert PublishedReport.objects.count() == 1, "running the demo again adds nothing"


def test_report_list_json_contract(two_areas, capsys):
    in_progress = load_demo(TODAY).inspection
    code, out, err = run(capsys, "report", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    [row] = rows
    assert set(row) == {"id", "area_code", "inspection_kind", "status", "published"}
    assert row["status"] == "published" and row["inspection_kind"] == "full"
    assert dt.date.fromisoformat(row["published"]) <= TODAY
    assert row["area_code"] in {"E06000022", "E06000023"} and row["area_code"] != in_progress.area.ons_code


def test_report_pdf_writes_a_tagged_pdf(two_areas, capsys, tmp_path):
    load_demo(TODAY)
    report_id = queries.report_list(TODAY)[0]["id"]
    target = tmp_path / "report.pdf"
    code, out, err = run(capsys, "report", "pdf", str(report_id), str(target))
    assert code == 0, err
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "Tagged:          yes" in info


def test_report_pdf_errors_are_one_line(two_areas, capsys, tmp_path):
    code, out, err = run(capsys, "report", "pdf", "999", str(tmp_path / "x.pdf"))
    assert code == 2 and err.count("\n") == 1 and "there is no report with id 999" in err
    with pytest.raises(SystemExit) as exited:
        main(["report", "pdf", "abc", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and err.count("\n") == 1 and "invalid int value" in err
