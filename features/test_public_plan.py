"""The public sees only the adopted version (web)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pytest_bdd import given, scenarios, then, when

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.provenance import Provenance, Source
from tests.web.closing import close_services
from web.cli.serve_commands import build_server

scenarios("public_plan.feature")

REVISED = "Utarbeide årshjul for 2025"


@when("a visitor opens the public plan page and the public API", target_fixture="seen")
def visit(web: Flask) -> dict[str, Any]:
    client = web.test_client()
    return {
        "page": client.get(f"/planer/{DEMO_PLAN}").get_data(as_text=True),
        "api": client.get(f"/api/plans/{DEMO_PLAN}/adopted").json,
        "raw": client.get(f"/api/plans/{DEMO_PLAN}/adopted").get_data(as_text=True),
    }


@then("both show version 1 as adopted by ASU and PSU")
def adopted_by(seen: dict[str, Any]) -> None:
    assert seen["api"]["version"] == 1
    assert {a["body"] for a in seen["api"]["approvals"]} == {"ASU", "PSU"}
    assert "Vedtatt versjon 1, gjeldende." in seen["page"]
    assert "<li>ASU sak 12/22, møte 10.03.2022</li>" in seen["page"]
    assert "<li>PSU sak 05/22, møte 24.03.2022</li>" in seen["page"]


@then("measure 0.1.2 reads as adopted")
def as_adopted(seen: dict[str, Any]) -> None:
    measures = [m for a in seen["api"]["areas"] for g in a["goals"] for m in g["measures"]]
    text = next(m["text"] for m in measures if m["number"] == "0.1.2")
    assert text == "Utarbeide årshjul."


@then("the revised text of measure 0.1.2 appears nowhere")
def nowhere(seen: dict[str, Any]) -> None:
    assert REVISED not in seen["page"]
    assert REVISED not in seen["raw"]


@given("a visitor has the public plan page open", target_fixture="visitor")
def page_open(web: Flask) -> FlaskClient:
    client = web.test_client()
    page = client.get(f"/planer/{DEMO_PLAN}").get_data(as_text=True)
    row = page.split('<tr id="tiltak-1.2.1">', 1)[1].split("</tr>", 1)[0]
    assert "light-red" not in row and "04.09.2024" not in row
    return client


@when("the secretariat reports measure 1.2.1 red on 4 September 2024")
def report_red(web: Flask, memory_app: Planlogg) -> None:
    by = Provenance("Sekretariatet", Source.CLI, reason="Statusrapport")
    memory_app.report_status(DEMO_PLAN, "1.2.1", "raud", "Stoppa opp", by,
                             reported_on=date(2024, 9, 4))  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()


@then("the visitor's next look shows measure 1.2.1 red, reported 04.09.2024",
      target_fixture="seen")  # fmt: skip
def red_row(visitor: FlaskClient) -> dict[str, Any]:
    page = visitor.get(f"/planer/{DEMO_PLAN}").get_data(as_text=True)
    row = page.split('<tr id="tiltak-1.2.1">', 1)[1].split("</tr>", 1)[0]
    assert 'class="light light-red"' in row and "04.09.2024" in row
    return {"page": page}


@then("the revised text of measure 0.1.2 is still nowhere on the page")
def still_nowhere(seen: dict[str, Any]) -> None:
    assert REVISED not in seen["page"]


@given("an empty data folder", target_fixture="folder")
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PLANLOGG_DATA_DIR", str(tmp_path))
    return tmp_path


@when(
    "Planlogg is started on it and a visitor at once opens the public plan page",
    target_fixture="first_page",
)
def first_page(folder: Path) -> tuple[int, str]:
    server = build_server(
        f"sqlite:///{folder / 'planlogg.sqlite'}",
        sync=False,
        config={"SECRET_KEY": "test", "TESTING": True},
    )
    try:
        answer = server.web.test_client().get(f"/planer/{DEMO_PLAN}")
        return answer.status_code, answer.get_data(as_text=True)
    finally:
        close_services(server.web)


@then("the page shows version 1 of the demo plan as adopted")
def demo_shown(first_page: tuple[int, str]) -> None:
    status, page = first_page
    assert status == 200
    assert "Vedtatt versjon 1, gjeldende." in page
