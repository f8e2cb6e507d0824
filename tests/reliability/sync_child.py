"""A sync process to be killed.

    python -m tests.reliability.sync_child DB_URL EMULATOR_URL SHEET_ID PLAN


It runs sync cycles back to back against the emulator and prints one line
when each cycle starts ("start") and ends ("done <seconds>"), so the test
can SIGKILL it at a random moment inside a cycle.
"""

from __future__ import annotations

import sys
import time

import gspread

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient, GoogleSheetBackend
from tests.sheets_emulator import RoutingSession


def main(database_url: str, emulator_url: str, spreadsheet_id: str, plan_key: str) -> None:
    app = Planlogg.from_url(database_url)
    client = gspread.Client(
        auth=None, session=RoutingSession(emulator_url), http_client=BoundedRetryClient
    )
    backend = GoogleSheetBackend(client, spreadsheet_id, plan_key)
    while True:
        print("start", flush=True)
        started = time.perf_counter()
        SheetSync(app, ReadModels.open(app)).cycle(backend, plan_key)
        print(f"done {time.perf_counter() - started:.4f}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
