"""How a Google spreadsheet Planlogg lays out looks to a person who opens it.

Every column was Google's 100 px without wrap (Tiltak holds up to 685 characters), and
Oversikt's labels were cut off, where the local workbook gives a new tab widths for what its
columns hold (`sync.layout.column_width`, `sync.tabs.TAB_WIDTHS`). The widths and wrap ride
in the batches that lay the tab out or add it (no request more), and only a new tab gets
them: widths people set stay theirs. Read back through gspread, as a person's browser would."""

from __future__ import annotations

import json
from typing import Any

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import DECISIONS_TAB, OVERVIEW_TAB, Layout
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN

HEADER = list(Layout.for_years((2024, 2025)).headings)


def _backend(emu: SheetsEmulator, sid: str) -> GoogleSheetBackend:
    return GoogleSheetBackend(emu.gspread_client(http_client=BoundedRetryClient), sid, PLAN)


@pytest.fixture
def synced(plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator) -> str:
    """A new spreadsheet laid out and synced once; its ID."""
    sid = emulator.create_spreadsheet("Handlingsplan")
    backend = _backend(emulator, sid)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return sid


def _grid(emu: SheetsEmulator, sid: str, title: str) -> dict[str, Any]:
    """Tab `title`'s first two rows: each column's width and each cell's wrap, through gspread."""
    fields = (
        "sheets(data(columnMetadata.pixelSize,"
        "rowData.values.userEnteredFormat(wrapStrategy,verticalAlignment)))"
    )
    spreadsheet = emu.gspread_client().open_by_key(sid)
    cells = f"'{title}'!A1:{rowcol_to_a1(2, len(HEADER))}"
    meta = spreadsheet.fetch_sheet_metadata(params={"ranges": cells, "fields": fields})
    data: dict[str, Any] = meta["sheets"][0]["data"][0]
    return data


def _widths(emu: SheetsEmulator, sid: str, title: str) -> list[int]:
    return [c["pixelSize"] for c in _grid(emu, sid, title)["columnMetadata"]]


def _wraps(emu: SheetsEmulator, sid: str, title: str, row: int) -> list[str]:
    rows = _grid(emu, sid, title).get("rowData", [])
    cells = rows[row].get("values", []) if row < len(rows) else []
    return [c.get("userEnteredFormat", {}).get("wrapStrategy", "") for c in cells]


def test_a_new_plan_tab_has_wide_wrapped_text_columns_and_narrow_year_columns(
    emulator: SheetsEmulator, synced: str
) -> None:
    widths = dict(zip(HEADER, _widths(emulator, synced, PLAN), strict=True))
    assert [widths[h] for h in ("Tiltak", "Mål", "Ansvar", "Melding", "2024", "Status")] == [
        420,
        280,
        168,
        280,
        56,
        70,
    ]
    wraps = dict(zip(HEADER, _wraps(emulator, synced, PLAN, 1), strict=True))
    assert [wraps[h] for h in ("Tiltak", "Mål", "Melding", "2024", "Status", "ID")] == [
        "WRAP",
        "WRAP",
        "WRAP",
        "",
        "",
        "",
    ]


def test_new_oversikt_and_vedtak_are_wide_enough_for_their_labels(
    emulator: SheetsEmulator, synced: str
) -> None:
    assert _widths(emulator, synced, OVERVIEW_TAB)[:7] == [252, 98, 70, 70, 70, 112, 100]
    assert _widths(emulator, synced, DECISIONS_TAB)[:5] == [126, 84, 224, 112, 100]


def test_the_widths_ride_in_the_batches_that_lay_the_tabs_out(
    plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    lay_out(plan_app, _backend(emulator, sid), PLAN)
    batches = [
        {kind for r in json.loads(r.body or b"{}")["requests"] for kind in r}
        for r in emulator.requests
        if r.path.endswith(f"{sid}:batchUpdate")
    ]
    assert len(emulator.requests) == 7  # as many as before the widths
    assert [("updateDimensionProperties" in b, "repeatCell" in b) for b in batches] == [
        (True, True),  # Oversikt and Vedtak, with the tabs added: widths, wrap, alignment
        (True, True),  # the plan tab, with its dropdowns, colours and protection
    ]
    assert {"addSheet", "setDataValidation"} & batches[0] == {"addSheet"}
    assert {"addSheet", "setDataValidation"} & batches[1] == {"setDataValidation"}


def test_widths_people_set_on_a_plan_tab_planlogg_finds_are_kept(
    plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    """A tab of the plan's title with its header typed, which Planlogg lays out (its
    dropdowns and protections) as its own: its columns are as people made them."""
    sid = emulator.create_spreadsheet("Handlingsplan")
    emulator.user_add_sheet(sid, PLAN, {rowcol_to_a1(1, i + 1): h for i, h in enumerate(HEADER)})
    tiltak = HEADER.index("Tiltak")
    emulator.user_resize_column(sid, PLAN, tiltak, 150)
    lay_out(plan_app, _backend(emulator, sid), PLAN)
    widths = _widths(emulator, sid, PLAN)
    assert (widths[tiltak], widths[HEADER.index("Mål")]) == (150, 100)
    assert emulator.spreadsheet(sid).sheet_by_title(PLAN).protected_ranges  # laid out
    assert not any(_wraps(emulator, sid, PLAN, 0) + _wraps(emulator, sid, PLAN, 1))


def test_widths_people_set_on_oversikt_stay_when_planlogg_starts_again(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, synced: str
) -> None:
    emulator.user_resize_column(synced, OVERVIEW_TAB, 0, 400)
    backend = _backend(emulator, synced)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    assert _widths(emulator, synced, OVERVIEW_TAB)[:2] == [400, 98]


def test_a_deleted_vedtak_added_again_gets_its_widths(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator, synced: str
) -> None:
    emulator.user_delete_sheet(synced, DECISIONS_TAB)
    backend = _backend(emulator, synced)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    assert _widths(emulator, synced, DECISIONS_TAB)[:4] == [126, 84, 224, 112]


def _aligned(emu: SheetsEmulator, sid: str, title: str, row: int) -> list[str]:
    rows = _grid(emu, sid, title).get("rowData", [])
    cells = rows[row].get("values", []) if row < len(rows) else []
    return [c.get("userEnteredFormat", {}).get("verticalAlignment", "") for c in cells]


def test_every_cell_of_a_new_plan_tab_sits_at_the_top_of_its_row(
    emulator: SheetsEmulator, synced: str
) -> None:
    """Google puts text at the foot of a row: a short cell («x», a status, an ID) of a tall
    row sat just above the next measure's text."""
    aligned = _aligned(emulator, synced, PLAN, 1)
    assert (len(aligned), set(aligned)) == (len(HEADER), {"TOP"})


def test_oversikts_area_names_wrap_at_the_top_of_their_rows(
    emulator: SheetsEmulator, synced: str
) -> None:
    assert (
        _wraps(emulator, synced, OVERVIEW_TAB, 1)[:2],
        _aligned(emulator, synced, OVERVIEW_TAB, 1)[:2],
    ) == (
        ["WRAP", ""],
        ["TOP", "TOP"],
    )
