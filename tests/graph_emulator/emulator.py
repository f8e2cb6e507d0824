"""``GraphEmulator``: the object tests hold — both servers, the workbooks, the request log,
faults, throttling, slow session creation, and people editing in Excel for the web or
locking the workbook from the desktop app.

People's edits (``user_*``) change the model directly, like typing in Excel for the web: they
are no API requests (not logged, not throttled) but each saves a new version of the file by
that person, which is what a sync reading the item's versions notices.
"""

from __future__ import annotations

import ssl
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import requests
import trustme

from . import a1
from .app import GraphApp, RecordedRequest
from .faults import Faults, Throttle
from .identity import Identity
from .model import Session, Store, Workbook, Worksheet
from .model import User as User
from .server import LOOPBACK, ServerThread

TENANT_ID = "7f3c0a52-1d9e-4c1b-9a4e-2b6d8e0f1a11"
CLIENT_ID = "0d9f6c1e-5b7a-4e2f-8c3d-1a2b3c4d5e6f"
SERVICE_USER = User(
    "5a1c2e3f-0000-4000-8000-000000000001", "Planlogg Synk", "planlogg@helsefellesskap.test"
)
DEFAULT_HUMAN = User(
    "5a1c2e3f-0000-4000-8000-000000000002", "Ola Nordmann", "ola.nordmann@helsefellesskap.test"
)


