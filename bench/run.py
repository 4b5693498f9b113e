"""Benchmark followup's hot paths against Taskwarrior; write bench/results.md.

Each command runs as a whole process, as a user runs it: wall time from spawn
to exit, and peak RSS as GNU time reports it (see ``GNU_TIME`` for why not
``os.wait4`` straight from here), median of ``--runs`` runs after one warm-up,
every (size, command) pair interleaved in each round. FOLLOWUP_TODAY is pinned
to the day the databases were built for. Commands that write get a fresh copy
of the cached database before each run (copied outside the timing). Built
databases and Taskwarrior data are cached in bench/.cache. Issue 17's targets
are judged on paired runs (startup.py, paired.py): two commands alternated run
by run, the median of each pair's ratio; the full run also rewrites the table in
the README's performance section.

    .venv/bin/python bench/run.py                  # 1,000 / 10,000 / 100,000, 5 runs
    .venv/bin/python bench/run.py --quick          # what CI runs: `due` against
                                                   # Taskwarrior at 1,000 and 10,000
    .venv/bin/python bench/run.py --sizes 10000 --runs 9

Taskwarrior must be on PATH (Debian: ``apt-get install taskwarrior``): every
target is a ratio to it. The full run never fails because a target is missed,
only when a command itself fails; ``--quick`` fails (exit 1) when `due` at
10,000 takes more than 1.5x Taskwarrior's time, or the two list other items.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

# ``python bench/run.py`` puts bench/ first on sys.path, so the builder imports as a module.
import build_db
import startup
from build_db import BENCH_DIR, BENCH_TODAY, CACHE_DIR

import followup

EMPTY = 0
DEFAULT_SIZES = (1_000, 10_000, 100_000)
IMPORT_ROWS = 100_000
TASKWARRIOR_VERSION = "1"  # bump when the generated Taskwarrior data changes shape
TOMORROW = BENCH_TODAY + timedelta(days=1)
MIB = 1024.0

Prepare = Callable[[], None]


# --- measuring one command ------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_kib: int


@dataclass(frozen=True)
class Result:
    """The median of several runs of one command on one size, or why it was not run."""

    samples: tuple[Sample, ...] = ()
    skipped: str | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def mib(self) -> float:
        return statistics.median(s.max_rss_kib for s in self.samples) / MIB

    def cell(self) -> str:
        if self.skipped is not None or not self.samples:
            return "-"
        return f"{self.seconds:.3f} s, {self.mib:.0f} MiB"


class CommandFailed(RuntimeError):
    pass


# A process's peak RSS as the kernel reports it to its parent includes the RSS of the
# process it was forked from (Linux carries the old memory map's high-water mark across
# exec), so a child spawned straight from this benchmark would report at least this
# benchmark's own size. GNU time (Debian package `time`, in the base image) is a tiny
# parent that reports its child's rusage; without it, a minimal Python launcher does the
# same, with its own few MiB as the floor.
GNU_TIME = "/usr/bin/time"
LAUNCHER = """\
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - started
with open(out, "w") as f:
    f.write(f"{usage.ru_maxrss} {elapsed}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def memory_method() -> str:
    if Path(GNU_TIME).exists():
        return f"peak RSS from GNU time (`{GNU_TIME} -f %M`), wall time around it"
    return "peak RSS and wall time from `os.wait4` in a minimal Python launcher (floor: its RSS)"


def run_once(argv: Sequence[str], env: Mapping[str, str], ok: Sequence[int] = (0,)) -> Sample:
    """Spawn one command (stdout to /dev/null), wait, and read its wall time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="followup-bench-run-") as tmp:
        metrics = Path(tmp) / "rusage"
        if Path(GNU_TIME).exists():
            wrapped = [GNU_TIME, "-f", "%M", "-o", str(metrics), *argv]
        else:
            wrapped = [sys.executable, "-I", "-S", "-c", LAUNCHER, str(metrics), *argv]
        errors = Path(tmp) / "stderr"
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, str(errors), os.O_WRONLY | os.O_CREAT, 0o600),
        ]
        started = time.perf_counter()
        pid = os.posix_spawnp(wrapped[0], wrapped, dict(env), file_actions=actions)
        _, status, _ = os.wait4(pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            text = errors.read_text(errors="replace").strip()
            raise CommandFailed(f"{' '.join(argv)} exited {code}: {text[-2000:]}")
        # GNU time may put "Command exited with non-zero status N" first.
        fields = metrics.read_text(encoding="utf-8").strip().splitlines()[-1].split()
    if len(fields) > 1:
        elapsed = float(fields[1])  # the launcher's own measure, without its start-up
    return Sample(elapsed, int(fields[0]))  # KiB


def measure(
    argv: Sequence[str],
    env: Mapping[str, str],
    runs: int,
    prepare: Prepare | None = None,
    ok: Sequence[int] = (0,),
) -> Result:
    """One warm-up, then ``runs`` measured runs; ``prepare`` runs before each, untimed."""
    samples = []
    for n in range(runs + 1):
        if prepare is not None:
            prepare()
        sample = run_once(argv, env, ok)
        if n > 0:
            samples.append(sample)
    return Result(tuple(samples))


@dataclass(frozen=True)
class Job:
    """One command to measure on one size."""

    size: int
    label: str
    argv: tuple[str, ...]
    env: Mapping[str, str]
    prepare: Prepare | None = None
    ok: tuple[int, ...] = (0,)


def measure_all(jobs: Sequence[Job], runs: int) -> dict[tuple[int, str], Result]:
    """A warm-up of every job, then ``runs`` rounds that each run every job once.

    Interleaving spreads whatever else the machine is doing over all the cells
    alike, instead of letting a burst of load land on one size or one command.
    """
    samples: dict[tuple[int, str], list[Sample]] = {(j.size, j.label): [] for j in jobs}
    for round_ in range(runs + 1):
        for job in jobs:
            if job.prepare is not None:
                job.prepare()
            sample = run_once(job.argv, job.env, job.ok)
            if round_ > 0:
                samples[job.size, job.label].append(sample)
        print(f"  {'warm-up' if round_ == 0 else f'round {round_}/{runs}'} done", flush=True)
    return {key: Result(tuple(found)) for key, found in samples.items()}


def output_of(argv: Sequence[str], env: Mapping[str, str], ok: Sequence[int] = (0,)) -> str:
    done = subprocess.run(argv, env=dict(env), capture_output=True, text=True, check=False)
    if done.returncode not in ok:
        raise CommandFailed(f"{' '.join(argv)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


# --- followup -------------------------------------------------------------------------------


def followup_executable() -> str:
    beside = Path(sys.executable).with_name("followup")
    if beside.exists():
        return str(beside)
    found = shutil.which("followup")
    if found is None:
        sys.exit("followup is not installed: run this with the project's .venv/bin/python")
    return found


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOLLOWUP_", "TASK"))}
    env["FOLLOWUP_TODAY"] = BENCH_TODAY.isoformat()
    return env


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


def one_application_database(empty: Path, target: Path, env: Mapping[str, str]) -> None:
    """The smallest database log-call and show can work on: one application, added for real."""
    copy_database(empty, target)
    output_of(
        [
            followup_executable(),
            "add",
            "Acme",
            "Software Engineer",
            "--applied",
            (BENCH_TODAY - timedelta(days=9)).isoformat(),
            "--phone",
            "+1 555 0100",
        ],
        {**env, "FOLLOWUP_DB": str(target)},
    )


def pick_ids(db: Path) -> tuple[int, int]:
    """An open application with a window (to log a call on) and a rich one (to show)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        due = conn.execute(
            "SELECT id FROM applications WHERE closed_on IS NULL AND next_earliest <= ? "
            "ORDER BY id LIMIT 1",
            (BENCH_TODAY.isoformat(),),
        ).fetchone()
        rich = conn.execute(
            "SELECT a.id FROM applications a JOIN interviews i ON i.application_id = a.id "
            "WHERE a.closed_on IS NULL ORDER BY a.id LIMIT 1"
        ).fetchone()
        first = conn.execute("SELECT min(id) FROM applications").fetchone()
    finally:
        conn.close()
    fallback = int(first[0])
    return (int(due[0]) if due else fallback, int(rich[0]) if rich else fallback)


@dataclass(frozen=True)
class Case:
    """One followup command in the table: its label, arguments, and whether it writes."""

    label: str
    args: tuple[str, ...]
    writes: bool = False
    # Needs an application to exist: on the empty size it runs on a one-application copy.
    needs_app: bool = False


def cases(log_id: int, show_id: int) -> list[Case]:
    return [
        Case("followup due", ("due",)),
        Case("followup due --json", ("due", "--json")),
        Case(
            "followup add",
            ("add", "Bench Co", "Engineer", "--applied", "today", "--phone", "+1 555 0199"),
            writes=True,
        ),
        Case("followup log-call", ("log-call", str(log_id), "--on", "today"), True, True),
        Case("followup show", ("show", str(show_id)), needs_app=True),
        Case("followup --help", ("--help",)),
    ]


# `followup import` (issue 4) measured importing an IMPORT_ROWS-row CSV into the empty
# database; its target is under 15 s. The CSV has the columns a job-search sheet has.
IMPORT_LABEL = f"followup import ({IMPORT_ROWS:,} rows)"


def import_available(env: Mapping[str, str]) -> bool:
    done = subprocess.run(
        [followup_executable(), "import", "--help"], env=dict(env), capture_output=True, check=False
    )
    return done.returncode == 0


def write_import_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("company,role,applied,contact,phone,email\n")
        for n in range(1, rows + 1):
            applied = BENCH_TODAY - timedelta(days=n % 540 + 1)
            out.write(f"Company {n},Engineer,{applied},Sam Lee,+1 555 {n:07d},hr{n}@example.com\n")


def import_jobs(empty: Path, work: Path, env: Mapping[str, str]) -> list[Job]:
    if not import_available(env):
        return []
    csv = work / "import.csv"
    write_import_csv(csv, IMPORT_ROWS)
    db = work / "import.db"
    return [
        Job(
            EMPTY,
            IMPORT_LABEL,
            (followup_executable(), "import", str(csv)),
            {**env, "FOLLOWUP_DB": str(db)},
            lambda: copy_database(empty, db),
        )
    ]


def followup_jobs(
    size: int, source: Path, one_app: Path, work: Path, env: Mapping[str, str]
) -> list[Job]:
    """Read-only commands share one copy; each writing command gets a fresh copy per run."""
    reads = work / f"read-{size}.db"
    copy_database(source, reads)
    log_id, show_id = pick_ids(one_app if size == EMPTY else source)
    jobs = []
    for n, case in enumerate(cases(log_id, show_id)):
        base = one_app if case.needs_app and size == EMPTY else source
        argv = (followup_executable(), *case.args)
        if case.writes:
            target = work / f"write-{size}-{n}.db"

            def prepare(base: Path = base, target: Path = target) -> None:
                copy_database(base, target)

            jobs.append(Job(size, case.label, argv, {**env, "FOLLOWUP_DB": str(target)}, prepare))
        else:
            target = reads if base == source else one_app
            jobs.append(Job(size, case.label, argv, {**env, "FOLLOWUP_DB": str(target)}))
    return jobs


def due_counts(db: Path, env: Mapping[str, str]) -> tuple[int, int]:
    """Items `followup due` lists: (overdue or due today, all incl. upcoming and interviews)."""
    report = json.loads(
        output_of([followup_executable(), "due", "--json"], {**env, "FOLLOWUP_DB": str(db)})
    )
    items = report["items"]
    return sum(1 for i in items if i["state"] in ("overdue", "due")), len(items)


# --- Taskwarrior ----------------------------------------------------------------------------


TASKRC = """\
data.location={data}
confirmation=off
hooks=off
gc=off
verbose=nothing
color=off
"""


def task_executable() -> str | None:
    return shutil.which("task")


def task_env(base: Mapping[str, str], home: Path) -> dict[str, str]:
    return {
        **base,
        "TASKRC": str(home / ".taskrc"),
        "TASKDATA": str(home / "data"),
        # Due dates are written as UTC midnights; read them back in UTC too.
        "TZ": "UTC",
    }


def write_taskrc(home: Path) -> None:
    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / ".taskrc").write_text(TASKRC.format(data=home / "data"), encoding="utf-8")


