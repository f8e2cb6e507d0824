"""A goal the plan does not have is not found (404, «Mål 9.9 finnes ikke.»), whether it is
read, reworded or removed, as an area is (`Plan.area`, `Plan.goal`): changing one answered
422 «Målet 9.9 finnes ikke i planen. Legg til målet først.», a refusal of the words sent,
with advice that does not fit a goal someone has just removed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import KEY

GOAL = f"/api/plans/{KEY}/goals/9.9"


@pytest.mark.parametrize(("method", "body"), [("put", {"text": "Nytt"}), ("delete", {})],
                         ids=["reword", "remove"])  # fmt: skip
def test_changing_a_goal_the_plan_does_not_have_is_not_found(
    client: FlaskClient, auth: Callable[[str], dict[str, str]], method: str, body: dict
) -> None:
    response = client.open(GOAL, method=method.upper(), json=body, headers=auth("editor"))
    assert (response.status_code, response.json["error"]["message"]) == (
        404,
        "Mål 9.9 finnes ikke.",
    ), response.json
