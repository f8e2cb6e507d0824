"""Which plan `planlogg sync` syncs when none is named (`web.cli.plan_to_sync`): the demo's
where it is loaded; else the only plan; with several, none until one is named.

A health community starting without the demo, with its own plan, ran `planlogg sync --once`
as the README has it and was told «Fant ingen plan med nøkkelen "st-olavs-2022-2024"», a key
it never typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, cli

BY = Provenance("Sekretariatet", Source.CLI)


@pytest.fixture
def store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'p.sqlite'}"


def with_plans(url: str, *keys: str, demo: bool = False) -> None:
    app = Planlogg.from_url(url)
    try:
        if demo:
            load_demo(app)
        for key in keys:
            app.create_plan(key, f"Handlingsplan {key}", "innlandet", 2026, 2029, BY)
    finally:
        app.close()


def sync_once(url: str, workbook: Path, *options: str) -> tuple[int, str]:
    env = {"PLANLOGG_DATABASE_URL": url, "PLANLOGG_USER": "sekretariatet"}
    args = ["sync", "--once", "--workbook", str(workbook), *options]
    result = CliRunner().invoke(cli, args, env=env)
    return result.exit_code, result.output


def plan_tabs(workbook: Path) -> list[str]:
    names = load_workbook(workbook, read_only=True).sheetnames
    return [n for n in names if n not in ("Oversikt", "Vedtak")]


def test_the_only_plan_is_synced_without_being_named(store: str, tmp_path: Path) -> None:
    with_plans(store, "innlandet-2026")
    book = tmp_path / "handlingsplan.xlsx"
    code, output = sync_once(store, book)
    assert code == 0, output
    assert plan_tabs(book) == ["innlandet-2026"]


def test_with_the_demo_loaded_the_demo_plan_is_synced_as_the_readme_has_it(
    store: str, tmp_path: Path
) -> None:
    with_plans(store, "innlandet-2026", demo=True)
    book = tmp_path / "handlingsplan.xlsx"
    code, output = sync_once(store, book)
    assert code == 0, output
    assert plan_tabs(book) == [DEMO_PLAN]


def test_with_several_plans_and_none_named_nothing_is_synced_and_the_plans_are_named(
    store: str, tmp_path: Path
) -> None:
    with_plans(store, "innlandet-2026", "innlandet-rus-2026")
    book = tmp_path / "handlingsplan.xlsx"
    code, output = sync_once(store, book)
    assert (code, " ".join(output.split())) == (
        EXIT_INVALID,
        "Feil: Det finnes flere planer (innlandet-2026, innlandet-rus-2026). Velg den som skal "
        "synkroniseres, med --plan eller PLANLOGG_PLAN.",
    )
    assert not book.exists()
    code, output = sync_once(store, book, "--plan", "innlandet-rus-2026")
    assert code == 0, output
    assert plan_tabs(book) == ["innlandet-rus-2026"]


def test_with_no_plan_yet_the_secretariat_is_told_to_make_one(store: str, tmp_path: Path) -> None:
    with_plans(store)
    code, output = sync_once(store, tmp_path / "handlingsplan.xlsx")
    assert (code, " ".join(output.split())) == (
        EXIT_NOT_FOUND,
        "Feil: Det finnes ingen plan å synkronisere ennå. Opprett eller importer planen først.",
    )
