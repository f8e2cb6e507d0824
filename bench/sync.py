"""Benchmark 4: what a sync cycle costs, in API requests and in CPU.

Requests: a 1,000-row plan synced with the Google Sheets emulator; a person
changes 0, 1, 100 or 1,000 status cells, then one cycle runs and the
emulator counts the requests it received. The cost must not depend on the
number of changes (≤ 2 when nothing changed, ≤ 5 otherwise).

CPU: one cycle after 10 status edits, on 1,000 and on 10,000 rows, measured
with `time.thread_time` in the thread that runs the cycle (the emulator
serves from its own thread, so its work is not counted), interleaved; the
growth ratio 10k/1k should stay linear (≤ 12) in five runs out of five, and
the worst run is the figure. Each run's ratio is the ratio of the medians of
five interleaved rounds: a cycle's thread CPU moved by half either way from one
cycle to the next on a shared machine (48-133 ms for the same 1,000-row cycle,
3 December), and over those cycles three rounds gave a run anywhere from 7.2 to
11.8, five from 8.2 to 10.0. The same for the workbook
(.xlsx) backend, where a cycle reads and writes the file.

The user's layout: the same 1,000-row Google plan with five columns of the user's own
inserted among Planlogg's and the plan's tab renamed; requests per cycle against the same
targets (≤ 2 idle, ≤ 5 with changes) and cycle CPU (10 edits) beside the plain layout.

Excel Online (the Graph emulator): the same request counts, against its own
bound — ≤ 2 when nothing changed, ≤ 3 + ⌈r ÷ 20⌉ with changes, r being the
ranges written (one per run of adjacent changed cells in a row), since Graph
writes one range per call and a $batch carries 20 — and the same CPU growth.
"""

from __future__ import annotations

import math
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gspread.utils import rowcol_to_a1
from openpyxl import load_workbook

from bench.harness import Figure, Target, interleave, median
from bench.workloads import build_plan, database_url
from domain.application import Planlogg
from projections import ReadModels
from sync.backend import SheetBackend
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import STATUS, Layout
from sync.loop import lay_out
from sync.workbook import WorkbookBackend, sheet_title
from tests.graph_emulator import GraphEmulator, User
from tests.sheets_emulator import SheetsEmulator
from tests.sync.excel import excel_backend

IDLE_TARGET = Target("<=", 2)
CHANGED_TARGET = Target("<=", 5)
GROWTH_TARGET = Target("<=", 12)
COLOURS = ("gul", "grønn", "rød")
EDITS_PER_CPU_CYCLE = 10


@dataclass
class SyncedPlan:
    """A plan, a backend laid out for it and synced once, and a way to make user edits."""

    sheet_sync: SheetSync
    key: str
    backend: SheetBackend
    edit: Callable[[dict[int, str]], None]
    """Set the Status cell of the given sheet rows, as a person would."""
    rounds: int = 0

    @property
    def app(self) -> Planlogg:
        return self.sheet_sync.app

    def cycle_after_edits(self, edits: int) -> float:
        """Make `edits` status edits, run one cycle; returns the cycle's thread CPU seconds."""
        self.rounds += 1
        colour = COLOURS[self.rounds % len(COLOURS)]
        self.edit({row: colour for row in range(2, 2 + edits)})
        start = time.thread_time()
        report = self.sheet_sync.cycle(self.backend, self.key)
        spent = time.thread_time() - start
        if report.applied != edits:
            raise RuntimeError(f"{edits} edits made but {report.applied} applied: {report}")
        return spent


def status_column(app: Planlogg, key: str) -> int:
    """1-based column of Status in the plan's layout."""
    return Layout.for_years(app.get_plan(key).years).index(STATUS) + 1


OWN_COLUMNS = ("Notat", "Kontakt", "Frist internt", "Møte", "Kommentar")
RENAMED_TAB = "Handlingsplan (vår kopi)"


def own_layout(emulator: SheetsEmulator, spreadsheet_id: str, key: str) -> str:
    """Five columns of the user's own among Planlogg's, and the tab renamed; the new title."""
    for position, name in enumerate(OWN_COLUMNS):
        emulator.user_insert_columns(spreadsheet_id, key, 2 + 2 * position)
        emulator.user_edit(spreadsheet_id, key, {rowcol_to_a1(1, 3 + 2 * position): name})
    emulator.user_rename_sheet(spreadsheet_id, key, RENAMED_TAB)
    return RENAMED_TAB


