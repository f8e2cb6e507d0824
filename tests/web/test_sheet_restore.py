"""The dashboard's button that lays a damaged sheet out again (editors only, with CSRF)."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from sync.cycle import SheetSync
from sync.lock import sync_lock
from sync.loop import SyncLoop
from sync.memory_backend import InMemorySheetBackend
from tests.web.conftest import KEY
from tests.web.test_audit_pages import csrf_from, log_in

RESTORE = f"/planer/{KEY}/dashbord/gjenopprett-ark"


def _synced(web: Flask, demo_app: Planlogg) -> InMemorySheetBackend:
    """The server's sync loop on an in-memory sheet, synced once, then damaged by a person
    who typed into a measure and deleted every other row."""
    sheet = InMemorySheetBackend("arket")
    services = web.extensions["planlogg"]
    loop = SyncLoop(SheetSync(demo_app, services.read_models), lambda key: sheet, KEY)
    loop.run_once()
    services.sync = loop
    text = sheet.grid[0].index("Tiltak")
    sheet.user_edit({(2, "Tiltak"): "Skrive om i arket"})
    sheet.delete_rows(*range(3, len(sheet.grid) + 1))
    assert sheet.grid[1][text] == "Skrive om i arket"
    return sheet


def test_an_editor_restores_the_sheet_and_keeps_the_unsynced_edit(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str]
) -> None:
    sheet = _synced(web, demo_app)
    first_id = sheet.grid[1][0]
    log_in(client, tokens["editor"])
    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)
    assert "Legg planen ut på nytt i regnearket" in page
    answer = client.post(RESTORE, data={"csrf_token": csrf_from(client, f"/planer/{KEY}/dashbord")})
    assert answer.status_code == 302
    shown = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert (
        "1 endring fra den skadde fanen som ikke var synkronisert, er tatt vare på som konflikt."
    ) in shown
    [conflict] = demo_app.get_plan(KEY).measure(first_id).conflicts
    assert conflict.lost == "Skrive om i arket"
    active = demo_app.get_plan(KEY).active_measures()
    assert len(sheet.grid) == 1 + len(active)
    assert len(sheet.tabs["arket"]) == 2


def test_the_button_needs_an_editor_and_the_csrf_token(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str]
) -> None:
    sheet = _synced(web, demo_app)
    log_in(client, tokens["auditor"])
    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)
    assert "Legg planen ut på nytt i regnearket" not in page
    token = csrf_from(client, f"/planer/{KEY}/dashbord")
    assert client.post(RESTORE, data={"csrf_token": token}).status_code == 403
    log_in(client, tokens["editor"])
    assert client.post(RESTORE).status_code == 400
    assert "arket" not in sheet.tabs


RESTORED = {
    "nb": "Planen er lagt ut på nytt i fanen «{tab}» i «arket». 1 endring fra den skadde fanen "
    "som ikke var synkronisert, er tatt vare på som konflikt.",
    "nn": "Planen er lagd ut på nytt i fana «{tab}» i «arket». 1 endring frå den skadde fana "
    "som ikkje var synkronisert, er teken vare på som konflikt.",
}
"""The new tab (`{tab}`, the plan key and the day) in the spreadsheet, and what was kept."""
REFUSED = {
    "nb": "Planen ble ikke lagt ut på nytt, og ingenting er tatt vare på: En annen "
    "synkronisering av «arket» kjører allerede. Trykk «Legg planen ut på nytt i regnearket» "
    "igjen.",
    "nn": "Planen blei ikkje lagd ut på nytt, og ingenting er teke vare på: Ei anna "
    "synkronisering av «arket» køyrer alt. Trykk «Legg planen ut på nytt i reknearket» igjen.",
}
"""The refusal and its reason, both in the reader's målform."""
NOTICE = re.compile(r'<p class="notice" role="(?:status|alert)">(.*?)</p>')


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_page_after_a_restore_tells_what_the_restore_did_once(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str], målform: str
) -> None:
    sheet = _synced(web, demo_app)
    log_in(client, tokens["editor"])
    board = f"/planer/{KEY}/dashbord"
    answer = client.post(RESTORE, data={"csrf_token": csrf_from(client, f"{board}?lang={målform}")})
    assert answer.headers["Location"] == f"{board}?ark=gjenopprettet"
    assert sheet.title.startswith(f"{KEY} ")
    restored = RESTORED[målform].format(tab=sheet.title)
    assert NOTICE.findall(client.get(answer.headers["Location"]).text) == [restored]
    assert NOTICE.findall(client.get(answer.headers["Location"]).text) == []


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_refused_restore_tells_why_in_the_readers_målform(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str], målform: str
) -> None:
    sheet = _synced(web, demo_app)
    log_in(client, tokens["editor"])
    board = f"/planer/{KEY}/dashbord"
    token = csrf_from(client, f"{board}?lang={målform}")
    with sync_lock(demo_app, sheet.target):
        answer = client.post(RESTORE, data={"csrf_token": token})
    assert answer.headers["Location"] == f"{board}?feil=ikke-lagt-ut"
    assert NOTICE.findall(client.get(answer.headers["Location"]).text) == [REFUSED[målform]]


@pytest.mark.parametrize(
    "query",
    [
        "feil=Planen+er+sperret.+Ring+99+99+99+99",
        "feil=ikke-lagt-ut",
        "ark=gjenopprettet&fane=Ring+99+99+99+99&bevart=7&uten_id=3",
    ],
)
def test_an_address_cannot_make_the_dashboard_tell_of_a_restore(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str], query: str
) -> None:
    """Only a restore this session made is told; the address names the outcome, nothing more."""
    _synced(web, demo_app)
    log_in(client, tokens["editor"])
    page = client.get(f"/planer/{KEY}/dashbord?{query}")
    assert page.status_code == 200
    assert NOTICE.findall(page.text) == []
    assert "Ring 99" not in page.text
