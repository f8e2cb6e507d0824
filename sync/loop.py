"""Keep a plan and a sheet in step: one cycle now, or one every few seconds until stopped.

`planlogg serve` and `planlogg sync --watch` both use `SyncLoop`. A fault
(network, a refused sheet, the workbook open in Excel) is logged and kept in
`last_error`; the loop carries on and the next cycle tries again, building
the backend anew after an unexpected fault.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from domain.application import Planlogg
from domain.errors import PlanloggError
from domain.persistence import data_dir
from language import _, speaking
from sync.backend import SheetBackend, SheetFormat
from sync.columns import Placement, headings_now
from sync.cycle import CycleReport, SheetSync
from sync.layout import (
    DECISIONS_TAB,
    OVERVIEW_TAB,
    STATUS,
    Layout,
    heading,
    status_choices,
)
from sync.lock import sync_lock

log = logging.getLogger("planlogg.sync")

BackendFactory = Callable[[str], SheetBackend]
"""Builds the backend for a plan key (the plan's worksheet is named after it)."""


def default_workbook(environ: Mapping[str, str] | None = None) -> Path:
    """The embedded default: PLANLOGG_WORKBOOK, else handlingsplan.xlsx in the data folder."""
    found = os.environ if environ is None else environ
    configured = found.get("PLANLOGG_WORKBOOK", "").strip()
    return Path(configured) if configured else data_dir(found) / "handlingsplan.xlsx"


def workbook_backend(path: Path | str) -> BackendFactory:
    from sync.workbook import WorkbookBackend

    return lambda plan_key: WorkbookBackend(path, plan_key)


def google_backend(spreadsheet_id: str, credentials_path: Path | str) -> BackendFactory:
    from sync.google import GoogleSheetBackend

    return lambda plan_key: GoogleSheetBackend.from_service_account(
        spreadsheet_id, plan_key, credentials_path
    )


def excel_online_backend(workbook: str) -> BackendFactory:
    """A workbook in Microsoft 365 (sharing link or drive item ID), as the signed-in user."""
    from sync.excel_online import ExcelOnlineBackend

    return lambda plan_key: ExcelOnlineBackend.signed_in(workbook, plan_key)


def sheet_format(layout: Layout) -> SheetFormat:
    """The format of a new sheet, in the målform spoken now; a backend moves it to where
    people put the columns (`SheetFormat.placed`), finding them by either målform's header."""
    at = Placement.canonical(layout)
    return SheetFormat(
        header=layout.headings,
        status_column=at.index(STATUS),
        status_choices=status_choices(),
        read_only_columns=tuple(at.index(c) for c in layout.read_only),
        tabs=(OVERVIEW_TAB, DECISIONS_TAB),
        dropdowns=tuple((at.index(h), choices) for h, choices in layout.dropdowns.items()),
        aliases=tuple(
            (text, heading(column))
            for text, column in layout.recognised.items()
            if text != heading(column)
        ),
        legacy=frozenset(
            text for text, column in layout.recognised.items() if text not in headings_now(column)
        ),
    )


def lay_out(app: Planlogg, backend: SheetBackend, plan_key: str) -> None:
    """`planlogg sync init`: create or adopt the sheet and lay it out for the plan.

    A new tab gets its header in the målform of the plan's community; a tab that has a
    header keeps it (in whichever målform it was written), and is only formatted."""
    with speaking(app.plan_language(plan_key)):
        backend.lay_out(sheet_format(Layout.for_years(app.get_plan(plan_key).years)))


class SyncLoop:
    """Runs sync cycles for one plan against one sheet."""

    def __init__(
        self,
        sheet_sync: SheetSync,
        backend_factory: BackendFactory,
        plan_key: str,
        interval: float = 5.0,
        allow_removals: bool = False,
        on_report: Callable[[CycleReport], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        lay_out_first: bool = True,
    ) -> None:
        self.sheet_sync = sheet_sync
        self.app = sheet_sync.app
        self.backend_factory = backend_factory
        self.plan_key = plan_key
        self.interval = interval
        self.allow_removals = allow_removals
        self.on_report = on_report
        self.on_error = on_error
        self.lay_out_first = lay_out_first
        self.last_report: CycleReport | None = None
        self.last_error: Exception | None = None
        self.last_cycle_at: datetime | None = None
        self.last_synced_at: datetime | None = None
        """When a cycle last ended well (`last_cycle_at` is the last cycle's, failed or not)."""
        self._backend: SheetBackend | None = None
        self._laid_out = False

    @property
    def backend(self) -> SheetBackend:
        """The backend, built on first use and again after an unexpected fault."""
        if self._backend is None:
            self._backend = self.backend_factory(self.plan_key)
            self._laid_out = not self.lay_out_first
        return self._backend

    def run_once(self) -> CycleReport:
        """One cycle (laying the sheet out first when the backend is new); raises what it
        meets (SyncRefused, SheetBusy, BackendError …) after recording it in `last_error`."""
        try:
            backend = self.backend
            if not self._laid_out:
                self._lay_out(backend)
            report = self.sheet_sync.cycle(backend, self.plan_key, self.allow_removals)
        except Exception as error:
            self.last_error = error
            self.last_cycle_at = datetime.now(UTC)
            if not isinstance(error, PlanloggError):
                self._backend = None
            raise
        self.last_report, self.last_error = report, None
        self.last_cycle_at = self.last_synced_at = datetime.now(UTC)
        return report

    def _lay_out(self, backend: SheetBackend) -> None:
        """Lay the sheet out under its sync lock, as a cycle writes: laying out writes the
        sheet too (a workbook is loaded and saved whole), and beside another process's
        cycle it could save an older copy over that cycle's writes. SheetBusy meanwhile."""
        with sync_lock(self.app, backend.target, backend.label):
            lay_out(self.app, backend, self.plan_key)
        self._laid_out = True

    def run_forever(self, stop: threading.Event) -> None:
        """Cycle every `interval` seconds until `stop` is set; faults are logged, not fatal."""
        while not stop.is_set():
            try:
                report = self.run_once()
            except PlanloggError as error:
                log.warning(_("Synkroniseringen stoppet: %(reason)s", reason=error.message))
                self._notify_error(error)
            except Exception as error:
                log.exception(_("Synkroniseringen feilet; prøver igjen"))
                self._notify_error(error)
            else:
                if self.on_report:
                    self.on_report(report)
            stop.wait(self.interval)

    def _notify_error(self, error: Exception) -> None:
        if self.on_error:
            self.on_error(error)

    def restore(self, tab: str = "") -> Any:
        """`sync restore` for this loop's plan and sheet (the web's button): a new tab with
        the plan, the damaged tab's unsynced edits kept as conflicts (`sync.restore`)."""
        from sync.restore import restore

        return restore(self.sheet_sync, self.backend, self.plan_key, tab=tab)

    def status(self) -> dict[str, Any]:
        """A plain summary for a status page, with the last error's text (for logged-in users).

        The error can quote what someone typed in the sheet (an unadopted draft),
        so public pages show `public_status()` instead. `error_said`: whether the error is one
        of Planlogg's own, worded for people; any other (an OS error) may name a folder on
        the server, and is for the log and the operators' `/healthz` only.
        """
        return {
            **self.public_status(),
            "last_report": self.last_report.summary() if self.last_report else None,
            "last_error": str(getattr(self.last_error, "message", self.last_error or "")) or None,
            "error_said": isinstance(self.last_error, PlanloggError),
            "last_synced_at": self.last_synced_at.isoformat() if self.last_synced_at else None,
        }

    def public_status(self) -> dict[str, Any]:
        """State and counts only: nothing anyone typed."""
        state = "error" if self.last_error else ("ok" if self.last_report else "not_run")
        report = self.last_report
        return {
            "plan": self.plan_key,
            "state": state,
            "last_cycle_at": self.last_cycle_at.isoformat() if self.last_cycle_at else None,
            "counts": {
                name: getattr(report, name)
                for name in ("rows_read", "applied", "written", "conflicts", "rejected", "skipped")
            }
            if report
            else None,
        }
