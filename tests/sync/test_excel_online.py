"""The Excel Online backend against the Graph emulator (never a Microsoft host)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from sync.backend import BackendError, SheetBusy
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.layout import Layout
from sync.loop import lay_out
from sync.retry import RetryPolicy
from tests.conftest import EventClock
from tests.graph_emulator import GraphEmulator, User
from tests.graph_emulator.model import Workbook
from tests.sync.conftest import PLAN, WEB, make_plan, synced_excel
from tests.sync.excel import excel_backend

SIRI = User("5a1c2e3f-0000-4000-8000-000000000003", "Siri Sekretær", "siri@helsefellesskap.test")


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


def _label(row: int, name: str) -> str:
    index = Layout.for_years((2024, 2025)).index(name)
    return f"{chr(ord('A') + index)}{row}"


def _column(name: str) -> int:
    return Layout.for_years((2024, 2025)).index(name)


def _writes(graph: GraphEmulator) -> int:
    """Range writes and row deletions sent (the r of 3 + ⌈r ÷ 20⌉)."""
    return len(graph.batched("PATCH")) + len(graph.batched("POST", "/delete"))


@pytest.mark.parametrize("changes", [0, 1, 100])
def test_a_cycle_costs_at_most_three_requests_plus_one_per_twenty_ranges(
    sheet_sync: SheetSync,
    big_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    waits: list[float],
    changes: int,
) -> None:
    backend = synced_excel(sheet_sync, graph, book, waits)
    if changes:
        cells = {_label(row, "Status"): "gul" for row in range(2, 2 + changes)}
        graph.user_edit(book, PLAN, cells, user=SIRI)
    report = sheet_sync.cycle(backend, PLAN)
    assert (report.rows_read, report.applied) == (200, changes)
    assert report.requests == graph.request_count()
    if changes == 0:
        assert graph.request_count() == 1
    else:
        assert _writes(graph) >= changes
        assert graph.request_count() <= 3 + math.ceil(_writes(graph) / 20)
    graph.reset_requests()
    assert sheet_sync.cycle(backend, PLAN).requests == graph.request_count() == 1


def test_cells_are_written_as_text_so_formulas_numbers_and_dates_stay_text(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    plan_app.reword_measure(PLAN, "T001", '=IMPORTXML("http://x", "//a")', WEB)
    plan_app.reword_measure(PLAN, "T002", "007", WEB)
    sheet_sync.cycle(excel, PLAN)
    cells = graph.cells(book, PLAN)
    assert cells[1][_column("Tiltak")] == '=IMPORTXML("http://x", "//a")'
    assert cells[2][_column("Tiltak")] == "007"
    assert graph.number_format(book, PLAN, _label(2, "Tiltak")) == "@"


def test_a_person_typing_in_the_laid_out_rows_gets_text_too(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    graph.user_edit(book, PLAN, {_label(8, "Nr"): "1.2.7", _label(8, "Tiltak"): "=1+1"})
    sheet_sync.cycle(excel, PLAN)
    measure = plan_app.get_plan(PLAN).measure("T007")
    assert (measure.number, measure.text) == ("1.2.7", "=1+1")


def test_the_editor_is_the_display_name_on_the_items_versions(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    graph.user_edit(book, PLAN, {_label(3, "Status"): "Raud"}, user=SIRI)
    sheet_sync.cycle(excel, PLAN)
    plan = plan_app.get_plan(PLAN)
    [event] = [e for e in plan_app.events.get(plan.id) if type(e).__name__ == "StatusReported"]
    assert (event.by.actor, event.by.source) == ("Siri Sekretær", Source.SHEET)
    assert graph.cells(book, PLAN)[2][_column("Endra av")] == "Siri Sekretær"


def test_writes_happen_in_a_session_that_is_closed_at_the_end(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    plan_app.reword_measure(PLAN, "T003", "Ny tekst", WEB)
    sheet_sync.cycle(excel, PLAN)
    *_, last = graph.batched()
    assert last[0:1] == ("POST",) and last[1].endswith("/closeSession") and last[2] == 204
    assert graph.open_sessions() == []
    patches = [r for r in graph.requests if any(i[0] == "PATCH" for i in r.items)]
    assert len(patches) == 1


def test_a_slow_session_is_awaited_through_the_long_running_operation(
    event_clock: EventClock,
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    waits: list[float],
) -> None:
    graph.slow_sessions(polls=2)
    plan_app.reword_measure(PLAN, "T003", "Etter 202", WEB)
    report = sheet_sync.cycle(excel, PLAN)
    assert report.written == 2
    polls = [r.status for r in graph.requests if "/workbook/operations/" in r.path]
    assert polls == [200, 200, 200]
    assert [r.status for r in graph.requests if "sessionInfoResource" in r.path] == [200]
    assert len(waits) == 3
    assert graph.cells(book, PLAN)[3][_column("Tiltak")] == "Etter 202"
    assert graph.open_sessions() == []


def test_a_failed_session_creation_is_a_backend_error(
    sheet_sync: SheetSync, plan_app: Planlogg, graph: GraphEmulator, excel: ExcelOnlineBackend
) -> None:
    graph.slow_sessions(polls=1)
    graph.fail_session_creation()
    plan_app.reword_measure(PLAN, "T003", "Aldri", WEB)
    with pytest.raises(BackendError, match="Microsoft Graph svarte med feil 500"):
        sheet_sync.cycle(excel, PLAN)


@pytest.mark.parametrize("status", [429, 503, 412])
def test_throttling_and_unavailability_on_reads_are_retried_honouring_retry_after(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    waits: list[float],
    status: int,
) -> None:
    graph.user_edit(book, PLAN, {_label(2, "Status"): "grønn"})
    plan_tab = graph.sheet(book, PLAN).id
    graph.faults.add(status=status, times=2, retry_after=7, match=f"{plan_tab}/usedRange")
    assert sheet_sync.cycle(excel, PLAN).applied == 1
    assert waits == [7.0, 7.0]


def test_only_the_failed_writes_of_a_batch_are_sent_again(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    for n in (1, 2, 3):
        plan_app.reword_measure(PLAN, f"T00{n}", f"Ny tekst {n}", WEB)
    graph.faults.add(status=503, times=1, match="range(address='E3:E3')")
    sheet_sync.cycle(excel, PLAN)
    sent = [(i[1].rsplit("'", 2)[1], i[2]) for i in graph.batched("PATCH") if "'E" in i[1]]
    assert sent == [("E2:E2", 200), ("E3:E3", 503), ("E4:E4", 424), ("E3:E3", 200), ("E4:E4", 200)]
    assert [row[_column("Tiltak")] for row in graph.cells(book, PLAN)[1:4]] == [
        "Ny tekst 1",
        "Ny tekst 2",
        "Ny tekst 3",
    ]


def test_retries_are_bounded(
    sheet_sync: SheetSync, plan_app: Planlogg, graph: GraphEmulator, excel: ExcelOnlineBackend
) -> None:
    graph.faults.add(status=503, times=50, match="usedRange")
    with pytest.raises(BackendError, match="503"):
        sheet_sync.cycle(excel, PLAN)
    assert graph.request_count() == excel.client.policy.max_attempts


@pytest.mark.parametrize("kind", ["timeout", "reset"])
def test_a_lost_answer_to_idempotent_writes_is_repeated(
    event_clock: EventClock,
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    kind: str,
) -> None:
    plan_app.reword_measure(PLAN, "T004", "Etter brot", WEB)
    excel.client.timeout = (2.0, 0.5)
    graph.faults.add(kind=kind, times=1, match="POST /$batch", seconds=2.0)
    assert sheet_sync.cycle(excel, PLAN).written == 2
    assert graph.cells(book, PLAN)[4][_column("Tiltak")] == "Etter brot"


def test_a_row_deletion_that_may_have_happened_is_not_repeated(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    plan_app.remove_measure(PLAN, "T002", WEB)
    graph.faults.add(status=504, times=1, applied=True, match="/delete")
    with pytest.raises(BackendError, match="504"):
        sheet_sync.cycle(excel, PLAN)
    ids = [row[0] for row in graph.cells(book, PLAN)[1:]]
    assert ids == ["T001", "T003", "T004", "T005", "T006"]
    assert len(graph.batched("POST", "/delete")) == 1
    assert graph.open_sessions() == []
    sheet_sync.cycle(excel, PLAN)
    assert [row[0] for row in graph.cells(book, PLAN)[1:]] == ids
    assert sheet_sync.cycle(excel, PLAN).written == 0


def test_a_session_graph_lost_is_created_anew_and_the_work_resumed(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    plan_app.reword_measure(PLAN, "T005", "Ny økt", WEB)
    graph.faults.add(status=409, times=1, inner="invalidSessionReCreatable", match="PATCH ")
    sheet_sync.cycle(excel, PLAN)
    creations = [r for r in graph.requests if r.path.endswith("/createSession")]
    assert len(creations) == 1
    assert graph.cells(book, PLAN)[5][_column("Tiltak")] == "Ny økt"
    assert graph.open_sessions() == []


def test_throttling_across_many_writes_waits_as_told(
    event_clock: EventClock,
    sheet_sync: SheetSync,
    big_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    waits: list[float],
) -> None:
    backend = synced_excel(sheet_sync, graph, book, waits)
    by = Provenance("Webbrukar", Source.WEB)
    big_app.change_plan(
        PLAN,
        lambda plan: [plan.reword_measure(f"T{n:03d}", f"Tekst {n}", by) for n in range(1, 61)],
    )
    clock = _Clock()
    graph.store.clock = clock
    graph.throttle(limit=25, window=20.0, retry_after=10.0)
    backend.client.policy = RetryPolicy(sleep=clock.sleeper(waits))
    report = sheet_sync.cycle(backend, PLAN)
    assert report.written == 120
    assert set(waits) == {10.0}
    assert graph.cells(book, PLAN)[60][_column("Tiltak")] == "Tekst 60"
    assert graph.open_sessions() == []


class _Clock:
    """The emulator's time, moved on only by the sync's own waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleeper(self, waits: list[float]) -> Callable[[float], None]:
        def sleep(seconds: float) -> None:
            waits.append(seconds)
            self.now += seconds

        return sleep