def _stamp(day: str) -> str:
    return day.replace("-", "") + "T000000Z"


def taskwarrior_json(db: Path, target: Path) -> None:
    """One pending task per application; those with an open window are due on its first day."""
    namespace = uuid.UUID("0b3a6a52-5e3c-4f7e-9d51-6c2f5b0e7a10")
    conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
    try:
        rows = conn.execute(
            "SELECT id, company, role, applied_on, next_earliest, closed_on FROM applications"
        )
        with target.open("w", encoding="utf-8") as out:
            for app_id, company, role, applied_on, earliest, closed_on in rows:
                task = {
                    "uuid": str(uuid.uuid5(namespace, str(app_id))),
                    "status": "pending",
                    "description": f"Follow up with {company} about {role} (#{app_id})",
                    "entry": _stamp(applied_on),
                }
                if earliest is not None and closed_on is None:
                    task["due"] = _stamp(earliest)
                out.write(json.dumps(task) + "\n")
    finally:
        conn.close()


def taskwarrior_home(size: int, db: Path, env: Mapping[str, str]) -> Path:
    """The cached Taskwarrior home for ``size``, imported with `task import` if needed."""
    home = CACHE_DIR / f"task-{size}-{build_db.cache_key(size)}-{TASKWARRIOR_VERSION}"
    if (home / "done").exists():
        return home
    for stale in CACHE_DIR.glob(f"task-{size}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    partial = home.with_name(f"{home.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    write_taskrc(partial)
    if size:
        tasks = partial / "tasks.json"
        taskwarrior_json(db, tasks)
        output_of(["task", "import", str(tasks)], task_env(env, partial))
        tasks.unlink()
    shutil.rmtree(home, ignore_errors=True)
    partial.rename(home)
    write_taskrc(home)  # data.location named the partial directory
    (home / "done").write_text("ok\n", encoding="utf-8")
    return home


TASK_LABEL = "task due.before:tomorrow list"
# `due.before:tomorrow` with tomorrow spelled out: Taskwarrior reads the real clock.
TASK_QUERY = f"due.before:{TOMORROW.isoformat()}"


def taskwarrior_job(
    size: int, db: Path, work: Path, env: Mapping[str, str]
) -> tuple[Job, int] | None:
    """The listing on a fresh copy of the cached data, and how many tasks it lists."""
    if task_executable() is None:
        return None
    cached = taskwarrior_home(size, db, env)
    home = work / f"task-{size}"
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(cached / "data", home / "data")
    write_taskrc(home)
    tenv = task_env(env, home)
    # `task` exits 1 when nothing matches.
    count = int(output_of(["task", TASK_QUERY, "count"], tenv, ok=(0, 1)).strip() or 0)
    return Job(size, TASK_LABEL, ("task", TASK_QUERY, "list"), tenv, ok=(0, 1)), count


# --- where the time goes --------------------------------------------------------------------


IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)\s*$")


@dataclass(frozen=True)
class ImportTime:
    module: str
    self_us: int
    cumulative_us: int
    depth: int


def import_times(db: Path, env: Mapping[str, str]) -> list[ImportTime]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "followup", "due"],
        env={**env, "FOLLOWUP_DB": str(db)},
        capture_output=True,
        text=True,
        check=False,
    )
    found = []
    for line in done.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            depth = len(match.group(3)) // 2
            found.append(
                ImportTime(match.group(4), int(match.group(1)), int(match.group(2)), depth)
            )
    return found


