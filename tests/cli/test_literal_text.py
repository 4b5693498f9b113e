"""Stored text is shown as text: rich markup and emoji codes as typed, control characters
spelled out. The plain path (not a terminal) in-process, for every hostile string; the
same on a real terminal with colour on is in tests/integration/test_terminal.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from tests.hostile import FORBIDDEN, HOSTILE, HOSTILE_IDS, history

# The hostile text is written into the SQLite file directly (see tests/hostile.py).
pytestmark = pytest.mark.sqlite_only

# Each command and how it exits; what it prints must hold the stored text, as it was stored.
COMMANDS = [
    (["due"], 0),
    (["show", "1"], 0),
    (["list"], 0),
    (["prep", "1"], 0),
    (["script", "2"], 0),
    (["script", "2", "--via", "email"], 0),
    (["questions", "1"], 0),
    (["article", "1"], 0),
    (["article", "1", "https://news.example/a"], 0),
    (["asked", "1", "competitor", "--to", "Jane Doe"], 0),
    # An error message quoting stored text: the interviewers recorded.
    (["asked", "1", "What next?", "--to", "Nobody"], 1),
]


@pytest.mark.parametrize(("name", "stored", "seen"), HOSTILE, ids=HOSTILE_IDS)
def test_stored_text_is_shown_literally(
    db: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    stored: str,
    seen: str,
) -> None:
    # Wide enough that no line of these wraps inside the hostile text.
    monkeypatch.setenv("COLUMNS", "400")
    history(db, stored, tmp_path_factory.getbasetemp())
    for args, code in COMMANDS:
        result = CliRunner().invoke(app, args)
        output = result.stdout + result.stderr
        assert result.exit_code == code, f"{args}: {output}"
        assert FORBIDDEN.search(output) is None, f"{args}: {output!r}"
        assert seen in output, f"{args}: {seen!r} not in {output!r}"


@pytest.mark.parametrize(("name", "typed", "seen"), HOSTILE, ids=HOSTILE_IDS)
def test_an_error_quoting_what_was_typed_shows_it_literally(
    name: str, typed: str, seen: str
) -> None:
    result = CliRunner().invoke(app, ["add", "Acme", "Analyst", "--applied", typed])
    assert result.exit_code == 2, result.stderr
    # The date reader reads any run of white space as one space (a carriage return too).
    quoted = seen if "\r" not in typed else " ".join(typed.split())
    assert result.stderr.startswith(f"Error: '{quoted}' "), result.stderr
    assert FORBIDDEN.search(result.stderr) is None
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("name", "text", "seen"), HOSTILE, ids=HOSTILE_IDS)
def test_a_file_name_in_a_message_is_shown_literally(
    tmp_path: Path, name: str, text: str, seen: str
) -> None:
    # A file name holds anything but a slash and NUL.
    if "\x00" in text:
        pytest.skip("not possible in a file name")
    text, seen = text.replace("/", "|"), seen.replace("/", "|")
    sheet = tmp_path / f"{text}.csv"
    sheet.write_text("company,role,applied\nAcme,Analyst,2026-11-20\n")
    imported = CliRunner().invoke(app, ["import", str(sheet)])
    assert imported.exit_code == 0, imported.stderr
    assert imported.stdout.startswith(f"Imported 1 application from {tmp_path}/{seen}.csv.\n")
    exported = CliRunner().invoke(app, ["export", "-o", str(tmp_path / f"{text}.json")])
    assert exported.exit_code == 0, exported.stderr
    assert exported.stdout == f"Wrote 1 application to {tmp_path}/{seen}.json\n"
    assert FORBIDDEN.search(imported.stdout + exported.stdout) is None


def test_every_renderer_prints_stored_text_through_literal() -> None:
    """The class, not the examples: outside render/text.py no command or renderer makes its
    own rich Text or Console, or hands rich a bare string to print."""
    cli = Path(__file__).resolve().parents[2] / "src" / "followup" / "cli"
    own = re.compile(r"""\bText\((?!"\\n"\))|\bConsole\(|\.print\(\s*f?["']""")
    found = [
        f"{path.relative_to(cli)}:{n}: {line.strip()}"
        for path in sorted(cli.rglob("*.py"))
        if path.name != "text.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if own.search(line)
    ]
    assert found == []
