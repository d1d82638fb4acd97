"""Measure checking a person-level return against pandas just reading the same file, in one run; then loading.

    uv run python bench/person_level.py [--rows 100000] [--repeats 15] [--load-rows 10000,100000]
                                        [--load-database postgres://...]
                                        [--sheet-rows 5000,20000] [--sheet-traced]

A made-up return of ``--rows`` rows (``areasend.intake.sample_return``, fixed seed) is written as CSV.
Both of these are run once to warm up (imports, the file cache), then timed ``--repeats`` times,
alternating so that other work on the machine weighs on both alike:

1. baseline: ``pandas.read_csv`` reading the file (no checking at all);
2. ``areasend.intake.person_level.check_file``: the reader plus every check of every cell, the way
   the pages' background task and ``areasend person-level check`` run it.

The figures are the median of the repeats (wall clock, and processor time, which other work on a
busy machine disturbs less); the ratio is the check's median over the baseline's, and the spread of
the ratio in each pair is printed beside it, then the fastest run of each and their ratio (what each
takes when nothing else gets in its way). Target: at most 2.

Then memory, at a quarter, half, all and twice the rows: the check's peak Python allocation
(tracemalloc), and the peak resident memory of a fresh process that only checks the file (or only
reads it with pandas), which counts Arrow's native buffers too.

Then spreadsheets: the same return saved as XLSX and as ODS at each of ``--sheet-rows``, each checked
in a fresh process: its time, peak Python allocation and peak resident memory, to show whether the
reader holds the whole sheet (memory growing with the rows) or reads it a row at a time.

Last, loading: for each of ``--load-rows``, a fresh process with its own database (SQLite, or PostgreSQL
with ``--load-database``; migrated, one inspection) runs the background task's check-and-load of a clean
return (``intake.returns.run_check``) and prints the check alone, the load transaction alone, the whole
task and its rows per second, and peak resident memory; then loads the same file again under tracemalloc
(replacing the first version) for its peak Python allocation. The load reads the file once: the checked
rows go to a temporary file and are loaded from it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from areasend.intake import person_level, sample_return  # noqa: E402

TODAY = dt.date(2026, 1, 12)


def _write(directory: Path, rows: int) -> Path:
    path = directory / f"return-{rows}.csv"
    path.write_bytes(sample_return.csv_bytes(rows, seed=7, today=TODAY))
    return path


def _check(path: Path) -> person_level.CheckReport:
    return person_level.check_file(path, name=path.name, size=path.stat().st_size, today=TODAY)


def _write_xlsx(directory: Path, rows: int) -> Path:
    import openpyxl

    path = directory / f"return-{rows}.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Return")
    sheet.append(sample_return.HEADER)
    for row in sample_return.rows(rows, seed=7, today=TODAY):
        sheet.append(row)
    workbook.save(path)
    return path


def _write_ods(directory: Path, rows: int) -> Path:
    import zipfile
    from xml.sax.saxutils import escape

    path = directory / f"return-{rows}.ods"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        with archive.open("content.xml", "w") as content:
            content.write(b'<?xml version="1.0" encoding="UTF-8"?>'
                          b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                          b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                          b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
                          b'<office:body><office:spreadsheet><table:table table:name="Return">')
            for row in [sample_return.HEADER, *sample_return.rows(rows, seed=7, today=TODAY)]:
                content.write(("<table:table-row>" + "".join(
                    f'<table:table-cell office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'
                    if cell else "<table:table-cell/>" for cell in row) + "</table:table-row>").encode("utf-8"))
            content.write(b"</table:table></office:spreadsheet></office:body></office:document-content>")
        archive.writestr("META-INF/manifest.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                         '<manifest:file-entry manifest:full-path="/" '
                         'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                         '</manifest:manifest>')
    return path


def _pandas(path: Path):
    import pandas

    return pandas.read_csv(path)


def _timed(function, path: Path) -> tuple[float, float]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    function(path)
    return time.perf_counter() - wall, time.process_time() - cpu


def _peak(function, path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    function(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


_PEAK_RSS = """
import datetime as dt, json, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, {src!r})
path = Path({path!r})
if {which!r} == "pandas":
    import pandas
    pandas.read_csv(path)
    seconds = traced = 0
else:
    from areasend.intake import person_level
    import openpyxl, python_calamine  # loaded before timing, as a server process has them
    traced = {trace!r}
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    report = person_level.check_file(path, name=path.name, size=path.stat().st_size, today=dt.date(2026, 1, 12))
    seconds = time.perf_counter() - started
    traced = tracemalloc.get_traced_memory()[1] if traced else 0
    assert report.valid, report.problems[:3]
