"""Named, ordered schema migrations.

Each migration is applied in one transaction together with its record in
``schema_migrations``, so a database is never left half-upgraded. A migration
that has landed on main is never edited: a change to the schema is a new
function appended to ``MIGRATIONS``. Each one spells out its own tables rather
than borrowing ``storage.schema``'s, so that later changes to the store cannot rewrite
history.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

Migration = Callable[[Connection], None]

MIGRATIONS_TABLE = "schema_migrations"


def m001_initial(conn: Connection) -> None:
    meta = MetaData()
    Table(
        "applications",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("company", String(200), nullable=False),
        Column("role", String(200), nullable=False),
        Column("applied_on", Date, nullable=False),
        Column("contact_name", String(200)),
        Column("phone", String(50)),
        Column("email", String(320)),
        Column("do_not_call", Boolean, nullable=False),
        Column("url", Text),
        Column("pitch", Text),
        Column("note", Text),
        Column("outcome", String(20)),
        Column("closed_on", Date),
        Column("snooze_until", Date),
        Column("snoozed_on", Date),
        Column("snooze_touch_mark", Integer, nullable=False),
        Column("snooze_interview_mark", Integer, nullable=False),
        # The rules' verdict, kept current by every write so that the morning
        # view reads only what is due.
        Column("stage", String(20), nullable=False),
        Column("next_earliest", Date),
        Column("next_latest", Date),
        Column("next_action", String(20)),
        Column("next_reason", Text),
        Column("waiting", Text),
        Index("ix_applications_next_earliest", "next_earliest"),
        sqlite_autoincrement=True,
    )
    Table(
        "touches",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "application_id",
            Integer,
            ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("on_date", Date, nullable=False),
        Column("via", String(20), nullable=False),
        Column("inbound", Boolean, nullable=False),
        Column("follow_up_on", Date),
        Column("note", Text),
        sqlite_autoincrement=True,
    )
    Table(
        "interviews",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "application_id",
            Integer,
            ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("on_date", Date, nullable=False, index=True),
        Column("logged_on", Date, nullable=False),
        Column("kind", String(20), nullable=False),
        Column("next_steps", Text),
        Column("timeline", Text),
        Column("prefers", String(10)),
        Column("follow_up_on", Date),
        sqlite_autoincrement=True,
    )
    Table(
        "interviewers",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "interview_id",
            Integer,
            ForeignKey("interviews.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("position", Integer, nullable=False),
        Column("name", String(200), nullable=False),
        sqlite_autoincrement=True,
    )
    # Small facts about the database itself, such as which rules wrote the stored verdicts.
    Table(
        "followup_meta",
        meta,
        Column("key", String(100), primary_key=True),
        Column("value", Text, nullable=False),
    )
    meta.create_all(conn)


def m002_interview_prep(conn: Connection) -> None:
    """Questions asked at interviews, saved articles and details for the question bank."""
    meta = MetaData()
    # Stand-ins so that the foreign keys resolve; only the new tables are created.
    Table("applications", meta, Column("id", Integer, primary_key=True))
    Table("interviews", meta, Column("id", Integer, primary_key=True))
    asked = Table(
        "questions_asked",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "interview_id",
            Integer,
            ForeignKey("interviews.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("interviewer", String(200), nullable=False),
        Column("question", Text, nullable=False),
        # The bank question it was, when it was one: opinion questions are offered again.
        Column("question_id", String(60)),
        Column("answer", Text),
        Column("logged_on", Date, nullable=False),
    )
    articles = Table(
        "articles",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "application_id",
            Integer,
            ForeignKey("applications.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        Column("url", Text, nullable=False),
        Column("title", Text),
        Column("added_on", Date, nullable=False),
        # The day a drafted check-in first offered it; the next email logged shares it.
        Column("offered_on", Date),
    )
    details = Table(
        "application_details",
        meta,
        Column(
            "application_id",
            Integer,
            ForeignKey("applications.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("key", String(50), primary_key=True),
        Column("value", Text, nullable=False),
    )
    meta.create_all(conn, tables=[asked, articles, details])


def m003_open_applications_index(conn: Connection) -> None:
    # The morning view reads only open applications by their next date; a partial index
    # keeps that read proportional to what is open, however many are closed. The same
    # statement is valid on SQLite and PostgreSQL.
    conn.exec_driver_sql(
        "CREATE INDEX ix_applications_open_next ON applications (next_earliest, id) "
        "WHERE closed_on IS NULL"
    )


def m004_profiles(conn: Connection) -> None:
    """Several job seekers in one database: each application belongs to one profile.

    Touches, interviews and everything else hang off an application, so the one column
    scopes them all. Existing applications become the ``default`` profile's.
    """
    conn.exec_driver_sql(
        "ALTER TABLE applications ADD COLUMN profile VARCHAR(100) NOT NULL DEFAULT 'default'"
    )
    # Every query now starts from one profile; the morning view's read stays proportional
    # to what that profile has open.
    conn.exec_driver_sql("CREATE INDEX ix_applications_profile ON applications (profile, id)")
    conn.exec_driver_sql(
        "CREATE INDEX ix_applications_profile_open_next "
        "ON applications (profile, next_earliest, id) WHERE closed_on IS NULL"
    )


def m005_profile_settings(conn: Connection) -> None:
    """Each profile's settings that move windows, and the version of its stored verdicts.

    Until now one ``rules_version`` in ``followup_meta`` spoke for every profile, so one
    profile's settings changed all of them. Every profile that has applications starts
    with that version (its verdicts were last worked out under it) and no recorded
    settings: the first command that stores a window for it records them.
    """
    meta = MetaData()
    profiles = Table(
        "profiles",
        meta,
        Column("profile", String(100), primary_key=True),
        # The settings in force for this profile, as a JSON object; NULL until recorded.
        Column("settings", Text),
        # What worked out the stored verdicts: the rules' version and these settings.
        Column("rules_version", String(200)),
    )
    meta.create_all(conn, tables=[profiles])
    conn.exec_driver_sql(
        "INSERT INTO profiles (profile, rules_version) "
        "SELECT DISTINCT a.profile, m.value FROM applications a "
        "LEFT JOIN followup_meta m ON m.key = 'rules_version'"
    )
    conn.exec_driver_sql("DELETE FROM followup_meta WHERE key = 'rules_version'")


def m006_undo_journal(conn: Connection) -> None:
    """The journal behind ``followup undo``: each change's before-images, per profile.

    One row per change, written in the same transaction as the change itself; ``changes``
    is a JSON object (the rows of every application the change touched as they were
    before it, and a fingerprint of each as it was after). Not part of a backup.
    """
    meta = MetaData()
    journal = Table(
        "undo_journal",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("profile", String(100), nullable=False),
        Column("made_at", String(40), nullable=False),
        Column("command", String(40), nullable=False),
        Column("application_id", Integer),
        Column("company", String(200)),
        Column("what", Text),
        Column("on_date", Date),
        # The verdicts' version when the change was made: an undo under other settings
        # works the restored windows out again.
        Column("rules_version", String(200)),
        Column("changes", Text, nullable=False),
        Index("ix_undo_journal_profile", "profile", "id"),
        sqlite_autoincrement=True,
    )
    meta.create_all(conn, tables=[journal])


def m007_posting_contact_rules(conn: Connection) -> None:
    """Postings that say "no calls or emails": the application remembers not to email.

    ``do_not_call`` already covers calls; this is its counterpart for email, set when a
    posting read by ``add --from`` forbids both (or email alone). Existing applications
    were never told so, hence false.
    """
    conn.exec_driver_sql(
        "ALTER TABLE applications ADD COLUMN no_email BOOLEAN NOT NULL DEFAULT FALSE"
    )


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", m001_initial),
    ("002_interview_prep", m002_interview_prep),
    ("003_open_applications_index", m003_open_applications_index),
    ("004_profiles", m004_profiles),
    ("005_profile_settings", m005_profile_settings),
    ("006_undo_journal", m006_undo_journal),
    ("007_posting_contact_rules", m007_posting_contact_rules),
]
