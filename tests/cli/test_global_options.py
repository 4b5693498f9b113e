"""Options for the whole program: --version, --db and FOLLOWUP_DB, FOLLOWUP_TODAY."""

from __future__ import annotations

import stat
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.cli.helpers import run, run_json


def test_version_prints_the_installed_version() -> None:
    result = run("--version")

    assert result.stdout == f"followup {version('followup')}\n"
    assert result.stderr == ""


def test_version_works_even_when_followup_today_is_junk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_TODAY", "junk")

    assert run("--version").stdout.startswith("followup ")


def test_no_command_shows_the_help() -> None:
    result = run(code=2)

    assert "followup add" in result.stdout + result.stderr
    assert "log-call" in result.stdout + result.stderr


def test_the_db_option_wins_over_followup_db(tmp_path: Path, isolated_env: Path) -> None:
    chosen = tmp_path / "chosen.db"

    run_json("--db", str(chosen), "add", "Acme", "Analyst")

    assert chosen.exists()
    assert [a["company"] for a in run_json("--db", str(chosen), "list")] == ["Acme"]
    assert run_json("list") == []


@pytest.mark.sqlite_only
def test_followup_db_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: Path
) -> None:
    elsewhere = tmp_path / "elsewhere" / "jobs.db"
    monkeypatch.setenv("FOLLOWUP_DB", str(elsewhere))

    run_json("add", "Acme", "Analyst")

    assert elsewhere.exists()
    assert not isolated_env.exists()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("folder", ["why?", "100% sure", "a%3fb", "#2"])
def test_a_database_in_a_folder_with_url_characters_is_that_file(
    tmp_path: Path, isolated_env: Path, folder: str
) -> None:
    # Such a path was once read as a URL: "why?/jobs.db" wrote to a file called "why".
    db = tmp_path / folder / "jobs.db"
    db.parent.mkdir()

    run_json("--db", str(db), "add", "Acme", "Analyst")

    assert [a["company"] for a in run_json("--db", str(db), "list")] == ["Acme"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
    assert sorted(p.name for p in db.parent.iterdir()) == ["jobs.db"]


@pytest.mark.sqlite_only
def test_a_new_database_is_private_to_the_user(isolated_env: Path) -> None:
    run_json("add", "Acme", "Analyst")

    assert stat.S_IMODE(isolated_env.stat().st_mode) == 0o600


def test_followup_today_decides_what_today_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_TODAY", "2026-12-01")

    app = run_json("add", "Acme", "Analyst", "--applied", "yesterday")

    assert app["applied_on"] == "2026-11-30"
    assert run_json("due")["as_of"] == "2026-12-01"
