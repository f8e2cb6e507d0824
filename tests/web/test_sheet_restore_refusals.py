"""The dashboard's notice after the restore button names the unsynced edits the restore
could not keep (too long for any field), as `planlogg sync restore` does, in the reader's
målform, and the new tab the plan was laid out on."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.text import LONG_TEXT
from sync.cycle import SheetSync
from sync.loop import SyncLoop
from sync.memory_backend import InMemorySheetBackend
from tests.web.conftest import KEY
from tests.web.test_audit_pages import csrf_from, log_in
from tests.web.test_sheet_restore import NOTICE, RESTORE

BOARD = f"/planer/{KEY}/dashbord"
TOO_LONG = "x" * (LONG_TEXT + 1)
SAID = {
    "nb": "Planen er lagt ut på nytt i fanen «{tab}» i «arket». 1 endring fra den skadde fanen "
    "som ikke var synkronisert, er tatt vare på som konflikt. 1 endring kunne ikke tas vare "
    "på, og står igjen i den skadde fanen: Rad 2: Tiltak har for mange tegn: 10001, men høyst "
    "10000 er lov.",
    "nn": "Planen er lagd ut på nytt i fana «{tab}» i «arket». 1 endring frå den skadde fana "
    "som ikkje var synkronisert, er teken vare på som konflikt. 1 endring kunne ikkje takast "
    "vare på, og står att i den skadde fana: Rad 2: Tiltak har for mange teikn: 10001, men "
    "høgst 10000 er lov.",
}


def _synced(web: Flask, demo_app: Planlogg) -> InMemorySheetBackend:
    """The server's sync loop on an in-memory sheet, synced once."""
    sheet = InMemorySheetBackend("arket")
    services = web.extensions["planlogg"]
    loop = SyncLoop(SheetSync(demo_app, services.read_models), lambda key: sheet, KEY)
    loop.run_once()
    services.sync = loop
    return sheet


def _restored(client: FlaskClient, tokens: dict[str, str], målform: str = "nb") -> str:
    log_in(client, tokens["editor"])
    token = csrf_from(client, f"{BOARD}?lang={målform}")
    answer = client.post(RESTORE, data={"csrf_token": token})
    assert answer.headers["Location"] == f"{BOARD}?ark=gjenopprettet"
    [notice] = NOTICE.findall(client.get(answer.headers["Location"]).text)
    return str(notice)


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_notice_names_the_edit_the_restore_could_not_keep(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str], målform: str
) -> None:
    sheet = _synced(web, demo_app)
    sheet.user_edit({(2, "Tiltak"): TOO_LONG, (3, "Tiltak"): "Skrive om i arket"})

    notice = _restored(client, tokens, målform)

    assert sheet.title.startswith(f"{KEY} ")
    assert notice == SAID[målform].format(tab=sheet.title)


def test_the_notice_names_the_first_refusals_and_counts_the_rest(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str]
) -> None:
    """The note rides in the session cookie, which must stay small however many there are."""
    sheet = _synced(web, demo_app)
    sheet.user_edit({(row, "Tiltak"): TOO_LONG for row in range(2, 9)})

    notice = _restored(client, tokens)

    named = " ".join(
        f"Rad {row}: Tiltak har for mange tegn: 10001, men høyst 10000 er lov."
        for row in range(2, 7)
    )
    assert notice.endswith(
        "0 endringer fra den skadde fanen som ikke var synkronisert, er tatt vare på som "
        "konflikter. 7 endringer kunne ikke tas vare på, og står igjen i den skadde fanen: "
        f"{named} Og 2 til."
    )
