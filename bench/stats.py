"""Time `followup stats` on 100,000 applications and a million touches; write
bench/stats-results.md.

The database comes from ``build_db`` (its histories, verdicts and schema), with twice the
touches per application (6 to 14, about 10) so that 100,000 applications hold about a
million touches. It is cached in bench/.cache beside the others. The bytecode is compiled
first (``python -m compileall``), as an installed followup's is, and each run is the
whole process, as a user runs it: median of ``--runs`` runs after one warm-up.

    .venv/bin/python bench/stats.py               # 100,000 applications, 5 runs
    .venv/bin/python bench/stats.py --size 10000 --runs 3

A benchmark, not a test: it never fails because the 3-second target is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

# ``python bench/stats.py`` puts bench/ first on sys.path, so the builder imports as a module.
import build_db
from build_db import BENCH_DIR, BENCH_TODAY, CACHE_DIR

import followup
from followup.domain.models import Application, Touch, Via

TARGET_SECONDS = 3.0
RESULTS = BENCH_DIR / "stats-results.md"
GENERATOR = "stats-1"


def _more_touches(
    rng: build_db.random.Random, app: Application, end: date, ids: build_db._Ids
) -> list[Touch]:
    """``build_db``'s touches, 6 to 14 of them instead of 2 to 8."""
    count = rng.randint(6, 14)
    start = app.applied_on + timedelta(days=1)
    days = sorted(build_db._day_between(rng, start, end) for _ in range(count))
    found: list[Touch] = []
    for on in days:
        inbound = rng.random() < 0.3
        via = (
            rng.choice((Via.CALL, Via.EMAIL))
            if inbound
            else rng.choices(build_db.OUTBOUND_VIA, weights=build_db.OUTBOUND_WEIGHTS)[0]
        )
        found.append(Touch(ids.touch, app.id, on, via, inbound))
        ids.touch += 1
    return found


def database(n: int) -> Path:
    path = CACHE_DIR / f"stats-{n}-{GENERATOR}-{build_db.cache_key(n)}.db"
    if path.exists():
        return path
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for stale in CACHE_DIR.glob(f"stats-{n}-*.db"):
        stale.unlink()
    # The builder's own generator, with the touch maker swapped for the busier one.
    build_db._touches = _more_touches  # type: ignore[assignment]
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    build_db._fill(partial, n)
    partial.replace(path)
    return path


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def run_once(path: Path) -> tuple[float, float]:
    """Wall time, and CPU time (user + system): on a machine others share, the CPU time
    says what the command costs when the wall time says how busy the machine was."""
    env = dict(os.environ, FOLLOWUP_TODAY=BENCH_TODAY.isoformat(), FOLLOWUP_DB=str(path))
    env.pop("FOLLOWUP_PROFILE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "followup", "stats"],
        env=env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def breakdown(path: Path) -> list[tuple[str, float]]:
    """CPU seconds of each part, in this process: the read, the figures, the restraint
    replay (the only part that runs the rules, history by history)."""
    from followup.domain import stats
    from followup.domain.cadence import DEFAULT_CADENCE
    from followup.storage import views
    from followup.storage.engine import transaction

    parts = []
    started = time.process_time()
    with transaction(str(path), write=False) as store:
        cases = views.cases(store)
    parts.append(("read (one pass per table)", time.process_time() - started))
    started = time.process_time()
    stats.figures(cases, BENCH_TODAY, DEFAULT_CADENCE, None)
    parts.append(("all the figures", time.process_time() - started))
    months = stats.RESTRAINT_MONTHS
    started = time.process_time()
    stats.restraint(cases, BENCH_TODAY, None, DEFAULT_CADENCE)
    parts.append(
        (f"of which restraint ({months} months of replays)", time.process_time() - started)
    )
    return parts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    source = Path(str(followup.__file__)).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(source)], check=True)
    built = time.perf_counter()
    path = database(args.size)
    built = time.perf_counter() - built
    apps, touches = count(path, "applications"), count(path, "touches")
    print(f"{apps:,} applications, {touches:,} touches ({built:.0f} s to find or build)")
    run_once(path)  # warm-up: the file in the page cache, as on a second run
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    runs = [run_once(path) for _ in range(args.runs)]
    times = [wall for wall, _ in runs]
    cpus = [cpu for _, cpu in runs]
    median = statistics.median(times)
    cpu = statistics.median(cpus)
    verdict = "under" if median < TARGET_SECONDS else "OVER"
    cpu_verdict = "under" if cpu < TARGET_SECONDS else "OVER"
    print(
        f"median {median:.2f} s wall ({verdict} the {TARGET_SECONDS:g} s target), "
        f"{cpu:.2f} s CPU, over {args.runs} runs"
    )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    parts = breakdown(path)
    for name, seconds in parts:
        print(f"  {name}: {seconds:.2f} s CPU")
    RESULTS.write_text(
        "# `followup stats` benchmark\n\n"
        "Written by `bench/stats.py` (see its docstring); do not edit by hand. "
        "Whole-process wall time of `followup stats`, output to /dev/null, bytecode compiled "
        f"first, `FOLLOWUP_TODAY={BENCH_TODAY}`, median of {args.runs} runs after one "
        f"warm-up. Load average before and after: {load_before} / {load}. The CPU time "
        "(user + system) is what the command itself costs; the wall time also says how "
        "busy the machine was.\n\n"
        "| | |\n|---|---|\n"
        f"| date | {datetime.now().astimezone().isoformat(timespec='seconds')} |\n"
        f"| cores | {os.cpu_count()} |\n"
        f"| Python | {platform.python_version()} |\n"
        f"| SQLite | {sqlite3.sqlite_version} |\n"
        f"| applications | {apps:,} |\n"
        f"| touches | {touches:,} |\n"
        f"| runs, wall (s) | {', '.join(f'{t:.2f}' for t in times)} |\n"
        f"| runs, CPU (s) | {', '.join(f'{t:.2f}' for t in cpus)} |\n"
        f"| **median, wall** | **{median:.2f} s** ({verdict} the {TARGET_SECONDS:g} s target) |\n"
        f"| **median, CPU** | **{cpu:.2f} s** ({cpu_verdict} the {TARGET_SECONDS:g} s target) |\n"
        "\n## Where the time goes\n\nCPU seconds in one process, after the imports:\n\n"
        "| part | CPU (s) |\n|---|---|\n"
        + "".join(f"| {name} | {seconds:.2f} |\n" for name, seconds in parts)
    )
    print(f"wrote {RESULTS.relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
