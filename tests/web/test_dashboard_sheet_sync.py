"""The dashboard says when the plan was last synced with its sheet, names (and links) the
sheet, and says what is wrong when the last cycle failed or the sync has stopped reporting.
A plan this server does not sync shows nothing of it. On SQLite and PostgreSQL: the sheet
is named once the store holds the plan's link to it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.people import person_id
from domain.provenance import Provenance, Source
from domain.sheet_place import SheetPlace
from language import Målform
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.loop import SyncLoop, workbook_backend
from sync.memory_backend import InMemorySheetBackend
from sync.place import google_place, synced_place
from tests.web.signed_in import ISSUER, person_with, signed_in, web_on
from web.cli.serve_commands import build_server
from web.roles import Role

SYNCED = datetime(2026, 12, 7, 18, 30, tzinfo=UTC)
LINE: dict[Målform, str] = {
    "nb": "Sist synkronisert med regnearket «handlingsplan.xlsx»: 07.12.2026 19:30 norsk tid.",
    "nn": "Sist synkronisert med reknearket «handlingsplan.xlsx»: 07.12.2026 19:30 norsk tid.",
}


@pytest.fixture
def demo(database_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(database_url)
    load_demo(app)
    yield app
    app.close()


def synced_with_workbook(app: Planlogg, path: Path) -> Flask:
    """The web app with this server's sync loop on the workbook `path`, run once, its last
    good cycle set to SYNCED; reminders and the dashboard name the sheet as `serve` does."""
    web = web_on(app, "2026-12-07")
    services = web.extensions["planlogg"]
    loop = SyncLoop(SheetSync(app, services.read_models), workbook_backend(path), DEMO_PLAN)
    loop.run_once()
    loop.last_synced_at = SYNCED
    services.sync = loop
    services.sheet_place = partial(synced_place, app, environ={"PLANLOGG_WORKBOOK": str(path)})
    return web


def shown(web: Flask, app: Planlogg) -> str:
    editor = person_id(ISSUER, "editor")
    if editor not in app.repository:
        person_with(app, Role.EDITOR)
    client = signed_in(web, editor)
    answer = client.get(f"/planer/{DEMO_PLAN}/dashbord")
    assert answer.status_code == 200
    return answer.get_data(as_text=True)


def sync_line(page: str) -> str:
    found = re.search(r'<p class="sheet-sync">(.*?)</p>', page, re.S)
    assert found, "no sync line"
    return re.sub(r"<[^>]+>", "", found[1]).strip()


def alert(page: str) -> str:
    found = re.search(r'<p class="sheet-sync">.*?</p>\s*<p class="notice" role="alert">(.*?)</p>',
                      page, re.S)  # fmt: skip
    return found[1].strip() if found else ""


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_dashboard_says_when_the_workbook_was_last_synced(
    målform: Målform, demo: Planlogg, tmp_path: Path
) -> None:
    if målform == "nn":
        demo.choose_community_language(DEMO_COMMUNITY, "nn", Provenance("Sek", Source.CLI))
    web = synced_with_workbook(demo, tmp_path / "mappe" / "handlingsplan.xlsx")
    page = shown(web, demo)
    assert sync_line(page) == LINE[målform]
    assert alert(page) == ""
    assert "mappe" not in page


def test_a_google_spreadsheet_is_linked(demo: Planlogg) -> None:
    web = web_on(demo, "2026-12-07")
    services = web.extensions["planlogg"]
    sheet = InMemorySheetBackend("arket")
    loop = SyncLoop(SheetSync(demo, services.read_models), lambda key: sheet, DEMO_PLAN)
    loop.run_once()
    loop.last_synced_at = SYNCED
    services.sync = loop
    services.sheet_place = lambda key: google_place("1AbC")
    page = shown(web, demo)
    assert sync_line(page) == "Sist synkronisert med regnearket: 07.12.2026 19:30 norsk tid."
    assert '<a href="https://docs.google.com/spreadsheets/d/1AbC/edit">regnearket</a>' in page


def test_a_failed_cycle_is_shown_with_the_last_good_one(demo: Planlogg, tmp_path: Path) -> None:
    web = synced_with_workbook(demo, tmp_path / "handlingsplan.xlsx")
    loop = web.extensions["planlogg"].sync

    def gone(key: str) -> Any:
        raise BackendError("Fant ikke regnearket.", "Neste runde prøver igjen.")

    loop._backend = None
    loop.backend_factory = gone
    with pytest.raises(BackendError):
        loop.run_once()
    page = shown(web, demo)
    assert sync_line(page) == LINE["nb"]
    assert alert(page) == (
        "Siste synkronisering feilet: Fant ikke regnearket. Neste runde prøver igjen."
    )


def test_a_failure_of_the_servers_own_is_said_without_its_words(
    demo: Planlogg, tmp_path: Path
) -> None:
    """An OS error names a folder on the server: the page says where its words are instead."""
    web = synced_with_workbook(demo, tmp_path / "handlingsplan.xlsx")
    loop = web.extensions["planlogg"].sync

    def refused(key: str) -> Any:
        raise FileExistsError(17, "File exists", "/var/lib/planlogg/hemmelig/fil")

    loop._backend = None
    loop.backend_factory = refused
    with pytest.raises(FileExistsError):
        loop.run_once()
    page = shown(web, demo)
    assert alert(page) == "Siste synkronisering feilet: Feilen står i tjenerens logg."
    assert "hemmelig" not in page


class Silent:
    """Heartbeats whose sync has not reported since 19:00 (as `Heartbeats.late` words it)."""

    def late(self, name: str) -> str | None:
        if name != "sync":
            return None
        return (
            "Synkroniseringen med regnearket har ikke meldt seg siden 07.12.2026 19:00 norsk "
            "tid og står trolig fast."
        )


def test_a_sync_that_has_stopped_reporting_is_shown(demo: Planlogg, tmp_path: Path) -> None:
    web = synced_with_workbook(demo, tmp_path / "handlingsplan.xlsx")
    web.extensions["planlogg"].background["heartbeats"] = Silent()
    assert alert(shown(web, demo)) == (
        "Synkroniseringen med regnearket har ikke meldt seg siden 07.12.2026 19:00 norsk tid "
        "og står trolig fast."
    )


def test_a_sync_not_run_yet_says_so(demo: Planlogg, tmp_path: Path) -> None:
    web = web_on(demo, "2026-12-07")
    services = web.extensions["planlogg"]
    path = tmp_path / "handlingsplan.xlsx"
    services.sync = SyncLoop(
        SheetSync(demo, services.read_models), workbook_backend(path), DEMO_PLAN
    )
    services.sheet_place = partial(synced_place, demo, environ={"PLANLOGG_WORKBOOK": str(path)})
    assert sync_line(shown(web, demo)) == "Ikke synkronisert med regnearket ennå."


def test_without_a_sync_of_the_plan_the_dashboard_says_nothing_of_it(
    demo: Planlogg, tmp_path: Path
) -> None:
    web = web_on(demo, "2026-12-07")
    page = shown(web, demo)
    assert 'class="sheet-sync"' not in page
    assert "synkronisert" not in page
    other = synced_with_workbook(demo, tmp_path / "handlingsplan.xlsx")
    other.extensions["planlogg"].sync.plan_key = "en-annen-plan"
    assert 'class="sheet-sync"' not in shown(other, demo)


def test_serve_names_the_workbook_it_syncs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `planlogg serve` composes it: its sync loop on the data folder's workbook, and the
    dashboard (and the reminders) naming that workbook once a cycle has run."""
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    server = build_server(f"sqlite:///{tmp_path / 'p.sqlite'}", plan_key=DEMO_PLAN)
    try:
        services = server.web.extensions["planlogg"]
        assert services.sheet_place(DEMO_PLAN) is None
        server.sync.run_once()
        services.read_models.read_your_writes()
        assert services.sheet_place(DEMO_PLAN) == SheetPlace(name="handlingsplan.xlsx")
        line = sync_line(shown(server.web, server.app))
        assert line.startswith("Sist synkronisert med regnearket «handlingsplan.xlsx»: ")
    finally:
        server.shutdown()
