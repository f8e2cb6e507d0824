"""The comparison of adopted versions of a plan that does not exist (a key mistyped or a
plan's old key) is not found (404, "no such plan"), as the API and the auditors' other pages
of a plan say; it is not refused as if the plan were there without such a version (422)."""

from __future__ import annotations

from flask.testing import FlaskClient
from markupsafe import escape

from domain.plan import no_such_plan
from tests.web.test_audit_pages import log_in


def test_comparing_versions_of_a_plan_that_does_not_exist_is_not_found(
    client: FlaskClient, tokens: dict[str, str]
) -> None:
    log_in(client, tokens["auditor"])
    answer = client.get("/revisjon/finst-ikkje/endringer?a=1&b=2")
    assert answer.status_code == 404
    assert escape(no_such_plan("finst-ikkje")) in answer.text