def by_package(times: Sequence[ImportTime]) -> list[tuple[str, int]]:
    """Self time of every import, added up by top-level package."""
    totals: dict[str, int] = {}
    for t in times:
        top = t.module.split(".")[0]
        totals[top] = totals.get(top, 0) + t.self_us
    return sorted(totals.items(), key=lambda kv: -kv[1])


PHASES_SCRIPT = """\
import json, sys, time
t0 = time.perf_counter()
from followup.quick import entry
t1 = time.perf_counter()
from followup.quick import view
from followup.services import morning
from followup.settings import load_settings
t2 = time.perf_counter()
from datetime import date
settings = load_settings()
today = date.fromisoformat(sys.argv[2])
t3 = time.perf_counter()
report = morning.due_from_stored_verdicts(sys.argv[1], today, 7, settings=settings)
t4 = time.perf_counter()
view.render_due(report, today, 80, False)
t5 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4]))
"""

# The phases of the console script's morning path (quick.entry), in the order it runs them.
PHASE_NAMES = (
    "Python start-up (`python -c pass`)",
    "import quick.entry (reads the command line with the option table)",
    "import quick.view, services.morning, settings (no Typer, rich or SQLAlchemy)",
    "read the settings file",
    "morning.due_from_stored_verdicts (sqlite3 read-only, four queries, rules)",
    "quick.view.render_due (plain text)",
)


