"""How a long use case tells the command line how far it has got (issue 17).

Import, restore, the recompute after a settings change, backup and doctor can run for
seconds on a big history. They report their stages and how many items of each are done
through ``Progress``; the command line passes one that draws a bar on a terminal
(``followup.cli.progress``), everything else gets ``QUIET``. The core never imports rich.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Where a long use case reports what it is doing; every call must be cheap."""

    def stage(self, what: str, total: int | None = None) -> None:
        """A new stage of the work begins: ``what`` in a few words ("reading the backup"),
        and how many items it holds, or None when that is not known (a spinner)."""

    def advance(self, done: int = 1) -> None:
        """``done`` more items of the current stage are finished."""


class _Quiet:
    def stage(self, what: str, total: int | None = None) -> None:
        pass

    def advance(self, done: int = 1) -> None:
        pass


# Shows nothing: the default of every use case, and what scripts and tests get.
QUIET: Progress = _Quiet()
