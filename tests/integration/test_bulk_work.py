"""Bulk work pauses Python's cycle collector (issue 17) and always sets it going again."""

from __future__ import annotations

import gc

import pytest

from followup.services.exchange import without_cycle_collection


def test_the_collector_is_paused_inside_and_going_again_after_even_on_an_error() -> None:
    assert gc.isenabled()
    with without_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), without_cycle_collection():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_collector_paused_before_stays_paused() -> None:
    gc.disable()
    try:
        with without_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
