"""What a cycle confirms in the baseline after its write (`sync.cycle._confirmed`)."""

from __future__ import annotations

from sync.backend import WriteResult
from sync.columns import Placement
from sync.cycle import _confirmed
from sync.merge import StoreView
from sync.writeplan import plan_writes
from tests.sync.test_merge import LAYOUT, measure


def test_a_new_rows_cell_withheld_from_the_write_stays_out_of_the_baseline() -> None:
    """A new measure's row is confirmed by its ID cell, but a cell of it that was withheld
    (a person typed there meanwhile) is not agreed: the next cycle sees a conflict rather
    than the person's text as an edit over the store's."""
    placement = Placement.canonical(LAYOUT)
    store = StoreView(rows={"T009": measure("1.1.9", "Nytt tiltak", "gul")})
    wplan = plan_writes(LAYOUT, placement, [], 1, store, {}, {}, [], {})
    tiltak = (2, placement.index("Tiltak"))
    planned = {(c.row, c.column) for c in wplan.writes.cells}
    assert tiltak in planned
    moves = _confirmed(wplan, WriteResult(written=planned - {tiltak}))
    expected = {c: t for c, t in store.rows["T009"].items() if c != "Tiltak"}
    assert moves == {"T009": expected}
