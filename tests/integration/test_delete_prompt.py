"""Issue 12: on a terminal, `followup delete` names what will go and asks first."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

from tests.cli.helpers import run, run_json

FOLLOWUP = [sys.executable, "-m", "followup"]
PROMPT = "Delete #1 Acme - Analyst and its 1 touch, 1 interview? [y/N]: "


def answer_on_terminal(reply: str, *args: str) -> tuple[int, str]:
    """Run followup on a pseudo-terminal, type ``reply`` once it asks; exit code and output."""
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [*FOLLOWUP, *args], stdin=terminal, stdout=terminal, stderr=terminal, close_fds=True
    )
    os.close(terminal)
    seen = b""
    deadline = time.monotonic() + 60
    answered = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if not answered and b"[y/N]" in seen:
            os.write(main, reply.encode() + b"\r")
            answered = True
        if process.poll() is not None and not ready:
            break
    code = process.wait(timeout=60)
    os.close(main)
    return code, seen.decode().replace("\r\n", "\n")


@pytest.mark.parametrize(("reply", "kept"), [("y", False), ("n", True), ("", True)])
def test_delete_on_a_terminal_names_what_will_go_and_asks(reply: str, kept: bool) -> None:
    run("add", "Acme", "Analyst", "--applied", "2026-11-18")
    run("log-call", "1", "--on", "2026-11-23")
    run("interview", "1", "--on", "2026-11-24")

    code, output = answer_on_terminal(reply, "delete", "1")

    assert code == 0, output
    # The reply's echo may come before or after the prompt's last space.
    assert output.startswith(PROMPT.rstrip())
    gone = "Deleted #1 Acme - Analyst. 'followup undo' brings it back."
    assert output.strip().endswith("Nothing was deleted." if kept else gone)
    assert [a["id"] for a in run_json("list", "--all")] == ([1] if kept else [])
