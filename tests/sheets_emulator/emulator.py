"""``SheetsEmulator``: the object tests hold — server lifecycle, request log, faults, quotas,
and a simulated human editing through the Google Sheets UI.

UI edits (``user_*``) change the model directly: they are not API requests (not recorded, not
counted against quota) but they bump Drive's modifiedTime/version and add a revision by that
user, which is what a sync loop polling Drive notices. Like the UI, they refuse to edit
protected ranges the user is not an editor of (unless warning-only) and refuse values that a
strict data validation rejects.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import gspread
import gspread.http_client

from . import a1, batch_update, cellvalues, dimensions, values_api
from .app import EmulatorApp, RecordedRequest
from .client import RoutingSession
from .faults import Faults
from .model import Box, DriveUser, Sheet, Spreadsheet
from .quota import Quota
from .server import LOOPBACK, ServerThread
from .store import Store, new_sheet_properties

SERVICE_ACCOUNT = ("Planlogg", "planlogg@planlogg-test.iam.gserviceaccount.com")
DEFAULT_HUMAN = ("Ola Nordmann", "ola.nordmann@example.no")
UserLike = tuple[str, str] | DriveUser


def _user(user: UserLike) -> DriveUser:
    return user if isinstance(user, DriveUser) else DriveUser(*user)


class SheetsEmulator:
    """A local Google Sheets v4 + Drive v3 server for gspread, on 127.0.0.1."""

    def __init__(
        self,
        port: int = 0,
        service_account: UserLike = SERVICE_ACCOUNT,
        seed: int | None = None,
    ) -> None:
        """`seed` fixes the IDs it makes; by default they differ per run, like Google's, so
        two test runs on one machine never share a sheet's identity (and its sync lock)."""
        self.store = Store(_user(service_account), seed=seed)
        self._stopping = threading.Event()
        self._app = EmulatorApp(self.store, self._stopping)
        self._server = ServerThread(self._app, port)

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> SheetsEmulator:
        self._server.start()
        return self

    def stop(self) -> None:
        """Stop serving; connections held by timeout faults are released first."""
        self._stopping.set()
        self._server.stop()

    def __enter__(self) -> SheetsEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
        if exc_type is None and self._app.internal_errors:
            raise AssertionError(
                "the Sheets emulator failed internally:\n" + self._app.internal_errors[0]
            )

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self._server.port}"

    # --- clients ---------------------------------------------------------------------------

    def session(self) -> RoutingSession:
        """A requests.Session routing Google API URLs here and refusing any other host."""
        return RoutingSession(self.base_url)

    def gspread_client(
        self, http_client: type[gspread.http_client.HTTPClient] = gspread.http_client.HTTPClient
    ) -> gspread.Client:
        """A real gspread client (no credentials) whose traffic goes to this emulator."""
        return gspread.Client(auth=None, session=self.session(), http_client=http_client)  # type: ignore[arg-type]

    # --- request log, faults, quota ----------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the Sheets and Drive API calls received, oldest first."""
        return list(self._app.requests)

    def reset_requests(self) -> None:
        self._app.requests.clear()

    def request_count(self, kind: str | None = None) -> int:
        """API calls received, optionally only "read", "write" or "drive" ones."""
        return sum(1 for r in self._app.requests if kind is None or r.kind == kind)

    @property
    def faults(self) -> Faults:
        return self._app.faults

    @property
    def internal_errors(self) -> list[str]:
        """Tracebacks of emulator bugs (answered as 500 INTERNAL); also raised on exit."""
        return list(self._app.internal_errors)

    def enable_quota(
        self,
        reads_per_minute: int = 60,
        writes_per_minute: int = 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> Quota:
        """Enforce Google's per-user Sheets quotas from now on (429 RESOURCE_EXHAUSTED)."""
        self._app.quota = Quota(reads_per_minute, writes_per_minute, clock)
        return self._app.quota

    def disable_quota(self) -> None:
        self._app.quota = None

    # --- direct model access ---------------------------------------------------------------

    def create_spreadsheet(self, title: str) -> str:
        """Set-up shortcut: a spreadsheet owned by the service account, without an API call."""
        with self.store.lock:
            return self.store.create(title).spreadsheet_id

    def spreadsheet(self, spreadsheet_id: str) -> Spreadsheet:
        """The live model object (for assertions on validations, formats, protections)."""
        return self.store.spreadsheets[spreadsheet_id]

    def cells(self, spreadsheet_id: str, sheet_title: str) -> list[list[str]]:
        """What a user sees: formatted values, a rectangle up to the last filled row/column."""
        with self.store.lock:
            sheet = self.spreadsheet(spreadsheet_id).worksheet(sheet_title)
            extent = sheet.data_extent()
            return [
                [
                    cellvalues.formatted_value(sheet.cells.get((row, col)) or {})
                    for col in range(extent.col1)
                ]
                for row in range(extent.row1)
            ]

    def notes(self, spreadsheet_id: str, sheet_title: str) -> dict[str, str]:
        """Every note on the sheet by A1 label."""
        with self.store.lock:
            sheet = self.spreadsheet(spreadsheet_id).worksheet(sheet_title)
            return {
                a1.cell_label(row, col): cell["note"]
                for (row, col), cell in sorted(sheet.cells.items())
                if cell.get("note")
            }

    def share_view_only(self, spreadsheet_id: str, view_only: bool = True) -> None:
        """Share the spreadsheet with the service account as Viewer (or Editor again): its
        reads work, its writes get 403 PERMISSION_DENIED, as Google answers them."""
        with self.store.lock:
            self.spreadsheet(spreadsheet_id).view_only = view_only

    # --- a human in the Google Sheets UI ----------------------------------------------------

    def user_edit(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        values: Mapping[str, Any],
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Type values into cells (parsed like the UI: numbers, dates, ``=`` formulas; ``""``
        or None clears). Raises PermissionError / ValueError where the UI would refuse."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            targets = {label: a1.parse_label(label) for label in values}
            for label, (row, col) in targets.items():
                self._check_editable(spreadsheet, sheet, Box(row, col, row + 1, col + 1), who)
                self._check_valid(sheet, row, col, values[label], label)
            for label, (row, col) in targets.items():
                if row >= sheet.row_count or col >= sheet.column_count:
                    raise ValueError(f"{label} is outside the grid of {sheet_title!r}")
            for label, (row, col) in targets.items():
                value = values[label]
                values_api.write_cell(
                    sheet, row, col, "" if value is None else value, "USER_ENTERED"
                )
            self.store.record_change(spreadsheet, who)

    def user_set_note(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        label: str,
        note: str,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Add, change or (with ``""``) remove a cell note."""
        who = _user(user)
        row, col = a1.parse_label(label)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            self._check_editable(spreadsheet, sheet, Box(row, col, row + 1, col + 1), who)
            cell = sheet.cell(row, col)
            if note:
                cell["note"] = note
            else:
                cell.pop("note", None)
            sheet.prune(row, col)
            self.store.record_change(spreadsheet, who)

    def user_delete_rows(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        start_row: int,
        end_row: int,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Delete rows ``start_row``..``end_row`` (1-based, inclusive)."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            box = Box(start_row - 1, 0, end_row, sheet.column_count)
            self._check_editable(spreadsheet, sheet, box, who)
            dimensions.delete(spreadsheet, sheet, "ROWS", start_row - 1, end_row)
            self.store.record_change(spreadsheet, who)

    def user_insert_rows(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        before_row: int,
        count: int = 1,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Insert ``count`` empty rows above ``before_row`` (1-based)."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            dimensions.insert(spreadsheet, sheet, "ROWS", before_row - 1, before_row - 1 + count)
            self.store.record_change(spreadsheet, who)

    def user_move_row(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        row: int,
        to_row: int,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Drag row ``row`` so that it ends up as row ``to_row`` (both 1-based)."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            destination = to_row - 1 if to_row < row else to_row
            dimensions.move(spreadsheet, sheet, "ROWS", row - 1, row, destination)
            self.store.record_change(spreadsheet, who)

    def user_sort(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        column: str,
        descending: bool = False,
        header_rows: int = 1,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Data → Sort range by ``column`` (a letter), keeping ``header_rows`` on top."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            box = Box(header_rows, 0, sheet.row_count, sheet.column_count)
            self._check_editable(spreadsheet, sheet, box, who)
            order = "DESCENDING" if descending else "ASCENDING"
            spec = {"dimensionIndex": a1.column_index(column), "sortOrder": order}
            dimensions.sort_rows(sheet, box, [spec])
            self.store.record_change(spreadsheet, who)

    def user_rename_sheet(
        self,
        spreadsheet_id: str,
        old_title: str,
        new_title: str,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Rename a tab."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, old_title)
            if spreadsheet.sheet_by_title(new_title) not in (None, sheet):
                raise ValueError(f"a sheet titled {new_title!r} already exists")
            sheet.properties["title"] = new_title
            self.store.record_change(spreadsheet, who)

    def user_delete_sheet(
        self, spreadsheet_id: str, title: str, user: UserLike = DEFAULT_HUMAN
    ) -> None:
        """Delete a tab; named ranges on it go with it (as ``deleteSheet`` does)."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, title)
            if len(spreadsheet.sheets) == 1:
                raise ValueError("the last sheet of a spreadsheet cannot be deleted")
            spreadsheet.sheets.remove(sheet)
            spreadsheet.named_ranges = [
                n
                for n in spreadsheet.named_ranges
                if int(n["range"].get("sheetId", 0)) != sheet.sheet_id
            ]
            self.store.record_change(spreadsheet, who)

    def user_insert_columns(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        before: int,
        count: int = 1,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Insert ``count`` empty columns before 0-based column ``before``."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            dimensions.insert(spreadsheet, sheet, "COLUMNS", before, before + count)
            self.store.record_change(spreadsheet, who)

    def user_merge_cells(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        cells: str,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Format › Merge cells › Merge all over the A1 range ``cells`` ("F2:F4"): Google
        keeps the top-left value and empties the other cells, as mergeCells does."""
        self._user_box_change(spreadsheet_id, sheet_title, cells, user, batch_update.merge)

    def user_unmerge_cells(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        cells: str,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Format › Merge cells › Unmerge over the A1 range ``cells``: the cells the merge
        covered stay empty, as unmergeCells leaves them."""
        self._user_box_change(spreadsheet_id, sheet_title, cells, user, batch_update.unmerge)

    def _user_box_change(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        cells: str,
        user: UserLike,
        change: Callable[[Sheet, Box], None],
    ) -> None:
        """A person's change over the A1 range ``cells``, refused where they may not edit."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            box = self._cells_box(sheet, cells)
            self._check_editable(spreadsheet, sheet, box, who)
            change(sheet, box)
            self.store.record_change(spreadsheet, who)

    def user_move_column(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        column: int,
        before: int,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Drag 0-based column ``column`` so it stands before 0-based column ``before``."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            dimensions.move(spreadsheet, sheet, "COLUMNS", column, column + 1, before)
            self.store.record_change(spreadsheet, who)

    def user_hide(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        dimension: str,
        start: int,
        end: int,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Hide 0-based rows or columns ``start``..``end - 1`` (values are unchanged)."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            metadata = sheet.row_metadata if dimension == "ROWS" else sheet.column_metadata
            for index in range(start, end):
                metadata.setdefault(index, {})["hiddenByUser"] = True
            self.store.record_change(spreadsheet, who)

    def user_resize_column(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        column: int,
        pixels: int,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Drag the border of 0-based column ``column`` until it is ``pixels`` wide."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            sheet.column_metadata.setdefault(column, {})["pixelSize"] = pixels
            self.store.record_change(spreadsheet, who)

    def user_filter(
        self,
        spreadsheet_id: str,
        sheet_title: str,
        column: int,
        hidden_values: list[str],
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Data → Create a filter, hiding rows whose 0-based ``column`` shows one of
        ``hidden_values``: Google keeps them as rows hidden by the filter."""
        who = _user(user)
        with self.store.lock:
            spreadsheet, sheet = self._sheet(spreadsheet_id, sheet_title)
            sheet.basic_filter = {
                "range": {"sheetId": sheet.sheet_id},
                "filterSpecs": [
                    {
                        "columnIndex": column,
                        "filterCriteria": {"hiddenValues": list(hidden_values)},
                    }
                ],
            }
            for row in range(1, sheet.row_count):
                shown = cellvalues.formatted_value(sheet.cells.get((row, column)) or {})
                if shown in hidden_values:
                    sheet.row_metadata.setdefault(row, {})["hiddenByFilter"] = True
            self.store.record_change(spreadsheet, who)

    def user_add_sheet(
        self,
        spreadsheet_id: str,
        title: str,
        values: Mapping[str, Any] | None = None,
        user: UserLike = DEFAULT_HUMAN,
    ) -> None:
        """Add a tab of one's own, with values typed into it."""
        who = _user(user)
        with self.store.lock:
            spreadsheet = self.spreadsheet(spreadsheet_id)
            if spreadsheet.sheet_by_title(title) is not None:
                raise ValueError(f"a sheet titled {title!r} already exists")
            properties = new_sheet_properties(self.store.new_object_id(), title)
            sheet = Sheet(properties)
            spreadsheet.sheets.append(sheet)
            for label, value in (values or {}).items():
                row, col = a1.parse_label(label)
                values_api.write_cell(sheet, row, col, value, "USER_ENTERED")
            self.store.record_change(spreadsheet, who)

    def _sheet(self, spreadsheet_id: str, title: str) -> tuple[Spreadsheet, Sheet]:
        spreadsheet = self.spreadsheet(spreadsheet_id)
        return spreadsheet, spreadsheet.worksheet(title)

    @staticmethod
    def _cells_box(sheet: Sheet, cells: str) -> Box:
        bounds = a1.parse_cells(cells)
        if bounds is None:
            raise ValueError(f"{cells!r} is not an A1 range")
        return sheet.close(bounds)

    @staticmethod
    def _check_editable(spreadsheet: Spreadsheet, sheet: Sheet, box: Box, user: DriveUser) -> None:
        if user.email == spreadsheet.owner.email:
            return
        for protected in sheet.protected_ranges:
            editors = (protected.get("editors") or {}).get("users") or []
            if protected.get("warningOnly") or user.email in editors:
                continue
            if sheet.box_of(protected.get("range") or {}).intersects(box):
                raise PermissionError(
                    f"{user.email} may not edit protected range {protected['protectedRangeId']}"
                )

    @staticmethod
    def _check_valid(sheet: Sheet, row: int, col: int, value: Any, label: str) -> None:
        rule = (sheet.cells.get((row, col)) or {}).get("dataValidation")
        if not rule or not rule.get("strict") or value in (None, ""):
            return
        condition = rule.get("condition") or {}
        if condition.get("type") == "ONE_OF_LIST":
            allowed = [v.get("userEnteredValue") for v in condition.get("values") or []]
            if str(value) not in allowed:
                raise ValueError(f"{label}: {value!r} is not one of {allowed} (strict validation)")
