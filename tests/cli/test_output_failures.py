"""When stdout cannot be written: every command, with its stdout on a real /dev/full.

In-process (the whole table would take a minute as processes); the reproducers run as real
processes in tests/integration/test_terminal.py. A command that saved something says so,
so that nobody runs it again and records it twice; one that saved nothing says only that
the output could not be written. Both exit 1.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from followup.cli import app
from tests.cli.helpers import run, run_json

# Which store holds the data does not matter here: the CLI marks a change as saved once
# the service that commits it has returned, the same for both.
pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full"),
]

FULL = "(No space left on device)"
SAVED = f"was saved, but its output could not be written {FULL}; do not run the command again\n"


@pytest.fixture
def history(tmp_path: Path, db: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """An application with an interview, a touch and an article; one due; one closed.

    Built once and copied: the tables below run some forty commands on it.
    """
    built = tmp_path_factory.getbasetemp() / "output-failures"
    if not (built / "followup.db").exists():
        built.mkdir()
        _build(str(built / "followup.db"))
        (built / "backup.json").write_text(
            run("--db", str(built / "followup.db"), "export", "--format", "json").stdout
        )
    shutil.copyfile(built / "followup.db", db)
    shutil.copyfile(built / "backup.json", tmp_path / "backup.json")
    (tmp_path / "sheet.csv").write_text("company,role,applied\nUmbrella,Analyst,2026-11-19\n")


def _build(where: str) -> None:
    def at(*args: str) -> None:
        run("--db", where, *args)

    at("add", "Acme", "Analyst", "--applied", "2026-11-10", "--phone", "+1 555 0100")
    at("interview", "1", "--on", "2026-11-24", "--with", "Jane Doe", "--next-steps", "panel")
    at("log-call", "1", "--on", "2026-11-25", "--via", "email")
    at("edit", "1", "--competitor", "Initech")
    at("article", "1", "https://news.example/a")
    at("add", "Globex", "Analyst", "--applied", "2026-11-20", "--phone", "+1 555 0101")
    at("edit", "2", "--email", "jobs@globex.example")
    at("add", "Hooli", "Analyst", "--applied", "2026-11-02")
    at("close", "3", "--outcome", "rejected")


def _run_to_full_disk(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str]:
    """Run followup in-process with stdout on /dev/full; its exit code and stderr."""
    capsys.readouterr()
    with open("/dev/full", "w") as full, pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", full)
        with pytest.raises(SystemExit) as exited:
            app(args=args, prog_name="followup")
    code = exited.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (["add", "Initech", "Analyst"], "your change"),
        (["add", "Initech", "Analyst", "--json"], "your change"),
        (["log-call", "2"], "your change"),
        (["interview", "1", "--on", "2026-12-03"], "your change"),
        (["debrief", "1", "--timeline", "two weeks"], "your change"),
        (["edit", "1", "--note", "keen"], "your change"),
        (["close", "1", "--outcome", "withdrawn"], "your change"),
        (["reopen", "3"], "your change"),
        (["snooze", "2", "--until", "2026-12-10"], "your change"),
        (["delete-touch", "1"], "your change"),
        (["asked", "1", "competitor", "--to", "Jane Doe"], "your change"),
        (["article", "1", "https://news.example/b"], "your change"),
        (["import", "{tmp}/sheet.csv"], "the import"),
        (["--db", "{tmp}/new.db", "import", "{tmp}/backup.json"], "the restore"),
        (["backup", "{tmp}/copy.db"], "the backup ({tmp}/copy.db)"),
        (["export", "-o", "{tmp}/out.csv"], "the export ({tmp}/out.csv)"),
    ],
)
@pytest.mark.usefixtures("history")
def test_a_change_whose_output_fails_says_it_was_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], what: str
) -> None:
    args = [a.format(tmp=tmp_path) for a in args]
    code, err = _run_to_full_disk(capsys, args)
    assert (code, err) == (1, f"Error: {what.format(tmp=tmp_path)} {SAVED}")


def test_the_change_is_there_exactly_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _run_to_full_disk(capsys, ["add", "Initech", "Analyst"])
    assert code == 1
    assert [a["company"] for a in run_json("list")] == ["Initech"]


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["due", "--json"],
        ["list"],
        ["list", "--json"],
        ["show", "1"],
        ["prep", "1"],
        ["questions", "1"],
        ["questions", "--check", "what does it pay?"],
        ["script", "2"],
        ["script", "2", "--mailto"],
        ["article", "1"],
        ["export", "--format", "csv"],
        ["export", "--format", "ics"],
        ["export", "--format", "json"],
        ["import", "--dry-run", "{tmp}/sheet.csv"],
        ["doctor"],
        ["config", "path"],
        ["config", "show"],
        ["--version"],
        ["--help"],
        ["show", "--help"],
    ],
)
@pytest.mark.usefixtures("history")
def test_a_read_whose_output_fails_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    before = _records()
    code, err = _run_to_full_disk(capsys, [a.format(tmp=tmp_path) for a in args])
    assert (code, err) == (1, f"Error: the output could not be written {FULL}\n")
    assert _records() == before


def _records() -> object:
    """What the user recorded (the database's facts about itself, such as the calendar's
    id, which the first calendar export makes, and the version stamp of the stored windows,
    which the morning view's first run sets, aside)."""
    tables = json.loads(run("export", "--format", "json").stdout)["tables"]
    for row in tables.get("profiles", []):
        row.pop("rules_version")
    return {name: rows for name, rows in tables.items() if name != "followup_meta"}


@pytest.mark.parametrize(
    ("fault", "code", "message"),
    [
        (
            RuntimeError,
            70,
            "unexpected problem (RuntimeError); your change was saved: "
            "do not run it again. Please report it with the command you ran.",
        ),
        (KeyboardInterrupt, 130, "interrupted; your change was saved: do not run it again"),
    ],
    ids=["a bug", "ctrl-c"],
)
def test_a_command_stopped_while_printing_a_saved_change_says_it_was_saved(
    monkeypatch: pytest.MonkeyPatch, fault: type[BaseException], code: int, message: str
) -> None:
    # A bug (or Ctrl-C) in the printing is injected: none is known, and this one must not
    # have the user add the application twice.
    from followup.quick import view

    def printing(*args: object) -> None:
        raise fault

    monkeypatch.setattr(view, "application_lines", printing)
    result = run("add", "Acme", "Analyst", code=code)
    assert result.stderr == f"Error: {message}\n"
    assert [a["company"] for a in run_json("list")] == ["Acme"]