def phases(db: Path, env: Mapping[str, str], runs: int) -> list[float]:
    """Median seconds per phase of `followup due`, measured inside one process."""
    startup = measure([sys.executable, "-c", "pass"], env, runs).seconds
    rows = []
    for _ in range(runs + 1):
        out = output_of(
            [sys.executable, "-c", PHASES_SCRIPT, str(db), BENCH_TODAY.isoformat()], env
        )
        rows.append(json.loads(out.strip().splitlines()[-1]))
    rows = rows[1:]
    return [startup, *(statistics.median(r[k] for r in rows) for k in range(len(rows[0])))]


STATEMENTS_SCRIPT = """\
import json, sys, time
from datetime import date
from sqlalchemy import event
from sqlalchemy.engine import Engine
from followup.services import applications as services
found = []
def before(conn, cursor, statement, parameters, context, executemany):
    conn.info["followup_bench_started"] = time.perf_counter()
def after(conn, cursor, statement, parameters, context, executemany):
    took = time.perf_counter() - conn.info.pop("followup_bench_started")
    found.append((" ".join(statement.split()), took))
event.listen(Engine, "before_cursor_execute", before)
event.listen(Engine, "after_cursor_execute", after)
today = date.fromisoformat(sys.argv[2])
from followup.domain import rules
services.morning_rows(
    sys.argv[1], rules.next_steps_reminder_since(today), date.fromordinal(today.toordinal() + 7),
    10, today,
)
print(json.dumps(found))
"""


