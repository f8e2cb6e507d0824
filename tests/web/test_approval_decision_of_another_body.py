"""The approval API compared the decision and the case by number and year only. Case
numbers repeat across bodies (each body numbers its own cases), so ASU's approval under
"sak 12/25" citing PSU's "PSU sak 12/25" is the very case the check names ("the case of
another body's approval") and it was accepted, filed under PSU's decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.plan import plan_id
from tests.web.test_flow_approval_cases import KEY, SECRETARIAT, submitted  # noqa: F401


@pytest.mark.parametrize("case", ["sak 12/25", "ASU sak 12/25"])
def test_an_api_approval_citing_another_bodys_decision_of_the_same_number_is_refused(
    submitted: Flask,  # noqa: F811
    demo_app: Planlogg,
    client: FlaskClient,
    auth: Callable[[str], dict[str, str]],
    case: str,
) -> None:
    demo_app.record_decision(
        "st-olavs", "sak 12/25", "PSU", date(2025, 3, 20), "PSU vedtar planen.", SECRETARIAT,
        plan=KEY,
    )  # fmt: skip
    submitted.extensions["planlogg"].read_models.read_your_writes()
    before = len(list(demo_app.events_of(plan_id(KEY))))
    approval = {"version": 2, "body": "ASU", "case": case, "meeting_date": "2025-03-13"}

    refused = client.post(
        f"/api/plans/{KEY}/approvals",
        json={**approval, "decision": "PSU sak 12/25"},
        headers=auth("approver"),
    )

    assert refused.status_code == 422, refused.json
    assert "decision" in refused.json["error"]["fields"]
    assert len(list(demo_app.events_of(plan_id(KEY)))) == before
