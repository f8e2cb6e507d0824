"""A stateful property test of the sync, on the workbook and on the Google emulator.

Hypothesis interleaves, in random order: several people typing in the sheet, writing in a
column of their own, inserting that column, moving columns, renaming the tab, sorting and
filtering; rewordings from the web and the command line on the same cells; sync cycles,
cycles that crash at each crash point (reading, saving the edits, writing the sheet,
settling the baseline) and restarts (a new process: new backend, new SheetSync). After a
quiet cycle (drawn as a rule, and always at the end of every example) it checks:

- sheet and store agree (every active measure on exactly one row, every cell the same);
- no edit is lost (each text typed and read by a cycle was applied or kept as a conflict)
  or applied twice (no text is recorded by more than one reword);
- every concurrent difference (a cell changed in the sheet and in Planlogg between two
  cycles) is a recorded conflict keeping the sheet's text;
- a user's own column is never written (checked after every step).

Examples are bounded for CI; PLANLOGG_STATEFUL_EXAMPLES (and _STEPS) run it longer.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cells import same_meaning
from sync.cycle import SheetSync, store_view
from sync.google import GoogleSheetBackend
from sync.layout import Layout
from sync.link import load_link
from sync.workbook import WorkbookBackend
from tests.sheets_emulator import SheetsEmulator
from tests.sync.conformance.drivers import (
    GoogleDriver,
    SheetDriver,
    WorkbookDriver,
    header,
    ids,
    laid_out,
    quick_retry_client,
    row_of,
)
from tests.sync.conftest import PLAN, make_plan
from tests.sync.test_cycle import _crash_once, _moves_only_the_base

MEASURES = ("T001", "T002", "T003", "T004")
PEOPLE = ("Siri Sekretær", "Per Planleggjar", "Kari Kommune")
WEB = Provenance("Webbrukar", Source.WEB)
CLI = Provenance("Sekretariatet", Source.CLI)
CRASHES = ("read", "save_edits", "write", "settle")
OWN = "Notat"
SETTINGS = settings(
    max_examples=int(os.environ.get("PLANLOGG_STATEFUL_EXAMPLES", "6")),
    stateful_step_count=int(os.environ.get("PLANLOGG_STATEFUL_STEPS", "18")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


class SyncMachine(RuleBasedStateMachine):
    """One plan, one sheet, people, Planlogg and the sync; `make_driver` gives the sheet."""

    make_driver: Callable[[], SheetDriver]
    restart_backend: Callable[[SheetDriver], None]

    def __init__(self) -> None:
        super().__init__()
        self.app = Planlogg.from_url("memory:")
        make_plan(self.app, measures=len(MEASURES))
        self.sync = SheetSync(self.app, ReadModels.open(self.app))
        self.driver = self.make_driver()
        with laid_out(self.sync, self.driver):
            pass
        self.counter = 0
        self.own: dict[str, str] = {}
        self.typed: dict[str, str] = {}
        """Per measure, text typed into Tiltak and not yet read by a cycle."""
        self.changed: set[str] = set()
        """Measures reworded in Planlogg since their Tiltak was last written to the sheet."""
        self.read: list[str] = []
        self.concurrent: list[str] = []

    def _text(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix} {self.counter}"

    # --- people in the sheet ----------------------------------------------------------

    @initialize()
    def start(self) -> None:
        assert ids(self.driver) == list(MEASURES)

    @rule(measure=st.sampled_from(MEASURES), person=st.sampled_from(PEOPLE))
    def person_types(self, measure: str, person: str) -> None:
        text = self._text("Arket")
        self.driver.edit({(row_of(self.driver, measure), "Tiltak"): text}, user=person)
        self.typed[measure] = text

    @rule(measure=st.sampled_from(MEASURES), colour=st.sampled_from(["grønn", "Gul", "raud"]))
    def person_reports(self, measure: str, colour: str) -> None:
        self.driver.edit({(row_of(self.driver, measure), "Status"): colour})

    @precondition(lambda self: OWN in header(self.driver))
    @rule(measure=st.sampled_from(MEASURES))
    def person_writes_a_note(self, measure: str) -> None:
        text = self._text("Notat")
        self.driver.edit({(row_of(self.driver, measure), OWN): text})
        self.own[measure] = text

    @precondition(lambda self: OWN not in header(self.driver))
    @rule(position=st.integers(1, 30))
    def person_inserts_an_own_column(self, position: int) -> None:
        self.driver.insert_column(min(position, len(header(self.driver))), OWN)

    @rule(
        column=st.sampled_from(["Tiltak", "Status", "Nr", "Melding", "2024"]), to=st.integers(0, 30)
    )
    def person_moves_a_column(self, column: str, to: int) -> None:
        self.driver.move_column(column, min(to, len(header(self.driver))))

    @rule()
    def person_renames_the_tab(self) -> None:
        self.driver.rename_tab(self._text("Plan"))

    @rule(column=st.sampled_from(["Tiltak", "Nr", "Status"]))
    def person_sorts(self, column: str) -> None:
        self.driver.sort_by(column)

    @rule(shown=st.sampled_from(["grønn", "gul", ""]))
    def person_filters(self, shown: str) -> None:
        self.driver.filter_out("Status", shown)

    # --- Planlogg ---------------------------------------------------------------------

    @rule(measure=st.sampled_from(MEASURES), by=st.sampled_from([WEB, CLI]))
    def planlogg_rewords(self, measure: str, by: Provenance) -> None:
        self.app.reword_measure(PLAN, measure, self._text(by.source.value), by)
        self.changed.add(measure)

    # --- the sync ---------------------------------------------------------------------

    @rule()
    def cycle(self) -> None:
        self.sync.cycle(self.driver.backend, PLAN)
        self._edits_taken_in(written=True)

    @rule(point=st.sampled_from(CRASHES))
    def cycle_crashes(self, point: str) -> None:
        pending = bool(load_link(self.app, PLAN, self.driver.backend.target).pending)
        if point == "read":
            _crash_once(self.driver.backend, "read")
        elif point == "save_edits":
            _crash_once(self.app, "save")
        elif point == "write":
            _crash_once(self.driver.backend, "write")
        else:
            _crash_once(self.app, "save", _moves_only_the_base)
        with contextlib.suppress(RuntimeError):
            self.sync.cycle(self.driver.backend, PLAN)
        self._disarm()
        if point == "write" or (point == "settle" and not pending):
            self._edits_taken_in(written=point == "settle")

    @rule()
    def restart(self) -> None:
        """A new process: the backend and the sync are built anew; the store is the same."""
        type(self).restart_backend(self.driver)
        self.sync = SheetSync(self.app, ReadModels.open(self.app))

    @rule()
    def quiet_cycles_agree(self) -> None:
        self.cycle()
        self.cycle()
        report = self.sync.cycle(self.driver.backend, PLAN)
        assert (report.applied, report.written, report.conflicts) == (0, 0, 0)
        self._sheet_and_store_agree()
        self._nothing_lost_or_doubled()

    def teardown(self) -> None:
        """Every example ends with the quiet-cycle check, whichever rules hypothesis drew."""
        self.quiet_cycles_agree()

    @invariant()
    def own_column_never_written(self) -> None:
        if OWN not in header(self.driver):
            return
        for measure in MEASURES:
            shown = self.driver.grid()[row_of(self.driver, measure) - 1]
            index = header(self.driver).index(OWN)
            assert (shown[index] if index < len(shown) else "") == self.own.get(measure, "")

    # --- bookkeeping ------------------------------------------------------------------
    #
    # A cycle after one that stopped with writes recorded but not settled (a crash at
    # writing or settling leaves them `pending`) first settles them, before it saves any
    # edit: that save, which moves only the baseline, is the one a crash at "settle" (or
    # the first save, at "save_edits") stops, so nothing typed was taken in by it.

    def _edits_taken_in(self, written: bool) -> None:
        """The cycle saved what it read: typed texts were applied, or conflicts where
        Planlogg changed the same cell; Planlogg's changes reached the sheet if `written`."""
        for measure, text in self.typed.items():
            self.read.append(text)
            if measure in self.changed:
                self.concurrent.append(text)
        self.typed = {}
        if written:
            self.changed = set()

    def _disarm(self) -> None:
        for target in (self.app, self.driver.backend):
            for name in ("save", "read", "write"):
                target.__dict__.pop(name, None)

    def _sheet_and_store_agree(self) -> None:
        plan = self.app.get_plan(PLAN)
        layout = Layout.for_years(plan.years)
        store = store_view(plan, layout).rows
        grid = self.driver.grid()
        found = [layout.recognised.get(text, text) for text in header(self.driver)]
        assert sorted(i for i in ids(self.driver) if i) == sorted(store)
        for measure, cells in store.items():
            row = grid[row_of(self.driver, measure) - 1]
            for column, text in cells.items():
                index = found.index(column)
                shown = row[index] if index < len(row) else ""
                assert same_meaning(layout, column, shown, text), (measure, column, shown, text)

    def _nothing_lost_or_doubled(self) -> None:
        plan = self.app.get_plan(PLAN)
        events = list(self.app.events.get(plan.id))
        reworded = [e.text for e in events if type(e).__name__ == "MeasureReworded"]
        kept = [e.lost for e in events if type(e).__name__ == "EditConflictRecorded"]
        for text in self.read:
            assert reworded.count(text) + kept.count(text) == 1, text
        for text in self.concurrent:
            assert text in kept, text
        assert len(set(reworded)) == len(reworded)