def statements(db: Path, env: Mapping[str, str], runs: int) -> list[tuple[str, float]]:
    """Each SQL statement of the ordinary (SQLAlchemy) morning read, with its median ms."""
    rounds = []
    for _ in range(runs + 1):
        out = output_of(
            [sys.executable, "-c", STATEMENTS_SCRIPT, str(db), BENCH_TODAY.isoformat()], env
        )
        rounds.append(json.loads(out.strip().splitlines()[-1]))
    rounds = rounds[1:]
    if any(len(r) != len(rounds[0]) for r in rounds):
        return []
    shown = []
    for k, (sql, _) in enumerate(rounds[0]):
        short = sql if len(sql) <= 160 else sql[:157] + "..."
        shown.append((short.replace("|", "\\|"), statistics.median(r[k][1] for r in rounds) * 1000))
    return shown


# --- the report -----------------------------------------------------------------------------


@dataclass
class Report:
    sizes: list[int]
    runs: int
    results: dict[tuple[int, str], Result] = field(default_factory=dict)
    task_counts: dict[int, int] = field(default_factory=dict)
    due_counts: dict[int, tuple[int, int]] = field(default_factory=dict)
    summaries: dict[int, build_db.Summary] = field(default_factory=dict)
    import_times: list[ImportTime] = field(default_factory=list)
    import_size: int = EMPTY
    phase_seconds: list[float] = field(default_factory=list)
    statements: list[tuple[str, float]] = field(default_factory=list)
    load: list[str] = field(default_factory=list)

    def get(self, size: int, label: str) -> Result | None:
        result = self.results.get((size, label))
        return result if result is not None and result.samples else None

    def get_task(self, size: int) -> Result | None:
        return self.get(size, TASK_LABEL)


def size_name(size: int) -> str:
    return "empty" if size == EMPTY else f"{size:,}"


@dataclass(frozen=True)
class Target:
    what: str
    limit: str
    value: float | None  # None: not measured in this run
    met: bool
    unit: str = "x"

    def row(self) -> str:
        if self.value is None:
            return f"| {self.what} | {self.limit} | not measured | n/a |"
        shown = f"{self.value:.1f} MiB" if self.unit == "MiB" else f"{self.value:.2f}x"
        return f"| {self.what} | {self.limit} | {shown} | {'met' if self.met else 'not met'} |"


def _ratio(a: Result | None, b: Result | None) -> float | None:
    return None if a is None or b is None else a.seconds / b.seconds


