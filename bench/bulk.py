"""Benchmark the bulk commands of issue 17 (targets 3 and 4): restore, recompute, import.

Each is run as a whole process, as a user runs it, with wall time from spawn to exit and
peak RSS from GNU time (``/usr/bin/time -f %M``; the benchmark's own memory is not
counted). Self-contained, so that it does not move with ``bench/run.py``:

* **restore**: a full JSON backup of ``--apps`` applications with 10 touches each (as
  real searches have), half an interview each with its interviewer, phone and email on
  every application, about 1% of them still open (recent ones, as in bench/build_db.py),
  in the layout ``followup export --format json`` writes; restored
  into a new SQLite file with ``followup import``. Then the first ``followup due`` after it
  and a second one, paired (A B A B): issue 17 wants the first no dearer than twice a normal
  one, which holds when the restore stored every window.
* **recompute**: ``followup config apply`` with a settings file that changes a cadence
  number, so every window of the restored database is worked out again.
* **import**: a CSV of ``--rows`` rows (company, role, applied, contact, phone, email) into
  a new SQLite file.

Each command's CPU seconds (user + sys, from GNU time) are reported beside its wall time:
on a machine others are using, the load stretches wall time far more than CPU time. Then
**where the time goes**: the restore and the import run once more in this process, at
``--stage-apps`` applications and rows, with the CPU seconds of each stage they report
(``services.progress``).

Bytecode is compiled first (``python -m compileall``), so no run pays for compiling the
editable install. This is a benchmark, not a test: it fails only when a command fails or
leaves the wrong number of rows. The output is Markdown; ``--write`` also puts it in
bench/bulk-results.md, so that the figures there are regenerated, never copied by hand.

    .venv/bin/python bench/bulk.py --write                 # 100,000 / 1,000,000, 3 runs
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
    cpu: float = 0.0  # user + sys


def run(argv: Sequence[str], env: Mapping[str, str]) -> Sample:
    """One command, stdout and stderr to files; its wall time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="followup-bench-bulk-") as tmp:
        metrics = Path(tmp) / "rusage"
        errors = Path(tmp) / "stderr"
        wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", str(metrics), *argv]
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
        kib, user, system = metrics.read_text().strip().splitlines()[-1].split()
    return Sample(elapsed, int(kib) / 1024.0, float(user) + float(system))


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
            # As bench/build_db.py's histories: only a few recent applications still open.
            closed = n % 10 != 0 or n % 510 > 45
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
    return Sample(
        statistics.median(s.seconds for s in samples),
        max(s.mib for s in samples),
        statistics.median(s.cpu for s in samples),
    )


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


@dataclass(frozen=True)
class Round:
    restore: Sample
    first_due: Sample
    next_due: Sample
    recompute: Sample
    imported: Sample


def one_round(
    command: Sequence[str], env: Mapping[str, str], work: Path, backup: Path, sheet: Path
) -> Round:
    """Restore, due twice, config apply, then an import into a new file: one of each."""
    config = Path(env["FOLLOWUP_CONFIG_DIR"])
    db = work / "bench.db"
    env_db = {**env, "FOLLOWUP_DB": str(fresh(db))}
    (config / "settings.toml").unlink(missing_ok=True)
    restore = run((*command, "import", str(backup)), env_db)
    first = run((*command, "due"), env_db)
    second = run((*command, "due"), env_db)
    (config / "settings.toml").write_text("check_in_min_days = 9\n", encoding="utf-8")
    recompute = run((*command, "config", "apply"), env_db)
    (config / "settings.toml").unlink()
    applications = count(db, "applications")
    env_db = {**env, "FOLLOWUP_DB": str(fresh(db))}
    imported = run((*command, "import", str(sheet)), env_db)
    if count(db, "applications") != count_lines(sheet) - 1 or not applications:
        sys.exit("the import or the restore did not store every row")
    fresh(db)
    return Round(restore, first, second, recompute, imported)


def count_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines)


