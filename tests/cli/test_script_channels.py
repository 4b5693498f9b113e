"""`script` and the morning view: your own details in every draft, and only channels on file.

Issue 13: the drafts use the settings your_name, your_phone and your_email (blanks stay
only while they are unset, and script says which `config set` fills them); stored text is
never read as a blank; a follow-up suggests only a channel with details on file, and
`--mailto` with no address is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run, run_json

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg-config" / "followup"
    folder.mkdir(parents=True)
    return folder / "settings.toml"


def _error(result: Any) -> str:
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    return str(line)


def _acme(*options: str) -> str:
    added = run_json(
        "add",
        "Acme",
        "Data Analyst",
        "--applied",
        "2026-11-18",
        "--contact",
        "Jane Doe",
        "--pitch",
        "SQL reporting",
        *options,
    )
    return str(added["id"])


def test_every_draft_is_signed_with_your_details_once_they_are_set(settings_file: Path) -> None:
    settings_file.write_text(
        'your_name = "Ana Diaz"\nyour_phone = "+44 20 7946 0958"\nyour_email = "ana@example.com"\n'
    )
    app_id = _acme("--phone", "+1 555 0100", "--email", "jane@acme.example")

    for via in ("call", "voicemail", "email"):
        draft = run_json("script", app_id, "--via", via)
        assert draft["blanks"] == [], via
        assert "[your" not in draft["body"], via
        assert "Ana Diaz" in draft["body"], via
        assert "+442079460958" in draft["body"], via
        assert not any("config set" in note for note in draft["notes"]), via
    email = run_json("script", app_id, "--via", "email")
    assert email["body"].endswith("Best regards,\nAna Diaz\n+442079460958\nana@example.com")
    # On screen, the sign-off is four lines, not one line with "\n" spelled out in it.
    shown = run("script", app_id, "--via", "email").stdout
    assert "Best regards,\nAna Diaz\n+442079460958\nana@example.com\n" in shown
    assert "\\n" not in shown


def test_while_unset_the_blanks_stay_and_script_says_which_setting_fills_them() -> None:
    app_id = _acme("--phone", "+1 555 0100")

    draft = run_json("script", app_id)

    assert draft["blanks"] == ["your name", "your phone number"]
    assert (
        "Fill in [your name] and [your phone number] once, for every draft: followup config set "
        'your_name "..."; followup config set your_phone "..."'
    ) in draft["notes"]
    assert "Fill in: your name, your phone number" in run("script", app_id).stdout


def test_text_you_stored_is_never_read_as_a_blank(settings_file: Path) -> None:
    settings_file.write_text('your_name = "Ana Diaz"\nyour_phone = "+44 20 7946 0958"\n')
    added = run_json(
        "add",
        "Acme",
        "Data Analyst",
        "--applied",
        "2026-11-18",
        "--contact",
        "[bold]x[/] [your name]",
        "--phone",
        "+1 555 0100",
        "--pitch",
        "SQL reporting",
    )

    draft = run_json("script", str(added["id"]))

    assert draft["blanks"] == []
    assert "[bold]x[/]" in draft["body"]


def test_mailto_without_an_email_on_file_is_refused_and_says_what_to_add() -> None:
    app_id = _acme("--phone", "+1 555 0100")

    result = run("script", app_id, "--mailto", code=1)

    assert _error(result) == (
        "Error: there is no email on file for application 1: call, "
        "or add one with followup edit 1 --email ADDRESS"
    )


def test_mailto_with_neither_detail_says_only_what_to_add() -> None:
    app_id = _acme("--do-not-call", "--phone", "+1 555 0100")
    run("interview", app_id, "--on", "2026-11-24", "--prefers", "call")

    result = run("script", app_id, "--mailto", code=1)

    assert _error(result) == (
        "Error: there is no email on file for application 1: "
        "add one with followup edit 1 --email ADDRESS"
    )


def test_they_prefer_email_but_only_a_phone_is_on_file_so_the_suggestion_is_a_call() -> None:
    app_id = _acme("--phone", "+1 555 0100")
    run("interview", app_id, "--on", "2026-11-18", "--prefers", "email")
    note = (
        "they prefer email, but there is no email on file: call, "
        "or add one with followup edit APP_ID --email ADDRESS"
    )

    window = run_json("show", app_id)["next_contact"]
    due = run_json("due")["items"]
    draft = run_json("script", app_id)

    assert window["action"] == "call"
    assert window["reason"].endswith(f"; {note}")
    assert [(i["action"], i["hint"].split(":")[0]) for i in due] == [("call", "Call Jane Doe")]
    assert draft["via"] == "call"


def test_with_no_channel_on_file_nothing_is_suggested_but_what_to_add() -> None:
    app_id = _acme()
    run("interview", app_id, "--on", "2026-11-18", "--prefers", "email")

    shown = run_json("show", app_id)
    result = run("script", app_id, code=1)

    assert shown["next_contact"] is None
    assert shown["waiting"] == (
        "they prefer email, but there is no email or phone number on file: "
        "add one with followup edit APP_ID --email ADDRESS"
    )
    assert _error(result) == f"Error: nothing to draft for application 1: {shown['waiting']}"
    assert run_json("due")["items"] == []
