"""log-call: every contact is recorded, and over-contact is flagged the moment it is logged.

Applied Wed 18 Nov with a phone: the one follow-up call is due Mon 23 .. Fri 27 Nov,
and today is Thu 26 Nov.
"""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run, run_json
from tests.cli.stories import (
    BALL_IN_THEIR_COURT,
    LOGGED_TOUCH_KEYS,
    add,
    applied_wednesday_with_phone,
    due_items,
    log,
    log_warned,
    show,
    window,
)

# Every test starts from an empty database: none looks at how the file came to be.
pytestmark = pytest.mark.empty_database

REPEAT_TODAY = (
    "call on 2026-11-26 after your one follow-up on {first} with no reply since: "
    "the ball is in their court; wait for their reply"
)
STALKER_TODAY = (
    "call on 2026-11-26 is at least your third contact within seven days with no reply: "
    "that is how candidates get remembered as stalkers; stop now and give them room"
)
NO_FOLLOW_UP_WITHOUT_CALLS = (
    "the posting asked candidates not to call, so there is no follow-up before an interview: "
    "the next move is theirs"
)


def test_the_follow_up_call_is_due_today_before_it_is_made() -> None:
    app_id = applied_wednesday_with_phone()

    assert due_items() == [(app_id, "due", "call", "2026-11-23", "2026-11-27")]


def test_one_call_in_the_follow_up_week_leaves_the_ball_in_their_court() -> None:
    app_id = applied_wednesday_with_phone()

    data, stderr = log_warned(app_id)

    assert data["touch"] == {"id": 1, "on": "2026-11-26", "via": "call", "inbound": False}
    assert (data["overcontact"], data["flags"]) == (False, [])
    assert data["application"]["next_contact"]["action"] == "close"
    assert data["application"]["next_contact"]["reason"] == BALL_IN_THEIR_COURT.format(
        on="2026-11-26"
    )
    assert stderr == ""
    assert due_items() == []


def test_a_second_call_before_any_reply_is_a_repeat_warned_about_but_still_recorded() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id)

    data, stderr = log_warned(app_id)

    message = REPEAT_TODAY.format(first="2026-11-26")
    assert (data["overcontact"], data["flags"]) == (True, ["repeat"])
    assert stderr == f"Warning: that was over-contact.\n  repeat: {message}\n"
    assert {"kind": "repeat", "on": "2026-11-26", "message": message} in data["application"][
        "flags"
    ]
    assert [t["flags"] for t in show(app_id)["touches"]] == [[], ["repeat"]]


def test_the_human_view_of_log_call_says_what_was_logged_and_what_comes_next() -> None:
    app_id = applied_wednesday_with_phone()

    result = run("log-call", str(app_id))

    assert result.stdout.splitlines() == [
        "Logged a call to them on Thu 26 Nov (touch 1).",
        "#1 Acme - Data Analyst [applied]",
        "Nothing due: "
        + BALL_IN_THEIR_COURT.format(on="2026-11-26")
        + " (from Mon 28 Dec: followup close 1 --outcome no-response).",
    ]
    assert result.stderr == ""


def test_three_calls_in_three_days_is_stalking() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-24")
    log(app_id, "--on", "2026-11-25")

    result = run("log-call", str(app_id))

    assert "  stalker: " + STALKER_TODAY + "\n" in result.stderr
    assert result.stderr.startswith("Warning: that was over-contact.\n")
    assert sorted(show(app_id)["touches"][2]["flags"]) == ["repeat", "stalker"]


def test_the_third_call_json_reports_stalker_and_repeat() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-24")
    log(app_id, "--on", "2026-11-25")

    logged = log(app_id)

    assert logged["overcontact"] is True
    assert sorted(logged["flags"]) == ["repeat", "stalker"]


def test_calls_spread_over_more_than_seven_days_are_not_stalking() -> None:
    app_id = int(add("Acme", "Analyst", "--applied", "2026-11-04", "--phone", "1")["id"])
    log(app_id, "--on", "2026-11-10")
    log(app_id, "--on", "2026-11-19")

    logged = log(app_id)

    assert logged["flags"] == ["repeat"]


