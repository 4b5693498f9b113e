"""Benchmark the bulk commands of issue 17 (targets 3 and 4): restore, recompute, import.

Each is run as a whole process, as a user runs it, with wall time from spawn to exit and
peak RSS from GNU time (``/usr/bin/time -f %M``; the benchmark's own memory is not
counted). Self-contained, so that it does not move with ``bench/run.py``:

* **restore**: a full JSON backup of ``--apps`` applications with 10 touches each (as
  real searches have), half an interview each with its interviewer, phone and email on
  every application, in the layout ``followup export --format json`` writes; restored
  into a new SQLite file with ``followup import``. Then the first ``followup due`` after it
  and a second one, paired (A B A B): issue 17 wants the first no dearer than twice a normal
  one, which holds when the restore stored every window.
* **recompute**: ``followup config apply`` with a settings file that changes a cadence
  number, so every window of the restored database is worked out again.
* **import**: a CSV of ``--rows`` rows (company, role, applied, contact, phone, email) into
  a new SQLite file.

Bytecode is compiled first (``python -m compileall``), so no run pays for compiling the
editable install. This is a benchmark, not a test: it fails only when a command fails or
leaves the wrong number of rows. The output is Markdown for bench/bulk-results.md.

    .venv/bin/python bench/bulk.py                         # 100,000 / 1,000,000, 3 runs
    .venv/bin/python bench/bulk.py --apps 10000 --rows 10000 --runs 1
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import followup

TODAY = date(2025, 6, 11)
TOUCHES_PER_APP = 10
GNU_TIME = "/usr/bin/time"
# Issue 17's targets.
RESTORE_SECONDS, RESTORE_MIB = 15.0, 300.0
RECOMPUTE_SECONDS = 10.0
IMPORT_SECONDS, IMPORT_MIB = 8.0, 150.0
FIRST_DUE_RATIO = 2.0
VIAS = ("call", "email", "voicemail", "no-answer")
MIGRATIONS = (
    "001_initial",
    "002_interview_prep",
    "003_open_applications_index",
    "004_profiles",
    "005_profile_settings",
)


@dataclass(frozen=True)
class Sample:
    seconds: float
    mib: float


def followup_executable() -> str:
    beside = Path(sys.executable).with_name("followup")
    if not beside.exists():
        sys.exit("followup is not installed: run this with the project's .venv/bin/python")
    return str(beside)


def run(argv: Sequence[str], env: Mapping[str, str]) -> Sample:
    """One command, stdout and stderr to files; its wall time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="followup-bench-bulk-") as tmp:
        metrics = Path(tmp) / "rusage"
        errors = Path(tmp) / "stderr"
        wrapped = [GNU_TIME, "-f", "%M", "-o", str(metrics), *argv]
        started = time.perf_counter()
        with errors.open("wb") as err:
            done = subprocess.run(
                wrapped,
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                check=False,
            )
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"{' '.join(argv)} exited {done.returncode}: {errors.read_text()[-2000:]}")
        kib = int(metrics.read_text().strip().splitlines()[-1].split()[0])
    return Sample(elapsed, kib / 1024.0)


# --- the data -------------------------------------------------------------------------------


