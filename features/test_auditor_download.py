"""An auditor downloads the history of one measure (web)."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, scenarios, then, when

from domain.demo import DEMO_PLAN
from tests.projections.history_csv import history_rows
from web.tokens import create_token

scenarios("auditor_download.feature")


@given("an auditor logged in with an auditor token", target_fixture="auditor")
def auditor(web: Flask) -> FlaskClient:
    token, _ = create_token(web.extensions["planlogg"].tokens, "Revisor Rita", "auditor")
    client = web.test_client()
    form = client.get("/logg-inn").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)[1]
    client.post("/logg-inn", data={"token": token, "csrf_token": csrf})
    return client


@when(
    "the auditor filters the history on measure 0.1.2 and downloads it as CSV",
    target_fixture="download",
)
def filter_and_download(auditor: FlaskClient) -> dict[str, Any]:
    query = f"plan={DEMO_PLAN}&measure=0.1.2"
    page = auditor.get(f"/revisjon/?{query}").get_data(as_text=True)
    counted = int(re.search(r"(\d+) endringer passer filteret", page)[1])
    response = auditor.get(f"/revisjon/logg.csv?{query}")
    assert response.status_code == 200
    rows = history_rows(response.get_data(as_text=True))
    return {"counted": counted, "rows": rows}


@then("the CSV holds exactly the rows the page counted")
def exact(download: dict[str, Any]) -> None:
    assert len(download["rows"]) == download["counted"] == 5


@then("every row is about measure 0.1.2")
def one_measure(download: dict[str, Any]) -> None:
    assert {r["measure_number"] for r in download["rows"]} == {"0.1.2"}


@then("the rows tell who changed the text, from where and under which decision")
def who_where_why(download: dict[str, Any]) -> None:
    text_changes = [r for r in download["rows"] if r["field"] == "tekst" and r["before"]]
    assert len(text_changes) == 1, download["rows"]
    last = text_changes[-1]
    assert (last["actor"], last["source"], last["decision"]) == (
        "Sekretariatet", "kommandolinje", "ASU sak 40/24",
    )  # fmt: skip
    assert last["after"] == "Utarbeide årshjul for 2025 med faste rapporteringspunkt."