@contextmanager
def google_plan(
    emulator: SheetsEmulator, rows: int, user_layout: bool = False
) -> Iterator[SyncedPlan]:
    with database_url("sqlite") as url:
        app = Planlogg.from_url(url)
        key = f"bench-sync-{rows}"
        build_plan(app, key, rows)
        spreadsheet_id = emulator.create_spreadsheet(f"Handlingsplan {rows}")
        backend = GoogleSheetBackend(
            emulator.gspread_client(http_client=BoundedRetryClient), spreadsheet_id, key
        )
        lay_out(app, backend, key)
        sheet_sync = SheetSync(app, ReadModels.open(app))
        sheet_sync.cycle(backend, key)
        tab = own_layout(emulator, spreadsheet_id, key) if user_layout else key
        column = emulator.cells(spreadsheet_id, tab)[0].index(STATUS) + 1

        def edit(cells: dict[int, str]) -> None:
            if cells:
                labels = {rowcol_to_a1(row, column): text for row, text in cells.items()}
                emulator.user_edit(spreadsheet_id, tab, labels, user=("Siri Sekretær", "s@x.no"))

        try:
            yield SyncedPlan(sheet_sync, key, backend, edit)
        finally:
            app.close()


@contextmanager
def workbook_plan(rows: int) -> Iterator[SyncedPlan]:
    with database_url("sqlite") as url, tempfile.TemporaryDirectory() as folder:
        app = Planlogg.from_url(url)
        key = f"bench-wb-{rows}"
        build_plan(app, key, rows)
        path = Path(folder) / "plan.xlsx"
        backend = WorkbookBackend(path, key)
        lay_out(app, backend, key)
        sheet_sync = SheetSync(app, ReadModels.open(app))
        sheet_sync.cycle(backend, key)
        column = status_column(app, key)

        def edit(cells: dict[int, str]) -> None:
            book = load_workbook(path)
            sheet = book[sheet_title(key)]
            for row, text in cells.items():
                sheet.cell(row=row, column=column, value=text)
            book.properties.lastModifiedBy = "Siri Sekretær"
            book.save(path)

        try:
            yield SyncedPlan(sheet_sync, key, backend, edit)
        finally:
            app.close()


@contextmanager
def excel_plan(graph: GraphEmulator, rows: int) -> Iterator[SyncedPlan]:
    with database_url("sqlite") as url:
        app = Planlogg.from_url(url)
        key = f"bench-excel-{rows}"
        build_plan(app, key, rows)
        book = graph.create_workbook(f"Handlingsplan {rows}.xlsx")
        backend = excel_backend(graph, book, key, [])
        backend.client.timeout = (10.0, 120.0)
        lay_out(app, backend, key)
        sheet_sync = SheetSync(app, ReadModels.open(app))
        sheet_sync.cycle(backend, key)
        column = status_column(app, key)
        siri = User("bench-siri", "Siri Sekretær", "siri@helsefellesskap.test")

        def edit(cells: dict[int, str]) -> None:
            if cells:
                labels = {rowcol_to_a1(row, column): text for row, text in cells.items()}
                graph.user_edit(book, sheet_title(key), labels, user=siri)

        try:
            yield SyncedPlan(sheet_sync, key, backend, edit)
        finally:
            app.close()


def excel_request_figures() -> list[Figure]:
    figures = []
    with GraphEmulator() as graph, excel_plan(graph, 1_000) as synced:
        for changes in (0, 1, 100, 1_000):
            synced.cycle_after_edits(0)
            graph.reset_requests()
            synced.cycle_after_edits(changes)
            ranges = len(graph.batched("PATCH")) + len(graph.batched("POST", "/delete"))
            bound = 2 if changes == 0 else 3 + math.ceil(ranges / 20)
            figures.append(
                Figure(
                    bench="sync",
                    key=f"excel_req_{changes}",
                    name=f"Excel Online requests/cycle, 1,000 rows, {changes:,} changed",
                    value=graph.request_count(),
                    unit="req",
                    target=Target("<=", bound),
                    note=f"Graph emulator; {ranges:,} ranges written",
                )
            )
    return figures


def requests_per_cycle(emulator: SheetsEmulator, synced: SyncedPlan, changes: int) -> int:
    synced.cycle_after_edits(0)  # settle: nothing pending from an earlier round
    emulator.reset_requests()
    synced.cycle_after_edits(changes)
    return emulator.request_count()


def request_figures(quick: bool) -> list[Figure]:
    figures = []
    with SheetsEmulator() as emulator, google_plan(emulator, 1_000) as synced:
        for changes in (0, 1, 100, 1_000):
            count = requests_per_cycle(emulator, synced, changes)
            figures.append(
                Figure(
                    bench="sync",
                    key=f"sync_req_{changes}",
                    name=f"requests/cycle, 1,000 rows, {changes:,} changed",
                    value=count,
                    unit="req",
                    target=IDLE_TARGET if changes == 0 else CHANGED_TARGET,
                    note="Google Sheets emulator",
                )
            )
    return figures


