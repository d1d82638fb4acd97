"""The ``areasend`` command-line contract for workdays, timeline and cycle."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from areasend.commands import build_parser, main


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv, expected",
    [
        (("workdays", "add", "2023-05-05", "1"), "2023-05-09"),
        (("workdays", "add", "2023-05-09", "-1"), "2023-05-05"),
        (("workdays", "add", "2022-09-16", "1"), "2022-09-20"),
        (("workdays", "add", "2025-01-06", "0"), "2025-01-06"),
        (("workdays", "between", "2023-05-01", "2023-05-31"), "20"),
        (("workdays", "between", "2025-01-13", "2025-01-10"), "-1"),
    ],
)
def test_workdays(capsys, argv, expected):
    code, out, err = run(capsys, *argv)
    assert (code, out.strip(), err) == (0, expected, "")


def test_workdays_check(capsys):
    assert run(capsys, "workdays", "check", "2023-05-08")[:2] == (
        1, "8 May 2023 is a bank holiday (Coronation of Charles III)\n")
    assert run(capsys, "workdays", "check", "2023-05-09")[0] == 0


def test_timeline_json_contract(capsys):
    code, out, _ = run(capsys, "timeline", "--notified", "2024-01-08", "--json")
    data = json.loads(out)
    assert code == 0 and data["framework"] == "2023" and data["kind"] == "full"
    assert data["milestones"] | {} == data["milestones"]
    assert {k: data["milestones"][k] for k in ("notification", "onsite_start", "onsite_end", "draft_report_due",
                                                "comments_due", "final_report_due", "publication_due")} == {
        "notification": "2024-01-08", "onsite_start": "2024-01-22", "onsite_end": "2024-01-26",
        "draft_report_due": "2024-02-15", "comments_due": "2024-02-29", "final_report_due": "2024-03-08",
        "publication_due": "2024-03-13"}


def test_timeline_from_onsite_start_and_explicit_framework(capsys):
    code, out, _ = run(capsys, "timeline", "--onsite-start", "2025-06-23", "--framework", "auto", "--json")
    assert json.loads(out)["framework"] == "2025"
    code, out, _ = run(capsys, "timeline", "--onsite-start", "2017-01-16", "--framework", "2016", "--json")
    data = json.loads(out)
    assert code == 0 and data["framework"] == "2016" and data["milestones"]["notification"] == "2017-01-09"


def test_timeline_monitoring_and_revisit(capsys):
    _, out, _ = run(capsys, "timeline", "--notified", "2024-01-08", "--kind", "monitoring", "--json")
    assert json.loads(out)["milestones"]["onsite_end"] == "2024-01-24"
    _, out, _ = run(capsys, "timeline", "--notified", "2019-03-04", "--kind", "revisit", "--days-on-site", "2",
                    "--json")
    assert json.loads(out)["milestones"]["onsite_end"] == "2019-03-19"


def test_timeline_pauses(capsys):
    _, out, _ = run(capsys, "timeline", "--notified", "2024-03-25", "--known-general-elections", "--json")
    assert json.loads(out)["milestones"]["publication_due"] == "2024-07-05"
    _, out, _ = run(capsys, "timeline", "--notified", "2024-01-29", "--area-code", "E08000025",
                    "--pause", "2024-04-04:2024-05-02:E08000025", "--json")
    assert json.loads(out)["milestones"]["publication_due"] == "2024-05-03"


def test_timeline_table(capsys):
    code, out, _ = run(capsys, "timeline", "--notified", "2024-01-08")
    assert code == 0
    assert "Self-evaluation and strategic planning meeting" in out
    assert "2024-03-13  Wed" in out
    assert "* default chosen" in out


def test_cycle_json_contract_2023(capsys):
    code, out, _ = run(capsys, "cycle", "--framework", "2023", "--outcome", "3", "--published", "2024-03-15",
                       "--final-report-received", "2024-03-12", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["next_full_inspection_due"] == "2027-03-15"
    assert data["monitoring_inspection_due"] == "2025-09-15"
    # 35 and 70 working days from publication (unconfirmed defaults).
    assert data["priority_action_plan_submission_due"] == "2024-05-08"
    assert data["priority_action_plan_publication_due"] == "2024-06-27"
    assert data["strategic_plan_update_due"] is not None
    assert data["engagement_meetings"] == ["2025-03-17", "2026-03-16"]  # off a weekend to the next working day


def test_cycle_json_outcome_1_has_nulls(capsys):
    _, out, _ = run(capsys, "cycle", "--framework", "2025", "--outcome", "1", "--published", "2025-09-04", "--json")
    data = json.loads(out)
    assert data["monitoring_inspection_due"] is None and data["priority_action_plan_submission_due"] is None
    assert data["next_full_inspection_due"] == "2030-09-04"


def test_cycle_json_2016(capsys):
    code, out, _ = run(capsys, "cycle", "--framework", "2016", "--wsoa", "yes", "--published", "2018-01-10",
                       "--final-report-received", "2018-01-05", "--json")
    data = json.loads(out)
    assert code == 0
    for key in ("written_statement_due", "written_statement_review_due", "written_statement_resubmission_due",
                "revisit_due"):
        assert data[key]
    _, out, _ = run(capsys, "cycle", "--framework", "2016", "--wsoa", "no", "--published", "2018-01-10", "--json")
    assert json.loads(out)["revisit_due"] is None


def test_cycle_table(capsys):
    code, out, _ = run(capsys, "cycle", "--framework", "2023", "--outcome", "2", "--published", "2024-03-15")
    assert code == 0 and "Engagement meeting 1" in out and "soft, ± 6 months" in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (("timeline", "--notified", "2024-01-08", "--bogus"), "unrecognized arguments: --bogus"),
        (("timeline", "--notified", "2023-02-30"), "'2023-02-30' is not a real date"),
        (("cycle", "--framework", "2023", "--outcome", "4", "--published", "2024-03-15"), "invalid choice: 4"),
        (("cycle", "--framework", "2016", "--outcome", "1", "--published", "2018-01-10"), "no outcomes"),
        (("cycle", "--framework", "2023", "--wsoa", "yes", "--published", "2024-03-15"), "2016 framework"),
        (("timeline", "--notified", "2025-05-05"), "5 May 2025 is a bank holiday"),
        (("timeline", "--notified", "2016-04-25"), "No area SEND framework was in force"),
        (("timeline", "--notified", "2024-01-08", "--onsite-start", "2024-01-22"), "not allowed with argument"),
        (("workdays", "add", "2024-01-08", "three"), "invalid int value"),
        (("timeline", "--notified", "2019-03-04", "--kind", "monitoring"), "has no monitoring inspections"),
        (("cycle", "--framework", "2023", "--outcome", "1", "--published", "2024-03-15",
          "--final-report-received", "2024-04-01"), "on or before publication"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err
    assert err.startswith("areasend")


def test_help_documents_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("workdays", "timeline", "cycle", "versions", "criteria"):
        assert command in out
    for argv, options in (
        (("timeline", "--help"), ("--notified", "--onsite-start", "--kind", "--framework", "--json", "--pause")),
        (("cycle", "--help"), ("--framework", "--outcome", "--wsoa", "--published", "--final-report-received")),
        (("workdays", "add", "--help"), ("DATE", "N")),
        (("workdays", "between", "--help"), ("START", "END")),
    ):
        code, out, _ = run(capsys, *argv)
        assert code == 0
        for option in options:
            assert option in out


def test_versions_and_criteria_commands(capsys):
    _, out, _ = run(capsys, "versions", "--json")
    assert [v["id"] for v in json.loads(out)] == ["2016", "2023", "2025"]
    _, out, _ = run(capsys, "criteria", "--json")
    assert [c["id"] for c in json.loads(out)][-1] == "L6"
    _, out, _ = run(capsys, "versions")
    assert "wsoa_submission" in out


def test_command_modules_register_through_register():
    from areasend import commands

    assert all(hasattr(module, "register") for module in commands.COMMAND_MODULES)
    assert build_parser().prog == "areasend"


def test_console_script_runs():
    script = Path(sys.executable).with_name("areasend")
    result = subprocess.run([str(script), "workdays", "add", "2023-05-05", "1"], capture_output=True, text=True,
                            timeout=60)
    assert (result.returncode, result.stdout) == (0, "2023-05-09\n")
    bad = subprocess.run([str(script), "cycle", "--framework", "2023", "--outcome", "4", "--published",
                          "2024-03-15"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_timeline_notified_the_tuesday_after_a_bank_holiday_keeps_the_monday_to_friday_week(capsys):
    code, out, _ = run(capsys, "timeline", "--notified", "2024-05-28", "--json")
    milestones = json.loads(out)["milestones"]
    assert code == 0
    assert (milestones["onsite_start"], milestones["onsite_end"]) == ("2024-06-10", "2024-06-14")
