"""Hostile text: what a spreadsheet someone sent, or an older version, may have stored.

Each entry is (name, as stored, as followup must show it). Rich markup and emoji codes
must show as they are; control characters spelled out, so that none reaches the terminal.
The history is written through the real commands, then its text columns are overwritten
in the SQLite file itself: stored text need not have passed today's input checks.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

from tests.cli.helpers import run as run_cli

HOSTILE = [
    ("markup", "[bold red]Acme[/]", "[bold red]Acme[/]"),
    ("link markup", "[link=http://x.example]y[/link]", "[link=http://x.example]y[/link]"),
    ("emoji code", ":thumbs_up: fine", ":thumbs_up: fine"),
    ("window title", "\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    ("clear screen", "\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),
    (
        "raw hyperlink",
        "\x1b]8;;http://x.example\x1b\\y\x1b]8;;\x1b\\",
        r"\x1b]8;;http://x.example\x1b\y\x1b]8;;\x1b" + "\\",
    ),
    ("C1 control", "\x9b31mred", "\\x9b31mred"),
    ("carriage return", "safe\rEVIL", "safe\\rEVIL"),
    ("backspaces", "abc\x08\x08\x08xyz", "abc\\x08\\x08\\x08xyz"),
    ("right-to-left override", "\u202eevil", "\\u202eevil"),
    ("NUL and DEL", "a\x00b\x7fc", "a\\x00b\\x7fc"),
]
HOSTILE_IDS = [name for name, _, _ in HOSTILE]
# Everything at once, for the tests that run real processes (one run per command).
ALL_AT_ONCE = " | ".join(stored for _, stored, _ in HOSTILE)
ALL_SHOWN = " | ".join(seen for _, _, seen in HOSTILE)

# Control characters that must never reach the terminal from the data: all of C0 but the
# line break, DEL, C1, and the bidirectional overrides.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def history(db: Path, text: str, cache: Path) -> None:
    """Two applications with every kind of text a user stores, all of it ``text``: one due
    today, one held off. Built once in ``cache``, then copied to ``db``."""
    built = cache / "hostile-history.db"
    if not built.exists():
        _build(str(built))
    shutil.copyfile(built, db)
    store(db, text)


def _build(where: str) -> None:
    def run(*args: str) -> None:
        run_cli("--db", where, *args)

    run(
        *("add", "Acme", "Analyst", "--applied", "2026-11-10", "--contact", "Jane Doe"),
        *("--phone", "+1 555 0100", "--email", "jane@acme.example"),
        *("--url", "https://acme.example/job", "--pitch", "SQL", "--note", "keen"),
    )
    run(
        *("interview", "1", "--on", "2026-11-24", "--with", "Jane Doe", "--with", "Raj Patel"),
        *("--next-steps", "panel", "--timeline", "two weeks"),
    )
    run("log-call", "1", "--on", "2026-11-25", "--via", "email", "--note", "sent thanks")
    run("edit", "1", "--competitor", "Initech", "--market-problem", "churn")
    run("asked", "1", "What is the team like?", "--to", "Jane Doe", "--answer", "small")
    run("article", "1", "https://news.example/a", "--title", "Article")
    run(
        *("add", "Globex", "Analyst", "--applied", "2026-11-20", "--contact", "Sam Lee"),
        *("--phone", "+1 555 0101", "--email", "sam@globex.example", "--pitch", "SQL"),
    )


def store(db: Path, text: str) -> None:
    """Overwrite every text column a user fills with ``text``, in the file itself."""
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE applications SET company = :t, role = :t, contact_name = :t, url = :t, "
            "pitch = :t, note = :t",
            {"t": text},
        )
        conn.execute("UPDATE touches SET note = ?", (text,))
        conn.execute("UPDATE interviews SET next_steps = ?, timeline = ?", (text, text))
        conn.execute("UPDATE interviewers SET name = ? WHERE name = 'Raj Patel'", (text,))
        conn.execute("UPDATE questions_asked SET question = ?, answer = ?", (text, text))
        conn.execute("UPDATE articles SET title = ?", (text,))
        conn.execute("UPDATE application_details SET value = ?", (text,))
    conn.close()
