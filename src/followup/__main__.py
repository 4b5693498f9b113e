"""The installed `followup` command and `python -m followup`.

A plain `followup due` is answered by ``quick.entry`` without loading the Typer app (the
morning view then starts in a fraction of the time); every other command line goes to the
Typer app in ``followup.cli``, unchanged.

Once the command has finished (its transaction committed or rolled back, its files closed,
its output flushed), the process ends with ``os._exit``: tearing down the thousands of
objects that Typer, pydantic and SQLAlchemy leave behind takes longer than `followup
log-call`'s database work, and nothing of followup's waits for interpreter exit (no
atexit hooks, no threads, no file left open).
"""

from __future__ import annotations

import os
import sys


def _run() -> int:
    from followup.quick import entry

    try:
        code = entry.answer(sys.argv[1:], os.environ)
    except KeyboardInterrupt:
        # As the Typer app says it (cli.base.handled): `due` writes nothing.
        sys.stderr.write("Error: interrupted; nothing was saved\n")
        return 130
    if code is not None:
        return code
    from followup.cli import main as typer_main

    try:
        typer_main()
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        # sys.exit("message"): what Python itself would print, then exit 1.
        sys.stderr.write(f"{done.code}\n")
        return 1
    return 0


def main() -> None:
    code = _run()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        # Let Python's own exit deal with (and report) what could not be written.
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    main()
