"""The 2016 written statements of action and their revisits, shown from the shipped history."""

from __future__ import annotations

import csv
import datetime as dt

from areasend import framework as fw
from areasend.areas import queries
from tests.areas.conftest import SHIPPED


def _shipped_rows():
    with open(SHIPPED / "inspections_2016_framework.csv", newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["wsoa_required"] == "Yes"]


def test_every_statement_in_the_shipped_history_is_listed_with_its_weaknesses_and_revisit(shipped_register):
    rows = _shipped_rows()
    statements = queries.written_statements()
    totals = queries.written_statement_totals(statements)
    assert totals.statements == len(rows)
    assert totals.weaknesses == sum(int(row["significant_weaknesses"] or 0) for row in rows)
    # A revisit known only from a note (Dorset, February 2019) has findings but no start date in its row.
    assert totals.revisits == sum(1 for row in rows if row["revisit_start"] or row["revisit_sufficient_progress_all"])
    assert totals.sufficient == sum(1 for row in rows if row["revisit_sufficient_progress_all"] == "Yes")
    assert totals.insufficient == sum(1 for row in rows if row["revisit_sufficient_progress_all"] in ("Some", "No"))
    assert totals.sufficient + totals.insufficient <= totals.revisits


def test_deadlines_are_the_cores_counted_from_publication(shipped_register):
    bedford = next(s for s in queries.written_statements() if s.area.name == "Bedford")
    expected = fw.cycle_after("2016", published=dt.date(2018, 3, 28), written_statement=True)
    assert bedford.cycle.written_statement_due.date == expected.written_statement_due.date
    assert bedford.revisit is not None and bedford.revisit.sufficient_progress == "Yes"
    assert bedford.after_revisit.progress_sufficient


def test_an_insufficient_revisit_names_what_followed(shipped_register):
    birmingham = next(s for s in queries.written_statements() if s.area.name == "Birmingham")
    assert birmingham.revisit.weaknesses_with_insufficient_progress == 12
    assert not birmingham.after_revisit.progress_sufficient
    assert birmingham.after_revisit.steps


def test_the_page_lists_each_area_and_what_followed_without_signing_in(client, shipped_register):
    response = client.get("/written-statements/")
    assert response.status_code == 200
    page = response.content.decode()
    rows = _shipped_rows()
    assert f"<dd class=\"govuk-summary-list__value\">\n        {len(rows)}" in page or f">{len(rows)}<" in page.replace("\n", "").replace(" ", "")
    for row in rows[:5]:
        assert row["local_area"].replace("&", "&amp;") in page
    assert "Accelerated Progress Plan" in page
    assert "Insufficient progress" in page
    assert client.get("/").content.decode().count('href="/written-statements/"') == 1
