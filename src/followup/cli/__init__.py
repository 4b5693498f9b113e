"""The command line: parse, read the clock once, call a service, render.

``app`` holds what every command shares; each command group registers its commands on
it when imported here, in the order ``followup --help`` lists them. This is the one place
that turns errors into messages and exit codes (``app.handled``): 0 done, 1 refused or not
found, 2 bad input, 75 database busy, 70 a bug, 130 interrupted.
"""

from __future__ import annotations

from followup.cli.app import app

# Imported for the commands they register on `app`; in this order `followup --help` lists
# them, so the import sorter is told to leave it alone.
# isort: off
from followup.cli import tracking  # noqa: F401
from followup.cli import views  # noqa: F401
from followup.cli import fixing  # noqa: F401
from followup.cli import upkeep  # noqa: F401
from followup.cli import prep  # noqa: F401
from followup.cli import exchange  # noqa: F401
from followup.cli import config  # noqa: F401

# isort: on

__all__ = ["app", "main"]


def main() -> None:
    # Named, so that `python -m followup` says "followup" in usage lines and answers the
    # same shell-completion variable (_FOLLOWUP_COMPLETE) as the installed command.
    app(prog_name="followup")
