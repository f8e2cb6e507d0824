"""`still_valid` deletes a row only while it shows every cell as it was read: its ID alone
does not say that nobody typed in it during the cycle (a note in a column of their own, a
Tiltak written anew), and what they typed would go with the row."""

from __future__ import annotations

from sync.backend import SheetSnapshot, SheetWrites, still_valid

HEADER = ["ID", "Nr", "Tiltak"]
ROWS = [["T001", "1.1", "Første"], ["T002", "1.2", "Andre"], ["T003", "1.3", "Tredje"]]


def _writes() -> SheetWrites:
    writes = SheetWrites(delete_rows=[3], row_ids={3: "T002"})
    writes.remember_read(SheetSnapshot(header=HEADER, rows=ROWS))
    return writes


def _grid(*edits: tuple[int, int, str]) -> list[list[str]]:
    """The sheet read again, each row as wide as its cells: one typed far right widens it."""
    grid = [list(row) for row in [HEADER, *ROWS]]
    for row, column, text in edits:
        line = grid[row - 1]
        line.extend([""] * (column + 1 - len(line)))
        line[column] = text
    return grid


def test_the_row_to_delete_is_remembered_as_read() -> None:
    assert _writes().rows_read == {3: ("T002", "1.2", "Andre")}


def test_a_row_showing_what_was_read_is_deleted() -> None:
    grid = _grid()
    assert still_valid(_writes(), grid).delete_rows == [3]


def test_a_row_with_a_planlogg_cell_retyped_is_left_for_the_next_cycle() -> None:
    grid = _grid((3, 2, "Andre, held fram i 2025"))
    valid = still_valid(_writes(), grid)
    assert valid.delete_rows == []
    assert valid.row_ids == {3: "T002"}


def test_a_row_with_a_note_typed_past_the_columns_read_is_left_for_the_next_cycle() -> None:
    for column in (3, 40, 18277):
        grid = _grid((3, column, "Må drøftast i SSU først"))
        assert still_valid(_writes(), grid).delete_rows == []


def test_typing_in_another_row_keeps_the_deletion() -> None:
    grid = _grid((2, 3, "Notat"), (4, 2, "Tredje, endra"))
    assert still_valid(_writes(), grid).delete_rows == [3]


def test_a_row_whose_reading_was_not_recorded_is_checked_by_its_id() -> None:
    writes = SheetWrites(delete_rows=[3], row_ids={3: "T002"})
    grid = _grid((3, 2, "Andre, endra"))
    assert still_valid(writes, grid).delete_rows == [3]
    grid = _grid((3, 0, "T003"))
    assert still_valid(writes, grid).delete_rows == []
