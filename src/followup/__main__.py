"""The installed `followup` command and `python -m followup`.

A plain `followup due` is answered by ``quick.entry`` without loading the Typer app (the
morning view then starts in a fraction of the time); every other command line goes to the
Typer app in ``followup.cli``, unchanged.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    from followup.quick import entry

    try:
        code = entry.answer(sys.argv[1:], os.environ)
    except KeyboardInterrupt:
        # As the Typer app says it (cli.app.handled): `due` writes nothing.
        sys.stderr.write("Error: interrupted; nothing was saved\n")
        sys.exit(130)
    if code is not None:
        sys.exit(code)
    from followup.cli import main as typer_main

    typer_main()


if __name__ == "__main__":
    main()
