"""Write docs/cli.md from the commands' own --help: `python scripts/cli_reference.py`.

tests/docs/test_cli_reference.py fails when docs/cli.md is out of date.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from followup.cli import app

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = "88"

HEADER = """# CLI reference

Generated from the code by `python scripts/cli_reference.py`; a test fails when this
file and the commands disagree. The user guide (guide.md) shows the commands in use;
dates.md lists what date options accept.
"""


def command_names() -> list[str]:
    group = get_command(app)
    return list(getattr(group, "commands", {}))


def _help(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": WIDTH, "NO_COLOR": "1"})
    if result.exit_code != 0:
        raise SystemExit(f"followup {' '.join(args)} --help failed: {result.output}")
    text = result.stdout.replace("Usage: root", "Usage: followup")
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def subcommand_names(name: str) -> list[str]:
    """The commands of a command group such as `followup config`; none for a plain command."""
    command = getattr(get_command(app), "commands", {})[name]
    return list(getattr(command, "commands", {}))


def render() -> str:
    parts = [HEADER, "## followup\n", f"```text\n{_help()}\n```\n"]
    for name in command_names():
        parts += [f"## followup {name}\n", f"```text\n{_help(name)}\n```\n"]
        for sub in subcommand_names(name):
            parts += [f"## followup {name} {sub}\n", f"```text\n{_help(name, sub)}\n```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    REFERENCE.write_text(render())
    sys.stdout.write(f"wrote {REFERENCE}\n")