def test_a_workbook_locked_by_the_desktop_app_waits_for_a_later_cycle(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    graph.lock_in_desktop(book)
    plan_app.reword_measure(PLAN, "T001", "Etter låsen", WEB)
    before = graph.cells(book, PLAN)
    with pytest.raises(SheetBusy, match="låst for redigering"):
        sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, PLAN) == before
    graph.unlock(book)
    sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, PLAN)[1][_column("Tiltak")] == "Etter låsen"


def test_a_renamed_worksheet_keeps_syncing_also_in_a_new_process(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
    waits: list[float],
) -> None:
    target = excel.target
    graph.user_rename_sheet(book, PLAN, "Handlingsplanen vår")
    plan_app.reword_measure(PLAN, "T002", "Etter omdøyping", WEB)
    sheet_sync.cycle(excel, PLAN)
    assert graph.cells(book, "Handlingsplanen vår")[2][_column("Tiltak")] == "Etter omdøyping"
    fresh = excel_backend(graph, book, PLAN, waits, link=f"{book.drive_id}/{book.item_id}")
    lay_out(plan_app, fresh, PLAN)
    assert fresh.target == target
    assert [s.name for s in book.worksheets] == [
        "Ark1",
        "Handlingsplanen vår",
        "Oversikt",
        "Vedtak",
    ]
    graph.user_edit(book, "Handlingsplanen vår", {_label(2, "Status"): "gul"})
    assert sheet_sync.cycle(fresh, PLAN).applied == 1