def _workbook_machine(folder: Path) -> type[SyncMachine]:
    def make() -> SheetDriver:
        place = folder / f"run-{len(list(folder.iterdir()))}"
        place.mkdir()
        return WorkbookDriver(place)

    def restart(driver: SheetDriver) -> None:
        assert isinstance(driver, WorkbookDriver)
        driver.backend = WorkbookBackend(driver.path, PLAN)

    return type(
        "WorkbookSyncMachine",
        (SyncMachine,),
        {"make_driver": staticmethod(make), "restart_backend": staticmethod(restart)},
    )


def _google_machine(emulator: SheetsEmulator) -> type[SyncMachine]:
    def restart(driver: SheetDriver) -> None:
        assert isinstance(driver, GoogleDriver)
        client = emulator.gspread_client(http_client=quick_retry_client(driver.waits))
        driver.backend = GoogleSheetBackend(client, driver.spreadsheet_id, PLAN)

    return type(
        "GoogleSyncMachine",
        (SyncMachine,),
        {
            "make_driver": staticmethod(lambda: GoogleDriver(emulator)),
            "restart_backend": staticmethod(restart),
        },
    )


def test_the_sync_keeps_its_promises_on_a_workbook(tmp_path: Path) -> None:
    run_state_machine_as_test(_workbook_machine(tmp_path), settings=SETTINGS)


def test_the_sync_keeps_its_promises_on_google(emulator: SheetsEmulator) -> None:
    run_state_machine_as_test(_google_machine(emulator), settings=SETTINGS)


@pytest.mark.parametrize("point", CRASHES)
def test_each_crash_point_is_reached(point: str, tmp_path: Path) -> None:
    """The machine's crash rule really crashes the cycle at `point` (it could fail silently)."""
    machine = _workbook_machine(tmp_path)()
    machine.person_types("T001", PEOPLE[0])
    machine.planlogg_rewords("T002", WEB)
    crashed: list[Any] = []
    original = machine.sync.cycle

    def watched(*args: Any, **kwargs: Any) -> Any:
        try:
            return original(*args, **kwargs)
        except RuntimeError as error:
            crashed.append(error)
            raise

    machine.sync.cycle = watched  # type: ignore[method-assign]
    machine.cycle_crashes(point)
    assert [str(e) for e in crashed] == ["krasj"]
    machine.quiet_cycles_agree()
