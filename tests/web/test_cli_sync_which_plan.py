"""Which plan `planlogg sync` syncs when none is named (`web.cli.plan_to_sync`): the demo's
where it is loaded; else the only plan; with several, none until one is named.

A health community starting without the demo, with its own plan, ran `planlogg sync --once`
as the README has it and was told «Fant ingen plan med nøkkelen "st-olavs-2022-2024"», a key
it never typed."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from projections import ReadModels
from web.cli import EXIT_INVALID, EXIT_NOT_FOUND, cli
from web.cli.serve_commands import _sync_loop

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
    code, output, _said = sync(url, ["sync", "--once", "--workbook", str(workbook), *options])
    return code, output


def sync(url: str, args: list[str], **env: str) -> tuple[int, str, str]:
    """`planlogg` with `args` on `url`: the exit code, all it printed, and what it said on
    standard error."""
    env = {"PLANLOGG_DATABASE_URL": url, "PLANLOGG_USER": "sekretariatet", **env}
    result = CliRunner().invoke(cli, args, env=env)
    return result.exit_code, result.output, result.stderr


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


DEMO_BESIDE = (
    "Merk: Synkroniserer demoplanen st-olavs-2022-2024. Andre planer her: innlandet-2026. "
    "Velg en av dem med --plan eller PLANLOGG_PLAN.\n"
)
"""Said once when the demo's plan is synced beside a community's own, with none named."""


@pytest.mark.parametrize(
    "args",
    [
        ["sync", "--once", "--workbook", "handlingsplan.xlsx"],
        ["sync", "init", "--workbook", "handlingsplan.xlsx"],
        ["sync", "--workbook", "handlingsplan.xlsx", "init"],
    ],
)
def test_the_demo_synced_beside_a_plan_of_its_own_is_said_once(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with_plans(store, "innlandet-2026", demo=True)
    code, output, said = sync(store, args)
    assert (code, said) == (0, DEMO_BESIDE), output
    assert plan_tabs(tmp_path / "handlingsplan.xlsx") == [DEMO_PLAN]


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["sync", "--once", "--plan", DEMO_PLAN, "--workbook", "handlingsplan.xlsx"], {}),
        (["sync", "--plan", DEMO_PLAN, "init", "--workbook", "handlingsplan.xlsx"], {}),
        (["sync", "--once", "--workbook", "handlingsplan.xlsx"], {"PLANLOGG_PLAN": DEMO_PLAN}),
    ],
)
def test_the_demo_named_beside_a_plan_of_its_own_is_synced_without_a_word(
    store: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    env: dict[str, str],
) -> None:
    monkeypatch.chdir(tmp_path)
    with_plans(store, "innlandet-2026", demo=True)
    code, output, said = sync(store, args, **env)
    assert (code, said) == (0, ""), output
    assert plan_tabs(tmp_path / "handlingsplan.xlsx") == [DEMO_PLAN]


def test_the_service_logs_the_demo_synced_beside_a_plan_of_its_own(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANLOGG_PLAN", raising=False)
    monkeypatch.delenv("PLANLOGG_SPREADSHEET_ID", raising=False)
    with_plans(store, "innlandet-2026", demo=True)
    app = Planlogg.from_url(store)
    try:
        with caplog.at_level(logging.WARNING, logger="planlogg.serve"):
            assert _sync_loop(app, ReadModels.open(app), None, 5.0).plan_key == DEMO_PLAN
            assert _sync_loop(app, ReadModels.open(app), DEMO_PLAN, 5.0).plan_key == DEMO_PLAN
    finally:
        app.close()
    assert [r.getMessage() + "\n" for r in caplog.records] == [DEMO_BESIDE]


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