def write_backup(path: Path, apps: int) -> int:
    """A backup as ``followup export --format json`` lays it out; returns the touch count."""
    touch_id = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "format": "followup-backup",\n "format_version": 1,\n')
        out.write(' "followup_version": "0.1.0",\n "exported_on": "2025-06-11",\n')
        out.write(f' "migrations": [{", ".join(f"{chr(34)}{m}{chr(34)}" for m in MIGRATIONS)}],\n')
        interviews = apps // 2
        touches = apps * TOUCHES_PER_APP
        out.write(
            f' "last_ids": {{"applications": {apps}, "touches": {touches}, '
            f'"interviews": {interviews}, "interviewers": {interviews}}},\n'
        )
        out.write(' "tables": {\n "applications": [\n')
        for n in range(1, apps + 1):
            applied = TODAY - timedelta(days=30 + n % 510)
            closed = n % 10 != 0
            row = (
                f'  {{"id": {n}, "company": "Company {n}", "role": "Engineer", '
                f'"applied_on": "{applied}", "contact_name": "Sam Lee", '
                f'"phone": "+1650253{n % 10000:04d}", "email": "hr{n}@example.com", '
                '"do_not_call": false, "url": null, "pitch": null, "note": null, '
                f'"outcome": {chr(34) + "rejected" + chr(34) if closed else "null"}, '
                f'"closed_on": {chr(34) + str(applied + timedelta(days=25)) + chr(34) if closed else "null"}, '  # noqa: E501
                '"snooze_until": null, "snoozed_on": null, "snooze_touch_mark": 0, '
                '"snooze_interview_mark": 0, "stage": "applied", "next_earliest": null, '
                '"next_latest": null, "next_action": null, "next_reason": null, '
                '"waiting": null, "profile": "default"}'
            )
            out.write(row + (",\n" if n < apps else "\n"))
        out.write(' ],\n "followup_meta": [],\n "profiles": [],\n "application_details": [],\n')
        out.write(' "articles": [],\n "interviews": [\n')
        for n in range(1, interviews + 1):
            app = 2 * n
            on = TODAY - timedelta(days=30 + app % 510) + timedelta(days=10)
            out.write(
                f'  {{"id": {n}, "application_id": {app}, "on_date": "{on}", '
                f'"logged_on": "{on}", "kind": "first", "next_steps": null, "timeline": null, '
                '"prefers": null, "follow_up_on": null}' + (",\n" if n < interviews else "\n")
            )
        out.write(' ],\n "touches": [\n')
        for app in range(1, apps + 1):
            applied = TODAY - timedelta(days=30 + app % 510)
            for k in range(TOUCHES_PER_APP):
                touch_id += 1
                on = applied + timedelta(days=1 + 2 * k)
                note = '"left a message"' if k % 3 == 0 else "null"
                out.write(
                    f'  {{"id": {touch_id}, "application_id": {app}, "on_date": "{on}", '
                    f'"via": "{VIAS[k % 4]}", "inbound": {"true" if k == 9 else "false"}, '
                    f'"follow_up_on": null, "note": {note}}}'
                    + (",\n" if touch_id < touches else "\n")
                )
        out.write(' ],\n "interviewers": [\n')
        for n in range(1, interviews + 1):
            out.write(
                f'  {{"id": {n}, "interview_id": {n}, "position": 0, "name": "Jo Park"}}'
                + (",\n" if n < interviews else "\n")
            )
        out.write(' ],\n "questions_asked": []\n }\n}\n')
    return touch_id


def write_csv(path: Path, rows: int) -> None:
    """The sheet bench/run.py imports: the columns a job-search sheet has."""
    with path.open("w", encoding="utf-8") as out:
        out.write("company,role,applied,contact,phone,email\n")
        for n in range(1, rows + 1):
            applied = TODAY - timedelta(days=n % 540 + 1)
            out.write(f"Company {n},Engineer,{applied},Sam Lee,+1 555 {n:07d},hr{n}@example.com\n")


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


# --- the report -----------------------------------------------------------------------------


