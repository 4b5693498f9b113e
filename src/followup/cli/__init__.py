"""The command line: parse, read the clock once, call a service, render.

``base.app`` holds what every command shares; each command group registers its commands
on it when imported. This is the one place that turns errors into messages and exit codes
(``base.handled``): 0 done, 1 refused or not found, 2 bad input, 75 database busy, 70 a
bug, 130 interrupted.

A command line that names a command loads only that command's group: Typer builds every
command it knows before it runs one, and importing and building all of them cost `followup
add` and `followup log-call` about a tenth of their time (issue 17). ``COMMAND_GROUPS``
says which group registers which command; tests/cli/test_command_groups.py holds it to
what the groups register. ``followup.cli.app`` is the app with every command (tests, the
CLI reference, and `followup --help`).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from followup.quick import options

if TYPE_CHECKING:
    import typer

__all__ = ["COMMAND_GROUPS", "GROUPS", "app", "command_in", "load", "main"]

# The command groups, in the order `followup --help` lists their commands.
GROUPS = ("tracking", "views", "fixing", "upkeep", "prep", "exchange", "config")
COMMAND_GROUPS = {
    **dict.fromkeys(
        (
            "add",
            "due",
            "log-call",
            "interview",
            "debrief",
            "show",
            "list",
            "edit",
            "close",
            "reopen",
            "snooze",
            "delete-touch",
        ),
        "tracking",
    ),
    **dict.fromkeys(("today", "agenda", "stats"), "views"),
    **dict.fromkeys(("undo", "delete", "edit-interview", "delete-interview"), "fixing"),
    **dict.fromkeys(("backup", "doctor"), "upkeep"),
    **dict.fromkeys(
        ("questions", "asked", "prep", "script", "article", "delete-asked", "delete-article"),
        "prep",
    ),
    **dict.fromkeys(("export", "import"), "exchange"),
    "config": "config",
}
# Shell completion asks about every command.
_COMPLETION_ENV = "_FOLLOWUP_COMPLETE"


def load(command: str | None = None) -> typer.Typer:
    """The app with ``command``'s group of commands, or with every command (None, or a
    name that is no command: Typer then says so, with the nearest names)."""
    from followup.cli.base import app

    group = COMMAND_GROUPS.get(command or "")
    for name in GROUPS if group is None else (group,):
        importlib.import_module(f"followup.cli.{name}")
    if group is None:
        # In the order of GROUPS, whichever group was loaded first in this process.
        def rank(info: typer.models.CommandInfo) -> int:
            module = getattr(info.callback, "__module__", "")
            return GROUPS.index(module.rpartition(".")[2]) if module else len(GROUPS)

        app.registered_commands.sort(key=rank)
    return app


def command_in(args: Sequence[str]) -> str | None:
    """The command ``args`` (without the program's name) run, when nothing but the global
    options comes before it; else None."""
    flags = {spec.flag for spec in options.GLOBAL_OPTIONS}
    at = 0
    while at < len(args) and args[at].partition("=")[0] in flags:
        at += 1 if "=" in args[at] else 2
    return args[at] if at < len(args) and args[at] in COMMAND_GROUPS else None


def __getattr__(name: str) -> typer.Typer:
    # `from followup.cli import app`: the app with every command, loaded when first asked.
    if name == "app":
        return load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # Named, so that `python -m followup` says "followup" in usage lines and answers the
    # same shell-completion variable (_FOLLOWUP_COMPLETE) as the installed command.
    command = None if os.environ.get(_COMPLETION_ENV) else command_in(sys.argv[1:])
    load(command)(prog_name="followup")
