"""Promises every command keeps, checked by walking the whole Typer app: every command and
every command group, including the ones added after this test was written.

- every command takes ``--json`` (README: "Every command takes --json for scripts");
- help reads like a person wrote it: plain placeholders (APP_ID, TEXT, DATE,
  ``[call|email]``), never Python types or braces, every option described, and no one-line
  summary cut short with "..." in a command list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from followup.cli import app
from followup.cli.plain_help import plain_metavar

# Help and option lists need no database: one run is enough.
pytestmark = pytest.mark.sqlite_only


def _walk(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


EVERYTHING = list(_walk(get_command(app)))
GROUPS = [path for path, command in EVERYTHING if getattr(command, "commands", None)]
COMMANDS = [path for path, command in EVERYTHING if not getattr(command, "commands", None)]


def _name(path: tuple[str, ...]) -> str:
    return " ".join(("followup", *path))


def test_the_walk_finds_the_commands_and_groups() -> None:
    # A walk that found nothing would pass every test below.
    assert {("add",), ("due",), ("export",), ("config", "show")} <= set(COMMANDS)
    assert {(), ("config",)} <= set(GROUPS)


def test_every_command_takes_json() -> None:
    missing = [
        _name(path)
        for path, command in EVERYTHING
        if path in COMMANDS and not any("--json" in p.opts for p in getattr(command, "params", []))
    ]
    assert not missing, f"these commands do not take --json: {', '.join(missing)}"


def test_every_option_and_argument_is_described() -> None:
    undescribed = [
        f"{_name(path)} {param.opts[0] if param.opts else param.name}"
        for path, command in EVERYTHING
        for param in getattr(command, "params", [])
        if not getattr(param, "hidden", False) and not getattr(param, "help", None)
    ]
    assert not undescribed, f"no description: {', '.join(undescribed)}"


# What Typer writes when nobody chose a placeholder, and must never reach a reader.
UNREADABLE = re.compile(r"<str>|<int|<float|<bool|<path|<file|<dir|list\[|[{}]|<[a-z][^>]*\|")


def _help(path: tuple[str, ...], columns: int) -> str:
    result = CliRunner().invoke(
        app, [*path, "--help"], env={"COLUMNS": str(columns), "NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("path", [p for p, _ in EVERYTHING], ids=lambda p: _name(p))
def test_help_uses_plain_placeholders(path: tuple[str, ...], columns: int) -> None:
    text = _help(path, columns)
    found = UNREADABLE.findall(text)
    assert not found, f"'{_name(path)} --help' at {columns} columns shows {found}:\n{text}"


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("path", GROUPS, ids=lambda p: _name(p))
def test_no_summary_is_cut_in_a_command_list(path: tuple[str, ...], columns: int) -> None:
    text = _help(path, columns)
    listed = text.split("Commands:", 1)[1].splitlines()
    assert len([line for line in listed if line.strip()]) == len(
        getattr(dict(EVERYTHING)[path], "commands", {})
    )
    cut = [line.split()[0] for line in listed if line.rstrip().endswith("...")]
    assert not cut, (
        f"'{_name(path)} --help' at {columns} columns cuts the summary of {', '.join(cut)}: "
        "make the first sentence of its docstring shorter"
    )


@pytest.mark.parametrize(
    ("typer_label", "choice", "plain"),
    [
        ("<str>", False, "TEXT"),
        ("<int>", False, "INTEGER"),
        ("<int range>", False, "INTEGER RANGE"),
        ("<list[str]>", False, "TEXT"),
        ("<path>", False, "PATH"),
        ("<file>", False, "FILE"),
        ("<phone-screen|first|second|final>", True, "[phone-screen|first|second|final]"),
        ("<list[call|email]>", True, "[call|email]"),
    ],
)
def test_typer_placeholders_in_plain_words(typer_label: str, choice: bool, plain: str) -> None:
    assert plain_metavar(typer_label, choice=choice) == plain


@pytest.mark.parametrize(
    ("args", "usage", "shown"),
    [
        (["edit"], "Usage: followup edit [OPTIONS] APP_ID", "--contact NAME"),
        (["interview"], "Usage: followup interview [OPTIONS] APP_ID", "--kind [phone-screen|"),
        (["backup"], "Usage: followup backup [OPTIONS] [FILE]", "--json"),
        (["questions"], "Usage: followup questions [OPTIONS] [APP_ID]", "--check TEXT"),
        (["due"], "Usage: followup due [OPTIONS]", "--ahead DAYS"),
    ],
)
def test_usage_lines_read_as_click_writes_them(args: list[str], usage: str, shown: str) -> None:
    text = _help(tuple(args), 100)
    assert usage in text
    assert shown in text