def targets(report: Report) -> list[Target]:
    due = "followup due"
    big, mid, small = 100_000, 10_000, 1_000

    def at_most(what: str, limit: float, value: float | None, strict: bool = False) -> Target:
        met = value is not None and (value < limit if strict else value <= limit)
        return Target(what, f"{'<' if strict else '<='} {limit}x", value, met)

    found = [
        at_most(
            "`due` at 100,000 vs `task due.before:tomorrow list` at 100,000",
            0.35,
            _ratio(report.get(big, due), report.get_task(big)),
        ),
        at_most(
            "`due` at 10,000 vs `task due.before:tomorrow list` at 10,000",
            1.0,
            _ratio(report.get(mid, due), report.get_task(mid)),
        ),
        at_most(
            "`add` at 100,000 vs `add` on the empty database",
            1.3,
            _ratio(report.get(big, "followup add"), report.get(EMPTY, "followup add")),
        ),
        at_most(
            "`log-call` at 100,000 vs `log-call` on the empty database (one application)",
            1.3,
            _ratio(report.get(big, "followup log-call"), report.get(EMPTY, "followup log-call")),
        ),
        # Issue 6 also had `--help` under 0.4x `due`; since issue 17, `due` no longer loads
        # the Typer app that `--help` needs, so `due` is the faster of the two by design.
        at_most(
            "`due` at 100,000 vs `due` at 1,000",
            1.5,
            _ratio(report.get(big, due), report.get(small, due)),
        ),
    ]
    memory = report.get(big, due)
    found.append(
        Target(
            "peak memory of `due` at 100,000",
            "< 80 MiB",
            memory.mib if memory else None,
            memory is not None and memory.mib < 80,
            "MiB",
        )
    )
    return found


def machine() -> list[tuple[str, str]]:
    cpu = "unknown"
    with suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import sqlalchemy

    task = task_executable()
    task_version = output_of([task, "--version"], os.environ).strip() if task else "not installed"
    return [
        ("date", datetime.now().astimezone().isoformat(timespec="seconds")),
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("SQLAlchemy", sqlalchemy.__version__),
        ("followup", followup.__version__),
        ("Taskwarrior", task_version),
    ]


def table(report: Report) -> list[str]:
    labels = [c.label for c in cases(0, 0)] + [TASK_LABEL]
    head = "| command | " + " | ".join(size_name(s) for s in report.sizes) + " |"
    lines = [head, "|---" * (len(report.sizes) + 1) + "|"]
    for label in labels:
        cells = [(report.get(s, label) or Result()).cell() for s in report.sizes]
        lines.append(f"| `{label}` | " + " | ".join(cells) + " |")
    return lines


def load_average() -> str:
    with suppress(OSError):
        return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])
    return "unknown"


def other_targets() -> list[str]:
    """Issue 17's targets measured elsewhere, so that this file shows every one of them: the
    table ``bench/bulk.py --write`` last wrote, copied as it is, and where the rest are."""
    bulk = BENCH_DIR / "bulk-results.md"
    lines = bulk.read_text(encoding="utf-8").splitlines() if bulk.exists() else []
    start = next((n for n, line in enumerate(lines) if line.startswith("| what |")), None)
    out = ["", "## Issue 17, targets 3 to 5: restore, recompute, CSV import, progress", ""]
    if start is None:
        out.append("Not measured yet: run `.venv/bin/python bench/bulk.py --write`.")
    else:
        end = next((n for n in range(start, len(lines)) if not lines[n].startswith("|")), None)
        # The line before the table says how it was run: rounds, machine, load.
        out += [
            "From [bulk-results.md](bulk-results.md), written by `bench/bulk.py --write` "
            "(its method and where the time goes are there):",
            "",
            lines[start - 2],
            "",
            *lines[start:end],
        ]
    out += [
        "",
        "Target 5, a progress bar on long work on a terminal and nothing more otherwise, is "
        "behaviour rather than a figure: tests/integration/test_progress.py checks it on a "
        "real pseudo-terminal. The `stats` figures are in [stats-results.md](stats-results.md).",
    ]
    return out


