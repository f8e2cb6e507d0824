"""All spreadsheets of one emulator, the lock that serialises access, ids and the change clock.

Every change (API write or simulated UI edit) goes through ``record_change`` so Drive's
``modifiedTime``, ``version``, ``lastModifyingUser`` and revision list move together, the way a
sync loop polling Drive expects. Timestamps are wall-clock but strictly increasing, so two
writes in the same millisecond still compare as different.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
import random
import string
import threading
from collections.abc import Iterator
from typing import Any

from .errors import ApiError, drive_file_not_found, spreadsheet_not_found
from .model import DriveUser, Revision, Sheet, Spreadsheet

DEFAULT_ROWS = 1000
DEFAULT_COLUMNS = 26
_ID_ALPHABET = string.ascii_letters + string.digits + "-_"


def new_sheet_properties(
    sheet_id: int, title: str, rows: int = DEFAULT_ROWS, columns: int = DEFAULT_COLUMNS
) -> dict[str, Any]:
    return {
        "sheetId": sheet_id,
        "title": title,
        "sheetType": "GRID",
        "gridProperties": {"rowCount": rows, "columnCount": columns},
    }


class Store:
    """Spreadsheets by id; hold ``lock`` while reading or changing any of them."""

    def __init__(self, service_account: DriveUser, seed: int | None = None) -> None:
        self.lock = threading.RLock()
        self.service_account = service_account
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self._random = random.Random(seed)
        self._last_time = dt.datetime.fromtimestamp(0, dt.UTC)

    def now(self) -> dt.datetime:
        """Wall-clock UTC, millisecond precision, strictly increasing across calls."""
        current = dt.datetime.now(dt.UTC)
        current = current.replace(microsecond=current.microsecond // 1000 * 1000)
        if current <= self._last_time:
            current = self._last_time + dt.timedelta(milliseconds=1)
        self._last_time = current
        return current

    def new_file_id(self) -> str:
        return "".join(self._random.choice(_ID_ALPHABET) for _ in range(44))

    def new_object_id(self) -> int:
        """Server-assigned sheetId / protectedRangeId: a positive int32."""
        return self._random.randint(1, 2**31 - 1)

    def create(self, title: str, parents: list[str] | None = None) -> Spreadsheet:
        """A new spreadsheet with one empty 1000×26 ``Sheet1`` (sheetId 0), like Drive makes."""
        created = self.now()
        spreadsheet = Spreadsheet(
            spreadsheet_id=self.new_file_id(),
            properties={
                "title": title,
                "locale": "en_US",
                "autoRecalc": "ON_CHANGE",
                "timeZone": "Etc/GMT",
            },
            sheets=[Sheet(new_sheet_properties(0, "Sheet1"))],
            created_time=created,
            modified_time=created,
            last_modifying_user=self.service_account,
            owner=self.service_account,
            parents=list(parents or []),
        )
        spreadsheet.revisions.append(Revision("1", created, self.service_account))
        self.spreadsheets[spreadsheet.spreadsheet_id] = spreadsheet
        return spreadsheet

    def get(self, spreadsheet_id: str) -> Spreadsheet:
        """For the Sheets API: 404 NOT_FOUND envelope when unknown."""
        return self._get(spreadsheet_id, spreadsheet_not_found())

    def get_file(self, file_id: str) -> Spreadsheet:
        """For the Drive API: Drive's own 404 envelope when unknown."""
        return self._get(file_id, drive_file_not_found(file_id))

    def _get(self, spreadsheet_id: str, missing: ApiError) -> Spreadsheet:
        try:
            return self.spreadsheets[spreadsheet_id]
        except KeyError:
            raise missing from None

    def record_change(self, spreadsheet: Spreadsheet, user: DriveUser | None = None) -> None:
        """Bump modifiedTime/version and add a revision by ``user`` (default: the API caller)."""
        who = user or self.service_account
        spreadsheet.modified_time = self.now()
        spreadsheet.version += 1
        spreadsheet.last_modifying_user = who
        revision_id = str(int(spreadsheet.revisions[-1].revision_id) + 1)
        spreadsheet.revisions.append(Revision(revision_id, spreadsheet.modified_time, who))

    @contextlib.contextmanager
    def transaction(self, spreadsheet: Spreadsheet) -> Iterator[None]:
        """All-or-nothing: if the body raises, the spreadsheet is restored as it was.

        Batch endpoints are atomic in the API; this is how the emulator honours that.
        """
        saved = pickle.dumps(vars(spreadsheet))  # much faster than deepcopy; read back on failure
        try:
            yield
        except BaseException:
            vars(spreadsheet).clear()
            vars(spreadsheet).update(pickle.loads(saved))
            raise
