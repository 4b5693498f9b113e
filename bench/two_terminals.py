"""Two terminals at once, again and again: no command may ever exit 70 (issue 11, item 15).

Each run makes a new database with one application, then starts two real processes that
each run ``followup log-call 1`` 200 times on it at the same moment (in-process calls of the
Typer app, as tests/integration/test_processes.py does once in the suite: every call opens
and closes the database like a separate command, so SQLite creates and removes the -wal
and -shm files under the other process's feet). It counts every exit code and checks that
all 400 touches were stored.

    .venv/bin/python bench/two_terminals.py              # 10 runs
    .venv/bin/python bench/two_terminals.py --runs 3 --per-process 100

Exits 1 if any command exited non-zero or any touch is missing.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

WRITER = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path
    from followup.cli import app
    tag, count, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    Path(f"{go}.{tag}").touch()
    while not go.exists():
        time.sleep(0.005)
    codes = []
    for n in range(count):
        args = ["log-call", "1", "--via", "email", "--note", f"{tag}-{n}"]
        try:
            codes.append(app(args, standalone_mode=False) or 0)
        except SystemExit as exc:
            codes.append(exc.code if isinstance(exc.code, int) else 1)
    Path(f"{go}.{tag}.codes").write_text(" ".join(map(str, codes)))
    """
)


def one_run(per_process: int) -> tuple[collections.Counter[int], int]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "followup.db"
        env = {**os.environ, "FOLLOWUP_DB": str(db), "FOLLOWUP_TODAY": "2026-11-26"}
        # Settings of its own: a settings file someone is editing must not change the run.
        env |= {"XDG_CONFIG_HOME": str(Path(folder) / "config"), "HOME": folder}
        for name in ("FOLLOWUP_TEST_PAUSE_FILE", "FOLLOWUP_CONFIG_DIR", "FOLLOWUP_PROFILE"):
            env.pop(name, None)
        cmd = [sys.executable, "-m", "followup", "add", "Acme", "Analyst", "--phone", "555 0100"]
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        go = Path(folder) / "go"
        tags = ("left", "right")
        children = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, tag, str(per_process), str(go)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for tag in tags
        ]
        while not all(Path(f"{go}.{tag}").exists() for tag in tags):
            time.sleep(0.01)
        go.touch()
        codes: collections.Counter[int] = collections.Counter()
        for tag, child in zip(tags, children, strict=True):
            _, err = child.communicate(timeout=600)
            for line in err.splitlines():
                # The commands' own error lines say what any non-zero exit was (warnings about
                # over-contact, which every one of these calls earns, are left out).
                if not line.startswith(("Warning:", "  ")):
                    print(line, file=sys.stderr)
            codes.update(int(c) for c in Path(f"{go}.{tag}.codes").read_text().split())
        shown = subprocess.run(
            [sys.executable, "-m", "followup", "show", "1", "--json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return codes, len(json.loads(shown.stdout)["touches"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--per-process", type=int, default=200)
    args = parser.parse_args()
    total: collections.Counter[int] = collections.Counter()
    failed = False
    for run in range(1, args.runs + 1):
        started = time.monotonic()
        codes, stored = one_run(args.per_process)
        total.update(codes)
        expected = 2 * args.per_process
        ok = set(codes) == {0} and stored == expected
        failed |= not ok
        print(
            f"run {run}: exit codes {dict(sorted(codes.items()))}, {stored}/{expected} touches "
            f"stored, {time.monotonic() - started:.1f} s{'' if ok else '  FAILED'}"
        )
    every = dict(sorted(total.items()))
    print(f"{args.runs} runs, {sum(total.values())} commands: exit codes {every}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
