"""A big sheet's phone numbers are checked on two cores (issue 17): the same answers, and
the same refusal of the same row, as when each row checks its own number."""

from __future__ import annotations

from datetime import date

import pytest

from followup.domain.contact_details import checked_phones
from followup.errors import BadInput
from followup.formats.spreadsheet import read_sheet
from followup.services.cores import TWO_CORES_FROM, phones_on_two_cores

TODAY = date(2026, 11, 26)


def _numbers(count: int) -> list[str]:
    # Real numbers, fictional ones (kept as typed without a region), local ones.
    shapes = ("+1 650 253 {:04d}", "+1 555 {:07d}", "+44 20 7946 {:04d}", "(650) 253-{:04d}")
    return [shapes[n % 4].format(n // 4 % 10_000) for n in range(count)]


@pytest.mark.parametrize("region", [None, "US"])
def test_two_cores_give_the_answers_one_gives(region: str | None) -> None:
    texts = _numbers(TWO_CORES_FROM + 1_000)
    found = phones_on_two_cores(texts, region)
    assert found == checked_phones(texts, region)
    # In the US, the fictional +1 555 numbers are refused: left for their rows to refuse.
    assert len(found) < len(texts) if region else len(found) == len(texts)


def _sheet(phones: list[str]) -> str:
    rows = [f"Co {n},Engineer,2026-11-{n % 20 + 1:02d},{phone}" for n, phone in enumerate(phones)]
    return "company,role,applied,phone\n" + "\n".join(rows) + "\n"


@pytest.mark.parametrize("region", [None, "US"])
def test_a_sheet_read_with_two_cores_is_the_sheet_read_with_one(region: str | None) -> None:
    text = _sheet(_numbers(TWO_CORES_FROM + 2_000))
    one = _read(text, region, two=False)
    assert _read(text, region, two=True) == one
    if region is None:
        assert isinstance(one, tuple)
        assert [row.contact.phone for row in one[:2]] == ["+16502530000", "+1 555 0000000"]
    else:
        assert one == (
            "row 3: '+1 555 0000000' is not a phone number: no number in US looks like it "
            "(check the digits, or write it with +country code) (and 1749 more rows with "
            "problems); nothing was imported"
        )


def _read(text: str, region: str | None, *, two: bool) -> object:
    try:
        check = phones_on_two_cores if two else None
        return read_sheet(text, TODAY, phone_region=region, check_phones=check).rows
    except BadInput as exc:
        return exc.message
