"""`SheetWrites.rest`: the writes not yet sent, checked against the plan tab read again
after part of them was written (a backend that had to wait between requests). What the
cycle wrote itself is no change of a person's; what a person typed is."""

from __future__ import annotations

import pytest

from sync.backend import CellWrite, SheetSnapshot, SheetWrites, still_valid

HEADER = ["ID", "Nr", "Tiltak"]
ROWS = [["T001", "1.1", "Første"], ["T002", "1.2", "Andre"]]
NEW_ID = CellWrite(4, 0, "T003", "")
NEW_TEXT = CellWrite(4, 2, "Tredje", "")
REWORDED = CellWrite(2, 2, "Første, endra", "Første")


def _writes() -> SheetWrites:
    """A measure reworded in row 2, row 3 to delete, a new measure written into row 4."""
    writes = SheetWrites(
        cells=[REWORDED, NEW_ID, NEW_TEXT],
        delete_rows=[3],
        row_ids={2: "T001", 3: "T002", 4: ""},
        tabs={"Oversikt": [["Status"]]},
    )
    writes.remember_read(SheetSnapshot(header=list(HEADER), rows=[list(r) for r in ROWS]))
    return writes


def _grid(row_4: list[str], row_3: list[str] = ROWS[1]) -> list[list[str]]:
    return [HEADER, ROWS[0], row_3, row_4]


def test_a_row_given_its_id_by_the_part_sent_takes_the_rest() -> None:
    rest = _writes().rest([NEW_ID], [REWORDED, NEW_TEXT], [3])
    valid = still_valid(rest, _grid(["T003", "", ""]))
    assert (valid.cells, valid.delete_rows) == ([REWORDED, NEW_TEXT], [3])
    assert valid.tabs == {}


def test_a_row_read_empty_shows_the_part_sent_in_it() -> None:
    rest = _writes().rest([NEW_TEXT], [NEW_ID], [])
    assert still_valid(rest, _grid(["", "", "Tredje"])).cells == [NEW_ID]


@pytest.mark.parametrize(
    ("row_4", "row_3", "cells", "deleted"),
    [
        pytest.param(["T003", "", "Mitt"], ROWS[1], [REWORDED], [3], id="typed-in-the-new-row"),
        pytest.param(
            ["T003", "", ""],
            [*ROWS[1], "Merknad"],
            [REWORDED, NEW_TEXT],
            [],
            id="typed-in-the-row-to-delete",
        ),
    ],
)
def test_what_a_person_typed_since_holds_back_what_it_touches(
    row_4: list[str], row_3: list[str], cells: list[CellWrite], deleted: list[int]
) -> None:
    rest = _writes().rest([NEW_ID], [REWORDED, NEW_TEXT], [3])
    valid = still_valid(rest, _grid(row_4, row_3))
    assert (valid.cells, valid.delete_rows) == (cells, deleted)
