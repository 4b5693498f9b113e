"""A damaged database is not a bug (issue 11, item 4).

Real SQLite files, damaged the two ways disks and copies damage them: pages overwritten
in the middle, and the end cut off. Every ordinary command says so in one line (exit 1),
``doctor`` says what SQLite finds, and ``doctor --salvage`` copies what can still be read
into a new database that followup then uses as any other.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from followup.domain.cadence import DEFAULT_CADENCE
from followup.domain.rules import stored_version
from followup.errors import FollowupError
from followup.services import applications as services
from followup.services import exchange
from followup.storage import fast
from tests.cli.helpers import run, run_json

TODAY = date(2026, 11, 26)
APPLICATIONS = 300
PAGE = 4096
# Commands that read every application. (One that reads only rows on sound pages, such
# as `show 1`, or `due` through its indexes, works: SQLite cannot know about pages it
# never reads.)
COMMANDS = [["list"], ["export", "--format", "csv"], ["backup"], ["list", "--all"]]


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with 300 applications (with long notes, so they fill many pages) and a
    touch on every third one, built once and copied by each test."""
    path = tmp_path_factory.mktemp("sound") / "sound.db"
    # One import rather than 300 adds (a transaction each): the same rows, in id order.
    sheet = "company,role,applied,notes\n" + "".join(
        f"Company {n},Analyst,{TODAY},{n} {'x' * 400}\n" for n in range(APPLICATIONS)
    )
    exchange.import_spreadsheet(str(path), TODAY, sheet, {}, None, dry_run=False)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO touches (application_id, on_date, via, inbound) "
            "VALUES (?, '2026-11-26', 'call', 0)",
            [(n,) for n in range(1, APPLICATIONS + 1, 3)],
        )
        # The pages damaged below are the applications' alone, as in a history imported
        # at once; the undo journal of the import would otherwise sit among them.
        conn.execute("DELETE FROM undo_journal")
        # The touches went in behind the store's back: forget which rules judged the
        # stored verdicts, so that the next read works them all out again (as after an
        # upgrade).
        conn.execute("UPDATE profiles SET rules_version = NULL")
    conn.close()
    # Stored verdicts brought up to date, so that `due` takes its fast read path.
    services.morning_rows(str(path), TODAY, TODAY, 10, TODAY)
    assert int.from_bytes(path.read_bytes()[16:18], "big") == PAGE
    return path


