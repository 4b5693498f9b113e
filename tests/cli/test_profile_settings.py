"""The settings that move windows belong to the profile (issue 11, item 12; docs/settings.md).

One profile's work never touches another's: with settings that differ per profile, one
profile's `due` works out only its own windows. And since a profile's settings are kept
in the database, two machines with different settings files (a laptop and a desktop)
sharing one profile agree on its windows instead of working them out again by turns.

Today is Thursday 26 November 2026; each "machine" is its own config directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from followup.domain.rules import RULES_VERSION
from followup.storage.engine import transaction
from tests.cli.helpers import run

# Profile b's machine: sooner check-ins, Monday to Thursday.
SOONER = (
    'check_in_min_days = 7\ncheck_in_max_days = 9\nbusiness_days = ["mon", "tue", "wed", "thu"]\n'
)
# Profile a's machine (and the desktop below): US holidays, later check-ins.
LATER = 'holidays = "US"\ncheck_in_min_days = 12\ncheck_in_max_days = 16\n'


class Machine:
    """A settings file of its own, as on another computer; the database is shared."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str):
        self.folder = tmp_path / name
        self.folder.mkdir()
        (self.folder / "settings.toml").write_text(text, encoding="utf-8")
        self._monkeypatch = monkeypatch

    def run(self, *args: str, code: int = 0) -> Any:
        self._monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(self.folder))
        return run(*args, code=code)

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)


def windows(profile: str, db: Path | str | None = None) -> list[tuple[Any, ...]]:
    """Every stored window of a profile, as its full backup shows them."""
    where = [] if db is None else ["--db", str(db)]
    backup = run(*where, "--profile", profile, "export", "--format", "json").stdout
    tables = json.loads(backup)["tables"]
    return [
        tuple(row[key] for key in ("id", "stage", "next_earliest", "next_latest", "waiting"))
        for row in tables["applications"]
    ]


def stored(db: Path | str, profile: str) -> tuple[str | None, list[tuple[Any, ...]]]:
    """A profile's verdict version and every stored window."""
    with transaction(str(db), write=False, profile=profile) as store:
        version = store.verdicts_version()
    return version, windows(profile, db)


def history(machine: Machine, profile: str) -> None:
    """An application applied for, interviewed for and called about."""
    app = machine.json("--profile", profile, "add", "Acme", "Analyst", "--applied", "2026-11-02")
    app_id = str(app["id"])
    machine.run("--profile", profile, "interview", app_id, "--on", "2026-11-12")
    machine.run("--profile", profile, "log-call", app_id, "--on", "2026-11-19")
    machine.run("--profile", profile, "add", "Globex", "QA", "--applied", "2026-11-23")


def test_one_profiles_due_never_works_out_another_profiles_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bs = Machine(tmp_path, monkeypatch, "b-machine", SOONER)
    as_ = Machine(tmp_path, monkeypatch, "a-machine", LATER)
    history(bs, "b")
    bs.run("--profile", "b", "due")
    before = windows("b")

    history(as_, "a")
    as_.run("--profile", "a", "due")

    assert windows("b") == before
    assert bs.run("--profile", "b", "doctor").stdout == "All checks passed (2 applications).\n"
    # Whichever machine asks: profile b's own settings are in force for it.
    assert as_.run("--profile", "b", "doctor").stdout == "All checks passed (2 applications).\n"
    assert as_.run("--profile", "a", "doctor").stdout == "All checks passed (2 applications).\n"


