"""The public sees only the adopted version (web)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from pytest_bdd import scenarios, then, when

from domain.demo import DEMO_PLAN

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
