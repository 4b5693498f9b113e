"""Shared fixtures. No test may touch a real user's data: the database is always in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

TODAY = "2026-11-26"  # a Thursday


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point followup at a fresh database, a fixed today and a terminal without colour."""
    db = tmp_path / "followup.db"
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    monkeypatch.setenv("FOLLOWUP_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FOLLOWUP_BUSY_TIMEOUT_MS", raising=False)
    # Keep platformdirs away from the real home directory as well.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return db


@pytest.fixture
def db(isolated_env: Path) -> Path:
    return isolated_env
