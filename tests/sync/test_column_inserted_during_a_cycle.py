"""A column a person inserts while a cycle runs does not shift what the cycle writes.

`SheetBackend.write` re-reads the sheet and skips what changed since the read
(`sync.backend.still_valid`), so a person working during a cycle is never overwritten. A
column inserted left of Planlogg's columns after the read moves every column one place right;
a new measure's row (every cell of it expected empty) would be written one column to the left
of its headers. The header is checked too: the cycle leaves the plan tab to the next one,
which writes the row under its headers, with nothing refused."""

from __future__ import annotations

from typing import Any

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB


def test_a_column_inserted_before_the_write_does_not_shift_a_new_measures_row(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    emulator: SheetsEmulator,
    google_sheet: GoogleSheetBackend,
) -> None:
    backend, sid = google_sheet, google_sheet.spreadsheet_id
    plan_app.add_measure(PLAN, "1.2.7", "Tiltak nummer 7", WEB, responsible=["PSU"])
    write = backend.write

    def insert_meanwhile(writes: Any) -> Any:
        """After the cycle read the sheet, a person inserts a column «Notat» at A."""
        emulator.user_insert_columns(sid, PLAN, 0)
        emulator.user_edit(sid, PLAN, {"A1": "Notat"})
        return write(writes)

    backend.write = insert_meanwhile  # type: ignore[method-assign]
    sheet_sync.cycle(backend, PLAN)
    backend.write = write  # type: ignore[method-assign]
    report = sheet_sync.cycle(backend, PLAN)

    row = emulator.cells(sid, PLAN)[7]
    assert row[:6] == [
        "",
        "T007",
        "1.2.7",
        "1 Samhandling",
        "1.2 Felles kompetanse",
        "Tiltak nummer 7",
    ]
    assert report.rejected == 0