class GraphEmulator:
    """Microsoft Graph (drive items + workbooks) on loopback HTTP, Entra-like sign-in on
    loopback HTTPS with a certificate made for the run by ``trustme``."""

    def __init__(
        self,
        port: int = 0,
        identity_port: int = 0,
        seed: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = Store(seed, clock)
        self.identity = Identity(TENANT_ID, clients={CLIENT_ID})
        self.ca = trustme.CA()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(LOOPBACK, "localhost").configure_cert(context)
        self._stopping = threading.Event()
        self._app = GraphApp(self.store, self.identity, self._stopping, seed)
        self._server = ServerThread(self._app, port)
        self._identity_server = ServerThread(self.identity, identity_port, ssl_context=context)

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> GraphEmulator:
        self._server.start()
        self._identity_server.start()
        self.identity.base_url = f"https://{LOOPBACK}:{self._identity_server.port}"
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.stop()
        self._identity_server.stop()

    def __enter__(self) -> GraphEmulator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
        if exc_type is None and self._app.internal_errors:
            raise AssertionError("the Graph emulator failed:\n" + self._app.internal_errors[0])

    @property
    def base_url(self) -> str:
        """The Graph root, version included (what PLANLOGG_GRAPH_URL is set to)."""
        return f"http://{LOOPBACK}:{self._server.port}/v1.0"

    @property
    def authority_host(self) -> str:
        """The sign-in host (what PLANLOGG_GRAPH_AUTHORITY is set to)."""
        return self.identity.base_url

    @property
    def authority(self) -> str:
        return f"{self.identity.base_url}/{TENANT_ID}"

    def write_ca(self, path: Path) -> Path:
        """The test CA's certificate as PEM, for REQUESTS_CA_BUNDLE or MSAL's ``verify``."""
        self.ca.cert_pem.write_to_path(str(path))
        return path

    # --- clients and tokens --------------------------------------------------------------

    def token(self, user: User = SERVICE_USER) -> str:
        """An access token without a sign-in, for tests that leave MSAL out."""
        return self.identity.issue(user, CLIENT_ID, ["Files.ReadWrite"])

    def session(self) -> requests.Session:
        """A requests.Session that refuses every host but this emulator's."""
        return LoopbackSession(f"http://{LOOPBACK}:{self._server.port}")

    # --- request log, faults, throttling, sessions ---------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        return list(self._app.requests)

    def reset_requests(self) -> None:
        self._app.requests.clear()

    def request_count(self) -> int:
        """HTTP requests received (a batch is one)."""
        return len(self._app.requests)

    def batched(self, method: str | None = None, match: str = "") -> list[tuple[str, str, int]]:
        """Every request sent inside a batch, oldest first, optionally filtered."""
        return [
            item
            for r in self._app.requests
            for item in r.items
            if (method is None or item[0] == method) and match in item[1]
        ]

    @property
    def faults(self) -> Faults:
        return self._app.faults

    @property
    def internal_errors(self) -> list[str]:
        return list(self._app.internal_errors)

    def throttle(self, limit: int, window: float = 60.0, retry_after: float = 5.0) -> Throttle:
        self._app.throttle = Throttle(limit, window, retry_after, self.store.clock)
        return self._app.throttle

    def slow_sessions(self, polls: int) -> None:
        """Answer ``createSession`` (with ``Prefer: respond-async``) with ``202 Accepted``;
        the operation reports ``running`` for `polls` polls, then ``succeeded``."""
        self.store.slow_session_polls = polls

    def fail_session_creation(self, fails: bool = True) -> None:
        """Session creation fails (``GenericFileOpenError``), at once or via the operation."""
        self.store.session_creation_fails = fails

    def open_sessions(self) -> list[Session]:
        with self.store.lock:
            return [s for s in self.store.sessions.values() if not s.closed]

    def expire_sessions(self) -> None:
        """Let every open session idle out (the next use gets ``409``)."""
        with self.store.lock:
            for session in self.store.sessions.values():
                session.last_used = float("-inf")

    # --- workbooks -----------------------------------------------------------------------

    def create_workbook(
        self, name: str = "Handlingsplan.xlsx", sheets: tuple[str, ...] = ("Ark1",)
    ) -> Workbook:
        """Set-up shortcut: a workbook in a SharePoint library, with a sharing link. IDs are
        unique per run: sync lock files are named after them and shared by processes."""
        with self.store.lock:
            unique = uuid.uuid4().hex.upper()
            drive_id = f"b!{unique[:16]}"
            item_id = f"01{unique[16:]}"
            book = Workbook(
                drive_id=drive_id,
                item_id=item_id,
                name=name,
                owner=DEFAULT_HUMAN,
                sharing_url=f"https://helsefellesskap.sharepoint.test/:x:/s/plan/{item_id}",
            )
            for title in sheets:
                book.add_sheet(title)
            self.store.workbooks[(drive_id, item_id)] = book
            self.store.record_change(book, DEFAULT_HUMAN)
            return book

    def sheet(self, book: Workbook, name: str) -> Worksheet:
        found = book.sheet(name)
        if found is None:
            raise KeyError(name)
        return found

    def cells(self, book: Workbook, sheet_name: str) -> list[list[str]]:
        """What a person sees: text from A1 to the last filled row and column."""
        with self.store.lock:
            return self.sheet(book, sheet_name).grid()

    def number_format(self, book: Workbook, sheet_name: str, label: str) -> str:
        row, column = _cell(label)
        with self.store.lock:
            return self.sheet(book, sheet_name).peek(row, column).number_format

    def column_format(self, book: Workbook, sheet_name: str, column: str) -> dict[str, Any]:
        """A column's (by letters, ``E``) width in points, wrap and alignments, as Graph's
        ``workbookRangeFormat`` reads them (Excel's defaults where nothing was set)."""
        with self.store.lock:
            return self.sheet(book, sheet_name).column_format(a1.column_index(column))

    # --- people in Excel for the web, or in the desktop app ------------------------------

    def user_edit(
        self,
        book: Workbook,
        sheet_name: str,
        values: Mapping[str, Any],
        user: User = DEFAULT_HUMAN,
    ) -> None:
        """Type into cells by A1 label, as Excel interprets typing (``""`` clears)."""
        with self.store.lock:
            sheet = self.sheet(book, sheet_name)
            for label, value in values.items():
                sheet.cell(*_cell(label)).enter(value)
            sheet.prune()
            self.store.record_change(book, user)

    def user_format_columns(
        self,
        book: Workbook,
        sheet_name: str,
        columns: str,
        look: Mapping[str, Any],
        user: User = DEFAULT_HUMAN,
    ) -> None:
        """Give whole columns (``E:G``) a width (points), wrap or alignment (`look`, by the
        names of Graph's ``workbookRangeFormat``), as dragging a column's edge does."""
        area = a1.parse(columns)
        if area.col0 is None or area.col1 is None or area.row0 is not None:
            raise ValueError(f"{columns!r} is not whole columns")
        with self.store.lock:
            self.sheet(book, sheet_name).format_columns(area.col0, area.col1, dict(look))
            self.store.record_change(book, user)

    def user_delete_rows(
        self, book: Workbook, sheet_name: str, first: int, last: int, user: User = DEFAULT_HUMAN
    ) -> None:
        """Delete rows `first`..`last` (1-based, inclusive)."""
        with self.store.lock:
            self.sheet(book, sheet_name).delete_rows(first - 1, last - 1, None, None)
            self.store.record_change(book, user)

    def user_sort(
        self,
        book: Workbook,
        sheet_name: str,
        column: str,
        descending: bool = False,
        header_rows: int = 1,
        user: User = DEFAULT_HUMAN,
    ) -> None:
        """Data → Sort by `column` (a letter), keeping the header rows on top."""
        with self.store.lock:
            sheet = self.sheet(book, sheet_name)
            extent = sheet.used(values_only=True)
            if extent is None:
                return
            last_row = extent[2]
            key = a1.column_index(column)
            rows = list(range(header_rows, last_row + 1))
            contents: dict[int, dict[int, Any]] = {r: {} for r in rows}
            for (r, c), cell in sheet.cells.items():
                if r in contents:
                    contents[r][c] = cell
            order = sorted(rows, key=lambda r: sheet.peek(r, key).text(), reverse=descending)
            for r in rows:
                for c in list(contents[r]):
                    del sheet.cells[(r, c)]
            for target, source in zip(rows, order, strict=True):
                for c, cell in contents[source].items():
                    sheet.cells[(target, c)] = cell
            self.store.record_change(book, user)

    def user_rename_sheet(
        self, book: Workbook, old: str, new: str, user: User = DEFAULT_HUMAN
    ) -> None:
        with self.store.lock:
            self.sheet(book, old).name = new
            self.store.record_change(book, user)

    def user_delete_sheet(self, book: Workbook, name: str, user: User = DEFAULT_HUMAN) -> None:
        """Delete a tab; a name that referred to it then reads ``#REF!``."""
        with self.store.lock:
            book.worksheets.remove(self.sheet(book, name))
            self.store.record_change(book, user)

    def user_insert_columns(
        self,
        book: Workbook,
        sheet_name: str,
        before: int,
        count: int = 1,
        user: User = DEFAULT_HUMAN,
    ) -> None:
        """Insert `count` empty columns before 0-based column `before`, shifting cells right."""
        with self.store.lock:
            self.sheet(book, sheet_name).move_columns(lambda c: c + count if c >= before else c)
            self.store.record_change(book, user)

    def user_move_column(
        self, book: Workbook, sheet_name: str, column: int, before: int, user: User = DEFAULT_HUMAN
    ) -> None:
        """Drag 0-based column `column` so it stands before 0-based column `before`."""
        with self.store.lock:
            sheet = self.sheet(book, sheet_name)
            width = 1 + max([c for _, c in sheet.cells] + [column, before])
            order = list(range(width))
            order.remove(column)
            order.insert(before if before < column else before - 1, column)
            where = {old: new for new, old in enumerate(order)}
            sheet.move_columns(lambda c: where.get(c, c))
            self.store.record_change(book, user)

    def user_insert_rows(
        self,
        book: Workbook,
        sheet_name: str,
        before: int,
        count: int = 1,
        user: User = DEFAULT_HUMAN,
    ) -> None:
        """Insert `count` empty rows before 1-based row `before`."""
        with self.store.lock:
            sheet = self.sheet(book, sheet_name)
            sheet.cells = {
                (r + count if r >= before - 1 else r, c): cell
                for (r, c), cell in sheet.cells.items()
            }
            self.store.record_change(book, user)

    def user_add_sheet(
        self,
        book: Workbook,
        name: str,
        values: Mapping[str, Any] | None = None,
        user: User = DEFAULT_HUMAN,
    ) -> None:
        """Add a tab of one's own, with values typed into it."""
        with self.store.lock:
            sheet = book.add_sheet(name)
            for label, value in (values or {}).items():
                sheet.cell(*_cell(label)).enter(value)
            self.store.record_change(book, user)

    def lock_in_desktop(self, book: Workbook, user: User = DEFAULT_HUMAN) -> None:
        """The desktop app holds the file locked for editing (no co-authoring)."""
        with self.store.lock:
            book.locked_by = user

    def unlock(self, book: Workbook) -> None:
        with self.store.lock:
            book.locked_by = None


def _cell(label: str) -> tuple[int, int]:
    area = a1.parse(label)
    if area.row0 is None or area.col0 is None:
        raise ValueError(f"{label!r} is not a cell")
    return area.row0, area.col0


class ForeignHostRefused(RuntimeError):
    """A request to any host but the emulator."""


class LoopbackSession(requests.Session):
    """Sends only to the emulator; proxies and CA bundles from the environment are ignored."""

    def __init__(self, origin: str) -> None:
        super().__init__()
        self.origin = origin
        self.trust_env = False

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if not (request.url or "").startswith(self.origin + "/"):
            raise ForeignHostRefused(f"the Graph emulator session refuses {request.url!r}")
        return super().send(request, **kwargs)
