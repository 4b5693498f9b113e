"""The use case for a damaged database: ``doctor --salvage`` copies what can still be read.

``doctor`` itself (``services.applications``) reports the damage.
"""

from __future__ import annotations

from pathlib import Path

from followup.storage import salvage as salvaging


def salvage(db: str, target: Path) -> salvaging.Salvaged:
    """Copy every row of a damaged database that can still be read into a new database.

    The stored verdicts in the copy are marked out of date (rows they were worked out from
    may be lost), so the first command to need them works them out again.
    """
    return salvaging.salvage(db, target)
