"""The errors followup reports to its user.

The core raises these with a message written for the job seeker; only ``cli``
turns them into ``Error: ...`` on stderr and an exit code.
"""

from __future__ import annotations


class FollowupError(Exception):
    """Something the user can act on. ``exit_code`` is the documented code."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(FollowupError):
    """An id that names nothing (exit 1)."""


class Refused(FollowupError):
    """A well-formed request the rules do not allow (exit 1)."""


class NotOurDatabase(FollowupError):
    """The file exists but is not a followup database; it is left untouched (exit 1)."""


class NewerDatabase(FollowupError):
    """The database was written by a newer followup; it is left untouched (exit 1)."""


class DamagedDatabase(FollowupError):
    """A SQLite file whose pages SQLite cannot read (exit 1); ``doctor`` says more."""


class ReadOnlyDatabase(FollowupError):
    """The database, or its folder, may be read but not written (exit 1); reads still work."""


class BadInput(FollowupError):
    """A value the user typed that cannot be read, such as an impossible date (exit 2)."""

    exit_code = 2


class DatabaseBusy(FollowupError):
    """Another process held the database past the busy timeout (exit 75, EX_TEMPFAIL)."""

    exit_code = 75


class Unhealthy(FollowupError):
    """``doctor`` found problems with the database (exit 1)."""


class DatabaseUnavailable(FollowupError):
    """The database server could not be reached; trying later may work (exit 75)."""

    exit_code = 75


class PageUnreadable(FollowupError):
    """A job posting's page could not be fetched or read; the message says to save it
    from a browser and pass the file instead (exit 1)."""
