"""The options typed before a `planlogg sync` subcommand: the target options (--workbook,
--plan, …) are the subcommand's, as the group's help offers them; those no subcommand uses
are refused rather than ignored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from web.cli import EXIT_NOT_FOUND, EXIT_USAGE

KEY = "st-olavs-2022-2024"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder (not the store's), with the default workbook's folder there and no
    settings."""
    folder = tmp_path / "her"
    (folder / "planlogg-data").mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.delenv("PLANLOGG_WORKBOOK", raising=False)
    monkeypatch.delenv("PLANLOGG_DATA_DIR", raising=False)
    monkeypatch.delenv("PLANLOGG_PLAN", raising=False)
    return folder


def test_the_workbook_given_before_init_is_the_one_laid_out(
    demo_cli: Callable[..., Result], here: Path
) -> None:
    chosen = here / "min-plan.xlsx"
    result = demo_cli("sync", "--workbook", str(chosen), "init")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert chosen.is_file()
    assert list((here / "planlogg-data").iterdir()) == []


def test_the_plan_given_before_init_is_the_one_synced(
    demo_cli: Callable[..., Result], here: Path
) -> None:
    result = demo_cli("sync", "--plan", "st-olavs-2022-2042", "init", "--workbook", "x.xlsx")
    assert (result.exit_code, result.stderr) == (
        EXIT_NOT_FOUND,
        'Feil: Fant ingen plan med nøkkelen "st-olavs-2022-2042".\n',
    )
    assert not (here / "x.xlsx").exists()


def test_the_same_workbook_on_both_sides_is_one(
    demo_cli: Callable[..., Result], here: Path
) -> None:
    result = demo_cli("sync", "--workbook", "a.xlsx", "init", "--workbook", "a.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert sorted(p.name for p in here.iterdir()) == ["a.xlsx", "planlogg-data"]


def test_two_workbooks_on_both_sides_are_refused(
    demo_cli: Callable[..., Result], here: Path
) -> None:
    result = demo_cli("sync", "--workbook", "a.xlsx", "init", "--workbook", "b.xlsx")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.splitlines()[-1] == (
        "Feil: --workbook er gitt både før og etter «init», med ulike verdier."
    )
    assert sorted(p.name for p in here.iterdir()) == ["planlogg-data"]


@pytest.mark.parametrize(
    ("before", "command", "named"),
    [
        (("--once",), "init", "--once"),
        (("--watch",), "restore", "--watch"),
        (("--interval", "3"), "init", "--interval"),
        (("--allow-removals",), "init", "--allow-removals"),
        (("--workbook", "a.xlsx"), "login", "--workbook"),
        (("--plan", KEY), "login", "--plan"),
    ],
)
def test_an_option_the_subcommand_does_not_use_is_refused(
    demo_cli: Callable[..., Result], here: Path, before: tuple[str, ...], command: str, named: str
) -> None:
    result = demo_cli("sync", *before, command)
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.splitlines()[-1] == (
        f"Feil: {named} gjelder ikke for «planlogg sync {command}»."
    )
    assert sorted(p.name for p in here.iterdir()) == ["planlogg-data"]
    assert list((here / "planlogg-data").iterdir()) == []
