"""The drivers the conformance cases run on: every backend, and the networked ones.

Adding a case is adding one test function taking `driver` (or `networked` for cases about
service faults, which backends without a network do not have)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.application import Planlogg
from sync.cycle import SheetSync
from tests.sync.conformance.drivers import (
    ExcelDriver,
    GoogleDriver,
    MemoryDriver,
    SheetDriver,
    WorkbookDriver,
    laid_out,
)

NETWORKED = ("google", "excel")


def _driver(request: pytest.FixtureRequest, kind: str, tmp_path: Path) -> SheetDriver:
    if kind == "memory":
        return MemoryDriver()
    if kind == "workbook":
        return WorkbookDriver(tmp_path)
    if kind == "google":
        return GoogleDriver(request.getfixturevalue("emulator"))
    return ExcelDriver(request.getfixturevalue("graph"))


@pytest.fixture(params=["memory", "workbook", *NETWORKED])
def driver(
    request: pytest.FixtureRequest, plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> Iterator[SheetDriver]:
    with laid_out(sheet_sync, _driver(request, request.param, tmp_path)) as ready:
        yield ready


@pytest.fixture(params=NETWORKED)
def networked(
    request: pytest.FixtureRequest, plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path
) -> Iterator[SheetDriver]:
    with laid_out(sheet_sync, _driver(request, request.param, tmp_path)) as ready:
        yield ready
