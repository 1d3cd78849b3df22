"""Python's cyclic garbage collector held off while many parsed objects are alive, run afterwards.

Reading a federation's report or a batch of files keeps thousands of documents alive until the
work is done; each pass of the collector walks them all again (a fifth of reading a report of
100 000 organizations, a tenth of an import). The readers make no reference cycles of their own, so
reference counting frees what they drop and memory stays the same; whatever cycles there are, the
collector takes when it is resumed. Nothing is paused when the collector was off already (a caller
up the stack paused it), and nothing is resumed then either.

A result a window keeps for as long as it is open (the contest's 100 000 entrants) is then set aside with
:func:`kept_out`: otherwise the collector's next full pass would walk it all, every thread — the UI thread too —
stopped meanwhile (3.8 s at 100 000 organizations).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class CollectorPause:
    """``pause()`` and ``resume()`` around each step of a longer work (the import pauses it per batch)."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        if not self.paused and gc.isenabled():
            gc.disable()
            self.paused = True

    def resume(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block (also when the block raises), as it was after it."""
    pause = CollectorPause()
    pause.pause()
    try:
        yield
    finally:
        pause.resume()


def kept_out(value: T) -> T:
    """``value`` — and whatever else is alive now — out of the collector's full passes (``gc.freeze``), as the
    main window does with what it loaded at start. For results made of plain values and tuples (no reference
    cycles): reference counting still frees them when they are dropped."""
    gc.freeze()
    return value
