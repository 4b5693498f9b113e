"""Paired runs: two commands alternated run by run (A B A B ...), the ratio of each pair.

On a shared machine absolute times swing with whatever else runs; two commands run back
to back see nearly the same load, so the ratio of each pair is steady where the times
are not, and the median of those ratios is what the targets of issue 17 are judged on.

Before timing, the bytecode of followup and of the virtual environment is compiled
(``PYTHONDONTWRITEBYTECODE`` is set on some machines, which would otherwise make every
run compile the editable install again). "today's" followup, for the targets that say
"x today's time", is the code of ``BASELINE`` (the commit before issue 17's work),
exported with ``git archive`` and run from the same interpreter through PYTHONPATH.
"""

from __future__ import annotations

import compileall
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import sysconfig
import tarfile
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_db import CACHE_DIR

import followup

BASELINE = "d819d5d"  # main before issue 17: what "today's time" means in its targets
Prepare = Callable[[], None]


def compile_bytecode() -> None:
    """Compile followup and the environment's packages once, as an installed tool would be."""
    targets = {Path(followup.__file__).parent, Path(sysconfig.get_paths()["purelib"])}
    for target in sorted(targets):
        compileall.compile_dir(target, quiet=1, workers=0)


@dataclass(frozen=True)
class Command:
    argv: tuple[str, ...]
    env: Mapping[str, str]
    prepare: Prepare | None = None
    ok: tuple[int, ...] = (0,)


def _on_pipe(command: Command) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command.argv,
        env=dict(command.env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in command.ok:
        raise RuntimeError(
            f"{' '.join(command.argv)} exited {done.returncode}: {done.stderr[-2000:]!r}"
        )
    return elapsed


def _on_terminal(command: Command) -> float:
    """Run on a new pseudo-terminal (50 x 120) and read everything it shows."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    env = {k: v for k, v in command.env.items() if k not in ("NO_COLOR", "COLUMNS")}
    env["TERM"] = "xterm-256color"
    started = time.perf_counter()
    process = subprocess.Popen(
        command.argv, env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower
    )
    os.close(follower)
    while True:
        try:
            if not os.read(leader, 65536):
                break
        except OSError:  # EIO: the last writer has gone
            break
    code = process.wait()
    elapsed = time.perf_counter() - started
    os.close(leader)
    if code not in command.ok:
        raise RuntimeError(f"{' '.join(command.argv)} exited {code} on a terminal")
    return elapsed


@dataclass(frozen=True)
class Pair:
    """A against B: each run's seconds and the ratio of each pair."""

    a_seconds: tuple[float, ...]
    b_seconds: tuple[float, ...]

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.a_seconds, self.b_seconds, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def a(self) -> float:
        return statistics.median(self.a_seconds)

    @property
    def b(self) -> float:
        return statistics.median(self.b_seconds)


def paired(a: Command, b: Command, runs: int, terminal: bool = False) -> Pair:
    """One warm-up of each, then ``runs`` pairs, A then B, each prepared outside the timing."""
    timed = _on_terminal if terminal else _on_pipe
    a_seconds, b_seconds = [], []
    for n in range(runs + 1):
        times = []
        for command in (a, b):
            if command.prepare is not None:
                command.prepare()
            times.append(timed(command))
        if n:
            a_seconds.append(times[0])
            b_seconds.append(times[1])
    return Pair(tuple(a_seconds), tuple(b_seconds))


def baseline_source(repo: Path) -> Path | None:
    """followup as it was at ``BASELINE``, exported once into the cache; None without git."""
    target = CACHE_DIR / f"baseline-{BASELINE}"
    if (target / "done").exists():
        return target / "src"
    archive = CACHE_DIR / f"baseline-{BASELINE}.tar"
    try:
        subprocess.run(
            ["git", "-C", str(repo), "archive", "-o", str(archive), BASELINE, "src"],
            check=True,
            capture_output=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    archive.unlink()
    compileall.compile_dir(target / "src", quiet=1, workers=0)
    (target / "done").write_text("ok\n", encoding="utf-8")
    return target / "src"


def python_m_followup(args: Sequence[str]) -> tuple[str, ...]:
    return (sys.executable, "-m", "followup", *args)


def with_source(env: Mapping[str, str], source: Path) -> dict[str, str]:
    """Run followup from ``source`` (before the installed one on the path)."""
    return {**env, "PYTHONPATH": str(source)}


# --- the same due items -----------------------------------------------------------------------


def followup_due_ids(argv: Sequence[str], env: Mapping[str, str]) -> set[int]:
    """Applications `followup due --json` lists for today: to contact, or gone quiet."""
    done = subprocess.run(
        [*argv, "due", "--json", "--ahead", "0"],
        env=dict(env),
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    due = {
        int(i["id"])
        for i in found["items"]
        if i["state"] in ("overdue", "due") and i["action"] != "interview"
    }
    # An application gone quiet is listed apart ("consider closing"), but it is still on
    # the morning's list from the day it went quiet, as its Taskwarrior task is.
    as_of = found["as_of"]
    return due | {int(q["id"]) for q in found.get("gone_quiet", []) if q["since"] <= as_of}


def task_due_ids(query: str, env: Mapping[str, str]) -> set[int]:
    """Applications Taskwarrior lists (each task's description ends with "(#id)")."""
    done = subprocess.run(
        ["task", query, "export"], env=dict(env), capture_output=True, text=True, check=True
    )
    found = set()
    for task in json.loads(done.stdout or "[]"):
        description = str(task.get("description", ""))
        if "(#" in description:
            found.add(int(description.rsplit("(#", 1)[1].rstrip(")")))
    return found


# --- import times -----------------------------------------------------------------------------


def import_breakdown(argv: Sequence[str], env: Mapping[str, str], top: int = 15) -> list[str]:
    """``-X importtime`` of one run: the total and the biggest top-level imports (ms)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if not cumulative.strip().isdigit():
            continue
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((name.strip(), int(cumulative), depth))
    total = sum(us for _, us, depth in rows if depth == 0)
    # Depth 0 and 1: what the program imports and what those bring straight in.
    shown = sorted((r for r in rows if r[2] <= 1), key=lambda r: -r[1])[:top]
    lines = [f"All imports: {total / 1000:.0f} ms (one run).", "", "| module | depth | ms |"]
    lines.append("|---|---|---|")
    lines += [f"| {name} | {depth} | {us / 1000:.1f} |" for name, us, depth in shown]
    return lines
