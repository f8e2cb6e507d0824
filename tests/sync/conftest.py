"""A small plan and an in-memory sheet laid out for it; the plan laid out on the Sheets
emulator; the Microsoft sign-in's settings pointing at the Graph emulator."""

from __future__ import annotations

from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from projections import ReadModels
from sync.cycle import SheetSync
from sync.excel_online import ExcelOnlineBackend
from sync.google import GoogleSheetBackend
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.microsoft_login import GraphSettings
from sync.workbook import WorkbookBackend
from tests.graph_emulator import CLIENT_ID, SERVICE_USER, TENANT_ID, GraphEmulator
from tests.graph_emulator.model import Workbook
from tests.sheets_emulator import SheetsEmulator
from tests.sync.excel import excel_backend

PLAN = "testplan"
WEB = Provenance("Webbrukar", Source.WEB)


def make_plan(app: Planlogg, measures: int = 6) -> None:
    by = Provenance("Sekretariatet", Source.CLI)
    app.create_plan(PLAN, "Testplan", "helsefellesskap", 2024, 2025, by)
    app.add_area(PLAN, "1", "Samhandling", by)
    app.add_goal(PLAN, "1.1", "Betre samhandling", by)
    app.add_goal(PLAN, "1.2", "Felles kompetanse", by)
    for n in range(1, measures + 1):
        goal = "1.1" if n <= measures // 2 else "1.2"
        app.add_measure(
            PLAN, f"{goal}.{n}", f"Tiltak nummer {n}", by, responsible=["PSU"], marks={2024: "x"}
        )


@pytest.fixture
def plan_app(memory_app: Planlogg) -> Planlogg:
    make_plan(memory_app)
    return memory_app


@pytest.fixture
def workbook(plan_app: Planlogg, tmp_path: Path) -> WorkbookBackend:
    """The plan laid out in a local workbook and synced once."""
    backend = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    SheetSync(plan_app, ReadModels.open(plan_app)).cycle(backend, PLAN)
    return backend


@pytest.fixture
def sheet(plan_app: Planlogg, sheet_sync: SheetSync) -> InMemorySheetBackend:
    backend = InMemorySheetBackend("testplan")
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend


@pytest.fixture
def google_sheet(
    plan_app: Planlogg, sheet_sync: SheetSync, emulator: SheetsEmulator
) -> GoogleSheetBackend:
    """The plan laid out on a new spreadsheet of the Sheets emulator (through the real
    gspread) and synced once, the emulator's requests so far forgotten; the spreadsheet is
    `spreadsheet_id`."""
    sid = emulator.create_spreadsheet("Handlingsplan")
    backend = GoogleSheetBackend(emulator.gspread_client(), sid, PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    emulator.reset_requests()
    return backend


@pytest.fixture
def settings(
    graph: GraphEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> GraphSettings:
    """The environment pointing at loopback; requests trusts only the test CA."""
    ca = graph.write_ca(tmp_path / "ca.pem")
    environment = {
        "PLANLOGG_GRAPH_TENANT": TENANT_ID,
        "PLANLOGG_GRAPH_CLIENT_ID": CLIENT_ID,
        "PLANLOGG_GRAPH_AUTHORITY": graph.authority_host,
        "PLANLOGG_GRAPH_URL": graph.base_url,
        "PLANLOGG_GRAPH_TOKEN_CACHE": str(tmp_path / "secret" / "token.json"),
        "PLANLOGG_DATA_DIR": str(tmp_path),
        "REQUESTS_CA_BUNDLE": str(ca),
        "CURL_CA_BUNDLE": str(ca),
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    graph.identity.approve_as = SERVICE_USER
    return GraphSettings.from_env()


@pytest.fixture
def waits() -> list[float]:
    """The back-off waits an Excel Online backend would have slept (`excel_backend`)."""
    return []


@pytest.fixture
def book(graph: GraphEmulator) -> Workbook:
    return graph.create_workbook()


def synced_excel(
    sheet_sync: SheetSync, graph: GraphEmulator, book: Workbook, waits: list[float]
) -> ExcelOnlineBackend:
    """An Excel Online backend on `book`, laid out and synced once for the plan, its requests
    and waits so far forgotten."""
    backend = excel_backend(graph, book, PLAN, waits)
    lay_out(sheet_sync.app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    graph.reset_requests()
    waits.clear()
    return backend


@pytest.fixture
def excel(
    plan_app: Planlogg,
    sheet_sync: SheetSync,
    graph: GraphEmulator,
    book: Workbook,
    waits: list[float],
) -> ExcelOnlineBackend:
    """The plan's workbook laid out and synced once (`synced_excel`)."""
    return synced_excel(sheet_sync, graph, book, waits)
