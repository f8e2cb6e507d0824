"""`planlogg sync` makes the workbook's folder when it is not there (as the store makes its
own), where it failed with FileNotFoundError from the temporary file beside the workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def test_sync_once_makes_the_default_folder(
    demo_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is elsewhere (PostgreSQL in production, here a SQLite file): the default
    workbook's folder, planlogg-data/ in the current folder, is not there yet."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANLOGG_WORKBOOK", raising=False)
    monkeypatch.delenv("PLANLOGG_DATA_DIR", raising=False)
    result = demo_cli("sync", "--once")
    assert (result.exit_code, result.exception, result.stderr) == (0, None, "")
    assert sorted(p.name for p in (tmp_path / "planlogg-data").iterdir()) == ["handlingsplan.xlsx"]


def test_sync_init_makes_the_folder_given(demo_cli: Callable[..., Result], tmp_path: Path) -> None:
    workbook = tmp_path / "delt" / "plan" / "handlingsplan.xlsx"
    result = demo_cli("sync", "init", "--workbook", str(workbook))
    assert (result.exit_code, result.exception, result.stderr) == (0, None, "")
    assert sorted(p.name for p in workbook.parent.iterdir()) == ["handlingsplan.xlsx"]
