"""One sync worker on one plan of a store, in its own process: its CPU, requests and peak RSS.

    python -m bench.national_sync DATABASE_URL PLAN_KEY [--fresh ROWS]

With `--fresh ROWS` the plan is first built in the (empty) store with ROWS
measures, one save, so the same worker can run on a store holding only that
plan: the baseline for the national store. It lays out a Google sheet
(emulator, in this process) for the plan, syncs it once, then measures:
requests of an idle cycle and of a cycle with 100 changed status cells,
the thread CPU of cycles with 10 status edits (median), and finally the
process's peak RSS (VmHWM). It prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from gspread.utils import rowcol_to_a1

from bench.harness import median
from bench.sync import COLOURS, SyncedPlan
from bench.workloads import build_plan
from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from sync.layout import STATUS
from sync.loop import lay_out
from tests.sheets_emulator import SheetsEmulator

CPU_ROUNDS = 5
CHANGED = 100


def peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def measure(url: str, key: str, fresh_rows: int | None) -> dict[str, float]:
    app = Planlogg.from_url(url)
    try:
        if fresh_rows:
            build_plan(app, key, fresh_rows)
        read_models = ReadModels.open(app)
        read_models.catch_up()
        with SheetsEmulator() as emulator:
            synced = _synced(app, read_models, emulator, key)
            rows = len(app.get_plan(key).active_measures())
            synced.cycle_after_edits(0)
            emulator.reset_requests()
            synced.cycle_after_edits(0)
            idle = emulator.request_count()
            emulator.reset_requests()
            synced.cycle_after_edits(CHANGED)
            changed = emulator.request_count()
            cpu = [synced.cycle_after_edits(10) for _ in range(CPU_ROUNDS)]
            return {
                "rows": rows,
                "requests_idle": idle,
                "requests_changed": changed,
                "cpu_ms": median(cpu) * 1000,
                "rss_mib": peak_rss_mib(),
            }
    finally:
        app.close()


def _synced(
    app: Planlogg, read_models: ReadModels, emulator: SheetsEmulator, key: str
) -> SyncedPlan:
    """The plan laid out in a new sheet and synced once; edits always change a cell's colour.

    A plan with history already has a status on most rows, so each edit picks a
    colour other than the one the row shows, and every edit is a change to apply.
    """
    spreadsheet_id = emulator.create_spreadsheet(f"Handlingsplan {key}")
    backend = GoogleSheetBackend(
        emulator.gspread_client(http_client=BoundedRetryClient), spreadsheet_id, key
    )
    lay_out(app, backend, key)
    sheet_sync = SheetSync(app, read_models)
    sheet_sync.cycle(backend, key)
    column = emulator.cells(spreadsheet_id, key)[0].index(STATUS) + 1

    def edit(cells: dict[int, str]) -> None:
        if not cells:
            return
        grid = emulator.cells(spreadsheet_id, key)
        labels = {}
        for row, colour in cells.items():
            shown = grid[row - 1][column - 1] if column <= len(grid[row - 1]) else ""
            labels[rowcol_to_a1(row, column)] = (
                colour if colour != shown else COLOURS[(COLOURS.index(colour) + 1) % 3]
            )
        emulator.user_edit(spreadsheet_id, key, labels, user=("Siri Sekretær", "s@x.no"))

    return SyncedPlan(sheet_sync, key, backend, edit)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.national_sync")
    parser.add_argument("url")
    parser.add_argument("key")
    parser.add_argument("--fresh", type=int, default=None)
    arguments = parser.parse_args(argv)
    print(json.dumps(measure(arguments.url, arguments.key, arguments.fresh)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