def test_a_laptop_and_a_desktop_sharing_a_profile_agree_on_its_windows(
    db: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = Machine(tmp_path, monkeypatch, "laptop", SOONER)
    desktop = Machine(tmp_path, monkeypatch, "desktop", LATER)
    history(laptop, "default")
    laptop.run("due")
    settled = stored(db, "default")
    version = settled[0]
    assert version is not None
    assert version.startswith(f"{RULES_VERSION}:")  # the laptop's settings, not the defaults'
    check_in = laptop.json("show", "1")["next_contact"]
    # 7 to 9 days after the call on Thursday 19 November, Monday to Thursday only.
    assert (check_in["earliest"], check_in["latest"]) == ("2026-11-26", "2026-11-26")

    for _ in range(2):
        desktop.run("due")
        assert stored(db, "default") == settled
        laptop.run("due")
        assert stored(db, "default") == settled
    # What the desktop shows and stores is what the laptop would.
    assert desktop.json("show", "1")["next_contact"] == laptop.json("show", "1")["next_contact"]
    desktop.run("log-call", "2", "--on", "2026-11-25")
    assert stored(db, "default")[0] == version
    assert desktop.run("doctor").stdout == laptop.run("doctor").stdout
    assert laptop.run("doctor").stdout == "All checks passed (2 applications).\n"


def test_the_first_command_that_stores_a_window_records_the_files_settings(
    db: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = Machine(tmp_path, monkeypatch, "laptop", SOONER)
    desktop = Machine(tmp_path, monkeypatch, "desktop", LATER)
    # Reading records nothing: until a window is stored the file's values are in force.
    assert laptop.json("list") == []
    shown = desktop.json("config", "show")
    assert (shown["profile"], shown["recorded"]) == ("default", False)
    assert shown["settings"]["holidays"]["source"] == "file"
    assert shown["settings"]["check_in_min_days"]["value"] == 12

    laptop.run("add", "Acme", "Analyst", "--applied", "2026-11-02")
    shown = desktop.json("config", "show")
    assert shown["recorded"] is True
    entries = shown["settings"]
    assert {key: entries[key]["source"] for key in entries} == {
        "check_in_min_days": "profile",
        "check_in_max_days": "profile",
        "agreed_span_days": "profile",
        "stalker_touches": "profile",
        "stalker_days": "profile",
        "thank_you_grace_days": "profile",
        "business_days": "profile",
        "holidays": "profile",
        "subdivision": "profile",
        "date_order": "default",
        "ahead_days": "default",
        "phone_region": "default",
        "your_name": "default",
        "your_phone": "default",
        "your_email": "default",
    }
    assert entries["check_in_min_days"] | {"line": None} == {
        "value": 7,
        "default": False,
        "line": None,
        "source": "profile",
        "file_value": 12,
    }
    assert (entries["holidays"]["value"], entries["holidays"]["file_value"]) == (None, "US")

    text = desktop.run("config", "show").stdout.splitlines()
    assert text[1] == (
        "Profile: default (the settings marked 'profile' are kept with its data and apply on "
        "every machine)"
    )
    rows = {line.split()[0]: " ".join(line.split()[1:]) for line in text[2:]}
    assert rows["check_in_min_days"] == (
        "7 profile (your file says 12; 'followup config apply' makes it the profile's)"
    )
    assert rows["business_days"] == (
        '["mon", "tue", "wed", "thu"] profile (your file says ["mon", "tue", "wed", "thu", '
        "\"fri\"]; 'followup config apply' makes it the profile's)"
    )
    assert rows["agreed_span_days"] == "4 profile"
    assert rows["ahead_days"] == "7 default"
    # The laptop's own file agrees with the profile, key by key.
    assert all(
        line.split()[-1] in ("profile", "default")
        for line in laptop.run("config", "show").stdout.splitlines()[2:]
    )


def test_config_apply_changes_one_profile_on_every_machine_and_no_other(
    db: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = Machine(tmp_path, monkeypatch, "laptop", SOONER)
    desktop = Machine(tmp_path, monkeypatch, "desktop", LATER)
    history(laptop, "default")
    history(laptop, "other")
    laptop.run("--profile", "other", "due")
    others = stored(db, "other")

    applied = desktop.json("config", "apply")
    assert applied == {
        "profile": "default",
        "changed": {
            "check_in_min_days": {"from": 7, "to": 12},
            "check_in_max_days": {"from": 9, "to": 16},
            "business_days": {
                "from": ["mon", "tue", "wed", "thu"],
                "to": ["mon", "tue", "wed", "thu", "fri"],
            },
            "holidays": {"from": None, "to": "US"},
        },
        "first": False,
        "recomputed": 2,
    }
    # The desktop's values are now the profile's, for the laptop too.
    check_in = laptop.json("show", "1")["next_contact"]
    # 12 to 16 days after the call on Thursday 19 November, Monday to Friday.
    assert (check_in["earliest"], check_in["latest"]) == ("2026-12-01", "2026-12-04")
    assert laptop.run("doctor").stdout == "All checks passed (2 applications).\n"
    version = stored(db, "default")[0]
    laptop.run("due")
    assert stored(db, "default")[0] == version
    assert stored(db, "other") == others
    assert desktop.run("config", "apply").stdout == (
        "Profile default already has these settings; nothing changed.\n"
    )


def test_settings_damaged_in_the_database_are_named_not_a_bug(db: Path) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-02")
    with transaction(str(db)) as store:
        store.record_profile_settings({"check_in_min_days": "ten"}, replace=True)
    result = run("show", "1", code=2)
    assert result.stderr == (
        "Error: the settings of profile 'default' in the database: check_in_min_days must be "
        'a whole number of days from 1 to 365, not "ten"\n'
    )
    # The deliberate way out: the file's values (here the defaults) replace them.
    run("config", "apply")
    run("show", "1")


def test_a_backup_carries_its_profiles_settings_to_a_new_database(
    db: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = Machine(tmp_path, monkeypatch, "laptop", SOONER)
    desktop = Machine(tmp_path, monkeypatch, "desktop", LATER)
    history(laptop, "default")
    laptop.run("due")
    laptop.run("export", "--format", "json", "-o", str(tmp_path / "backup.json"))
    new = str(tmp_path / "new.db")
    desktop.run("--db", new, "--profile", "mine", "import", str(tmp_path / "backup.json"))
    assert stored(new, "mine") == stored(db, "default")
    shown = desktop.json("--db", new, "--profile", "mine", "config", "show")["settings"]
    assert (shown["check_in_min_days"]["value"], shown["holidays"]["value"]) == (7, None)
    assert desktop.run("--db", new, "--profile", "mine", "doctor").stdout == (
        "All checks passed (2 applications).\n"
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("not json", "profiles[0].settings: not a JSON object of settings; nothing was restored"),
        (
            '{"holidays": 7}',
            'profiles[0].settings: holidays must be text in quotes, such as "US", not 7; '
            "nothing was restored",
        ),
    ],
)
def test_a_backup_with_settings_no_command_could_read_is_refused(
    tmp_path: Path, settings: str, message: str
) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-02")
    backup = json.loads(run("export", "--format", "json").stdout)
    backup["tables"]["profiles"][0]["settings"] = settings
    (tmp_path / "bad.json").write_text(json.dumps(backup), encoding="utf-8")
    new = tmp_path / "new.db"
    result = run("--db", str(new), "import", str(tmp_path / "bad.json"), code=2)
    assert result.stderr == f"Error: {message}\n"
    assert run_json_rows(new) == []


def run_json_rows(db: Path) -> Any:
    return json.loads(run("--db", str(db), "list", "--all", "--json").stdout)