def layout_figures(quick: bool) -> list[Figure]:
    """Requests and CPU with five own columns and a renamed tab, beside the plain layout."""
    rows, rounds = (1_000, 3) if quick else (1_000, 7)
    figures = []
    with (
        SheetsEmulator() as emulator,
        google_plan(emulator, rows) as plain,
        google_plan(emulator, rows, user_layout=True) as laid,
    ):
        for changes in (0, 1, 100):
            figures.append(
                Figure(
                    bench="sync",
                    key=f"layout_req_{changes}",
                    name=f"requests/cycle, own columns + renamed tab, {changes:,} changed",
                    value=requests_per_cycle(emulator, laid, changes),
                    unit="req",
                    target=IDLE_TARGET if changes == 0 else CHANGED_TARGET,
                    note=f"{len(OWN_COLUMNS)} user columns, tab renamed; Google Sheets emulator",
                )
            )
        plain_cpu, laid_cpu = interleave(
            lambda: plain.cycle_after_edits(EDITS_PER_CPU_CYCLE),
            lambda: laid.cycle_after_edits(EDITS_PER_CPU_CYCLE),
            rounds,
            "plain layout",
            "own columns + renamed tab",
        )
        figures.append(
            Figure(
                bench="sync",
                key="layout_cpu",
                name=f"cycle CPU, {rows:,} rows, own columns + renamed tab vs plain",
                value=laid_cpu.median * 1000,
                unit="ms",
                baseline=plain_cpu.median * 1000,
                baseline_label="plain layout",
                ratio=laid_cpu.median / plain_cpu.median,
                note=f"{EDITS_PER_CPU_CYCLE} edits per cycle, {rounds} rounds, thread CPU",
            )
        )
    return figures


def growth_figure(
    name: str,
    key: str,
    small: SyncedPlan,
    large: SyncedPlan,
    shape: tuple[int, int],
    sizes: tuple[int, int],
) -> list[Figure]:
    """The CPU growth from the small sheet to the large, judged on the worst of several runs.

    `shape` is (runs, rounds): each run's ratio is the median of its interleaved rounds,
    so a snapshot that falls in one round (a plan's every hundredth event, a link's) does
    not decide it. Two cycles of each first, unmeasured, as a worker running for a while
    has them behind it: the first with edits after set-up also writes every row's stamps
    (who changed it, when) into the link, once, and the next loads that link.
    """
    runs, rounds = shape
    for _ in range(2):
        small.cycle_after_edits(EDITS_PER_CPU_CYCLE)
        large.cycle_after_edits(EDITS_PER_CPU_CYCLE)
    ratios, small_all, large_all = [], [], []
    for _ in range(runs):
        small_cpu, large_cpu = interleave(
            lambda: small.cycle_after_edits(EDITS_PER_CPU_CYCLE),
            lambda: large.cycle_after_edits(EDITS_PER_CPU_CYCLE),
            rounds,
            f"{sizes[0]} rows",
            f"{sizes[1]} rows",
        )
        ratios.append(large_cpu.median / small_cpu.median)
        small_all += small_cpu.values
        large_all += large_cpu.values
    shown = ", ".join(f"{ratio:.2f}" for ratio in ratios)
    return [
        Figure(
            bench="sync",
            key=key,
            name=f"{name} cycle CPU, {sizes[1]:,} vs {sizes[0]:,} rows (worst of {runs} runs)",
            value=median(large_all) * 1000,
            unit="ms",
            baseline=median(small_all) * 1000,
            baseline_label=f"{sizes[0]:,} rows",
            ratio=max(ratios),
            target=GROWTH_TARGET if sizes[1] == 10 * sizes[0] else None,
            note=f"runs {shown}; {rounds} rounds each, {EDITS_PER_CPU_CYCLE} edits per cycle, "
            "thread CPU",
        )
    ]


def run(quick: bool) -> list[Figure]:
    sizes, shape = ((100, 1_000), (2, 3)) if quick else ((1_000, 10_000), (5, 5))
    figures = request_figures(quick)
    figures += layout_figures(quick)
    with (
        SheetsEmulator() as emulator,
        google_plan(emulator, sizes[0]) as small,
        google_plan(emulator, sizes[1]) as large,
    ):
        figures += growth_figure("Google", "sync_cpu_growth", small, large, shape, sizes)
    with workbook_plan(sizes[0]) as small, workbook_plan(sizes[1]) as large:
        figures += growth_figure("workbook", "workbook_cpu_growth", small, large, shape, sizes)
    figures += excel_request_figures()
    with (
        GraphEmulator() as graph,
        excel_plan(graph, sizes[0]) as small,
        excel_plan(graph, sizes[1]) as large,
    ):
        figures += growth_figure("Excel Online", "excel_cpu_growth", small, large, shape, sizes)
    return figures