# VmHWM is this program's own high-water mark (ru_maxrss can carry the parent's over a fork).
rss = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({{"rss": int(rss), "seconds": seconds, "traced": traced}}))
"""


def _fresh(which: str, path: Path, trace: bool = False) -> dict:
    """A fresh process that does only this: its peak resident memory (native memory, Arrow's, included),
    and for a check, its time and, with ``trace``, its peak Python allocation (tracing slows it)."""
    import json
    import subprocess

    code = _PEAK_RSS.format(src=str(ROOT / "src"), path=str(path), which=which, trace=trace)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _peak_rss(which: str, path: Path) -> float:
    """Peak resident memory (MB) of a fresh process that does only this."""
    return _fresh(which, path)["rss"] / 1024


_LOAD = """
import datetime as dt, json, os, sys, time, tracemalloc
from pathlib import Path
sys.path.insert(0, {src!r})
import django
django.setup()
from django.core.management import call_command
from django.db import connection
if connection.vendor == "postgresql":
    # A database of its own beside the one named (its name with test_ in front), made and dropped here.
    named = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
else:
    named = None
    call_command("migrate", verbosity=0)
from django.core.files.base import ContentFile
from areasend.access.roles import Role
from areasend.accounts.models import User
from areasend.accounts.services import grant_role
from areasend.areas.models import LocalAreaPartnership
from areasend.inspections.models import InspectorProfile
from areasend.inspections.services import create_inspection
from areasend.intake import person_level, returns
from areasend.intake.models import PersonLevelRecord, PersonLevelReturn
from areasend.intake.storage import upload_storage

path = Path({path!r})
today = dt.date(2026, 1, 12)
returns._today = lambda: today
planner = User.objects.create_user(username="planner")
grant_role(planner, Role.NATIONAL_PLANNER)
lead = User.objects.create_user(username="lead")
grant_role(lead, Role.INSPECTOR)
InspectorProfile.objects.create(user=lead, kind="hmi")
area = LocalAreaPartnership.objects.create(ons_code="E06000022", name="A local area", region="South West",
                                           kind="unitary authority")
inspection = create_inspection(planner, area=area, kind="full", lead_inspector=lead, today=today)

def version(number):
    stored = upload_storage().save("bench/return.csv", ContentFile(path.read_bytes()))
    return PersonLevelReturn.objects.create(inspection=inspection, version=number, schema_version="2025.1",
                                            stored_name=stored, original_name=path.name, size=path.stat().st_size,
                                            sha256="0" * 64, uploaded_by=lead)

loading = []
real_load = returns._load
def timed_load(*args):
    started = time.perf_counter()
    real_load(*args)
    loading.append(time.perf_counter() - started)
returns._load = timed_load

started = time.perf_counter()
person_level.check_file(path, name=path.name, size=path.stat().st_size, today=today)
check = time.perf_counter() - started
first = version(1)
started = time.perf_counter()
status = returns.run_check(first.pk)
task = time.perf_counter() - started
assert status == "loaded" and PersonLevelRecord.objects.filter(person_level_return=first).count() == {rows}, status
rss = int(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))) / 1024
# Again under tracemalloc (slower), replacing the first version: the Python allocation's peak.
second = version(2)
tracemalloc.start()
status = returns.run_check(second.pk)
_, traced = tracemalloc.get_traced_memory()
tracemalloc.stop()
assert status == "loaded" and PersonLevelRecord.objects.count() == {rows}, status
if named is not None:
    connection.creation.destroy_test_db(named, verbosity=0)