RESULTS = Path(__file__).with_name("bulk-results.md")
INTRO = """# followup bulk benchmark (issue 17, targets 3 and 4)

Written by `bench/bulk.py --write` (see its docstring); the start-up benchmark is
`bench/run.py`, in [results.md](results.md). Whole processes, wall time from spawn to exit,
CPU seconds (user + sys) and peak RSS from GNU time; bytecode compiled first. The machine
is shared: the load average is given with each run, and on 2 cores a load of 4 leaves
each process about half a core, which stretches wall time far more than CPU time.

Reproduce:

```sh
git archive d819d5d src | tar -x -C /tmp/before      # the followup this work started from
.venv/bin/python bench/bulk.py --write                # 100,000 applications, 1,000,000 touches
.venv/bin/python bench/bulk.py --apps 10000 --rows 100000 --runs 2 --before /tmp/before/src
```
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--apps", type=int, default=100_000, help="applications in the backup")
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the CSV")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command")
    parser.add_argument(
        "--before",
        metavar="SRC",
        help="also run the followup in this src folder (an older checkout), paired round by "
        "round with this one (A B A B), and report the ratio of each pair",
    )
    parser.add_argument(
        "--stage-apps",
        type=int,
        default=30_000,
        help="applications (and CSV rows) for the in-process breakdown by stage; 0: none",
    )
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.name}")
    args = parser.parse_args(argv)
    compileall.compile_dir(Path(followup.__file__).parent, quiet=1)
    after_cmd = (sys.executable, "-m", "followup")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="followup-bench-bulk-") as tmp:
        work = Path(tmp)
        config = work / "config"
        config.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
        env |= {"FOLLOWUP_TODAY": TODAY.isoformat(), "FOLLOWUP_CONFIG_DIR": str(config)}
        env.pop("PYTHONPATH", None)
        backup, sheet = work / "backup.json", work / "sheet.csv"
        touches = write_backup(backup, args.apps)
        write_csv(sheet, args.rows)
        before_env = None
        if args.before:
            compileall.compile_dir(Path(args.before), quiet=1)
            before_env = {**env, "PYTHONPATH": str(Path(args.before).resolve())}
        afters: list[Round] = []
        befores: list[Round] = []
        for n in range(args.runs):
            if before_env is not None:
                befores.append(one_round(after_cmd, before_env, work, backup, sheet))
            afters.append(one_round(after_cmd, env, work, backup, sheet))
            print(f"round {n + 1}/{args.runs} done", file=sys.stderr, flush=True)
        load_after = os.getloadavg()
        lines = report(args, touches, afters, befores, load_before, load_after)
        if args.stage_apps:
            lines += stages(work, config, args.stage_apps)
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.write:
        RESULTS.write_text(INTRO + "\n" + text, encoding="utf-8")
    return 0


class _Stages:
    """A ``services.progress.Progress`` that notes the CPU seconds of each stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._current: str | None = None
        self._since = time.process_time()

    def stage(self, what: str, total: int | None = None) -> None:
        self.end()
        self._current, self._since = what, time.process_time()

    def advance(self, done: int = 1) -> None:
        pass

    def end(self) -> None:
        if self._current is not None:
            spent = time.process_time() - self._since
            self.seconds[self._current] = self.seconds.get(self._current, 0.0) + spent
        self._current = None


def stages(work: Path, config: Path, apps: int) -> list[str]:
    """The restore and the import once more, in this process, CPU seconds by stage."""
    os.environ["FOLLOWUP_CONFIG_DIR"] = str(config)
    from followup.services import exchange
    from followup.settings import DEFAULTS

    backup, sheet = work / "stages.json", work / "stages.csv"
    touches = write_backup(backup, apps)
    write_csv(sheet, apps)
    lines = [
        "",
        f"## Where the time goes ({apps:,} applications / {touches:,} touches, and "
        f"{apps:,} CSV rows; in-process CPU seconds)",
        "",
        "| command | stage | CPU |",
        "|---|---|---|",
    ]
    for label, work_on in (
        (
            "restore",
            lambda db, progress: exchange.restore_backup(
                str(db), TODAY, backup, dry_run=False, settings=DEFAULTS, progress=progress
            ),
        ),
        (
            "CSV import",
            lambda db, progress: exchange.import_spreadsheet(
                str(db),
                TODAY,
                exchange.read_text(sheet),
                {},
                None,
                dry_run=False,
                settings=DEFAULTS,
                progress=progress,
            ),
        ),
    ):
        progress = _Stages()
        work_on(fresh(work / "stages.db"), progress)
        progress.end()
        for stage, seconds in progress.seconds.items():
            lines.append(f"| {label} | {stage} | {seconds:.2f} s |")
    fresh(work / "stages.db")
    return [*lines, "", *WHERE.splitlines()]