def test_a_call_before_the_follow_up_week_is_early_and_uses_up_the_follow_up() -> None:
    app_id = int(add("Acme", "Analyst", "--applied", "2026-11-25", "--phone", "1")["id"])

    data, stderr = log_warned(app_id)

    assert data["flags"] == ["early"]
    assert stderr == (
        "Warning: that was over-contact.\n"
        "  early: call on 2026-11-26 came before the window opened on 2026-11-30; "
        "wait for the window next time\n"
    )
    assert data["application"]["next_contact"]["reason"] == BALL_IN_THEIR_COURT.format(
        on="2026-11-26"
    )


def test_an_unanswered_call_counts_as_a_touch_just_the_same() -> None:
    app_id = applied_wednesday_with_phone()
    first = log(app_id, "--via", "no-answer", "--on", "2026-11-24")

    second = log(app_id, "--via", "voicemail")

    assert first["touch"]["via"] == "no-answer"
    assert first["flags"] == []
    assert second["flags"] == ["repeat"]


def test_their_reply_opens_one_more_follow_up_ten_to_fourteen_days_later() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-23")

    logged = log(app_id, "--inbound", "--via", "email", "--on", "2026-11-24")

    assert logged["touch"] == {"id": 2, "on": "2026-11-24", "via": "email", "inbound": True}
    assert logged["flags"] == []
    assert logged["application"]["next_contact"] == {
        "earliest": "2026-12-04",
        "latest": "2026-12-08",
        "action": "call",
        "reason": "one more follow-up 10-14 days after they got in touch (email) on 2026-11-24 "
        "(touch #2)",
    }


def test_answering_their_reply_the_next_day_is_not_a_follow_up() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-23")
    log(app_id, "--inbound", "--via", "email", "--on", "2026-11-24")

    answer = log(app_id, "--via", "email", "--on", "2026-11-25")

    assert (answer["overcontact"], answer["flags"]) == (False, [])
    assert window(answer["application"]) == ("2026-12-04", "2026-12-08", "call")


def test_the_human_view_says_a_touch_came_from_them() -> None:
    app_id = applied_wednesday_with_phone()

    out = run("log-call", str(app_id), "--inbound", "--via", "email", "--on", "2026-11-24").stdout

    assert out.splitlines()[0] == "Logged an email from them on Tue 24 Nov (touch 1)."


def test_a_date_agreed_on_the_call_opens_a_window_from_that_date() -> None:
    app_id = applied_wednesday_with_phone()

    logged = log(app_id, "--follow-up-on", "Dec 3", "--note", "call back after the 3rd")

    assert logged["application"]["next_contact"] == {
        "earliest": "2026-12-03",
        "latest": "2026-12-07",
        "action": "call",
        "reason": "agreed during your call on 2026-11-26 (touch #1): follow up from 2026-12-03",
    }
    touch = show(app_id)["touches"][0]
    assert (touch["follow_up_on"], touch["note"]) == ("2026-12-03", "call back after the 3rd")


def test_a_date_they_proposed_is_read_forward_and_kept_to_business_days() -> None:
    app_id = applied_wednesday_with_phone()

    logged = log(app_id, "--inbound", "--follow-up-on", "next tuesday")

    assert logged["application"]["next_contact"] == {
        "earliest": "2026-12-01",
        "latest": "2026-12-04",
        "action": "call",
        "reason": "agreed when they got in touch (call) on 2026-11-26 (touch #1): "
        "follow up from 2026-12-01",
    }


def test_a_backdated_touch_re_judges_the_touches_after_it() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id)

    backdated = log(app_id, "--on", "2026-11-24")

    assert backdated["flags"] == []
    assert [(t["on"], t["flags"]) for t in show(app_id)["touches"]] == [
        ("2026-11-26", ["repeat"]),
        ("2026-11-24", []),
    ]


def test_log_call_reads_a_bare_weekday_as_the_last_one() -> None:
    app_id = applied_wednesday_with_phone()

    logged = log(app_id, "--on", "monday")

    assert logged["touch"]["on"] == "2026-11-23"
    assert set(logged["touch"]) == LOGGED_TOUCH_KEYS


def test_their_touches_are_never_flagged() -> None:
    app_id = applied_wednesday_with_phone()
    for day in ("2026-11-24", "2026-11-25", "2026-11-26"):
        assert log(app_id, "--inbound", "--on", day)["flags"] == []


# --- do not call ---------------------------------------------------------------------------


def _do_not_call(*options: str) -> int:
    return int(add("Initech", "Tester", "--applied", "2026-11-18", "--do-not-call", *options)["id"])


