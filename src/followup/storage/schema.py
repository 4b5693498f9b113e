"""The tables as they are now: one ``MetaData`` that every layer of storage shares.

The schema's history is ``migrations``; these are the current tables, used to build
queries. A table added here is backed up and restored without further changes.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

from followup.domain import limits
from followup.domain.backup import Form
from followup.domain.models import Action, Channel, InterviewKind, Outcome, Stage, Via
from followup.profiles import DEFAULT_PROFILE
from followup.storage.migrations import MIGRATIONS_TABLE

metadata = MetaData()

# A column's ``info`` holds the rules its values obey beyond their type (``limits.TextRule``,
# the words it may hold, ...): a restored backup is checked against them like typed input
# (``storage.exchange.backup_schema``). Text columns without a rule take ``limits.LONG``;
# a ``String(n)`` column's rule never allows more than n characters (tests check it).

migrations_table = Table(
    MIGRATIONS_TABLE,
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

applications = Table(
    "applications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("company", String(200), nullable=False, info={"text": limits.NAME}),
    Column("role", String(200), nullable=False, info={"text": limits.NAME}),
    Column("applied_on", Date, nullable=False, info={"not_future": True}),
    Column("contact_name", String(200), info={"text": limits.NAME}),
    Column("phone", String(50), info={"text": limits.PHONE, "form": Form.PHONE}),
    Column("email", String(320), info={"text": limits.EMAIL, "form": Form.EMAIL}),
    Column("do_not_call", Boolean, nullable=False),
    # The posting said not to email either (migration 007).
    Column("no_email", Boolean, nullable=False, server_default=false()),
    Column("url", Text, info={"text": limits.URL}),
    Column("pitch", Text, info={"text": limits.LONG}),
    Column("note", Text, info={"text": limits.LONG}),
    Column("outcome", String(20), info={"choices": Outcome, "together_with": "closed_on"}),
    Column(
        "closed_on",
        Date,
        info={"not_future": True, "not_before": "applied_on", "together_with": "outcome"},
    ),
    Column("snooze_until", Date, info={"together_with": "snoozed_on"}),
    Column("snoozed_on", Date, info={"together_with": "snooze_until"}),
    # The highest touch / interview id when the snooze was set: ids, compared by order.
    Column("snooze_touch_mark", Integer, nullable=False, info={"id_of": "touches"}),
    Column("snooze_interview_mark", Integer, nullable=False, info={"id_of": "interviews"}),
    Column("stage", String(20), nullable=False, info={"choices": Stage}),
    Column("next_earliest", Date, index=True),
    Column("next_latest", Date),
    Column("next_action", String(20), info={"choices": Action}),
    Column("next_reason", Text),
    Column("waiting", Text),
    # Whose application it is (migration 004); every query is scoped to one profile.
    Column("profile", String(100), nullable=False, server_default=DEFAULT_PROFILE),
)

touches = Table(
    "touches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("on_date", Date, nullable=False, info={"not_future": True}),
    Column("via", String(20), nullable=False, info={"choices": Via}),
    Column("inbound", Boolean, nullable=False),
    Column("follow_up_on", Date),
    Column("note", Text),
)

interviews = Table(
    "interviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("on_date", Date, nullable=False),
    Column("logged_on", Date, nullable=False),
    Column("kind", String(20), nullable=False, info={"choices": InterviewKind}),
    Column("next_steps", Text, info={"text": limits.LONG}),
    Column("timeline", Text, info={"text": limits.LONG}),
    Column("prefers", String(10), info={"choices": Channel}),
    Column("follow_up_on", Date),
)

interviewers = Table(
    "interviewers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE")),
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False, info={"text": limits.NAME}),
)

followup_meta = Table(
    "followup_meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# One row per profile (migration 005): the settings in force for it, as a JSON object
# (NULL until the first command that stores a window records them), and the version of
# the rules and settings that worked out its stored verdicts.
profiles = Table(
    "profiles",
    metadata,
    Column("profile", String(100), primary_key=True),
    Column("settings", Text),
    Column("rules_version", String(200)),
)

questions_asked = Table(
    "questions_asked",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("interview_id", Integer, ForeignKey("interviews.id", ondelete="CASCADE")),
    Column("interviewer", String(200), nullable=False, info={"text": limits.NAME}),
    Column("question", Text, nullable=False, info={"text": limits.QUESTION}),
    Column("question_id", String(60)),
    Column("answer", Text, info={"text": limits.LONG}),
    Column("logged_on", Date, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("application_id", Integer, ForeignKey("applications.id", ondelete="CASCADE")),
    Column("url", Text, nullable=False, info={"text": limits.URL, "form": Form.WEB_ADDRESS}),
    Column("title", Text, info={"text": limits.TITLE}),
    Column("added_on", Date, nullable=False),
    Column("offered_on", Date),
)

# The details questions can use, by the key they are stored under.
DETAIL_KEYS = ("competitor", "market_problem")

application_details = Table(
    "application_details",
    metadata,
    Column(
        "application_id",
        Integer,
        ForeignKey("applications.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("key", String(50), primary_key=True, info={"choices": DETAIL_KEYS}),
    Column("value", Text, nullable=False, info={"text": limits.DETAIL}),
)
