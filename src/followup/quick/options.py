"""The options of `due` and the global ones, declared once.

``cli.base`` and ``cli.tracking`` build their Typer options from these; ``quick.entry`` reads
the same options from the command line without Typer. tests/cli/test_quick_path.py checks
that both answer every command line alike, errors included.
"""

# No ``from __future__ import annotations`` here: typing.NamedTuple compiles each field's
# annotation when it is a string, which costs the morning path a millisecond or more.

from typing import NamedTuple

from followup.profiles import PROFILE_ENV


class OptionSpec(NamedTuple):
    """One option: its flag, placeholder, help and, for a number, its allowed range."""

    flag: str
    help: str
    metavar: str | None = None
    envvar: str | None = None
    # A flag (``--json``) takes no value; the others take one.
    is_flag: bool = False
    minimum: int | None = None
    maximum: int | None = None

    @property
    def is_number(self) -> bool:
        return self.minimum is not None


DB = OptionSpec(
    "--db",
    "Database file or SQLAlchemy URL. Default: followup.db in your data directory.",
    metavar="FILE_OR_URL",
    envvar="FOLLOWUP_DB",
)
PROFILE = OptionSpec(
    "--profile",
    "Whose applications: one database can keep several job seekers' apart (see docs/postgres.md).",
    metavar="NAME",
    envvar=PROFILE_ENV,
)
GLOBAL_OPTIONS = (DB, PROFILE)

DUE_COMMAND = "due"
# Its first sentence is the line `followup --help` lists: short enough never to be cut.
DUE_SUMMARY = (
    "The morning view: whom to contact today.\n\nAlso whom to leave alone, and until when."
)
AS_OF = OptionSpec("--as-of", "Plan for another day (default: today).", metavar="DATE")
AHEAD = OptionSpec(
    "--ahead",
    "Also show what opens within DAYS (default: 7, or ahead_days in your settings).",
    metavar="DAYS",
    minimum=0,
    maximum=3660,
)
JSON = OptionSpec("--json", "Print JSON (see docs/json.md).", is_flag=True)
DUE_OPTIONS = (AS_OF, AHEAD, JSON)