def render_markdown(report: Report) -> str:
    out = ["# followup benchmark", ""]
    out += [
        "Written by `bench/run.py` (see its docstring); do not edit by hand. "
        f"Whole-process wall time and peak RSS, median of {report.runs} runs after one "
        f"warm-up, `FOLLOWUP_TODAY={BENCH_TODAY}`, output to /dev/null; "
        f"{memory_method()}. Every command runs once per round, interleaved. "
        f"Load average before and after: {' / '.join(report.load)}.",
        "",
        "Reproduce (Taskwarrior on PATH; the databases are built and cached in bench/.cache):",
        "",
        "```sh",
        ".venv/bin/python bench/run.py              # this file and the README's table",
        ".venv/bin/python bench/run.py --quick      # what CI runs",
        ".venv/bin/python bench/bulk.py --write     # bulk-results.md (restore, import)",
        "```",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    out += [f"| {k} | {v} |" for k, v in machine()]
    out += ["", "## Data", ""]
    out += [
        "Built by `bench/build_db.py`: applications over the last "
        f"{build_db.HISTORY_DAYS} days, 6-14 touches and 0-2 interviews each (about 10 and 0.5), "
        f"old ones closed; verdicts by the real `rules.assess`. Taskwarrior gets one pending "
        "task per application, due on the first day of its open window (none for the rest), "
        f"loaded with `task import`; its query spells tomorrow out (`due.before:{TOMORROW}`) "
        "because Taskwarrior reads the real clock.",
        "",
        "| size | applications | open | touches | interviews | windows open by today "
        "| `due` items (due+overdue / all) | `task` lists |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in report.sizes:
        s = report.summaries[size]
        dc = report.due_counts.get(size, (0, 0))
        tc = report.task_counts.get(size)
        out.append(
            f"| {size_name(size)} | {s.applications:,} | {s.open:,} | {s.touches:,} | "
            f"{s.interviews:,} | {s.due_today:,} | {dc[0]} / {dc[1]} | "
            f"{'-' if tc is None else tc} |"
        )
    out += ["", "## Times and peak memory", ""]
    out += table(report)
    out += [
        "",
        "`log-call` and `show` on the empty database run on a copy holding the one "
        "application `followup add` just made.",
        "",
        f"`{IMPORT_LABEL}` into the empty database: "
        + (
            result.cell()
            if (result := report.get(EMPTY, IMPORT_LABEL))
            else "skipped: this followup has no `followup import` (hook: `import_jobs` in run.py)"
        ),
        "",
        "## Targets (issue 6)",
        "",
        "| target | limit | measured | |",
        "|---|---|---|---|",
    ]
    out += [t.row() for t in targets(report)]
    if report.phase_seconds:
        out += [
            "",
            f"## Where the time of `followup due` goes ({size_name(report.import_size)})",
            "",
            "Measured inside one process (median of the same number of runs); "
            "start-up is a separate `python -c pass`.",
            "",
            "| phase | ms |",
            "|---|---|",
        ]
        out += [
            f"| {name} | {secs * 1000:.0f} |"
            for name, secs in zip(PHASE_NAMES, report.phase_seconds, strict=True)
        ]
        whole = report.get(report.import_size, "followup due")
        if whole is not None:
            rest = whole.seconds - sum(report.phase_seconds)
            out.append(
                f"| the rest of the whole-process median ({whole.seconds * 1000:.0f} ms): "
                "the console script's own start, writing the output, exit "
                f"| {rest * 1000:.0f} |"
            )
    if report.statements:
        out += [
            "",
            "## SQL statements of the ordinary morning read (`services.morning_rows`, "
            f"{size_name(report.import_size)})",
            "",
            "Each statement's time from SQLAlchemy's cursor events (median of the same number "
            "of runs): what grows with the size of the database shows here.",
            "",
            "| ms | statement |",
            "|---|---|",
        ]
        out += [f"| {ms:.2f} | `{sql}` |" for sql, ms in report.statements]
    if report.import_times:
        roots = [t for t in report.import_times if t.depth == 0]
        total = sum(t.cumulative_us for t in roots)
        out += [
            "",
            f"## Import time of `python -X importtime -m followup due` "
            f"({size_name(report.import_size)})",
            "",
            f"All imports together: {total / 1000:.0f} ms (one run, so noisier than the table).",
            "",
            "Self time added up by top-level package:",
            "",
            "| package | ms |",
            "|---|---|",
        ]
        out += [f"| {pkg} | {us / 1000:.1f} |" for pkg, us in by_package(report.import_times)[:12]]
        out += [
            "",
            "Top modules by cumulative time (depth 0 is imported directly by the program):",
            "",
            "| module | depth | cumulative µs | self µs |",
            "|---|---|---|---|",
        ]
        top = sorted(report.import_times, key=lambda t: -t.cumulative_us)[:25]
        out += [f"| {t.module} | {t.depth} | {t.cumulative_us:,} | {t.self_us:,} |" for t in top]
    return "\n".join(out) + "\n"


# --- main -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="comma-separated numbers of applications (the empty database is always measured)",
    )
    parser.add_argument(
        "--runs", type=int, default=DEFAULT_RUNS, help="measured runs (or pairs) per command"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"`due` against Taskwarrior at 1,000 and 10,000 only, in {QUICK_PAIRS} pairs, and "
        f"fail when `due` at 10,000 takes more than {startup.CI_LIMIT}x (what CI runs)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="where to write the report (default: bench/results.md; "
        "bench/.cache/results-quick.md with --quick, to keep the real results)",
    )
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()} - {0})
    runs: int = max(1, args.runs)
    if task_executable() is None:
        # Every target of issue 17 is a ratio to Taskwarrior: without it there is no result.
        sys.exit(
            "Taskwarrior (`task`) is not on PATH: install it (Debian: apt-get install "
            "taskwarrior); the benchmark's targets are ratios to it."
        )
    if args.quick:
        return quick(runs if args.runs != DEFAULT_RUNS else QUICK_PAIRS, args.output)
    output: Path = args.output or BENCH_DIR / "results.md"
    started = time.perf_counter()
    report = Report([EMPTY, *sizes], runs)
    env = clean_env()
    report.load.append(load_average())
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        work = Path(tmp)
        one_app = work / "one-application.db"
        jobs: list[Job] = []
        for size in report.sizes:
            built = time.perf_counter()
            source = build_db.build(size)
            report.summaries[size] = build_db.summarize(source)
            if size == EMPTY:
                one_application_database(source, one_app, env)
                jobs += import_jobs(source, work, env)
            jobs += followup_jobs(size, source, one_app, work, env)
            report.due_counts[size] = due_counts(work / f"read-{size}.db", env)
            task = taskwarrior_job(size, source, work, env)
            if task is not None:
                jobs.append(task[0])
                report.task_counts[size] = task[1]
            took = time.perf_counter() - built
            print(f"{size_name(size)}: {source.name} ready ({took:.1f} s)", flush=True)
        print(f"Measuring {len(jobs)} commands, {runs} rounds after a warm-up.", flush=True)
        report.results = measure_all(jobs, runs)
        biggest = report.sizes[-1]
        report.import_size = biggest
        read_copy = work / f"read-{biggest}.db"
        report.import_times = import_times(read_copy, env)
        report.phase_seconds = phases(read_copy, env, runs)
        report.statements = statements(read_copy, env, runs)
        print("Issue 17: paired runs.", flush=True)
        paired_report = measure_startup(sizes, runs, env, work, quick_mode=False)
    report.load.append(load_average())
    markdown = "\n".join([render_markdown(report), *paired_report.markdown(), *other_targets(), ""])
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(markdown, encoding="utf-8")
    print()
    print("\n".join(table(report)))
    print()
    print("\n".join(t.row() for t in targets(report)))
    print("\n".join(paired_report.markdown()))
    cores = f"a {os.cpu_count()}-core machine"
    if startup.write_readme(BENCH_DIR.parent / "README.md", paired_report, cores):
        print("Rewrote the README's performance table.")
    print(f"\nWrote {output} in {time.perf_counter() - started:.0f} s.")
    return 0


