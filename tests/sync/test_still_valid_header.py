"""`still_valid` writes nothing to the plan tab once its header shows otherwise than it was
read: every cell was placed by the columns that header had, and a column inserted, moved or
renamed during the cycle would put each of them in the wrong column. The other tabs are
written whole and are not placed by it."""

from __future__ import annotations

from sync.backend import CellWrite, NoteWrite, SheetSnapshot, SheetWrites, still_valid

HEADER = ["ID", "Nr", "Tiltak"]
ROWS = [["T001", "1.1", "Første"], ["T002", "1.2", "Andre"]]
OVERVIEW = {"Oversikt": [["Status", "Antall"], ["grønn", "2"]]}


def _writes() -> SheetWrites:
    writes = SheetWrites(
        cells=[CellWrite(2, 2, "Første, endret", "Første"), CellWrite(4, 0, "T003", "")],
        notes=[NoteWrite(2, 2, "Konflikt")],
        delete_rows=[3],
        row_ids={2: "T001", 3: "T002", 4: ""},
        tabs=OVERVIEW,
    )
    writes.remember_read(SheetSnapshot(header=list(HEADER), rows=[list(r) for r in ROWS]))
    return writes


def test_the_header_is_remembered_as_read_without_its_empty_cells_at_the_end() -> None:
    writes = SheetWrites()
    writes.remember_read(SheetSnapshot(header=["ID", "", "Tiltak", "", ""], rows=[]))
    assert writes.header_read == ("ID", "", "Tiltak")


def test_a_header_as_read_lets_every_write_through() -> None:
    valid = still_valid(_writes(), [[*HEADER, "", ""], *ROWS])
    assert [(c.row, c.column, c.text) for c in valid.cells] == [
        (2, 2, "Første, endret"),
        (4, 0, "T003"),
    ]
    assert [(n.row, n.text) for n in valid.notes] == [(2, "Konflikt")]
    assert valid.delete_rows == [3]
    assert valid.tabs == OVERVIEW


def test_a_column_inserted_before_the_write_drops_every_write_to_the_plan_tab() -> None:
    grid = [["Notat", *HEADER], *[["", *row] for row in ROWS]]
    valid = still_valid(_writes(), grid)
    assert (valid.cells, valid.notes, valid.delete_rows, valid.row_ids) == ([], [], [], {})
    assert valid.tabs == OVERVIEW
    assert valid.header_read == ("ID", "Nr", "Tiltak")


def test_a_heading_renamed_before_the_write_drops_every_write_to_the_plan_tab() -> None:
    valid = still_valid(_writes(), [["ID", "Nr", "Tiltak (ny tekst)"], *ROWS])
    assert (valid.cells, valid.notes, valid.delete_rows) == ([], [], [])


def test_writes_without_a_header_read_are_checked_row_by_row_as_before() -> None:
    writes = SheetWrites(cells=[CellWrite(2, 2, "Ny", "Første")], row_ids={2: "T001"})
    valid = still_valid(writes, [["Notat", *HEADER], ["T001", "1.1", "Første"]])
    assert [(c.row, c.text) for c in valid.cells] == [(2, "Ny")]
