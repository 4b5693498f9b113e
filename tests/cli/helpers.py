"""Running the CLI in-process, the way tests/cli uses it."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from followup.cli import app

runner = CliRunner()


def run(*args: str, code: int = 0, input: str | None = None) -> Any:
    """Run followup with ``args`` (and ``input`` on stdin) and check the exit code; return
    the result."""
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, (
        f"exit {result.exit_code}, expected {code}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}\nexception: {result.exception!r}"
    )
    return result


def run_json(*args: str, code: int = 0, input: str | None = None) -> Any:
    return json.loads(run(*args, "--json", code=code, input=input).stdout)
