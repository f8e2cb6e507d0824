"""The spreadsheet a plan is synced with, as the people who report in it know it.

The sync's configuration names it (a Google spreadsheet's ID, a workbook's path); the
store's sheet link shows a cycle has run for the plan there (`sync.place.synced_place`).
What people are told of it: the workbook's file name, never where it lies on the server,
and the address to open it at, where it has one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetPlace:
    """A synced sheet as a mail or a page names it: `name` ("" where the sync knows none,
    as for a Google spreadsheet, whose title it never reads) and `url` ("" for a local
    workbook)."""

    name: str = ""
    url: str = ""