def test_a_do_not_call_posting_has_no_follow_up_before_an_interview() -> None:
    app = add(
        "Initech", "Tester", "--applied", "2026-11-18", "--do-not-call", "--phone", "555-0100"
    )

    assert app["do_not_call"] is True
    assert app["next_contact"] is None
    assert app["waiting"] == NO_FOLLOW_UP_WITHOUT_CALLS
    assert due_items() == []


@pytest.mark.parametrize("via", ["call", "voicemail", "no-answer"])
def test_phoning_a_do_not_call_posting_is_flagged(via: str) -> None:
    app_id = _do_not_call("--phone", "555-0100")

    data, stderr = log_warned(app_id, "--via", via)

    assert data["flags"] == ["do-not-call"]
    assert stderr == (
        "Warning: that was over-contact.\n"
        f"  do-not-call: {via} on 2026-11-26: the posting asked candidates not to call; "
        "write instead, or wait for them\n"
    )


def test_an_email_to_a_do_not_call_posting_is_not_a_do_not_call_flag() -> None:
    app_id = _do_not_call("--email", "jobs@initech.example")

    assert "do-not-call" not in log(app_id, "--via", "email")["flags"]


def test_after_they_get_in_touch_a_do_not_call_application_no_longer_says_to_wait_for_them() -> (
    None
):
    app_id = _do_not_call("--phone", "555-0100")

    logged = log(app_id, "--inbound", "--via", "email")

    assert "wait for them to get in touch" not in logged["application"]["waiting"]


def test_an_agreed_date_on_a_do_not_call_application_asks_for_an_email_not_a_phone() -> None:
    app_id = _do_not_call("--phone", "555-0100")

    logged = log(app_id, "--inbound", "--follow-up-on", "2026-12-03")

    assert logged["application"]["next_contact"] is None
    assert logged["application"]["waiting"] == (
        "the posting asked candidates not to call and there is no email on file: "
        "add one with followup edit APP_ID --email ADDRESS"
    )


def test_an_agreed_date_on_a_do_not_call_application_is_followed_up_by_email() -> None:
    app_id = _do_not_call("--phone", "555-0100", "--email", "jobs@initech.example")

    logged = log(app_id, "--inbound", "--follow-up-on", "2026-12-03")

    assert window(logged["application"]) == ("2026-12-03", "2026-12-07", "email")


# --- closed applications -------------------------------------------------------------------


def test_thanking_them_after_a_rejection_is_recorded_and_not_flagged() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-24")
    run_json("close", str(app_id), "--outcome", "rejected", "--on", "2026-11-25")

    logged = log(app_id, "--via", "email", "--on", "2026-11-25")

    assert logged["flags"] == []
    assert logged["application"]["stage"] == "closed"
    assert len(show(app_id)["touches"]) == 2


def test_after_closing_only_stalking_is_flagged() -> None:
    app_id = applied_wednesday_with_phone()
    log(app_id, "--on", "2026-11-24")
    run_json("close", str(app_id), "--outcome", "rejected", "--on", "2026-11-25")
    log(app_id, "--via", "email", "--on", "2026-11-25")

    logged = log(app_id, "--via", "email")

    assert logged["flags"] == ["stalker"]


def test_a_backdated_call_warns_that_it_turns_a_later_call_into_a_repeat() -> None:
    app_id = run_json("add", "Acme", "Analyst", "--applied", "2026-11-02", "--phone", "555")["id"]
    run("log-call", str(app_id), "--on", "2026-11-09")

    result = run("log-call", str(app_id), "--on", "2026-11-06", "--json")

    data = json.loads(result.stdout)
    assert [(r["touch_id"], r["kind"], r["on"]) for r in data["rejudged"]] == [
        (1, "repeat", "2026-11-09")
    ]
    assert "Warning: with this earlier date, later contacts now count as:" in result.stderr
    assert "  touch 1, repeat: call on 2026-11-09 after your one follow-up on 2026-11-06" in (
        result.stderr
    )


def test_a_call_in_order_re_judges_nothing() -> None:
    app_id = run_json("add", "Acme", "Analyst", "--applied", "2026-11-02", "--phone", "555")["id"]
    run("log-call", str(app_id), "--on", "2026-11-09")

    assert run_json("log-call", str(app_id), "--on", "2026-11-10")["rejudged"] == []
