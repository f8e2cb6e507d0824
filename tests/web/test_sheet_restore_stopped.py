"""The dashboard after a restore that stopped once it had kept the damaged tab's unsynced
edits: what stopped it, what was kept, and to press the button again."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from sync.backend import BackendError
from sync.cycle import SheetSync
from sync.loop import SyncLoop
from sync.memory_backend import InMemorySheetBackend
from tests.web.conftest import KEY
from tests.web.test_audit_pages import csrf_from, log_in
from tests.web.test_sheet_restore import NOTICE, RESTORE

CAUSE = "Microsoft Graph svarte med feil 503 (serviceNotAvailable)."


class Unreachable(InMemorySheetBackend):
    def relocate(self, title: str) -> str:
        raise BackendError(
            CAUSE, "Ingenting halvgjort er lagret; neste synkronisering prøver igjen."
        )


def test_a_stopped_restore_tells_what_was_kept_and_to_press_the_button_again(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens: dict[str, str]
) -> None:
    sheet = Unreachable("arket")
    services = web.extensions["planlogg"]
    loop = SyncLoop(SheetSync(demo_app, services.read_models), lambda key: sheet, KEY)
    loop.run_once()
    services.sync = loop
    sheet.user_edit({(2, "Tiltak"): "Skrive om i arket"})
    log_in(client, tokens["editor"])
    board = f"/planer/{KEY}/dashbord"
    answer = client.post(RESTORE, data={"csrf_token": csrf_from(client, board)})
    assert answer.headers["Location"] == f"{board}?feil=ikke-lagt-ut"
    assert NOTICE.findall(client.get(answer.headers["Location"]).text) == [
        f"Planlogg stoppet før planen var lagt ut på nytt: {CAUSE} 1 endring fra den "
        "skadde fanen som ikke var synkronisert, er tatt vare på som konflikt. Trykk «Legg "
        "planen ut på nytt i regnearket» igjen; det som alt er tatt vare på, blir ikke tatt "
        "vare på to ganger."
    ]