DEFAULT_RUNS = 5
QUICK_PAIRS = 7
QUICK_SIZES = [1_000, startup.CI_SIZE]


def measure_startup(
    sizes: list[int], runs: int, env: Mapping[str, str], work: Path, quick_mode: bool
) -> startup.StartupReport:
    def prepared_task_env(home: Path) -> dict[str, str]:
        write_taskrc(home)
        return task_env(env, home)

    return startup.measure(
        sizes,
        runs,
        env,
        work,
        lambda size, db: taskwarrior_home(size, db, env),
        prepared_task_env,
        TASK_QUERY,
        quick_mode,
    )


def quick(pairs: int, output: Path | None) -> int:
    """What CI runs: `due` against Taskwarrior at 1,000 and 10,000, and the gate."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        found = measure_startup(QUICK_SIZES, pairs, clean_env(), Path(tmp), quick_mode=True)
    text = "\n".join(["# followup quick benchmark", "", *found.markdown()]) + "\n"
    target = output or CACHE_DIR / "results-quick.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(text)
    print(f"Wrote {target} in {time.perf_counter() - started:.0f} s.")
    failures = [f"{size:,}: not the same due items" for size, (same, _) in
                found.same_items.items() if not same]  # fmt: skip
    gate = found.gate()
    if gate is None or gate.met is not True:
        shown = "not measured" if gate is None or gate.pair is None else f"{gate.pair.ratio:.2f}x"
        failures.append(
            f"`due` at {startup.CI_SIZE:,} took {shown} Taskwarrior's time "
            f"(limit {startup.CI_LIMIT}x in paired runs)"
        )
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
