"""The gspread backend against the local Google Sheets emulator (never a real Google host)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from gspread.utils import rowcol_to_a1

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend, create_spreadsheet
from sync.layout import Layout, SyncRefused
from sync.link import find_link
from sync.loop import lay_out
from tests.conftest import EventClock
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conftest import PLAN, WEB, make_plan

WAITS: list[float] = []


class QuickRetryClient(BoundedRetryClient):
    """Same policy, but waits are recorded instead of slept."""

    request_timeout = (2.0, 1.5)
    """Short enough to keep the timeout case quick, long enough for a loaded machine."""
    sleep = staticmethod(WAITS.append)


PATIENT = (5.0, 30.0)
"""For laying out, which formats thousands of rows: a machine busy with the rest of the suite
answered it past the quick read timeout (every test of the file erred, and later each test
that laid out again with the quick client, now and then)."""


def _backend(app: Planlogg, emu: SheetsEmulator) -> tuple[GoogleSheetBackend, str]:
    spreadsheet_id = emu.create_spreadsheet("Handlingsplan")
    backend = GoogleSheetBackend(
        emu.gspread_client(http_client=QuickRetryClient), spreadsheet_id, PLAN
    )
    backend.http.timeout = PATIENT
    lay_out(app, backend, PLAN)
    SheetSync(app, ReadModels.open(app)).cycle(backend, PLAN)
    backend.http.timeout = QuickRetryClient.request_timeout
    emu.reset_requests()
    WAITS.clear()
    return backend, spreadsheet_id


@pytest.fixture
def google(plan_app: Planlogg, emulator: SheetsEmulator) -> tuple[GoogleSheetBackend, str]:
    return _backend(plan_app, emulator)


@pytest.fixture
def big_app(memory_app: Planlogg) -> Planlogg:
    """A plan of 200 measures."""
    make_plan(memory_app, measures=0)
    by = Provenance("Sekretariatet", Source.CLI)
    memory_app.change_plan(
        PLAN,
        lambda plan: [
            plan.add_measure(
                f"1.{1 + n // 100}.{n % 100 + 1}", f"Tiltak {n}", by, responsible=["PSU"]
            )
            for n in range(200)
        ],
    )
    return memory_app


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name) + 1


def _label(row: int, name: str) -> str:
    return rowcol_to_a1(row, _column(name))


@pytest.mark.parametrize("changes", [0, 1, 100])
def test_a_cycle_costs_a_constant_number_of_requests_whatever_the_changes(
    sheet_sync: SheetSync, big_app: Planlogg, emulator: SheetsEmulator, changes: int
) -> None:
    backend, sid = _backend(big_app, emulator)
    edits = {_label(row, "Status"): "gul" for row in range(2, 2 + changes)}
    if edits:
        emulator.user_edit(sid, PLAN, edits, user=("Siri Sekretær", "siri@example.no"))
    report = sheet_sync.cycle(backend, PLAN)
    assert report.rows_read == 200
    assert report.applied == changes
    assert report.requests == emulator.request_count()
    assert emulator.request_count() <= (2 if changes == 0 else 5)
    emulator.reset_requests()
    assert sheet_sync.cycle(backend, PLAN).requests == emulator.request_count() <= 2


def test_a_hundred_store_changes_cost_at_most_five_requests(
    event_clock: EventClock, sheet_sync: SheetSync, big_app: Planlogg, emulator: SheetsEmulator
) -> None:
    backend, sid = _backend(big_app, emulator)
    by = Provenance("Webbrukar", Source.WEB)
    big_app.change_plan(
        PLAN,
        lambda plan: [plan.reword_measure(f"T{n:03d}", f"Ny tekst {n}", by) for n in range(1, 101)],
    )
    report = sheet_sync.cycle(backend, PLAN)
    assert report.written == 200
    assert emulator.request_count() <= 5
    assert emulator.cells(sid, PLAN)[1][_column("Tiltak") - 1] == "Ny tekst 1"


def test_values_are_written_raw_so_formulas_stay_text(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    plan_app.reword_measure(PLAN, "T001", '=IMPORTXML("http://example.com", "//a")', WEB)
    sheet_sync.cycle(backend, PLAN)
    assert emulator.cells(sid, PLAN)[1][_column("Tiltak") - 1] == (
        '=IMPORTXML("http://example.com", "//a")'
    )
    [update] = [r for r in emulator.requests if r.path.endswith("values:batchUpdate")]
    assert json.loads(update.body or b"{}")["valueInputOption"] == "RAW"


def test_the_editor_comes_from_drive_revisions(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    emulator.user_edit(
        sid, PLAN, {_label(3, "Status"): "Raud"}, user=("Siri Sekretær", "siri@example.no")
    )
    sheet_sync.cycle(backend, PLAN)
    plan = plan_app.get_plan(PLAN)
    [event] = [e for e in plan_app.events.get(plan.id) if type(e).__name__ == "StatusReported"]
    assert event.by.actor == "Siri Sekretær <siri@example.no>"
    assert event.by.source is Source.SHEET


def test_invalid_input_gets_a_note_and_a_melding(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    emulator.user_edit(sid, PLAN, {_label(4, "Status"): "blå"})
    sheet_sync.cycle(backend, PLAN)
    assert "Ukjent status" in emulator.notes(sid, PLAN)[_label(4, "Status")]
    assert "Ukjent status" in emulator.cells(sid, PLAN)[3][_column("Melding") - 1]
    assert emulator.cells(sid, PLAN)[3][_column("Status") - 1] == "blå"


@pytest.mark.parametrize("status", [429, 500, 503])
def test_rate_limits_and_server_errors_are_retried(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    status: int,
) -> None:
    backend, sid = google
    emulator.user_edit(sid, PLAN, {_label(2, "Status"): "grønn"})
    emulator.faults.add(status=status, times=3, match="values:batchGet")
    report = sheet_sync.cycle(backend, PLAN)
    assert report.applied == 1
    assert len(WAITS) == 3
    caps = [min(QuickRetryClient.max_delay, QuickRetryClient.base_delay * 2**n) for n in range(3)]
    assert all(0 <= wait <= cap for wait, cap in zip(WAITS, caps, strict=True))


def test_retry_after_is_honoured(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, _ = google
    emulator.faults.add(status=429, times=1, retry_after=7, match="values:batchGet")
    sheet_sync.cycle(backend, PLAN)
    assert WAITS == [7.0]


def test_retries_are_bounded(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, _ = google
    emulator.faults.add(status=503, times=50, match="values:batchGet")
    with pytest.raises(BackendError, match="503"):
        sheet_sync.cycle(backend, PLAN)
    assert emulator.request_count() == QuickRetryClient.max_attempts


@pytest.mark.parametrize("kind", ["truncate", "timeout", "reset"])
def test_broken_answers_to_reads_are_retried(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
    kind: str,
) -> None:
    backend, _ = google
    emulator.faults.add(kind=kind, times=1, match="values:batchGet", seconds=4.0)
    assert sheet_sync.cycle(backend, PLAN).rows_read == 6
    assert len(WAITS) == 1


def test_a_lost_answer_to_a_row_deletion_is_not_repeated_and_the_next_cycle_repairs(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    plan_app.remove_measure(PLAN, "T002", WEB)
    emulator.faults.add(kind="reset", applied=True, times=1, match=f"{sid}:batchUpdate")
    with pytest.raises(BackendError, match=r"Fikk ikke kontakt med Google \(ConnectionError\)"):
        sheet_sync.cycle(backend, PLAN)
    ids = [row[0] for row in emulator.cells(sid, PLAN)[1:]]
    assert ids == ["T001", "T003", "T004", "T005", "T006"]
    sheet_sync.cycle(backend, PLAN)
    assert [row[0] for row in emulator.cells(sid, PLAN)[1:]] == ids
    assert sheet_sync.cycle(backend, PLAN).written == 0


def test_renamed_headers_stop_the_sync_before_any_write(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    emulator.user_edit(sid, PLAN, {"E1": "Tiltakstekst"})
    plan_app.reword_measure(PLAN, "T001", "Frå nettet", WEB)
    with pytest.raises(SyncRefused, match="Overskriftene"):
        sheet_sync.cycle(backend, PLAN)
    assert emulator.request_count("write") == 0


def test_a_cleared_sheet_stops_the_sync_before_any_write(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    emulator.user_delete_rows(sid, PLAN, 2, 7)
    with pytest.raises(SyncRefused, match="6 av 6 rader"):
        sheet_sync.cycle(backend, PLAN)
    assert emulator.request_count("write") == 0
    assert not any(m.removed for m in _measures(plan_app))


def test_sorting_in_the_sheet_is_not_an_edit(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    emulator.user_sort(sid, PLAN, "E", descending=True)
    report = sheet_sync.cycle(backend, PLAN)
    assert (report.applied, report.written) == (0, 0)


def test_layout_adds_dropdown_colours_and_warning_protection(
    emulator: SheetsEmulator, google: tuple[GoogleSheetBackend, str]
) -> None:
    _, sid = google
    sheet = emulator.spreadsheet(sid).worksheet(PLAN)
    assert sheet.protected_ranges and all(p.get("warningOnly") for p in sheet.protected_ranges)
    assert len(sheet.conditional_formats) == 3
    rule = emulator.spreadsheet(sid).worksheet(PLAN).cells[(1, _column("Status") - 1)]
    assert rule["dataValidation"]["condition"]["type"] == "ONE_OF_LIST"
    emulator.user_edit(sid, PLAN, {_label(2, "Status"): "raud"})
    assert emulator.cells(sid, PLAN)[1][_column("Status") - 1] == "raud"


def _measures(app: Planlogg) -> list[Any]:
    plan = app.get_plan(PLAN)
    return [plan.measure(m) for m in plan.measures]


def test_laying_out_again_adopts_the_sheet_without_duplicating_rules(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    emulator: SheetsEmulator,
    google: tuple[GoogleSheetBackend, str],
) -> None:
    backend, sid = google
    sheet = emulator.spreadsheet(sid).worksheet(PLAN)
    protected, formats = len(sheet.protected_ranges), len(sheet.conditional_formats)
    backend.http.timeout = PATIENT
    lay_out(plan_app, backend, PLAN)
    assert (len(sheet.protected_ranges), len(sheet.conditional_formats)) == (protected, formats)
    assert sheet_sync.cycle(backend, PLAN).written == 0


def test_sync_init_can_create_a_new_spreadsheet_and_lay_it_out(
    sheet_sync: SheetSync, plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    client = emulator.gspread_client(http_client=QuickRetryClient)
    spreadsheet_id = create_spreadsheet(client, "Handlingsplan 2025")
    backend = GoogleSheetBackend(client, spreadsheet_id, PLAN)
    backend.http.timeout = PATIENT
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    assert emulator.cells(spreadsheet_id, PLAN)[0][:3] == ["ID", "Nr", "Innsatsområde"]
    assert emulator.cells(spreadsheet_id, PLAN)[1][0] == "T001"


def _own_columns_and_renamed(emu: SheetsEmulator, sid: str) -> str:
    """Five columns of the user's own among Planlogg's, and the tab renamed."""
    for position, name in enumerate(("Notat", "Kontakt", "Frist internt", "Møte", "Kommentar")):
        emu.user_insert_columns(sid, PLAN, 2 + 2 * position)
        emu.user_edit(sid, PLAN, {rowcol_to_a1(1, 3 + 2 * position): name})
    emu.user_rename_sheet(sid, PLAN, "Handlingsplan 2024")
    return "Handlingsplan 2024"


@pytest.mark.parametrize("changes", [0, 1, 100])
def test_own_columns_and_a_renamed_tab_cost_no_extra_requests(
    sheet_sync: SheetSync, big_app: Planlogg, emulator: SheetsEmulator, changes: int
) -> None:
    backend, sid = _backend(big_app, emulator)
    sheet_sync.cycle(backend, PLAN)
    tab = _own_columns_and_renamed(emulator, sid)
    header = emulator.cells(sid, tab)[0]
    status = header.index("Status") + 1
    edits = {rowcol_to_a1(row, status): "gul" for row in range(2, 2 + changes)}
    if edits:
        emulator.user_edit(sid, tab, edits, user=("Siri Sekretær", "siri@example.no"))
    emulator.reset_requests()
    report = sheet_sync.cycle(backend, PLAN)
    assert (report.rows_read, report.applied) == (200, changes)
    assert report.requests == emulator.request_count() <= (1 if changes == 0 else 5)
    assert emulator.cells(sid, tab)[0] == header


def test_a_renamed_tab_is_found_by_its_named_range_in_a_new_process(
    sheet_sync: SheetSync, plan_app: Planlogg, emulator: SheetsEmulator, google: Any
) -> None:
    _, sid = google
    emulator.user_rename_sheet(sid, PLAN, "Handlingsplan")
    fresh = GoogleSheetBackend(emulator.gspread_client(http_client=QuickRetryClient), sid, PLAN)
    fresh.http.timeout = PATIENT
    lay_out(plan_app, fresh, PLAN)
    plan_app.reword_measure(PLAN, "T001", "Funne att", WEB)
    sheet_sync.cycle(fresh, PLAN)
    titles = [s.title for s in emulator.spreadsheet(sid).sheets]
    assert titles == ["Sheet1", "Handlingsplan", "Oversikt", "Vedtak"]
    assert emulator.cells(sid, "Handlingsplan")[1][_column("Tiltak") - 1] == "Funne att"


def test_a_link_kept_under_the_tab_title_moves_to_the_spreadsheet_id(
    sheet_sync: SheetSync, plan_app: Planlogg, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    client = emulator.gspread_client(http_client=QuickRetryClient)
    old = GoogleSheetBackend(client, sid, PLAN)
    old.http.timeout = PATIENT
    old.target, old.legacy_targets = f"google:{sid}#{PLAN}", ()
    lay_out(plan_app, old, PLAN)
    sheet_sync.cycle(old, PLAN)
    new = GoogleSheetBackend(client, sid, PLAN)
    emulator.user_edit(sid, PLAN, {_label(3, "Status"): "grønn"})
    report = sheet_sync.cycle(new, PLAN)
    assert (report.applied, report.conflicts) == (1, 0)
    retired = find_link(plan_app, PLAN, f"google:{sid}#{PLAN}")
    assert retired is not None and retired.successor == f"google:{sid}"
    assert sheet_sync.cycle(new, PLAN).applied == 0
