"""`followup today` on a real pseudo-terminal: keys typed one at a time, as a person would.

Each answer is its own transaction, so Ctrl-C halfway keeps what was answered and writes
nothing more (exit 130).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest

from tests.cli.helpers import run, run_json
from tests.interrupts import as_at_a_terminal

PROMPT = r"\[q\]uit \? "
SUMMARY = r"\d+ logged, \d+ skipped, \d+ snoozed; [^\r\n]+"

pytestmark = pytest.mark.slow


def three_due() -> None:
    """Three applications due on Thu 26 Nov: the week after applying on 16-18 Nov."""
    run("add", "Acme", "Data Analyst", "--applied", "2026-11-16", "--phone", "+1 555 0100")
    run("add", "Globex", "Engineer", "--applied", "2026-11-17", "--phone", "+1 555 0101")
    run("add", "Initech", "PM", "--applied", "2026-11-18", "--email", "jobs@initech.example")


def spawn(*args: str, command: list[str] | None = None) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable if command is None else "/bin/sh",
        ["-m", "followup", "today", *args] if command is None else command,
        env=dict(os.environ),
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 120),
        preexec_fn=as_at_a_terminal,
    )
    return child


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, f"killed by signal {child.signalstatus}"
    return int(child.exitstatus)


def vias(app_id: int) -> list[tuple[str, bool]]:
    return [(t["via"], t["inbound"]) for t in run_json("show", str(app_id))["touches"]]


def test_one_key_each_logs_skips_and_snoozes_then_sums_up() -> None:
    three_due()
    child = spawn()
    child.expect(r"\[1/3\] DUE #1 Acme - Data Analyst")
    child.expect(r"Contact: \+1 555 0100")
    # The draft `script` would print for the suggested channel.
    child.expect("follow-up by call")
    child.expect(PROMPT)
    child.send("c")
    child.expect(r"Logged a call to them on Thu 26 Nov \(touch 1\)\.")
    child.expect(r"\[2/3\] DUE #2 Globex")
    child.expect(PROMPT)
    child.send("s")
    child.expect(r"\[3/3\] DUE #3 Initech")
    child.expect("follow-up by email")
    child.expect(PROMPT)
    child.send("z")
    child.expect(r"Snooze until \(DATE, empty to go back\): ")
    child.sendline("2026-12-07")
    child.expect(SUMMARY)
    assert child.after == "1 logged, 1 skipped, 1 snoozed; nothing left for today"
    assert finish(child) == 0
    assert vias(1) == [("call", False)]
    assert vias(2) == []
    assert run_json("show", "3")["next_contact"]["earliest"] == "2026-12-07"


def test_flags_show_at_once_as_log_call_shows_them() -> None:
    run(
        "add",
        "Acme",
        "Analyst",
        "--applied",
        "2026-11-09",
        "--do-not-call",
        "--phone",
        "+1 555 0100",
        "--email",
        "a@acme.example",
    )
    # They wrote and asked to hear back today: a window even on a do-not-call posting.
    run("log-call", "1", "--on", "2026-11-16", "--inbound", "--via", "email")
    run("log-call", "1", "--on", "2026-11-16", "--follow-up-on", "2026-11-26", "--via", "email")
    child = spawn()
    child.expect(PROMPT)
    child.send("c")
    child.expect("Warning: that was over-contact.")
    child.expect("do-not-call: call on 2026-11-26: the posting asked candidates not to call")
    child.expect(SUMMARY)
    assert finish(child) == 0


def test_r_records_their_reply_and_u_undoes_this_sessions_last_answer() -> None:
    three_due()
    child = spawn()
    child.expect(PROMPT)
    child.send("r")
    child.expect(r"They got back to you by \[c\]all or \[e\]mail\? ")
    child.send("e")
    child.expect(r"Logged an email from them on Thu 26 Nov \(touch 1\)\.")
    child.expect(r"\[2/3\] DUE #2 Globex")
    child.expect(PROMPT)
    child.send("v")
    child.expect(r"Logged a voicemail to them")
    child.expect(PROMPT)
    child.send("u")
    child.expect(r"Undone: touch 2 deleted\.")
    # Back to the application whose answer was undone.
    child.expect(r"\[2/3\] DUE #2 Globex")
    child.expect(PROMPT)
    child.send("q")
    child.expect(SUMMARY)
    assert child.after == "1 logged, 0 skipped, 0 snoozed; 2 not answered yet"
    assert finish(child) == 0
    assert vias(1) == [("email", True)]
    assert vias(2) == []


def test_undoing_a_snooze_puts_the_window_back() -> None:
    three_due()
    child = spawn()
    child.expect(PROMPT)
    child.send("z")
    child.expect("Snooze until")
    child.sendline("2026-12-10")
    child.expect(r"\[2/3\]")
    child.expect(PROMPT)
    child.send("u")
    child.expect(r"Undone: the snooze is back as it was\.")
    child.expect(r"\[1/3\] DUE #1 Acme")
    child.expect(PROMPT)
    child.send("q")
    assert finish(child) == 0
    assert run_json("show", "1")["next_contact"]["earliest"] == "2026-11-23"


def test_ctrl_c_halfway_keeps_the_answers_given_and_exits_130() -> None:
    three_due()
    child = spawn()
    child.expect(PROMPT)
    child.send("e")
    child.expect(r"Logged an email to them")
    child.expect(r"\[2/3\]")
    child.expect(PROMPT)
    child.sendintr()
    child.expect(SUMMARY)
    assert child.after == "1 logged, 0 skipped, 0 snoozed; 2 not answered yet"
    child.expect(r"Error: interrupted; the 1 answer\(s\) given are saved, nothing else was written")
    assert finish(child) == 130
    assert vias(1) == [("email", False)]
    assert vias(2) == []
    assert vias(3) == []


def test_json_prints_the_answers_while_the_walk_uses_the_terminal(tmp_path: Path) -> None:
    three_due()
    answers = tmp_path / "answers.json"
    command = ["-c", f"{sys.executable} -m followup today --json > {answers}"]
    child = spawn(command=command)
    child.expect(PROMPT)
    child.send("n")
    child.expect(PROMPT)
    child.send("s")
    child.expect(PROMPT)
    child.send("q")
    assert finish(child) == 0
    found = json.loads(answers.read_text())
    assert {k: found[k] for k in ("logged", "skipped", "snoozed", "left")} == {
        "logged": 1,
        "skipped": 1,
        "snoozed": 0,
        "left": 1,
    }
    assert [a["answer"] for a in found["answers"]] == ["logged", "skipped"]
    assert found["answers"][0]["touch"]["via"] == "no-answer"


def test_stats_draws_solid_bars_on_a_terminal_and_hashes_off_one() -> None:
    three_due()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "followup", "stats"],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 120),
    )
    child.expect(r"applied +3  \u2588{30}")
    assert finish(child) == 0
    assert "  applied           3  " + "#" * 30 in run("stats").stdout.splitlines()


def test_a_draft_offers_its_article_only_once_it_is_shown() -> None:
    # The draft of a check-in email offers a saved article and remembers the day (so the
    # next email counts as sharing it): an item the walk never reached offered nothing.
    run("add", "Acme", "Data Analyst", "--applied", "2026-11-16", "--phone", "+1 555 0100")
    run("add", "Globex", "Engineer", "--applied", "2026-10-20", "--email", "hr@globex.example")
    run("interview", "2", "--on", "2026-11-05", "--next-steps", "a second round")
    run("log-call", "2", "--on", "2026-11-12", "--via", "email")
    run("article", "2", "https://news.example/warehouses")
    child = spawn()
    child.expect(r"\[1/2\] DUE #1 Acme")
    child.expect(PROMPT)
    child.send("q")
    child.expect(SUMMARY)
    assert finish(child) == 0
    assert run_json("article", "2")[0]["offered_on"] is None

    child = spawn()
    child.expect(PROMPT)
    child.send("s")
    child.expect(r"\[2/2\] DUE #2 Globex")
    child.expect("news.example/warehouses")
    child.expect(PROMPT)
    child.send("q")
    child.expect(SUMMARY)
    assert finish(child) == 0
    assert run_json("article", "2")[0]["offered_on"] == "2026-11-26"
