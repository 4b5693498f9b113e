"""The history columns of a spreadsheet: which touch and interview are the last, and that
reading them back gives the same events (formats/sheet_history.py)."""

from __future__ import annotations

from datetime import date

import pytest

from followup.domain.models import (
    Application,
    Channel,
    History,
    Interview,
    InterviewKind,
    Touch,
    Via,
)
from followup.formats.sheet_history import (
    EXPORT_HISTORY_COLUMNS,
    IMPORTED_TOUCH_NOTE,
    HistoryField,
    history_cells,
    read_history,
)

TODAY = date(2026, 11, 26)
APP = Application(id=1, company="Acme", role="Analyst", applied_on=date(2026, 11, 2))


def _touch(id_: int, on: str, via: Via = Via.CALL, inbound: bool = False) -> Touch:
    return Touch(id_, 1, date.fromisoformat(on), via, inbound)


def _interview(id_: int, on: str, prefers: Channel | None = None) -> Interview:
    day = date.fromisoformat(on)
    return Interview(id_, 1, day, day, InterviewKind.FIRST, prefers=prefers)


@pytest.mark.parametrize(
    ("touches", "interviews", "last_touch", "last_interview", "prefers"),
    [
        ((), (), None, None, None),
        # The same day: the later entry is the last.
        ((_touch(1, "2026-11-10"), _touch(2, "2026-11-10", Via.EMAIL)), (), 2, None, None),
        # Dates, not entry order, decide.
        ((_touch(3, "2026-11-09"), _touch(4, "2026-11-20")), (), 4, None, None),
        # The channel asked for at an earlier interview stays in force.
        (
            (),
            (_interview(1, "2026-11-12", Channel.EMAIL), _interview(2, "2026-11-19")),
            None,
            2,
            "email",
        ),
    ],
    ids=["nothing", "same day", "dates decide", "earlier preference"],
)
def test_the_last_touch_and_interview_are_the_ones_the_rules_read_last(
    touches: tuple[Touch, ...],
    interviews: tuple[Interview, ...],
    last_touch: int | None,
    last_interview: int | None,
    prefers: str | None,
) -> None:
    cells = dict(
        zip(EXPORT_HISTORY_COLUMNS, history_cells(History(APP, touches, interviews)), strict=True)
    )
    touch = next((t for t in touches if t.id == last_touch), None)
    interview = next((i for i in interviews if i.id == last_interview), None)
    assert cells["last touch"] == (touch.on if touch else None)
    assert cells["last touch via"] == (touch.via.value if touch else None)
    assert cells["last interview"] == (interview.on if interview else None)
    assert cells["prefers"] == prefers


def test_cells_read_back_give_the_same_touch_and_interview() -> None:
    touch = Touch(7, 1, date(2026, 11, 20), Via.VOICEMAIL, True, date(2026, 12, 1))
    interview = Interview(
        3,
        1,
        date(2026, 11, 18),
        date(2026, 11, 18),
        InterviewKind.SECOND,
        (),
        "panel",
        "by Dec 18",
        Channel.CALL,
        date(2026, 11, 30),
    )
    cells = history_cells(History(APP, (touch,), (interview,)))
    # The columns are in the order of the fields.
    by_field = dict(zip(HistoryField, cells, strict=True))

    def cell(field: HistoryField) -> str | None:
        value = by_field.get(field)
        return None if value is None else str(value)

    def read_date(text: str, what: str, past: bool) -> date:
        return date.fromisoformat(text)

    read = read_history(cell, read_date, APP.applied_on, TODAY)
    new_touch, new_interview = read.events(9)

    assert new_touch == Touch(
        0, 9, touch.on, touch.via, touch.inbound, touch.follow_up_on, IMPORTED_TOUCH_NOTE
    )
    assert new_interview == Interview(
        0,
        9,
        interview.on,
        interview.on,
        interview.kind,
        (),
        interview.next_steps,
        interview.timeline,
        interview.prefers,
        interview.follow_up_on,
    )
