"""A sheet backend whose lay-out of a restore's new tab fails once, for each kind of sheet.

The restore then stops with the new tab made and empty, as when Google does not answer or
the workbook is open in Excel, and a restore run again is to find that tab. The tests of
each kind of sheet stop a restore so; only the backend and what it raises differ."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sync.backend import SheetFormat

Backend = TypeVar("Backend")


def lay_out_fails_once(backend: type[Backend], error: Callable[[], Exception]) -> type[Backend]:
    """`backend` whose first lay-out after it made a new tab (`relocate`) raises `error()`."""

    class LayOutFailsOnce(backend):  # type: ignore[valid-type,misc]
        relocated = False
        failed = False

        def relocate(self, title: str) -> str:
            made: str = super().relocate(title)
            self.relocated = True
            return made

        def lay_out(self, sheet_format: SheetFormat) -> None:
            if self.relocated and not self.failed:
                self.failed = True
                raise error()
            super().lay_out(sheet_format)

    return LayOutFailsOnce
