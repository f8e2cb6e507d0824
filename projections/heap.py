"""A long block's own objects (a sync cycle's, a rebuild's), kept apart from the process's
long-lived heap for the collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived_set_aside() -> Iterator[None]:
    """Keep Python's cyclic collector off the process's heap, and off the block, while it runs.

    For blocks that make no reference cycles of their own and allocate a great deal: a
    sync cycle, and a rebuild of the read models (which left no cyclic garbage at all,
    measured with `gc.collect` after one with the collector off).

    A cycle over a 10,000-row sheet keeps enough rows alive at once that they reach the
    oldest generation and set off a full collection, which walks the worker's whole heap
    (its plans, rendered rows and caches): 139 ms of a 725 ms cycle, measured, and more
    the larger the heap, so the cycle's cost grew faster than its sheet. `gc.freeze`
    moves what is alive now to the permanent generation; `gc.unfreeze` hands it back.
    Both splice lists, whatever the heap's size.

    That was not enough for the cycle's own objects: a workbook cycle over 10,000 rows
    holds some 200,000 cells, and each full collection during the cycle walked all of
    those made so far. Measured on 3 December (thread CPU, the collector timed by its own
    callbacks): 10-11 full collections and 820-980 ms of a 10,000-row cycle's 6 s, 1 and
    40-48 ms of a 1,000-row one's 0.6 s, twenty times the time for ten times the rows.
    So the collector is off for the block and back on at its end; what the cycle left
    as garbage is then still young, and the next young collection frees it in one pass.
    The cycle's peak of traced memory rose by 2.6 % (79 to 81 MiB at 10,000 rows), and
    it left 37 MiB less behind.

    A rebuild of 5,076 events on SQLite (4 December, thread CPU) ran 55-60 collections,
    sometimes one of them full: 6-40 ms of its 300-430 ms.

    Blocks in two threads may overlap: the first to end hands every object back and
    turns the collector on early, which costs the other time, never memory or
    correctness. A collector that was off before the block stays off.
    """
    was_on = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
        gc.unfreeze()
