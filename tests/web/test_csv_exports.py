"""Every CSV the project writes opens as text in a spreadsheet; the JSON stays exact.

The history below is made by someone whose name, reason and typed text are
formulas (a workbook's "last modified by" is whatever the editor set). Each
entry that writes CSV — the auditors' download, the API export and
`planlogg history --csv` — must write them with a leading apostrophe, on
SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.projections.history_csv import history_rows
from tests.web.test_audit_pages import log_in
from web import create_app
from web.cli import cli, read_commands
from web.tokens import InMemoryTokenStore, Role, create_token

if "history" not in cli.commands:
    read_commands.register(cli)

KEY = "formel-plan"
ACTOR = '=HYPERLINK("http://127.0.0.1/x","klikk")'
REASON = "+1+1"
TEXT = "@SUM(1)"
NEUTRALISED = {"actor": "'" + ACTOR, "reason": "'" + REASON, "after": "'" + TEXT}
EXACT = {"actor": ACTOR, "reason": REASON, "after": TEXT}


@pytest.fixture
def planned(app: Planlogg) -> Planlogg:
    by = Provenance(ACTOR, Source.SHEET, reason=REASON)
    app.create_plan(KEY, "Plan", "hf", 2025, 2026, by)
    app.add_area(KEY, "1", "Område", by)
    app.add_goal(KEY, "1.1", "Mål", by)
    app.add_measure(KEY, "1.1.1", "Tiltak", by)
    measure = app.measure_id(app.get_plan(KEY), "1.1.1")
    app.reword_measure(KEY, measure, TEXT, by)
    return app


@pytest.fixture
def client_and_token(planned: Planlogg, database_url: str) -> Iterator[tuple[FlaskClient, str]]:
    tokens = InMemoryTokenStore()
    token = create_token(tokens, "Rita", Role.AUDITOR)[0]
    web = create_app(
        {"DATABASE_URL": database_url, "SECRET_KEY": "k", "TESTING": True},
        app=planned,
        tokens=tokens,
    )
    web.extensions["planlogg"].read_models.read_your_writes()
    yield web.test_client(), token


def the_reword(text: str) -> dict[str, str]:
    rows = [r for r in history_rows(text) if r["before"] == "Tiltak"]
    assert len(rows) == 1, rows
    return {name: rows[0][name] for name in NEUTRALISED}


def test_the_auditors_download_writes_formulas_as_text(client_and_token) -> None:
    client, token = client_and_token
    log_in(client, token)
    response = client.get(f"/revisjon/logg.csv?plan={KEY}")
    assert response.status_code == 200
    assert the_reword(response.get_data(as_text=True)) == NEUTRALISED


def test_the_api_export_writes_formulas_as_text_and_json_exactly(client_and_token) -> None:
    client, token = client_and_token
    headers = {"Authorization": f"Bearer {token}"}
    response = client.get(f"/api/plans/{KEY}/history/export?format=csv", headers=headers)
    assert response.status_code == 200
    assert the_reword(response.get_data(as_text=True)) == NEUTRALISED
    as_json = client.get(f"/api/plans/{KEY}/history/export?format=json", headers=headers).json
    reword = [r for r in as_json if r["before"] == "Tiltak"]
    assert [{name: r[name] for name in EXACT} for r in reword] == [EXACT]


def test_history_csv_on_the_command_line_writes_formulas_as_text(
    planned: Planlogg, database_url: str
) -> None:
    result = CliRunner().invoke(cli, ["--database-url", database_url, "history", KEY, "--csv"])
    assert result.exit_code == 0, result.output
    assert the_reword(result.output) == NEUTRALISED
