"""Cells a person merges in Google Sheets are read and written as the workbook does them.

README (the workbook): «A merged cell counts for every row it covers». In Google a person who
merges the Ansvar cells of two measures that both show «PSU» (to make the sheet easier to
read) sees «PSU» over both rows; Google keeps the value in the top-left cell only, and the
values API reads the other as empty. The sync took that for the person emptying the second
measure's Ansvar, and removed its responsible body in Planlogg.

The backend reads the tab's merged ranges (`merges`) and gives every cell of a range the
range's value, on the rows that hold something else (`sync.xlsx_limits.read_cells`). When
Planlogg must write into a range (the measures' values diverge) or delete one of its rows,
the range is unmerged and each of its cells given the range's value first, as the workbook
does (`sync.workbook._split_merged`): no row loses what it showed."""

from __future__ import annotations

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.layout import Layout
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB

LAYOUT = Layout.for_years((2024, 2025))
RESPONSIBLE = LAYOUT.index("Ansvar") + 1
OWN = len(LAYOUT.header) + 1
"""A column of the person's own, right of Planlogg's (1-based)."""


def _cells(column: int, first: int, last: int) -> str:
    return f"{rowcol_to_a1(first, column)}:{rowcol_to_a1(last, column)}"


@pytest.fixture
def backend(google_sheet: GoogleSheetBackend) -> GoogleSheetBackend:
    """`google_sheet`: the plan laid out and synced once."""
    return google_sheet


def _responsible(app: Planlogg, *numbers: int) -> list[tuple[str, ...]]:
    measures = app.get_plan(PLAN).measures
    return [measures[f"T00{n}"].responsible for n in numbers]


def _column(emulator: SheetsEmulator, backend: GoogleSheetBackend, column: int) -> list[str]:
    rows = emulator.cells(backend.spreadsheet_id, PLAN)
    return [row[column - 1] if column <= len(row) else "" for row in rows[1:]]


def _merges(emulator: SheetsEmulator, backend: GoogleSheetBackend) -> list[str]:
    sheet = emulator.spreadsheet(backend.spreadsheet_id).worksheet(PLAN)
    return [
        f"{rowcol_to_a1(m['startRowIndex'] + 1, m['startColumnIndex'] + 1)}:"
        f"{rowcol_to_a1(m['endRowIndex'], m['endColumnIndex'])}"
        for m in sheet.merges
    ]


