"""Work that may use a second core: checking a big sheet's phone numbers (issue 17).

Only where it keeps the command what it is: one process owns the transaction, and a
helper process computes pure answers (``contact_details.checked_phones``) that the rows
then use as they would use their own.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Mapping

# Distinct phone numbers for phonenumbers from which checking them on a second core pays
# for starting it.
TWO_CORES_FROM = 5_000


def phones_on_two_cores(texts: list[str], region: str | None) -> Mapping[str, str]:
    """Check half of ``texts`` here and half in a forked process, at once: phonenumbers
    takes 20 to 40 µs a number, most of a big sheet's import (issue 17). The answers are
    ``checked_phones``' own; a number it refuses is left for its row to refuse in order.
    Fewer numbers, one core, or not Linux (fork is safe only there): none checked here."""
    from followup.domain.contact_details import checked_phones

    linux = sys.platform.startswith("linux")
    if len(texts) < TWO_CORES_FROM or (os.cpu_count() or 1) < 2 or not linux:
        return {}
    half = len(texts) // 2
    # Ctrl-C is the command's to answer ("nothing was saved"), not the helper's.
    context = multiprocessing.get_context("fork")
    with context.Pool(
        1, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN)
    ) as pool:
        theirs = pool.apply_async(checked_phones, (texts[half:], region))
        mine = checked_phones(texts[:half], region)
        return mine | theirs.get()
