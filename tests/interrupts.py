"""Ctrl-C in a test's child process, as a terminal delivers it.

A test run started in the background (`cmd &` in a script, nohup, some CI runners) ignores
SIGINT, and a child inherits that: followup would then finish instead of being
interrupted, and the tests of interruption would test nothing. Children that a test
interrupts start with SIGINT as a person at a terminal has it: default and unblocked.
"""

from __future__ import annotations

import signal


def as_at_a_terminal() -> None:
    """``preexec_fn`` for a child a test will interrupt (runs in the child, before exec)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
