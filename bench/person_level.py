"""Measure checking a person-level return against pandas just reading the same file, in one run.

    uv run python bench/person_level.py [--rows 100000] [--repeats 3]

A made-up return of ``--rows`` rows (``areasend.intake.sample_return``, fixed seed) is written as CSV.
Then, alternating so that other work on the machine weighs on both alike, each is timed
``--repeats`` times and the best time kept:

1. baseline: ``pandas.read_csv`` reading the file (no checking at all);
2. ``areasend.intake.person_level.check_file``: the shared reader plus every check of every cell,
   the way the pages' background task and ``areasend person-level check`` run it.

Target: the check takes at most 2 times as long as the baseline. Then memory, at a quarter, half,
all and twice the rows: the check's peak Python allocation (tracemalloc), and the peak resident
memory of a fresh process that only checks the file (or only reads it with pandas), which counts
Arrow's native buffers too. The check holds one block of the file (4 MB) and the identifiers' text
for the duplicate check, not the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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


def _pandas(path: Path):
    import pandas

    return pandas.read_csv(path)


def _best(function, path: Path, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        function(path)
        times.append(time.perf_counter() - start)
    return min(times)


def _peak(function, path: Path) -> int:
    gc.collect()
    tracemalloc.start()
    function(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


_PEAK_RSS = """
import datetime as dt, sys
from pathlib import Path
sys.path.insert(0, {src!r})
path = Path({path!r})
if {which!r} == "pandas":
    import pandas
    pandas.read_csv(path)
else:
    from areasend.intake import person_level
    person_level.check_file(path, name=path.name, size=path.stat().st_size, today=dt.date(2026, 1, 12))
# VmHWM is this program's own high-water mark (ru_maxrss can carry the parent's over a fork).
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def _peak_rss(which: str, path: Path) -> float:
    """Peak resident memory (MB) of a fresh process that does only this: native memory (Arrow's) included."""
    import subprocess

    code = _PEAK_RSS.format(src=str(ROOT / "src"), path=str(path), which=which)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        path = _write(directory, args.rows)
        report = _check(path)
        assert report.valid and report.rows == args.rows, report.problems[:3]
        _pandas(path)  # import pandas and warm the file cache before timing
        baseline, checked = [], []
        for _ in range(args.repeats):
            baseline.append(_best(_pandas, path, 1))
            checked.append(_best(_check, path, 1))
        base, check = min(baseline), min(checked)
        size_mb = path.stat().st_size / 1e6
        print(f"Person-level return, {args.rows:,} rows, {size_mb:.1f} MB of CSV (best of {args.repeats})")
        print(f"  pandas.read_csv (read only, baseline): {base:.3f} s")
        print(f"  areasend check (read and check):       {check:.3f} s")
        print(f"  ratio check / baseline: {check / base:.2f} (target at most 2.00)")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
