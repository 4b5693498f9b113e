"""A progress bar on stderr for long work: import, restore, recompute, backup, doctor.

The use cases report through ``followup.services.progress.Progress``; this is the one
that draws. It shows nothing for work done within ``DELAY`` seconds (most commands on a
job seeker's few hundred applications), nothing when stderr is not a terminal (scripts,
pipes, cron) and nothing with ``--json``; the bar clears itself when the work ends, so the
command's own output reads as it always did.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from followup.services.progress import QUIET, Progress

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

# How long work may run before a bar appears: shorter would flash on every small job.
DELAY = 0.5
# Tests set it to 0, so that a bar shows for a job of any size on any machine.
DELAY_ENV = "FOLLOWUP_TEST_PROGRESS_DELAY"


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_ENV, DELAY)))
    except ValueError:
        return DELAY


@contextlib.contextmanager
def progress_bar(*, quiet: bool = False) -> Iterator[Progress]:
    """A ``Progress`` that draws on stderr when it is a terminal and ``quiet`` is false."""
    if quiet or not _stderr_is_terminal():
        yield QUIET
        return
    bar = _Bar()
    try:
        yield bar
    finally:
        bar.close()


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _Bar:
    """Counts from the start; draws from ``DELAY`` seconds on (a timer, so a single long
    step such as a copy of the whole file shows its spinner too)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._what = "working"
        self._total: int | None = None
        self._done = 0
        self._closed = False
        self._shown: RichProgress | None = None
        self._task: TaskID | None = None
        delay = _delay()
        self._timer = threading.Timer(delay, self._show)
        self._timer.daemon = True
        if delay:
            self._timer.start()
        else:
            self._show()

    def stage(self, what: str, total: int | None = None) -> None:
        with self._lock:
            self._what, self._total, self._done = what, total, 0
            if self._shown is not None and self._task is not None:
                self._shown.reset(self._task, total=total, description=what)

    def advance(self, done: int = 1) -> None:
        with self._lock:
            self._done += done
            if self._shown is not None and self._task is not None:
                self._shown.update(self._task, completed=self._done)

    def _show(self) -> None:
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        from followup.cli.base import console

        with self._lock:
            if self._closed:
                return
            self._shown = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}", markup=False),
                BarColumn(),
                TaskProgressColumn(),
                TimeElapsedColumn(),
                console=console(stderr=True),
                transient=True,
            )
            self._task = self._shown.add_task(self._what, total=self._total, completed=self._done)
            self._shown.start()

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._shown is not None:
                self._shown.stop()
