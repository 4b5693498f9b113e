"""Where followup keeps its settings and database: platformdirs' answer, always.

On Linux ``settings`` works the common case out itself, so that `followup due` need not
import platformdirs; this table holds it to platformdirs' answer for every shape of
``HOME`` and the XDG variables.
"""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from followup.settings import CONFIG_ENV, config_dir, default_db_path

HOMES = ("/home/ana", "/home/ana/", "/", "relative/home", None)
XDG = (None, "", "relative/dir", "/srv/xdg", "/srv/xdg/", "/srv//xdg")


@pytest.mark.parametrize("home", HOMES)
@pytest.mark.parametrize("xdg", XDG)
def test_the_folders_are_the_ones_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, home: str | None, xdg: str | None
) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    for name, value in (
        ("HOME", home),
        ("XDG_CONFIG_HOME", xdg),
        ("XDG_DATA_HOME", None if xdg is None else xdg.replace("xdg", "data")),
    ):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    try:
        expected_config = platformdirs.user_config_path("followup", appauthor=False)
        expected_db = platformdirs.user_data_path("followup", appauthor=False) / "followup.db"
    except RuntimeError:
        # platformdirs finds no home at all (a relative HOME and no password entry).
        pytest.skip("platformdirs cannot name a home folder here")
    assert config_dir() == expected_config
    assert default_db_path() == expected_db


@pytest.mark.skipif(sys.platform != "linux", reason="the folders of XDG are Linux's")
def test_an_absolute_xdg_folder_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("HOME", "/home/ana")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/srv/config")
    monkeypatch.setenv("XDG_DATA_HOME", "/srv/data")
    assert config_dir() == Path("/srv/config/followup")
    assert default_db_path() == Path("/srv/data/followup/followup.db")
    monkeypatch.setenv("XDG_CONFIG_HOME", "config")  # relative: XDG says ignore it
    assert config_dir() == Path("/home/ana/.config/followup")
