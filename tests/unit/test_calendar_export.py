"""The calendar file: which events, what they say, and RFC 5545 escaping and folding.

Every file is read back twice: by icalendar (which wrote it) and by vobject, an
independent parser, so the file is proven readable and not just self-consistent.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from followup.domain.models import (
    Application,
    ApplicationView,
    Contact,
    History,
    Interview,
    InterviewKind,
    Outcome,
)
from followup.domain.rules import assess
from followup.errors import BadInput
from followup.formats.calendar import calendar, clean, events, parse_alarm

TODAY = date(2026, 11, 26)
STAMP = datetime(2026, 11, 26, 7, 30, tzinfo=UTC)
CAL_ID = "0123456789abcdef"


def _view(app: Application, *interviews: Interview) -> ApplicationView:
    history = History(app, (), interviews)
    return ApplicationView(history, assess(history, TODAY))


def _app(app_id: int = 1, **fields: object) -> Application:
    base = Application(
        app_id, "Acme", "Data Analyst", date(2026, 11, 18), Contact("Jane Doe", "+1 555 0100")
    )
    return base._replace(**fields)


def _interview(interview_id: int, on: date, app_id: int = 1) -> Interview:
    return Interview(interview_id, app_id, on, date(2026, 11, 20), InterviewKind.FIRST, ("Raj",))


def test_an_open_window_is_one_all_day_event_from_earliest_to_latest() -> None:
    (event,) = events([_view(_app())], TODAY, CAL_ID)
    assert (event.first, event.last) == (date(2026, 11, 23), date(2026, 11, 27))
    assert event.summary == "Call Jane Doe (Acme, Data Analyst)"
    assert event.uid == f"followup-{CAL_ID}-application-1-follow-up"
    assert "followup show 1" in event.description
    assert "followup script 1" in event.description


def test_an_overdue_window_shows_today_so_that_it_is_seen() -> None:
    (event,) = events([_view(_app(applied_on=date(2026, 11, 2)))], TODAY, CAL_ID)
    assert (event.first, event.last) == (TODAY, TODAY)
    assert event.summary.startswith("Overdue: Call Jane Doe")
    assert "Window: 2026-11-09 to 2026-11-13" in event.description


def test_coming_interviews_are_events_and_past_ones_are_not() -> None:
    view = _view(_app(), _interview(1, date(2026, 11, 20)), _interview(2, date(2026, 12, 2)))
    found = events([view], TODAY, CAL_ID)
    interviews = [e for e in found if "interview" in e.categories]
    assert [e.uid for e in interviews] == [f"followup-{CAL_ID}-interview-2"]
    assert interviews[0].summary == "Interview (first): Acme, Data Analyst with Raj"
    assert "followup prep 1" in interviews[0].description


def test_closed_applications_and_ones_with_nothing_due_have_no_events() -> None:
    closed = _app(1, outcome=Outcome.REJECTED, closed_on=date(2026, 11, 24))
    no_contact = _app(2, contact=Contact())
    assert events([_view(closed), _view(no_contact)], TODAY, CAL_ID) == []


def test_events_come_in_date_order() -> None:
    views = [_view(_app(1, applied_on=date(2026, 11, 25))), _view(_app(2))]
    assert [e.first for e in events(views, TODAY, CAL_ID)] == [
        date(2026, 11, 23),
        date(2026, 11, 30),
    ]


def test_the_file_parses_in_both_libraries_with_the_alarm() -> None:
    data, count = calendar([_view(_app())], TODAY, CAL_ID, STAMP, time(9, 0))
    assert count == 1
    (event,) = Calendar.from_ical(data).events
    assert event.start == date(2026, 11, 23)
    assert event.end == date(2026, 11, 28)
    (alarm,) = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == timedelta(hours=9)
    other = vobject.readOne(data.decode())
    assert other.vevent.valarm.trigger.value == timedelta(hours=9)
    assert other.vevent.uid.value == f"followup-{CAL_ID}-application-1-follow-up"


def test_the_same_data_gives_the_same_file() -> None:
    views = [_view(_app(), _interview(3, date(2026, 12, 2)))]
    first = calendar(views, TODAY, CAL_ID, STAMP)
    assert calendar(views, TODAY, CAL_ID, STAMP) == first


@pytest.mark.parametrize(("text", "expected"), [("9:00", time(9)), ("17:30", time(17, 30))])
def test_alarm_times_read_on_a_24_hour_clock(text: str, expected: time) -> None:
    assert parse_alarm(text) == expected


@pytest.mark.parametrize("text", ["9", "24:00", "9:5", "9am", ""])
def test_other_alarm_times_are_refused(text: str) -> None:
    with pytest.raises(BadInput, match="use HH:MM on a 24-hour clock"):
        parse_alarm(text)


def test_control_characters_go_and_line_breaks_stay() -> None:
    assert clean("a\r\nb\rc\x00d\x07e\tf\x7f") == "a\nb\ncde\tf"


def test_backslash_n_becomes_the_line_break_the_library_makes_of_it() -> None:
    assert clean("C:\\New\\next") == "C:\new\\next"


# Anything a user may type, including line breaks, commas, semicolons, backslashes,
# colons, property names and characters several bytes long.
_user_text = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
        st.sampled_from(
            [
                "\n",
                "\r\n",
                ",",
                ";",
                "\\",
                ":",
                "ATTENDEE:",
                "END:VEVENT",
                "é",
                "😀",
                "\u2028",
                "\x85",
                "\x0b",
                "\\N",
                "N",
            ]
        ),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(company=_user_text, role=_user_text, contact=_user_text, note=_user_text)
def test_user_text_stays_inside_its_property_in_both_parsers(
    company: str, role: str, contact: str, note: str
) -> None:
    app = _app(
        company=company or "c",
        role=role or "r",
        contact=Contact(contact or None, "1"),
        note=note or None,
    )
    view = _view(app, _interview(1, date(2026, 12, 2)))
    data, count = calendar([view], TODAY, CAL_ID, STAMP, time(8, 15))
    expected = events([view], TODAY, CAL_ID)

    # Folded as RFC 5545 says: CRLF line ends, no line longer than 75 octets.
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert not any(b"\n" in line or b"\r" in line for line in lines)

    parsed = Calendar.from_ical(data).events
    other = vobject.readOne(data.decode()).vevent_list
    assert len(parsed) == len(other) == count == len(expected) == 2
    for mine, theirs, want in zip(parsed, other, expected, strict=True):
        assert str(mine["SUMMARY"]) == theirs.summary.value == clean(want.summary)
        assert str(mine["DESCRIPTION"]) == theirs.description.value == clean(want.description)
        assert set(theirs.contents) == {
            "summary",
            "dtstart",
            "dtend",
            "dtstamp",
            "uid",
            "categories",
            "description",
            "transp",
            "valarm",
        }
        assert theirs.uid.value == want.uid