def test_laying_out_again_adds_nothing(
    sheet_sync: SheetSync, plan_app: Planlogg, graph: GraphEmulator, excel: ExcelOnlineBackend
) -> None:
    lay_out(plan_app, excel, PLAN)
    assert graph.request_count() == 0
    assert sheet_sync.cycle(excel, PLAN).written == 0


def test_a_sharing_link_nobody_knows_is_refused_in_norwegian(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook, waits: list[float]
) -> None:
    backend = excel_backend(
        graph, book, PLAN, waits, link="https://helsefellesskap.sharepoint.test/:x:/s/plan/ukjend"
    )
    with pytest.raises(BackendError, match="Fant ikke arbeidsboken"):
        lay_out(plan_app, backend, PLAN)


def test_invalid_input_gets_a_melding_but_no_note(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    graph.user_edit(book, PLAN, {_label(4, "Status"): "blå"})
    sheet_sync.cycle(excel, PLAN)
    row = graph.cells(book, PLAN)[3]
    assert (row[_column("Status")], "Ukjent status" in row[_column("Melding")]) == ("blå", True)


def test_two_measures_removed_in_one_cycle_take_away_their_own_rows(
    sheet_sync: SheetSync,
    plan_app: Planlogg,
    graph: GraphEmulator,
    book: Workbook,
    excel: ExcelOnlineBackend,
) -> None:
    """Rows 3 and 5 go, the lower first: deleting row 3 first would move T005 up into row 5
    and take it away instead of T004."""
    plan_app.remove_measure(PLAN, "T002", WEB)
    plan_app.remove_measure(PLAN, "T004", WEB)
    sheet_sync.cycle(excel, PLAN)
    assert [row[0] for row in graph.cells(book, PLAN)[1:]] == ["T001", "T003", "T005", "T006"]


def test_a_version_saved_at_the_marker_is_not_counted_again(
    graph: GraphEmulator, book: Workbook, excel: ExcelOnlineBackend
) -> None:
    """`editors` names those who saved after the marker the last call returned: Siri, whose
    version is the marker, is not named again."""
    graph.user_edit(book, PLAN, {_label(2, "Status"): "gul"}, user=SIRI)
    excel.read()
    first = excel.editors("")
    assert first.names == ("Siri Sekretær",)
    excel.read()
    assert excel.editors(first.marker).names == ()


def test_a_first_lay_out_graph_refuses_fails_and_is_not_just_logged(
    plan_app: Planlogg, graph: GraphEmulator, book: Workbook, waits: list[float]
) -> None:
    """Only a tab the plan has always synced goes on after a refused lay-out: a workbook
    without the plan's tab cannot be synced, so the refusal is the lay-out's failure."""
    graph.faults.add(status=403, match="/worksheets/add")
    with pytest.raises(BackendError, match="feil 403"):
        lay_out(plan_app, excel_backend(graph, book, PLAN, waits), PLAN)
    assert [sheet.name for sheet in book.worksheets] == ["Ark1"]