def median(samples: Sequence[Sample]) -> Sample:
    return Sample(statistics.median(s.seconds for s in samples), max(s.mib for s in samples))


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--apps", type=int, default=100_000, help="applications in the backup")
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the CSV")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command")
    args = parser.parse_args(argv)
    compileall.compile_dir(Path(followup.__file__).parent, quiet=1)
    exe = followup_executable()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="followup-bench-bulk-") as tmp:
        work = Path(tmp)
        config = work / "config"
        config.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
        env |= {"FOLLOWUP_TODAY": TODAY.isoformat(), "FOLLOWUP_CONFIG_DIR": str(config)}
        backup, sheet, db = work / "backup.json", work / "sheet.csv", work / "bench.db"
        touches = write_backup(backup, args.apps)
        write_csv(sheet, args.rows)
        restores, firsts, seconds, recomputes, imports = [], [], [], [], []
        for _ in range(args.runs):
            env_db = env | {"FOLLOWUP_DB": str(fresh(db))}
            (config / "settings.toml").unlink(missing_ok=True)
            restores.append(run((exe, "import", str(backup)), env_db))
            if count(db, "touches") != touches or count(db, "applications") != args.apps:
                sys.exit("the restore did not store every row")
            firsts.append(run((exe, "due"), env_db))
            seconds.append(run((exe, "due"), env_db))
            (config / "settings.toml").write_text("check_in_min_days = 9\n", encoding="utf-8")
            recomputes.append(run((exe, "config", "apply"), env_db))
            (config / "settings.toml").unlink()
            env_db = env | {"FOLLOWUP_DB": str(fresh(db))}
            imports.append(run((exe, "import", str(sheet)), env_db))
            if count(db, "applications") != args.rows:
                sys.exit("the import did not store every row")
        fresh(db)
    load_after = os.getloadavg()
    restore, recompute, imported = median(restores), median(recomputes), median(imports)
    ratios = [a.seconds / b.seconds for a, b in zip(firsts, seconds, strict=True)]
    ratio = statistics.median(ratios)
    big = args.apps == 100_000 and args.rows == 100_000
    print(
        f"Issue 17 bulk benchmark (`bench/bulk.py`), {args.runs} run(s) of each, median time, "
        "highest peak RSS.\n"
    )
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}, followup {followup.__version__}. Load average before / "
        f"after: {' '.join(f'{x:.2f}' for x in load_before)} / "
        f"{' '.join(f'{x:.2f}' for x in load_after)}.\n"
    )
    print("| what | time | peak memory | target | |")
    print("|---|---|---|---|---|")
    print(
        f"| restore {args.apps:,} applications / {touches:,} touches | {restore.seconds:.2f} s "
        f"| {restore.mib:.0f} MiB | < {RESTORE_SECONDS:.0f} s, < {RESTORE_MIB:.0f} MiB | "
        + (verdict(restore.seconds < RESTORE_SECONDS and restore.mib < RESTORE_MIB) if big else "-")
        + " |"
    )
    first, second = median(firsts), median(seconds)
    print(
        f"| first `due` after it / the next `due` (paired) | {first.seconds:.3f} s / "
        f"{second.seconds:.3f} s = {ratio:.2f}x | {first.mib:.0f} MiB | <= "
        f"{FIRST_DUE_RATIO:.0f}x | {verdict(ratio <= FIRST_DUE_RATIO)} |"
    )
    print(
        f"| recompute: `config apply` at {args.apps:,} | {recompute.seconds:.2f} s | "
        f"{recompute.mib:.0f} MiB | < {RECOMPUTE_SECONDS:.0f} s | "
        + (verdict(recompute.seconds < RECOMPUTE_SECONDS) if big else "-")
        + " |"
    )
    print(
        f"| import a CSV of {args.rows:,} rows | {imported.seconds:.2f} s | "
        f"{imported.mib:.0f} MiB | < {IMPORT_SECONDS:.0f} s, < {IMPORT_MIB:.0f} MiB | "
        + (verdict(imported.seconds < IMPORT_SECONDS and imported.mib < IMPORT_MIB) if big else "-")
        + " |"
    )
    print(
        f"\nEvery run: restore {', '.join(f'{s.seconds:.2f}' for s in restores)} s; recompute "
        f"{', '.join(f'{s.seconds:.2f}' for s in recomputes)} s; import "
        f"{', '.join(f'{s.seconds:.2f}' for s in imports)} s; first/next `due` "
        f"{', '.join(f'{r:.2f}x' for r in ratios)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
