"""Issue 17's start-up targets, measured in paired runs (see paired.py).

1. `followup due` and `due --json`, output to a pipe, against `task due.before:tomorrow
   list` on the same items: at most 3x at 1,000 applications, 0.75x at 10,000, 0.1x at
   100,000; on a pseudo-terminal at most 1.0x at 10,000.
2. `add` and `log-call` against today's followup (``paired.BASELINE``): at most 0.7x.
6. Both tools list the same due items.

The CI gate (``.ci/run``, through ``run.py --quick``): `due` at 10,000 at most
``CI_LIMIT`` x Taskwarrior, a margin over target 1 for a noisy machine.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import build_db
import paired
from build_db import BENCH_DIR, BENCH_TODAY
from paired import Command, Pair

CI_LIMIT = 1.5
CI_SIZE = 10_000
# Target 1: the most `followup due` may take, as a multiple of Taskwarrior, by size.
DUE_LIMITS = {1_000: 3.0, 10_000: 0.75, 100_000: 0.1}
TERMINAL_LIMIT = (10_000, 1.0)
WRITE_LIMIT = 0.7


@dataclass(frozen=True)
class Row:
    what: str
    limit: float | None
    pair: Pair | None
    note: str = ""

    @property
    def met(self) -> bool | None:
        if self.limit is None or self.pair is None:
            return None
        return self.pair.ratio <= self.limit

    def markdown(self) -> str:
        if self.pair is None:
            return f"| {self.what} | - | - | - | {self.note or 'not measured'} |"
        limit = "-" if self.limit is None else f"<= {self.limit:g}x"
        verdict = {None: "", True: "met", False: "**not met**"}[self.met]
        return (
            f"| {self.what} | {self.pair.a * 1000:.0f} / {self.pair.b * 1000:.0f} ms | "
            f"{self.pair.ratio:.2f}x | {limit} | {verdict} |"
        )


@dataclass
class StartupReport:
    runs: int
    rows: list[Row] = field(default_factory=list)
    same_items: dict[int, tuple[bool, str]] = field(default_factory=dict)
    breakdowns: dict[str, list[str]] = field(default_factory=dict)

    def gate(self) -> Row | None:
        return next((r for r in self.rows if r.what == gate_label()), None)

    def markdown(self) -> list[str]:
        out = [
            "## Issue 17: start-up, in paired runs",
            "",
            f"Each row alternates its two commands run by run (A B A B, {self.runs} pairs "
            "after one warm-up pair) and gives the median of the pairs' ratios; the medians "
            "of the times are shown for scale only. Bytecode compiled first.",
            "",
            "| A vs B | median A / B | ratio | target | |",
            "|---|---|---|---|---|",
        ]
        out += [row.markdown() for row in self.rows]
        out += ["", "Same due items (overdue or due today, interviews aside) in both tools:", ""]
        for size, (same, detail) in sorted(self.same_items.items()):
            out.append(f"- {size:,}: {'yes' if same else 'NO'}{detail}")
        for title, lines in self.breakdowns.items():
            out += ["", f"### `-X importtime` of {title}", "", *lines]
        return out


def gate_label() -> str:
    return f"`due` at {CI_SIZE:,} vs Taskwarrior (pipe): CI gate"


def _copy(source: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


def measure(
    sizes: list[int],
    runs: int,
    env: Mapping[str, str],
    work: Path,
    task_home: Callable[[int, Path], Path],
    task_env: Callable[[Path], dict[str, str]],
    task_query: str,
    quick: bool,
) -> StartupReport:
    """Every figure of targets 1, 2 and 6 for ``sizes`` (quick: `due` to a pipe only)."""
    paired.compile_bytecode()
    report = StartupReport(runs)
    # The installed console script, as a user runs it.
    followup = (str(Path(sys.executable).with_name("followup")),)
    task = ("task", task_query, "list")
    for size in sizes:
        source = build_db.build(size)
        db = work / f"startup-{size}.db"
        _copy(source, db)
        fenv = {**env, "FOLLOWUP_DB": str(db)}
        home = work / f"startup-task-{size}"
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(task_home(size, source), home, ignore=shutil.ignore_patterns("done"))
        tenv = task_env(home)
        mine = paired.followup_due_ids(followup, fenv)
        theirs = paired.task_due_ids(task_query, tenv)
        detail = (
            ""
            if mine == theirs
            else (
                f" (only followup: {sorted(mine - theirs)[:10]}, only Taskwarrior: "
                f"{sorted(theirs - mine)[:10]})"
            )
        )
        report.same_items[size] = (mine == theirs, f" ({len(mine)} items){detail}")
        limit = DUE_LIMITS.get(size)
        ok = (0, 1)  # `task` exits 1 when nothing matches
        variants = [("`due`", ("due",))] + ([] if quick else [("`due --json`", ("due", "--json"))])
        for name, args in variants:
            pair = paired.paired(
                Command((*followup, *args), fenv), Command(task, tenv, ok=ok), runs
            )
            what = f"{name} at {size:,} vs Taskwarrior (pipe)"
            report.rows.append(Row(what, limit, pair))
            if size == CI_SIZE and name == "`due`":
                report.rows.append(Row(gate_label(), CI_LIMIT, pair))
        if size == sizes[0]:
            # No target: what Python's own start-up costs next to Taskwarrior's.
            pair = paired.paired(
                Command((sys.executable, "-I", "-c", "pass"), env), Command(task, tenv, ok=ok), runs
            )
            report.rows.append(Row(f"`python -I -c pass` vs Taskwarrior at {size:,}", None, pair))
        if not quick and size == TERMINAL_LIMIT[0]:
            pair = paired.paired(
                Command((*followup, "due"), fenv), Command(task, tenv, ok=ok), runs, terminal=True
            )
            report.rows.append(
                Row(f"`due` at {size:,} vs Taskwarrior (terminal)", TERMINAL_LIMIT[1], pair)
            )
    if not quick:
        _writes(report, runs, env, work)
        size = CI_SIZE if CI_SIZE in sizes else sizes[-1]
        fenv = {**env, "FOLLOWUP_DB": str(work / f"startup-{size}.db")}
        report.breakdowns[f"`followup due` ({size:,})"] = paired.import_breakdown(
            ("-m", "followup", "due"), fenv
        )
        log_db = work / "startup-log-call.db"
        _copy(work / f"startup-{sizes[0]}.db", log_db)
        app_id = _open_application(log_db)
        report.breakdowns["`followup log-call`"] = paired.import_breakdown(
            ("-m", "followup", "log-call", str(app_id), "--on", "today"),
            {**env, "FOLLOWUP_DB": str(log_db)},
        )
    return report


def _open_application(db: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        row = conn.execute(
            "SELECT min(id) FROM applications WHERE closed_on IS NULL AND next_earliest <= ?",
            (BENCH_TODAY.isoformat(),),
        ).fetchone()
    finally:
        conn.close()
    return int(row[0])


def _writes(report: StartupReport, runs: int, env: Mapping[str, str], work: Path) -> None:
    """`add` and `log-call` now against the same commands of today's followup.

    Each works on a database it can open: today's followup (``paired.BASELINE``) makes one
    with a single application, and this followup works on a copy of it that it has
    upgraded once (outside the timing). The databases are small: `add` and `log-call` cost
    the same at 100,000 applications as at one (bench/results.md), and a database the
    older followup could open cannot be built by this one, whose schema is newer.
    """
    baseline = paired.baseline_source(BENCH_DIR.parent)
    applied = (BENCH_TODAY - timedelta(days=3)).isoformat()
    commands = {
        "`add`": ("add", "Bench Co", "Engineer", "--applied", applied),
        "`add --phone --email`": (
            "add",
            "Bench Co",
            "Engineer",
            "--applied",
            applied,
            "--phone",
            "+1 555 0199",
            "--email",
            "hr@bench.example",
        ),
        "`log-call`": ("log-call", "1", "--on", "today"),
    }
    if baseline is None:
        for name in commands:
            what = f"{name} vs today's followup ({paired.BASELINE})"
            report.rows.append(Row(what, WRITE_LIMIT, None, "no git history to export it from"))
        return
    then_env = paired.with_source(env, baseline)
    then_source, now_source = work / "writes-then-source.db", work / "writes-now-source.db"
    then_source.unlink(missing_ok=True)
    seed = ("add", "Seed Co", "Engineer", "--applied", applied, "--phone", "+1 555 0100")
    _run_once(seed, {**then_env, "FOLLOWUP_DB": str(then_source)})
    _copy(then_source, now_source)
    _run_once(("list",), {**env, "FOLLOWUP_DB": str(now_source)})  # upgrades it
    for name, args in commands.items():
        what = f"{name} vs today's followup ({paired.BASELINE})"
        now_db, then_db = work / "startup-now.db", work / "startup-then.db"

        def now_copy(target: Path = now_db) -> None:
            _copy(now_source, target)

        def then_copy(target: Path = then_db) -> None:
            _copy(then_source, target)

        pair = paired.paired(
            Command(paired.python_m_followup(args), {**env, "FOLLOWUP_DB": str(now_db)}, now_copy),
            Command(
                paired.python_m_followup(args),
                {**then_env, "FOLLOWUP_DB": str(then_db)},
                then_copy,
            ),
            runs,
        )
        report.rows.append(Row(what, WRITE_LIMIT, pair))


def _run_once(args: tuple[str, ...], env: Mapping[str, str]) -> None:
    done = subprocess.run(
        paired.python_m_followup(args), env=dict(env), capture_output=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"followup {' '.join(args)}: {done.stderr.decode(errors='replace')}")


README_START = "<!-- bench/run.py writes from here -->"
README_END = "<!-- bench/run.py writes up to here -->"


def readme_block(report: StartupReport, machine: str) -> list[str]:
    """The README's table: the paired ratios of this run, and what they are judged on."""
    out = [
        README_START,
        f"Paired runs on {machine} ({report.runs} pairs, median of the pairs' ratios; "
        "output to a pipe unless it says terminal):",
        "",
        "| A vs B | median A / B | ratio | target | |",
        "| --- | --- | --- | --- | --- |",
    ]
    out += [row.markdown() for row in report.rows if "CI gate" not in row.what]
    out.append(README_END)
    return out


def write_readme(readme: Path, report: StartupReport, machine: str) -> bool:
    """Replace the README's generated table; False when its markers are missing."""
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return False
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    block = "\n".join(readme_block(report, machine))
    readme.write_text(head + block + tail, encoding="utf-8")
    return True