def test_merging_two_equal_ansvar_cells_keeps_both_measures_bodies(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    sid = backend.spreadsheet_id
    top, bottom = rowcol_to_a1(2, RESPONSIBLE), rowcol_to_a1(3, RESPONSIBLE)
    emulator.gspread_client().open_by_key(sid).worksheet(PLAN).merge_cells(f"{top}:{bottom}")
    assert [row[RESPONSIBLE - 1] for row in emulator.cells(sid, PLAN)[1:3]] == ["PSU", ""]

    sheet_sync.cycle(backend, PLAN)

    measures = plan_app.get_plan(PLAN).measures
    assert [measures[m].responsible for m in ("T001", "T002")] == [("PSU",), ("PSU",)]


def test_a_merged_range_reads_as_its_value_on_every_row_cycle_after_cycle(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    emulator.user_merge_cells(backend.spreadsheet_id, PLAN, _cells(RESPONSIBLE, 2, 4))
    assert _column(emulator, backend, RESPONSIBLE) == ["PSU", "", "", "PSU", "PSU", "PSU"]

    reports = [sheet_sync.cycle(backend, PLAN) for _ in range(3)]

    assert [(r.applied, r.written, r.rejected) for r in reports] == [(0, 0, 0)] * 3
    assert _responsible(plan_app, 1, 2, 3, 4) == [("PSU",)] * 4
    assert _merges(emulator, backend) == [_cells(RESPONSIBLE, 2, 4)]


def test_merging_over_another_value_gives_the_covered_measure_the_value_shown(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    """Google keeps the top-left value, and shows it over both rows: as the workbook reads a
    merged range, the second measure's Ansvar is then «PSU»."""
    plan_app.assign_responsible(PLAN, "T002", ["ASU"], WEB)
    sheet_sync.cycle(backend, PLAN)
    emulator.user_merge_cells(backend.spreadsheet_id, PLAN, _cells(RESPONSIBLE, 2, 3))

    report = sheet_sync.cycle(backend, PLAN)

    assert report.applied == 1
    assert _responsible(plan_app, 1, 2) == [("PSU",), ("PSU",)]


def test_writing_into_a_merged_range_unmerges_it_and_keeps_every_rows_value(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    emulator.user_merge_cells(backend.spreadsheet_id, PLAN, _cells(RESPONSIBLE, 2, 4))
    sheet_sync.cycle(backend, PLAN)
    plan_app.assign_responsible(PLAN, "T002", ["ASU"], WEB)

    sheet_sync.cycle(backend, PLAN)

    assert sheet_sync.cycle(backend, PLAN).applied == 0
    assert _column(emulator, backend, RESPONSIBLE)[:3] == ["PSU", "ASU", "PSU"]
    assert _merges(emulator, backend) == []
    assert _responsible(plan_app, 1, 2, 3) == [("PSU",), ("ASU",), ("PSU",)]


def test_writing_the_top_left_cell_unmerges_the_range_so_the_rows_below_keep_theirs(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    """Google shows the top-left value over the whole range: written there alone, «ASU»
    would be read as every covered measure's Ansvar in the next cycle."""
    emulator.user_merge_cells(backend.spreadsheet_id, PLAN, _cells(RESPONSIBLE, 2, 4))
    sheet_sync.cycle(backend, PLAN)
    plan_app.assign_responsible(PLAN, "T001", ["ASU"], WEB)

    sheet_sync.cycle(backend, PLAN)

    assert sheet_sync.cycle(backend, PLAN).applied == 0
    assert _column(emulator, backend, RESPONSIBLE)[:3] == ["ASU", "PSU", "PSU"]
    assert _merges(emulator, backend) == []
    assert _responsible(plan_app, 1, 2, 3) == [("ASU",), ("PSU",), ("PSU",)]


def test_deleting_a_row_unmerges_its_ranges_and_the_ranges_below_move_up(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    """Google shrinks a range a row of it is deleted from, and the top-left value goes with
    the top row: the measure below would read as having no Ansvar."""
    sid = backend.spreadsheet_id
    emulator.user_insert_columns(sid, PLAN, OWN - 1)
    emulator.user_edit(
        sid,
        PLAN,
        {rowcol_to_a1(1, OWN): "Notat", rowcol_to_a1(4, OWN): "Felles for 1.1.3 og 1.2.4"},
    )
    emulator.user_merge_cells(sid, PLAN, _cells(RESPONSIBLE, 2, 3))
    emulator.user_merge_cells(sid, PLAN, _cells(OWN, 4, 5))
    sheet_sync.cycle(backend, PLAN)
    plan_app.remove_measure(PLAN, "T001", WEB)

    sheet_sync.cycle(backend, PLAN)

    assert sheet_sync.cycle(backend, PLAN).applied == 0
    assert [row[0] for row in emulator.cells(sid, PLAN)[1:4]] == ["T002", "T003", "T004"]
    assert _merges(emulator, backend) == [_cells(OWN, 3, 4)]
    assert _column(emulator, backend, RESPONSIBLE)[0] == "PSU"
    assert _column(emulator, backend, OWN)[1:3] == ["Felles for 1.1.3 og 1.2.4", ""]
    assert _responsible(plan_app, 2) == [("PSU",)]


def test_a_merged_range_past_the_last_row_leaves_the_rows_below_blank(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    """The rows a range covers below the last measure are not measures. A range that covers
    only empty cells empties nothing: it is found when the tabs are listed (a backend's
    first read, here the sync started again)."""
    emulator.user_merge_cells(backend.spreadsheet_id, PLAN, _cells(RESPONSIBLE, 7, 9))
    started_again = GoogleSheetBackend(emulator.gspread_client(), backend.spreadsheet_id, PLAN)

    report = sheet_sync.cycle(started_again, PLAN)

    assert (report.rows_read, report.rejected) == (6, 0)
    plan_app.assign_responsible(PLAN, "T006", ["ASU"], WEB)
    assert sheet_sync.cycle(started_again, PLAN).rejected == 0
    assert _column(emulator, backend, RESPONSIBLE)[4:] == ["PSU", "ASU"]
    assert _merges(emulator, backend) == []
    assert sorted(plan_app.get_plan(PLAN).measures) == [f"T00{n}" for n in range(1, 7)]


def test_a_range_unmerged_again_reads_as_google_shows_it_then(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    """Unmerged, the covered cell is empty in Google, and shows empty: the merges are read
    afresh each cycle while the tab has some, so the sync reads what the person sees."""
    emulator.user_merge_cells(backend.spreadsheet_id, PLAN, _cells(RESPONSIBLE, 2, 3))
    sheet_sync.cycle(backend, PLAN)
    emulator.user_unmerge_cells(backend.spreadsheet_id, PLAN, _cells(RESPONSIBLE, 2, 3))

    report = sheet_sync.cycle(backend, PLAN)

    assert report.applied == 1
    assert _responsible(plan_app, 1, 2) == [("PSU",), ()]


def test_the_merges_cost_a_request_only_when_they_may_matter(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, backend: GoogleSheetBackend
) -> None:
    """A tab without merged cells costs what it did: 1 request when nothing changed. The
    merges are read (1 request) while the tab has some, and in a cycle where a measure's cell
    that showed text reads empty (what a merge does to the cells it covers)."""
    sid = backend.spreadsheet_id
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)
    assert emulator.request_count() == 1

    emulator.user_merge_cells(sid, PLAN, _cells(RESPONSIBLE, 2, 3))
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)
    assert _merge_reads(emulator) == 1
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)
    assert emulator.request_count() == 2

    emulator.user_unmerge_cells(sid, PLAN, _cells(RESPONSIBLE, 2, 3))
    emulator.user_edit(sid, PLAN, {rowcol_to_a1(3, RESPONSIBLE): "PSU"})
    sheet_sync.cycle(backend, PLAN)
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)
    assert emulator.request_count() == 1

    emulator.user_edit(sid, PLAN, {rowcol_to_a1(4, RESPONSIBLE): "ASU"})
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)
    assert _merge_reads(emulator) == 0

    emulator.user_edit(sid, PLAN, {rowcol_to_a1(5, RESPONSIBLE): ""})
    emulator.reset_requests()
    sheet_sync.cycle(backend, PLAN)
    assert _merge_reads(emulator) == 1
    assert _responsible(plan_app, 3, 4) == [("ASU",), ()]


def _merge_reads(emulator: SheetsEmulator) -> int:
    """The spreadsheets.get requests that asked for one tab's merged ranges."""
    return sum(
        1
        for r in emulator.requests
        if "ranges" in r.query and any("merges" in f for f in r.query.get("fields", []))
    )
