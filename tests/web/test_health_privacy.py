"""/healthz tells anyone the state and the counts; error texts only to a logged-in user.

A refused sheet's message can quote the sheet, and a database error names the host
and user: here an unadopted draft typed over a header, which the refusal names.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from openpyxl import load_workbook

from domain.demo import DEMO_PLAN
from sync.layout import SyncRefused
from tests.web.closing import close_services
from tests.web.signed_in import person_with, signed_in
from tests.web.test_audit_pages import log_in
from web.cli.serve_commands import Server, build_server
from web.tokens import Role, create_token

SECRET = "Utkast: legg ned fødeavdelinga"


class Refused(NamedTuple):
    server: Server
    message: str


@pytest.fixture
def refused(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Refused]:
    """A server whose last sync was refused with a message that quotes the sheet."""
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PLANLOGG_SPREADSHEET_ID", raising=False)
    server = build_server(database_url, demo=True, config={"SECRET_KEY": "k", "TESTING": True})
    server.sync.run_once()
    server.sync.run_once()
    workbook = tmp_path / "handlingsplan.xlsx"
    book = load_workbook(workbook)
    book[DEMO_PLAN]["E1"] = SECRET
    book.save(workbook)
    with pytest.raises(SyncRefused, match="«Tiltak»") as refusal:
        server.sync.run_once()
    yield Refused(server, str(refusal.value))
    close_services(server.web)


def test_the_public_answer_says_state_and_counts_only(refused: Refused) -> None:
    response = refused.server.web.test_client().get("/healthz")
    assert response.status_code == 200
    assert refused.message not in response.get_data(as_text=True)
    assert "Tiltak" not in response.get_data(as_text=True)
    sync = response.json["sync"]
    assert sync["state"] == "error"
    assert set(sync) == {"plan", "state", "last_cycle_at", "counts"}
    assert sync["counts"] == {
        "applied": 0, "conflicts": 0, "rejected": 0, "rows_read": 52, "skipped": 0, "written": 0,
    }  # fmt: skip
    assert set(response.json["database"]) == {"ok", "position"}


def test_a_logged_in_user_sees_the_message(refused: Refused, database_url: str) -> None:
    store = refused.server.web.extensions["planlogg"].tokens
    token = create_token(store, "Rita", Role.AUDITOR)[0]
    client = refused.server.web.test_client()
    log_in(client, token)
    sync = client.get("/healthz").json["sync"]
    assert sync["state"] == "error"
    assert sync["last_error"] == refused.message


def test_a_person_without_a_role_sees_only_the_public_answer(refused: Refused) -> None:
    """Anyone the identity provider knows (with ID-porten: anyone in Norway) is recorded at
    the first sign-in, without a role; a refused sync can quote an unadopted draft."""
    client = signed_in(refused.server.web, person_with(refused.server.app, None))
    sync = client.get("/healthz").json["sync"]
    assert sync["state"] == "error"
    assert set(sync) == {"plan", "state", "last_cycle_at", "counts"}
