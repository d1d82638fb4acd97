"""A plan run as CSV and as an XLSX workbook: the plan, then what was left after the end of the plan."""

from __future__ import annotations

import csv
import io

from areasend.ui.spreadsheets import safe_cell

HEADERS = ("Area code", "Area", "Region", "Kind", "On-site week", "Due by", "Days late", "Reason")


def rows(result: dict):
    for item in list(result["items"]) + list(result["unscheduled"]):
        yield tuple(safe_cell(v) for v in (
            item["area_code"], item["area_name"], item["region"], item["kind"],
            item["onsite_start"] or "after the end of the plan", item["due_by"] or "",
            item["days_late"], item["reason"],
        ))


def as_csv(result: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(rows(result))
    return out.getvalue()


def as_xlsx(result: dict, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    plan = book.active
    plan.title = "Plan"
    plan.append(HEADERS)
    for row in rows(result):
        plan.append(row)
    weeks = book.create_sheet("Weeks")
    weeks.append(("Week of", "Full inspections", "Full capacity", "Monitoring inspections", "Monitoring capacity",
                  "No inspections because"))
    for w in result["weeks"]:
        weeks.append((w["monday"], w["full_used"], w["full_capacity"], w["monitoring_used"],
                      w["monitoring_capacity"], w["closed"]))
    summary = book.create_sheet("Summary")
    summary.append(("Plan", safe_cell(title)))
    summary.append(("Planned from", result["as_of"]))
    summary.append(("Planned to", result["until"]))
    summary.append(("Solver status", result["status"]))
    for key, value in result["terms"].items():
        summary.append((key.replace("_", " ").capitalize(), value))
    summary.append(("Greedy baseline objective", result["greedy_terms"]["objective"]))
    summary.append(("Bound", result["bound"]))
    for sheet in (plan, weeks):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
