"""Benchmark `followup import` of a big spreadsheet: wall time and peak memory.

Builds a CSV with the columns a job-search sheet has (bench/run.py's, 100,000 rows by
default), then imports it into a fresh SQLite file as a whole process, as a user runs it:
wall time from spawn to exit and peak RSS as bench/run.py measures them, median of
``--runs`` runs, each into a new database. It checks that every row went in, and prints
the figures next to issue 4's target (under 15 s on a quiet machine). This is a benchmark,
not a test: it fails only when the import itself fails. The test suite keeps a smaller
functional test (tests/integration/test_exchange.py: every row in, in one transaction).

    .venv/bin/python bench/import_rows.py                  # 100,000 rows, 3 runs
    .venv/bin/python bench/import_rows.py --rows 10000 --runs 5
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

# ``python bench/import_rows.py`` puts bench/ first on sys.path, so its siblings import.
from run import (
    IMPORT_ROWS,
    MIB,
    Sample,
    clean_env,
    followup_executable,
    memory_method,
    run_once,
    write_import_csv,
)

TARGET_SECONDS = 15.0  # issue 4, on a quiet 2-core machine


def import_once(csv: Path, work: Path, n: int) -> Sample:
    db = work / f"import-{n}.db"
    env = {**clean_env(), "FOLLOWUP_DB": str(db)}
    sample = run_once((followup_executable(), "import", str(csv)), env)
    with sqlite3.connect(db) as conn:
        (held,) = conn.execute("SELECT count(*) FROM applications").fetchone()
    conn.close()
    expected = sum(1 for _ in csv.open(encoding="utf-8")) - 1
    if held != expected:
        sys.exit(f"run {n}: {held:,} applications stored, expected {expected:,}")
    return sample


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=IMPORT_ROWS, help="rows in the CSV")
    parser.add_argument("--runs", type=int, default=3, help="imports to take the median of")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="followup-bench-import-") as tmp:
        work = Path(tmp)
        csv = work / "sheet.csv"
        write_import_csv(csv, args.rows)
        load_before = os.getloadavg()
        samples = [import_once(csv, work, n) for n in range(1, args.runs + 1)]
        load_after = os.getloadavg()
    seconds = [s.seconds for s in samples]
    median = statistics.median(seconds)
    mib = max(s.max_rss_kib for s in samples) / MIB
    runs = f"{args.runs} run" if args.runs == 1 else f"{args.runs} runs"
    print(f"followup import, {args.rows:,} rows into an empty SQLite database, {runs}")
    print(f"  time: median {median:.2f} s (min {min(seconds):.2f}, max {max(seconds):.2f})")
    print(f"  peak memory: {mib:.0f} MiB ({memory_method()})")
    print(f"  every run stored all {args.rows:,} rows")
    print(f"  cores: {os.cpu_count()}; load average before / after: ", end="")
    print(
        f"{' '.join(f'{x:.2f}' for x in load_before)} / {' '.join(f'{x:.2f}' for x in load_after)}"
    )
    if args.rows == IMPORT_ROWS:
        verdict = "met" if median < TARGET_SECONDS else "missed (is the machine busy?)"
        print(f"  target (issue 4): under {TARGET_SECONDS:.0f} s on a quiet machine: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