WHERE = """CPU of this process alone: the helper process that checks half of a big sheet's phone
numbers on the second core is not counted here (GNU time's CPU figures above count it).

- **Checking the backup**: the JSON is decoded a few thousand rows at a time (one decode
  up to the last row read whole), and each batch is checked column by column; only a batch
  with a value that may be refused goes row by row, which is what names it. Phone numbers
  go through phonenumbers, each distinct number once; email addresses of the plainest kind
  are answered without email-validator (with the answer it gives, compared by a Hypothesis
  test), the others by it.
- **Restoring**: mostly SQLite's own work; the rows go straight to the driver a batch to a
  statement, and into an empty database the indexes are made once at the end.
- **Working out every window**: a closed application's verdict from its id, outcome and
  closing day alone; an open one's from its whole history.
- **Checking the sheet**: phone numbers are the largest part (a number phonenumbers cannot
  place is tried against every region of its country code: all 25 of +1), then the cells,
  dates and email addresses.
- **Importing**: the rules' verdict on each new application, and the inserts."""


def report(
    args: argparse.Namespace,
    touches: int,
    afters: Sequence[Round],
    befores: Sequence[Round],
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> list[str]:
    restore = median([r.restore for r in afters])
    recompute = median([r.recompute for r in afters])
    imported = median([r.imported for r in afters])
    ratios = [r.first_due.seconds / r.next_due.seconds for r in afters]
    ratio = statistics.median(ratios)
    big = args.apps == 100_000 and args.rows == 100_000
    loads = f"{' '.join(f'{x:.2f}' for x in load_before)} / "
    loads += " ".join(f"{x:.2f}" for x in load_after)
    out = [
        f"`.venv/bin/python bench/bulk.py --apps {args.apps} --rows {args.rows} "
        f"--runs {args.runs}{' --before SRC' if befores else ''}`: "
        f"{args.runs} round(s), median time, highest peak RSS. Machine: "
        f"{os.cpu_count()} cores ({platform.machine()}, {platform.system()}), Python "
        f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}. Load average "
        f"before / after: {loads}.",
        "",
        "| what | time | CPU (user + sys) | peak memory | target | |",
        "|---|---|---|---|---|---|",
    ]

    def met(ok: bool) -> str:
        return verdict(ok) if big else "-"

    first = median([r.first_due for r in afters])
    second = median([r.next_due for r in afters])
    out += [
        f"| restore {args.apps:,} applications / {touches:,} touches | "
        f"{restore.seconds:.2f} s | {restore.cpu:.2f} s | {restore.mib:.0f} MiB | "
        f"< {RESTORE_SECONDS:.0f} s, < {RESTORE_MIB:.0f} MiB | "
        f"{met(restore.seconds < RESTORE_SECONDS and restore.mib < RESTORE_MIB)} |",
        f"| first `due` after it / the next `due` (paired) | {first.seconds:.3f} s / "
        f"{second.seconds:.3f} s: {ratio:.2f}x | {first.cpu:.2f} s | {first.mib:.0f} MiB | "
        f"<= {FIRST_DUE_RATIO:.0f}x | {verdict(ratio <= FIRST_DUE_RATIO)} |",
        f"| recompute: `config apply` at {args.apps:,} | {recompute.seconds:.2f} s | "
        f"{recompute.cpu:.2f} s | {recompute.mib:.0f} MiB | < {RECOMPUTE_SECONDS:.0f} s | "
        f"{met(recompute.seconds < RECOMPUTE_SECONDS)} |",
        f"| import a CSV of {args.rows:,} rows | {imported.seconds:.2f} s | "
        f"{imported.cpu:.2f} s | {imported.mib:.0f} MiB | < {IMPORT_SECONDS:.0f} s, "
        f"< {IMPORT_MIB:.0f} MiB | "
        f"{met(imported.seconds < IMPORT_SECONDS and imported.mib < IMPORT_MIB)} |",
    ]
    if befores:
        out += [
            "",
            "Paired with the older followup (`--before`), this one's time / the older's:",
            "",
            "| what | older | this | ratio per pair | peak memory older / this |",
            "|---|---|---|---|---|",
        ]
        for label, pick in (
            ("restore", lambda r: r.restore),
            ("first `due` after the restore", lambda r: r.first_due),
            ("recompute (`config apply`)", lambda r: r.recompute),
            ("CSV import", lambda r: r.imported),
        ):
            old = [pick(r) for r in befores]
            new = [pick(r) for r in afters]
            pairs = ", ".join(
                f"{b.seconds / a.seconds:.2f}x" for a, b in zip(old, new, strict=True)
            )
            out.append(
                f"| {label} | {median(old).seconds:.2f} s | {median(new).seconds:.2f} s | "
                f"{pairs} | {median(old).mib:.0f} / {median(new).mib:.0f} MiB |"
            )
    return out


if __name__ == "__main__":
    sys.exit(main())
