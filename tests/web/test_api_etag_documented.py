"""The OpenAPI document declares the headers the API answers with: `ETag` on every answer
that carries a revision (the tag `If-Match` is told to send back), and `Retry-After` on a 429.
A client generated from the document had no way to read the tag it was to send back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import KEY

Auth = Callable[[str], dict[str, str]]


def _answer(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    operation = spec["paths"][path][method]
    answered = next(status for status in operation["responses"] if status.startswith("2"))
    return dict(operation["responses"][answered])


@pytest.mark.parametrize(
    ("method", "address", "body", "documented", "status"),
    [
        ("get", f"/api/plans/{KEY}/draft/measures/1.3.1", None,
         "/api/plans/{key}/draft/measures/{ref}", 200),
        ("get", f"/api/plans/{KEY}/draft/areas/2", None, "/api/plans/{key}/draft/areas/{number}",
         200),
        ("put", f"/api/plans/{KEY}/areas/2", {"title": "Ny tittel"},
         "/api/plans/{key}/areas/{number}", 200),
        ("post", f"/api/plans/{KEY}/areas", {"number": "9", "title": "Nytt område"},
         "/api/plans/{key}/areas", 201),
        ("post", f"/api/plans/{KEY}/measures/1.3.1/status", {"colour": "gul"},
         "/api/plans/{key}/measures/{ref}/status", 200),
    ],
)  # fmt: skip
def test_an_answer_with_an_etag_is_documented_with_it(
    client: FlaskClient,
    auth: Auth,
    method: str,
    address: str,
    body: dict[str, str] | None,
    documented: str,
    status: int,
) -> None:
    answer = getattr(client, method)(address, json=body, headers=auth("editor"))
    assert answer.status_code == status, answer.json
    assert answer.headers["ETag"].startswith('"')
    spec = client.get("/api/openapi.json").json
    assert sorted(_answer(spec, documented, method).get("headers", {})) == ["ETag"]


def test_every_operation_taking_if_match_documents_the_etag_it_answers_with(
    client: FlaskClient,
) -> None:
    spec = client.get("/api/openapi.json").json
    taking = [
        (path, method)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if any(p.get("name") == "If-Match" for p in operation.get("parameters", []))
    ]
    assert len(taking) == 13
    assert [
        (path, method)
        for path, method in taking
        if "ETag" not in _answer(spec, path, method).get("headers", {})
    ] == []


def test_an_answer_without_an_etag_documents_none(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    assert "headers" not in _answer(spec, "/api/plans", "post")
    assert "headers" not in _answer(spec, "/api/plans/{key}/history", "get")


def test_a_refusal_for_too_many_requests_documents_when_to_try_again(
    client: FlaskClient,
) -> None:
    spec = client.get("/api/openapi.json").json
    refusal = spec["paths"]["/api/plans/{key}/history"]["get"]["responses"]["429"]
    assert refusal["headers"] == {
        "Retry-After": {
            "description": "Antall sekunder å vente før neste forespørsel.",
            "schema": {"type": "integer", "minimum": 1},
        }
    }
