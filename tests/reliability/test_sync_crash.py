"""SIGKILL the sync process at random points of its cycles: no edit is lost or applied twice.

Before each kill a person edits a measure's text in the sheet and a web user
rewords another measure in Planlogg, so every cycle has both directions of
work (save the sheet's edit with its baseline, write the store's change,
move the baseline) and a kill can land between any two of those steps. The
sync runs in its own process against the emulator; after the last kill a
fresh sync runs quiet cycles, then every edit must be in place exactly once.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cycle import SheetSync
from sync.google import BoundedRetryClient
from tests.reliability.linked_sheet import linked_sheet
from tests.sheets_emulator import SheetsEmulator

KEY = "krasj-plan"
KILLS = 25
MEASURES = 20
ROOT = Path(__file__).resolve().parents[2]
WEB = Provenance("Webbrukar", Source.WEB, reason="endra under krasjtest")
SHEET_USER = ("Siri Sekretær", "siri@example.no")


class SyncProcess:
    """The sync child; `lines()` yields what it prints."""

    def __init__(self, url: str, emulator: SheetsEmulator, spreadsheet_id: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.sync_child", url, emulator.base_url,
             spreadsheet_id, KEY],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip

    def next_line(self) -> str:
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line:
            self.process.wait(timeout=30)
            stderr = self.process.stderr.read() if self.process.stderr else ""
            pytest.fail(f"the sync process ended on its own:\n{stderr[-3000:]}")
        return line.strip()

    def wait_for(self, prefix: str) -> str:
        while not (line := self.next_line()).startswith(prefix):
            pass
        return line

    def kill(self) -> bool:
        """SIGKILL; True when the kill landed inside a cycle (its "done" never came)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        rest = self.process.stdout.read() if self.process.stdout else ""
        self.process.stdout and self.process.stdout.close()
        self.process.stderr and self.process.stderr.close()
        return not rest.strip().splitlines() or not rest.strip().splitlines()[-1].startswith("done")


@pytest.mark.slow
def test_a_sync_killed_at_random_points_loses_and_duplicates_nothing(
    tmp_path: Path, emulator: SheetsEmulator, record_property: Callable[[str, object], None]
) -> None:
    rng = random.Random(2024_09_11)
    url = f"sqlite:///{tmp_path / 'planlogg.sqlite'}"
    app = Planlogg.from_url(url)
    sheet = linked_sheet(app, emulator, KEY, MEASURES, BoundedRetryClient)
    in_sheet, in_store = sheet.in_sheet, sheet.in_store
    sheet_edits: dict[str, str] = {}
    store_edits: dict[str, str] = {}
    longest_cycle, mid_cycle = 0.05, 0

    for kill in range(KILLS):
        sheet_measure, store_measure = (
            in_sheet[kill % len(in_sheet)],
            in_store[kill % len(in_store)],
        )
        sheet_edits[sheet_measure] = f"Ark-tekst {kill}: ny ordlyd frå regnearket"
        sheet.type_text(sheet_measure, sheet_edits[sheet_measure], user=SHEET_USER)
        store_edits[store_measure] = f"Web-tekst {kill}: ny ordlyd frå nettsida"
        app.reword_measure(KEY, store_measure, store_edits[store_measure], WEB)
        sync = SyncProcess(url, emulator, sheet.spreadsheet_id)
        if kill == 0:  # learn how long a busy cycle takes, then kill in the next one
            sync.wait_for("start")
            longest_cycle = max(longest_cycle, float(sync.wait_for("done").split()[1]))
        sync.wait_for("start")
        time.sleep(rng.uniform(0, longest_cycle))
        mid_cycle += sync.kill()

    for _ in range(2):  # restart: quiet cycles with nobody editing
        SheetSync(app, ReadModels.open(app)).cycle(sheet.backend, KEY)
    plan = app.get_plan(KEY)
    texts, conflicts = sheet.texts_and_conflicts()
    app.close()

    lost = [m for m, text in sheet_edits.items() if plan.measure(m).text != text]
    lost += [m for m, text in store_edits.items() if sheet.text_shown(m) != text]
    lost += [m for m, text in store_edits.items() if plan.measure(m).text != text]
    doubled = [text for text, times in texts.items() if times > 1]
    record_property("kills", KILLS)
    record_property("kills_mid_cycle", mid_cycle)
    record_property("kills_recovered", KILLS if not (lost or doubled or conflicts) else 0)
    record_property("edits_lost", len(lost) + len(doubled))
    assert lost == [], "edits lost after the kills"
    assert doubled == [], "edits applied twice"
    assert conflicts == 0, "disjoint edits were recorded as conflicts"
    assert mid_cycle > 0, "no kill landed inside a cycle: the test proved nothing"