print(json.dumps({{"check": check, "task": task, "load": loading[0], "traced": traced, "rss": rss}}))
"""


def _load_figures(path: Path, rows: int, directory: Path, database_url: str | None) -> dict:
    """Check and load ``path`` in a fresh process with a database of its own; its figures."""
    import json
    import subprocess

    database = database_url or f"sqlite:///{directory / f'load-{rows}.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "areasend.config.settings",
           "AREASEND_UPLOAD_DIR": str(directory / f"uploads-{rows}")}
    code = _LOAD.format(src=str(ROOT / "src"), path=str(path), rows=rows)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"the load at {rows:,} rows failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--load-rows", default="10000,100000", help="rows of each load measured, comma-separated")
    parser.add_argument("--load-database", metavar="URL",
                        help="load into PostgreSQL: a database named after this URL's (test_ in front) is made and "
                             "dropped for each size; SQLite files by default")
    parser.add_argument("--sheet-rows", default="5000,20000",
                        help="rows of each XLSX and ODS file checked, comma-separated")
    parser.add_argument("--sheet-traced", action="store_true",
                        help="also measure the spreadsheets' peak Python allocation (slow: openpyxl under tracemalloc)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        path = _write(directory, args.rows)
        report = _check(path)
        assert report.valid and report.rows == args.rows, report.problems[:3]
        _pandas(path)  # warm up: import pandas, fill the file cache
        _check(path)
        baseline, checked = [], []
        for _ in range(args.repeats):
            baseline.append(_timed(_pandas, path))
            checked.append(_timed(_check, path))
        base = statistics.median(wall for wall, _ in baseline)
        check = statistics.median(wall for wall, _ in checked)
        base_cpu = statistics.median(cpu for _, cpu in baseline)
        check_cpu = statistics.median(cpu for _, cpu in checked)
        pairs = sorted(c / b for (b, _), (c, _) in zip(baseline, checked))
        fastest_base, fastest_check = min(wall for wall, _ in baseline), min(wall for wall, _ in checked)
        size_mb = path.stat().st_size / 1e6
        print(f"Person-level return, {args.rows:,} rows, {size_mb:.1f} MB of CSV "
              f"(median of {args.repeats}, after a warm-up; load average {os.getloadavg()[0]:.2f})")
        print(f"  {'':40}{'wall s':>8}{'cpu s':>8}")
        print(f"  {'pandas.read_csv (read only, baseline)':40}{base:>8.3f}{base_cpu:>8.3f}")
        print(f"  {'areasend check (read and check)':40}{check:>8.3f}{check_cpu:>8.3f}")
        print(f"  ratio check / baseline: {check / base:.2f} wall, {check_cpu / base_cpu:.2f} processor time "
              f"(target at most 2.00; pairs from {pairs[0]:.2f} to {pairs[-1]:.2f})")
        print(f"  fastest of the repeats: pandas {fastest_base:.3f} s, check {fastest_check:.3f} s, "
              f"ratio {fastest_check / fastest_base:.2f} wall")
        print()
        print("Peak memory as the file grows: Python allocations in this process (tracemalloc), and the peak")
        print("resident memory of a fresh process doing only that (includes native memory such as Arrow's):")
        print(f"  {'rows':>9}  {'file MB':>8}  {'check tracemalloc':>17}  {'check RSS':>9}  {'pandas RSS':>10}")
        for rows in (args.rows // 4, args.rows // 2, args.rows, args.rows * 2):
            sized = _write(directory, rows)
            check_peak = _peak(_check, sized) / 1e6
            print(f"  {rows:>9,}  {sized.stat().st_size / 1e6:>8.1f}  {check_peak:>14.1f} MB  "
                  f"{_peak_rss('check', sized):>6.0f} MB  {_peak_rss('pandas', sized):>7.0f} MB")
            sized.unlink()
        sheets = [int(rows) for rows in args.sheet_rows.split(",") if rows.strip()]
        if sheets:
            print()
            print("Spreadsheets: the same return as XLSX (openpyxl's own, strings in the cells) and ODS, each checked")
            print("in a fresh process (RSS and time untraced; tracemalloc in a second, traced, process):")
            print(f"  {'format':>6}  {'rows':>9}  {'file MB':>8}  {'check s':>8}  {'check RSS':>9}  {'check tracemalloc':>17}")
            for kind, write in (("xlsx", _write_xlsx), ("ods", _write_ods)):
                for rows in sheets:
                    sized = write(directory, rows)
                    figures = _fresh("check", sized)
                    traced = _fresh("check", sized, trace=True)["traced"] if args.sheet_traced else 0
                    print(f"  {kind:>6}  {rows:>9,}  {sized.stat().st_size / 1e6:>8.1f}  {figures['seconds']:>8.2f}  "
                          f"{figures['rss'] / 1024:>6.0f} MB  "
                          + (f"{traced / 1e6:>14.1f} MB" if args.sheet_traced else f"{'(not traced)':>17}"))
                    sized.unlink()
        loads = [int(rows) for rows in args.load_rows.split(",") if rows.strip()]
        if loads:
            where = ("PostgreSQL (a database of its own, made and dropped)" if args.load_database
                     else "SQLite (a file of its own)")
            print()
            print("Loading a clean return: the background task (check, then load in one transaction), each size in a")
            print(f"fresh process with its own database, on {where}; load average {os.getloadavg()[0]:.2f}.")
            print("'load' is the transaction alone (replace the loaded rows, write every row, audit); rows per second")
            print("are of the whole task. The check alone is the process's first, so it includes loading the reader's")
            print("libraries. RSS is the peak after the first load; tracemalloc is the peak Python allocation of a")
            print("second load of the same file (traced, so slower), which replaces the first.")
            print(f"  {'rows':>9}  {'check alone':>11}  {'load':>8}  {'check and load':>14}  {'rows/s':>8}  "
                  f"{'load tracemalloc':>16}  {'RSS':>6}")
            for rows in loads:
                sized = _write(directory, rows)
                figures = _load_figures(sized, rows, directory, args.load_database)
                print(f"  {rows:>9,}  {figures['check']:>9.2f} s  {figures['load']:>6.2f} s  "
                      f"{figures['task']:>12.2f} s  {rows / figures['task']:>8,.0f}  "
                      f"{figures['traced'] / 1e6:>13.1f} MB  {figures['rss']:>3.0f} MB")
                sized.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