def _rows(path: Path, table: str) -> dict[int, tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return {r[0]: r for r in conn.execute(f"SELECT * FROM {table} ORDER BY id")}
    finally:
        conn.close()


def _overwritten(sound: Path, db: Path) -> Path:
    data = bytearray(sound.read_bytes())
    pages = len(data) // PAGE
    # Two whole pages in the middle of the file, where the applications' rows are.
    for page in (pages // 2, pages // 2 + 1):
        data[page * PAGE : (page + 1) * PAGE] = b"Z" * PAGE
    db.write_bytes(bytes(data))
    db.chmod(0o600)
    return db


def _truncated(sound: Path, db: Path) -> Path:
    data = sound.read_bytes()
    db.write_bytes(data[: len(data) * 2 // 3 + 100])
    db.chmod(0o600)
    return db


DAMAGE = {"overwritten": _overwritten, "truncated": _truncated}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_on_a_damaged_database_says_so_in_one_line(
    sound: Path, db: Path, damage: str, command: list[str]
) -> None:
    DAMAGE[damage](sound, db)
    before = db.read_bytes()

    result = run(*command, code=1)

    assert result.stderr == f"Error: the database at {db} is damaged: run followup doctor\n"
    assert result.stdout == ""
    assert db.read_bytes() == before


def test_the_fast_morning_read_says_damaged_too(sound: Path, db: Path) -> None:
    _truncated(sound, db)

    with pytest.raises(FollowupError, match="is damaged: run followup doctor"):
        fast.read_morning(
            str(db), TODAY, TODAY, 10, lambda _: stored_version(DEFAULT_CADENCE), "default"
        )


@pytest.mark.parametrize("damage", DAMAGE)
def test_doctor_reports_the_damage_and_how_to_save_the_rest(
    sound: Path, db: Path, damage: str
) -> None:
    DAMAGE[damage](sound, db)
    before = db.read_bytes()

    result = run("doctor", code=1)

    assert result.stdout == (
        f"problem: the database at {db} is damaged: SQLite cannot read it (database disk "
        "image is malformed); damaged tables: applications\n"
    )
    assert result.stderr == (
        "Error: the database is damaged; copy what can still be read into a new file with "
        "'followup doctor --salvage NEW_FILE'\n"
    )
    assert db.read_bytes() == before


@pytest.mark.parametrize("damage", DAMAGE)
def test_salvage_copies_every_readable_row_into_a_database_followup_uses(
    sound: Path, db: Path, tmp_path: Path, damage: str
) -> None:
    DAMAGE[damage](sound, db)
    before = db.read_bytes()
    new = tmp_path / "saved" / "new.db"

    lines = run("doctor", "--salvage", str(new)).stdout.splitlines()

    counts = {line.split(":")[0]: line.split(": ")[1] for line in lines[:-1]}
    saved_apps, lost_apps = (int(word) for word in counts["applications"].split()[::2][:2])
    # Some pages of applications were lost, most were not; each row is saved or counted lost.
    assert 0 < lost_apps < saved_apps
    assert saved_apps + lost_apps == APPLICATIONS
    assert lines[-1] == f"Saved what could be read to {new}; use it with --db {new}"
    assert db.read_bytes() == before

    # Every saved row is exactly the row that was stored; touches follow their application.
    original = _rows(sound, "applications")
    saved = _rows(new, "applications")
    assert len(saved) == saved_apps
    for app_id, row in saved.items():
        assert row == original[app_id]
    touches = _rows(new, "touches")
    assert all(t[1] in saved for t in touches.values())
    saved_touches, lost_touches = (int(word) for word in counts["touches"].split()[::2][:2])
    assert saved_touches == len(touches)
    assert saved_touches + lost_touches == len(_rows(sound, "touches"))

    # The new file is an ordinary followup database: healthy, and it takes new writes.
    run("--db", str(new), "due")
    assert run("--db", str(new), "doctor").stdout == (
        f"All checks passed ({saved_apps} applications).\n"
    )
    added = run_json("--db", str(new), "add", "Globex", "Engineer")
    # Ids of lost applications are never given to new ones.
    assert added["id"] == APPLICATIONS + 1


def test_salvage_of_a_sound_database_saves_everything(
    sound: Path, db: Path, tmp_path: Path
) -> None:
    shutil.copy(sound, db)
    new = tmp_path / "new.db"

    lines = run("doctor", "--salvage", str(new)).stdout.splitlines()

    assert f"applications: {APPLICATIONS} saved, 0 lost" in lines
    assert _rows(new, "applications") == _rows(sound, "applications")


def test_salvage_refuses_an_existing_file_and_writes_nothing(
    sound: Path, db: Path, tmp_path: Path
) -> None:
    _overwritten(sound, db)
    taken = tmp_path / "taken.db"
    taken.write_text("mine")

    result = run("doctor", "--salvage", str(taken), code=1)

    assert result.stderr == f"Error: {taken} already exists; choose another file\n"
    assert taken.read_text() == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".taken.db")]


def test_salvage_when_even_the_list_of_tables_is_lost_says_nothing_could_be_saved(
    db: Path, tmp_path: Path
) -> None:
    # A small database keeps its list of tables on pages near its end: cut those off.
    run("add", "Acme", "Analyst")
    data = db.read_bytes()
    db.write_bytes(data[: 2 * PAGE])
    new = tmp_path / "new.db"

    result = run("doctor", "--salvage", str(new), code=1)

    assert result.stderr == (
        f"Error: the damage to {db} reaches SQLite's list of its tables, so no table can be "
        "found in it; nothing was saved (sqlite3's '.recover' command reads the pages one by "
        "one and may still find some rows)\n"
    )
    assert not new.exists()
    assert not [p for p in tmp_path.iterdir() if "new.db" in p.name]


# --- damaged, or not ours at all -------------------------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("shopping list\n- eggs\n")


def _garbage_after_sqlite_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)


def _another_programs_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()


NOT_OURS = "{db} is not a followup database; it was left untouched"
FOREIGN = "this database belongs to something else; it was left untouched"
DAMAGED = "the database at {db} is damaged: run followup doctor"
SALVAGE = (
    "the database is damaged; copy what can still be read into a new file with "
    "'followup doctor --salvage NEW_FILE'"
)


@pytest.mark.parametrize(
    ("make", "on_list", "on_doctor"),
    [
        (_text_file, NOT_OURS, NOT_OURS),
        (_another_programs_database, FOREIGN, FOREIGN),
        # It says it is SQLite and it is not readable as such: damaged, not someone else's.
        (_garbage_after_sqlite_header, DAMAGED, SALVAGE),
    ],
    ids=["text", "foreign", "damaged-header"],
)
def test_a_file_that_is_something_else_is_told_apart_from_a_damaged_one(
    db: Path, make: object, on_list: str, on_doctor: str
) -> None:
    make(db)  # type: ignore[operator]
    before = db.read_bytes()

    assert run("list", code=1).stderr == f"Error: {on_list.format(db=db)}\n"
    assert run("doctor", code=1).stderr == f"Error: {on_doctor.format(db=db)}\n"
    assert db.read_bytes() == before


def test_damage_to_an_index_alone_is_reported_and_salvage_loses_nothing(
    sound: Path, db: Path, tmp_path: Path
) -> None:
    shutil.copy(sound, db)
    conn = sqlite3.connect(db)
    # SQLite's own map of which page belongs to which tree.
    (page,) = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'ix_applications_next_earliest' "
        "AND pagetype = 'leaf' LIMIT 1"
    ).fetchone()
    conn.close()
    data = bytearray(db.read_bytes())
    end = page * PAGE
    # Scribble over the cells at the end of the page, leaving its header alone.
    data[end - 40 : end] = b"A" * 40
    db.write_bytes(bytes(data))
    db.chmod(0o600)

    result = run("doctor", code=1)

    (line,) = result.stdout.splitlines()
    assert line.startswith(
        f"problem: the database at {db} is damaged: SQLite's integrity check found "
    )
    assert f"problem(s) in its pages, first: On tree page {page} cell " in line
    new = tmp_path / "new.db"
    lines = run("doctor", "--salvage", str(new)).stdout.splitlines()
    assert f"applications: {APPLICATIONS} saved, 0 lost" in lines
    assert _rows(new, "applications") == _rows(sound, "applications")
    assert run("--db", str(new), "doctor").stdout.startswith("All checks passed")
